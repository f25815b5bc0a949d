using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Safeguarding;

/// <summary>
/// One case and its record: the text, where it came from, what caught it, who opened it first and
/// when, and each action with its time and reason. Opening the page is the first look.
/// </summary>
[Authorize(Policy = SafeguardingPolicies.Watch)]
public sealed class CaseModel(
    ParticipationDb db, UnseenCases unseen, IHubContext<CaseHub, ICaseClient> hub, IEnumerable<IHeldTextChannel> channels, TimeProvider clock) : FormPageModel
{
    public static readonly CaseActionKind[] Kinds =
        [CaseActionKind.ReferentContacted, CaseActionKind.CripReferral, CaseActionKind.EmergencyServices, CaseActionKind.FalseAlarm, CaseActionKind.Published, CaseActionKind.Note];

    [BindProperty] public CaseActionKind? Kind { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? NameReason { get; set; }

    public SafetyCase Case { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Pseudonyms { get; private set; } = new Dictionary<string, string>();
    public string? RealName { get; private set; }
    public bool AuthorHasRealName { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<RealNameView> NameViews { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Case.FirstSeenAt is null)
        {
            var now = clock.GetUtcNow();
            var me = Actor.From(User).MemberId!;
            // Only the first look is recorded as such, even when two moderators open it at once.
            var first = await db.SafetyCases.Where(c => c.Id == id && c.FirstSeenAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.FirstSeenAt, now).SetProperty(c => c.FirstSeenById, me));
            if (first == 1)
            {
                unseen.Changed();
                await hub.Clients.All.CaseSeen(id);
                Case.FirstSeenAt = now;
                Case.FirstSeenById = me;
                Pseudonyms = new Dictionary<string, string>(Pseudonyms) { [me] = User.Pseudonym() };
            }
            else
            {
                // Someone else looked first a moment ago: show who.
                await LoadAsync(id);
            }
        }
        Message = done switch
        {
            "action" => "L'action est enregistrée.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostActAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var reason = (Reason ?? "").Trim();
        if (Kind is not { } kind || !Kinds.Contains(kind))
        {
            AddError(nameof(Kind), "Choisissez ce qui a été fait.");
        }
        if (reason.Length == 0)
        {
            AddError(nameof(Reason), "Écrivez en une phrase pourquoi, ou ce qui a été dit.");
        }
        else if (reason.Length > CaseAction.ReasonMaxLength)
        {
            AddError(nameof(Reason), $"Le motif fait {reason.Length} caractères : {CaseAction.ReasonMaxLength} au plus.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (Kind == CaseActionKind.Published)
        {
            // A text held again since, by a newer case still open, is released by that case only.
            var newer = await db.SafetyCases.Where(c => c.Id != id && c.Channel == Case.Channel && c.SourceId == Case.SourceId && c.Status == CaseStatus.Open)
                .Select(c => (int?)c.Id).FirstOrDefaultAsync();
            if (newer is { } other)
            {
                AddError(nameof(Kind), $"Le cas n° {other}, encore ouvert, retient aussi ce message : c'est depuis ce cas qu'il peut être publié.");
                return Page();
            }
            var channel = channels.FirstOrDefault(c => c.Channel == Case.Channel);
            if (channel is null || !await channel.PublishAsync(Case.SourceId))
            {
                AddError(nameof(Kind), "Ce message ne peut plus être publié : il n'existe plus là où il a été écrit.");
                return Page();
            }
        }
        var now = clock.GetUtcNow();
        var tracked = await db.SafetyCases.SingleAsync(c => c.Id == id);
        db.CaseActions.Add(new CaseAction { CaseId = id, Kind = Kind!.Value, Reason = reason, ById = Actor.From(User).MemberId!, At = now });
        tracked.FirstActionAt ??= now;
        tracked.FirstSeenAt ??= now;
        if (Kind != CaseActionKind.Note && tracked.Status == CaseStatus.Open)
        {
            tracked.Status = CaseStatus.Closed;
            tracked.ClosedAt = now;
        }
        await db.SaveChangesAsync();
        unseen.Changed();
        return RedirectToPage(new { id, done = "action" });
    }

    /// <summary>The real name behind an account, for a referral: shown on this answer only, and each look is logged with why.</summary>
    public async Task<IActionResult> OnPostRevealNameAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var reason = (NameReason ?? "").Trim();
        if (reason.Length == 0)
        {
            AddError(nameof(NameReason), "Dites pourquoi vous avez besoin du nom réel : chaque consultation est enregistrée.");
            return Page();
        }
        if (Case.AuthorMemberId is null)
        {
            AddError(nameof(NameReason), "Ce message n'est relié à aucun compte : le site ne connaît pas de nom réel.");
            return Page();
        }
        db.RealNameViews.Add(new RealNameView { CaseId = id, ById = Actor.From(User).MemberId!, Reason = reason[..Math.Min(reason.Length, CaseAction.ReasonMaxLength)], At = clock.GetUtcNow() });
        await db.SaveChangesAsync();
        RealName = await db.Users.Where(u => u.Id == Case.AuthorMemberId).Select(u => u.RealName).SingleOrDefaultAsync() ?? "(aucun nom réel enregistré pour ce compte)";
        await LoadAsync(id);
        return Page();
    }

    public string Who(string? memberId) => memberId is not null && Pseudonyms.TryGetValue(memberId, out var pseudonym) ? pseudonym : "?";

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.SafetyCases.AsNoTracking().Include(c => c.Actions).SingleOrDefaultAsync(c => c.Id == id);
        if (found is null)
        {
            return false;
        }
        Case = found;
        NameViews = await db.RealNameViews.AsNoTracking().Where(v => v.CaseId == id).OrderBy(v => v.Id).ToListAsync();
        var people = found.Actions.Select(a => a.ById).Concat(NameViews.Select(v => v.ById)).Append(found.FirstSeenById).Append(found.AuthorMemberId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Pseudonym);
        foreach (var former in await db.FormerAccounts.Where(f => people.Contains(f.Id)).ToListAsync())
        {
            names.TryAdd(former.Id, former.Label);
        }
        Pseudonyms = names;
        AuthorHasRealName = found.AuthorMemberId is not null;
        return true;
    }

    public static string Minutes(TimeSpan wait) =>
        wait.TotalMinutes < 1 ? "moins d'une minute" : $"{Math.Round(wait.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min";
}
