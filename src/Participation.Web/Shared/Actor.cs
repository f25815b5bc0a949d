using System.Security.Claims;
using Participation.Web.Accounts;

namespace Participation.Web.Shared;

/// <summary>Who is acting: a member under their pseudonym, staff under their role, or the site itself.</summary>
public sealed record Actor(string? MemberId, IReadOnlyList<string> Roles, string PublicLabel)
{
    public bool IsStaff => Roles.Any(r => r is Accounts.Roles.Moderator or Accounts.Roles.Facilitator or Accounts.Roles.Admin);

    public static Actor From(ClaimsPrincipal user)
    {
        var roles = Accounts.Roles.All.Where(user.IsInRole).ToList();
        var staffRole = roles.LastOrDefault(r => r is Accounts.Roles.Moderator or Accounts.Roles.Facilitator or Accounts.Roles.Admin);
        // Staff act under their role, never their name; members under their pseudonym.
        var label = staffRole is not null ? Accounts.Roles.Label(staffRole) : user.Pseudonym();
        return new Actor(user.MemberId(), roles, label);
    }

    public static Actor System(string label) => new(null, [Accounts.Roles.Admin, Accounts.Roles.Facilitator, Accounts.Roles.Moderator], label);
}
