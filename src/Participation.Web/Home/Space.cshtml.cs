using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Accounts;
using Participation.Web.Shared;

namespace Participation.Web.Home;

[Authorize]
public sealed class SpaceModel(UserManager<Member> users, TimeProvider clock) : PageModel
{
    public IReadOnlyList<RoleHome> Homes { get; private set; } = [];
    public AgeBand? AgeBand { get; private set; }

    public async Task OnGetAsync()
    {
        Homes = RoleHomes.For(User);
        var member = await users.GetUserAsync(User);
        if (member?.BirthYear is { } year)
        {
            AgeBand = AgeBands.ForBirthYear(year, clock.GetLocalNow().Year);
        }
    }
}
