using System.Security.Claims;

namespace Participation.Web.Shared;

/// <summary>Who is signed in, read from the sign-in cookie: the pseudonym is there so the header never needs the real name.</summary>
public static class MemberClaims
{
    public const string PseudonymClaim = "pseudonym";

    public static string? MemberId(this ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string Pseudonym(this ClaimsPrincipal user) =>
        user.FindFirstValue(PseudonymClaim) ?? user.Identity?.Name ?? "";
}
