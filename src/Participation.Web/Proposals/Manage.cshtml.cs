using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Plan;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

[Authorize(Policy = ProposalPolicies.Triage)]
public sealed class ManageModel(ProposalQueries queries, ProposalService proposals) : FormPageModel
{
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Link { get; set; }
    [BindProperty] public int? PlanNodeId { get; set; }
    [BindProperty] public string? Answer { get; set; }
    [BindProperty] public string? TargetId { get; set; }
    [BindProperty] public string? MergeReason { get; set; }

    public ProposalDetail Proposal { get; private set; } = null!;
    public IReadOnlyList<ProposalStatus> NextSteps { get; private set; } = [];
    public IReadOnlyList<ActionChoice> Actions { get; private set; } = [];
    public bool CanMerge { get; private set; }
    public string? Message { get; private set; }

    /// <summary>For a proposal held for safety: the case it is dealt with in, instead of the steps.</summary>
    public int? SafetyCaseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Message = done switch
        {
            "etape" => "L'étape est enregistrée ; les auteur·rices sont prévenu·es.",
            "lien" => "Le lien avec le schéma est enregistré.",
            "reponse" => "La réponse est publiée.",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostStatusAsync(int id) => ActAsync(id, "etape", () =>
        Lifecycle.FromSlug(To) is { } to
            ? proposals.ChangeStatusAsync([id], to, Reason, Actor.From(User), Link)
            : Task.FromResult(ProposalResult.Fail("Reason", "Choisissez l'étape.")));

    public Task<IActionResult> OnPostLinkAsync(int id) => ActAsync(id, "lien", () =>
        PlanNodeId is { } node
            ? proposals.LinkAsync(id, node, Actor.From(User))
            : Task.FromResult(ProposalResult.Fail("PlanNodeId", "Choisissez une action du schéma.")));

    public Task<IActionResult> OnPostUnlinkAsync(int id) => ActAsync(id, "lien", () =>
        PlanNodeId is { } node
            ? proposals.UnlinkAsync(id, node, Actor.From(User))
            : Task.FromResult(ProposalResult.Fail("PlanNodeId", "Choisissez une action du schéma.")));

    public Task<IActionResult> OnPostAnswerAsync(int id) => ActAsync(id, "reponse", () => proposals.AnswerAsync(id, Answer, Actor.From(User)));

    public async Task<IActionResult> OnPostMergeAsync(int id)
    {
        if (!int.TryParse(TargetId?.Trim().TrimStart('n', '°', ' '), out var target))
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }
            AddError(nameof(TargetId), "Indiquez le numéro de la proposition à garder, en chiffres.");
            return Page();
        }
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var result = await proposals.MergeAsync(id, target, MergeReason, Actor.From(User));
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        return Redirect($"/pilotage/propositions/{target}?done=etape");
    }

    private async Task<IActionResult> ActAsync(int id, string done, Func<Task<ProposalResult>> act)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var result = await act();
        if (!result.Succeeded)
        {
            AddErrors(result.Errors.ToDictionary(e => e.Key.StartsWith("Ids", StringComparison.Ordinal) ? "Reason" : e.Key, e => e.Value));
            return Page();
        }
        return RedirectToPage(new { id, done });
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await queries.DetailAsync(id) is not { } proposal || (proposal.HeldForSafety && !User.WatchesOverSafety()))
        {
            return false;
        }
        Proposal = proposal;
        var roles = Actor.From(User).Roles;
        NextSteps = Lifecycle.NextSteps(proposal.Status, roles).Where(s => s != ProposalStatus.Merged).ToList();
        CanMerge = Lifecycle.NextSteps(proposal.Status, roles).Contains(ProposalStatus.Merged);
        Actions = await queries.ActionsAsync();
        if (proposal.HeldForSafety)
        {
            NextSteps = [];
            CanMerge = false;
            SafetyCaseId = await queries.SafetyCaseIdAsync(id);
        }
        return true;
    }
}
