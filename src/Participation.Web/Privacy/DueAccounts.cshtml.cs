using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Accounts;
using Participation.Web.Shared;

namespace Participation.Web.Privacy;

public sealed record DueAccount(string Id, string Pseudonym, AgeBand? Band, string? RealName, string? Establishment, DateTimeOffset? LastUse, DateTimeOffset DeletionDay, bool Activated);

/// <summary>
/// The young people in one's care whose account will be deleted for want of use: most have no
/// e-mail, so the facilitators who follow them are the ones to tell them.
/// </summary>
[Authorize(Policy = Policies.ManageYoungMembers)]
public sealed class DueAccountsModel(YoungMembers young, AccountRetention retention, TimeProvider clock) : PageModel
{
    public const string Address = "/animation/jeunes/a-echeance";

    public IReadOnlyList<DueAccount> Rows { get; private set; } = [];

    /// <summary>For a facilitator, the establishments they follow; null for an administrator, who sees everyone.</summary>
    public IReadOnlyList<string>? Followed { get; private set; }

    public async Task OnGetAsync()
    {
        if (!User.IsInRole(Roles.Admin))
        {
            Followed = await young.FollowedByAsync(User.MemberId()!);
        }
        var year = clock.GetLocalNow().Year;
        var members = await young.InCareOf(User).Where(u => u.DeletionWarnedAt != null).Include(u => u.Establishment).AsNoTracking().ToListAsync();
        Rows = members
            .Select(m => new DueAccount(m.Id, m.Pseudonym, m.BirthYear is { } y ? AgeBands.ForBirthYear(y, year) : null, m.RealName, m.Establishment?.Name,
                m.LastSignInAt ?? m.ActivatedAt, retention.DeletionDay(m), m.PasswordHash is not null))
            .OrderBy(r => r.DeletionDay).ThenBy(r => r.Pseudonym)
            .ToList();
    }
}
