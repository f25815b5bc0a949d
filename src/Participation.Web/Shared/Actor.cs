using System.Security.Claims;

namespace Participation.Web.Shared;

/// <summary>Who is acting: a member under their pseudonym, staff under their role, or the site itself.</summary>
public sealed record Actor(string? MemberId, IReadOnlyList<string> Roles, string PublicLabel)
{
    public bool IsStaff => Roles.Any(Shared.Roles.Staff.Contains);

    public static Actor From(ClaimsPrincipal user)
    {
        var roles = Shared.Roles.All.Where(user.IsInRole).ToList();
        var staffRole = roles.LastOrDefault(Shared.Roles.Staff.Contains);
        // Staff act under their role, never their name; members under their pseudonym.
        var label = staffRole is not null ? Shared.Roles.Label(staffRole) : user.Pseudonym();
        return new Actor(user.MemberId(), roles, label);
    }

    public static Actor System(string label) => new(null, Shared.Roles.Staff, label);
}
