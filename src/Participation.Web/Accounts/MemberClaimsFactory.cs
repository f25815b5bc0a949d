using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Participation.Web.Accounts;

/// <summary>Puts the pseudonym in the sign-in cookie so the header never needs the real name.</summary>
public sealed class MemberClaimsFactory(
    UserManager<Member> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Member, IdentityRole>(users, roles, options)
{
    public const string PseudonymClaim = "pseudonym";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Member user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PseudonymClaim, user.Pseudonym));
        return identity;
    }
}

public static class MemberClaims
{
    public static string? MemberId(this ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string Pseudonym(this ClaimsPrincipal user) =>
        user.FindFirstValue(MemberClaimsFactory.PseudonymClaim) ?? user.Identity?.Name ?? "";
}
