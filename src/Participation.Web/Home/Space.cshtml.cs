using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Accounts;
using Participation.Web.Charter;
using Participation.Web.Shared;

namespace Participation.Web.Home;

[Authorize]
public sealed class SpaceModel(UserManager<Member> users, CharterVotes charter, TimeProvider clock) : PageModel
{
    public IReadOnlyList<RoleHome> Homes { get; private set; } = [];
    public AgeBand? AgeBand { get; private set; }

    /// <summary>A version of the charter at the vote, for those who vote on it or comment it.</summary>
    public CharterVersion? CharterAtVote { get; private set; }

    public async Task OnGetAsync()
    {
        Homes = RoleHomes.For(User);
        var member = await users.GetUserAsync(User);
        if (member?.BirthYear is { } year)
        {
            AgeBand = AgeBands.ForBirthYear(year, clock.GetLocalNow().Year);
        }
        if ((User.IsInRole(Roles.Young) || User.IsInRole(Roles.Professional) || User.IsInRole(Roles.Establishment))
            && await charter.InConsultationAsync() is { } version && version.VoteOpen(clock.GetUtcNow()))
        {
            CharterAtVote = version;
        }
    }
}
