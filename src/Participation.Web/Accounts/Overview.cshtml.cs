using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

public sealed record AccountRow(string Pseudonym, string? RealName, string? Email, string? Establishment);

public sealed record RoleGroup(string Role, IReadOnlyList<AccountRow> Members);

[Authorize(Policy = Policies.Administer)]
public sealed class OverviewModel(ParticipationDb db) : PageModel
{
    public IReadOnlyList<RoleGroup> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rows = await (
            from member in db.Users
            join link in db.UserRoles on member.Id equals link.UserId
            join role in db.Roles on link.RoleId equals role.Id
            orderby member.Pseudonym
            select new { Role = role.Name!, Row = new AccountRow(member.Pseudonym, member.RealName, member.Email, member.Establishment!.Name) })
            .ToListAsync();
        Groups = Roles.All
            .Select(role => new RoleGroup(role, rows.Where(r => r.Role == role).Select(r => r.Row).ToList()))
            .ToList();
    }
}
