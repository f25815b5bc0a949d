using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

/// <summary>Puts the pseudonym in the sign-in cookie so the header never needs the real name.</summary>
public sealed class MemberClaimsFactory(
    UserManager<Member> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Member, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Member user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(MemberClaims.PseudonymClaim, user.Pseudonym));
        return identity;
    }
}
