using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

public sealed record YoungMemberRow(string Id, string Pseudonym, AgeBand? Band, string? RealName, string? Establishment, bool Activated);

[Authorize(Policy = Policies.ManageYoungMembers)]
public sealed class YoungListModel(YoungMembers young, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tranche")] public AgeBand? Band { get; set; }

    public IReadOnlyList<YoungMemberRow> Rows { get; private set; } = [];

    /// <summary>For a facilitator, the establishments they follow; null for an administrator, who sees everyone.</summary>
    public IReadOnlyList<string>? Followed { get; private set; }

    public async Task OnGetAsync()
    {
        var year = clock.GetLocalNow().Year;
        if (!User.IsInRole(Roles.Admin))
        {
            Followed = await young.FollowedByAsync(User.MemberId()!);
        }
        var members = await young.InCareOf(User)
            .OrderBy(u => u.Pseudonym)
            .Select(u => new { u.Id, u.Pseudonym, u.BirthYear, u.RealName, Establishment = u.Establishment!.Name, Activated = u.PasswordHash != null })
            .ToListAsync();
        Rows = members
            .Select(m => new YoungMemberRow(m.Id, m.Pseudonym, m.BirthYear is { } y ? AgeBands.ForBirthYear(y, year) : null, m.RealName, m.Establishment, m.Activated))
            .Where(r => Band is null || r.Band == Band)
            .ToList();
    }
}
