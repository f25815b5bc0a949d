using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

[Authorize(Policy = ProposalPolicies.Triage)]
public sealed class TriageModel(ProposalQueries queries, ProposalService proposals, ParticipationDb db) : FormPageModel
{
    [BindProperty(SupportsGet = true, Name = "statut")] public string? StatusSlug { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>
    /// The page of results the address asks for. Read from the query string alone: « page » is also
    /// the route value naming the Razor page itself, which model binding would take instead.
    /// </summary>
    public int PageNumber => ResultPages.Requested(Request);
    [BindProperty] public List<int> Ids { get; set; } = [];
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public ProposalStatus Status { get; private set; }
    public ProposalPage Results { get; private set; } = null!;
    public IReadOnlyList<(ProposalStatus Status, int Count)> Counts { get; private set; } = [];
    /// <summary>For each proposal shown, the ones that likely say the same thing, to merge from its page.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<(int Id, string Title)>> Duplicates { get; private set; } = new Dictionary<int, IReadOnlyList<(int, string)>>();
    public IReadOnlyList<ProposalStatus> NextSteps { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(int? done)
    {
        await LoadAsync();
        if (done is > 0)
        {
            Message = $"{done} proposition{(done > 1 ? "s" : "")} mise{(done > 1 ? "s" : "")} à jour. Les auteur·rices sont prévenu·es.";
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var to = Lifecycle.FromSlug(To);
        if (to is null)
        {
            AddError(nameof(To), "Choisissez l'étape.");
        }
        else if (to is ProposalStatus.Done or ProposalStatus.Merged)
        {
            // Each needs its own text or its own target: they are done from the proposal's page.
            AddError(nameof(To), $"« {to.Value.Label()} » se fait depuis la page de chaque proposition.");
        }
        else
        {
            var result = await proposals.ChangeStatusAsync(Ids, to.Value, Reason, Actor.From(User));
            if (result.Succeeded)
            {
                return RedirectToPage(new { statut = StatusSlug, done = Ids.Count });
            }
            AddErrors(result.Errors);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Status = Lifecycle.FromSlug(StatusSlug) ?? ProposalStatus.Deposited;
        // A proposal held for safety is the moderators' alone: facilitators do not see it, even as a title.
        var hideHeld = !User.WatchesOverSafety();
        var counts = await db.Proposals.Where(p => !hideHeld || !p.HeldForSafety).GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Counts = Enum.GetValues<ProposalStatus>().Select(s => (s, counts.SingleOrDefault(c => c.Key == s)?.Count ?? 0)).ToList();
        Results = await queries.SearchAsync(new ProposalFilter(Query: Q, Status: Status, IncludeDeposited: true, HideHeld: hideHeld), PageNumber);
        Duplicates = await queries.LikelyDuplicatesAsync(Results.Rows, hideHeld);
        NextSteps = Lifecycle.NextSteps(Status, Actor.From(User).Roles).Where(s => s is not (ProposalStatus.Merged or ProposalStatus.Done)).ToList();
    }
}
