using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Media;
using Participation.Web.Safeguarding;
using Participation.Web.Plan;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

[Authorize(Policy = ProposalPolicies.Triage)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ManageModel(ProposalQueries queries, ProposalService proposals, PhotoProcessor photos, MediaStore store, MediaGate gate, Microsoft.Extensions.Options.IOptions<MediaOptions> photoLimits) : FormPageModel
{
    /// <summary>
    /// Well above the largest photo kept, so that a phone's heavy photo is told it is too heavy, in
    /// French, with what was typed kept, instead of being cut off before the page can answer.
    /// </summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Link { get; set; }
    [BindProperty] public IFormFile? Photo { get; set; }
    [BindProperty] public string? PhotoAlt { get; set; }

    public long MaxPhotoBytes => photoLimits.Value.MaxPhotoBytes;
    [BindProperty] public int? PlanNodeId { get; set; }
    [BindProperty] public string? Answer { get; set; }
    [BindProperty] public string? TargetId { get; set; }
    [BindProperty] public string? MergeReason { get; set; }

    public ProposalDetail Proposal { get; private set; } = null!;

    /// <summary>Whether « réalisée » can be chosen here, and so a link and a photo given with it.</summary>
    public bool CanMarkDone => NextSteps.Contains(ProposalStatus.Done);

    /// <summary>The published photo of what was done, which staff can take down.</summary>
    public DonePhoto? DonePhoto => Proposal.Trail.LastOrDefault(s => s.Photo is not null)?.Photo;

    public bool CanRemovePhoto => User.WatchesOverSafety();
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
            "photo" => "La photo est retirée : elle n'est plus publiée nulle part.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(int id)
    {
        if (Lifecycle.FromSlug(To) is not { } to)
        {
            return await ActAsync(id, "etape", () => Task.FromResult(CommandResult.Fail("Reason", "Choisissez l'étape.")));
        }
        if (Photo is null)
        {
            return await ActAsync(id, "etape", () => proposals.ChangeStatusAsync([id], to, Reason, Actor.From(User), Link));
        }
        var working = new List<string>();
        try
        {
            return await ActAsync(id, "etape", async () =>
            {
                // Cheap checks first: a photo for a step that cannot be taken is not decoded for nothing.
                if (Lifecycle.CheckPhoto(to, 1, PhotoAlt) is { } problem)
                {
                    return CommandResult.Fail(to == ProposalStatus.Done ? "PhotoAlt" : "Photo", problem);
                }
                if (Proposal.HeldForSafety)
                {
                    return CommandResult.Fail("Reason", ProposalService.HeldForSafetyMessage);
                }
                if (Lifecycle.Check(Proposal.Status, to, Actor.From(User).Roles, Reason, Proposal.PlanLinks.Count > 0) is { } refused)
                {
                    return CommandResult.Fail("Reason", refused);
                }
                MediaOutcome made;
                using (var slot = await gate.TryEnterAsync(MediaGate.LongestWait, HttpContext.RequestAborted))
                {
                    if (slot is null)
                    {
                        return CommandResult.Fail("Photo", "Le site traite beaucoup de photos en ce moment : envoyez à nouveau dans une minute.");
                    }
                    var upload = store.WorkingPath(".envoi");
                    working.Add(upload);
                    await using (var target = System.IO.File.Create(upload))
                    {
                        await Photo!.CopyToAsync(target, HttpContext.RequestAborted);
                    }
                    made = await photos.ProcessAsync(upload, HttpContext.RequestAborted);
                }
                if (made.Refused)
                {
                    return CommandResult.Fail("Photo", VousWords(made.Error!));
                }
                working.Add(made.Files[0].WorkingPath);
                return await proposals.ChangeStatusAsync([id], to, Reason, Actor.From(User), Link, new DonePhotoUpload(made.Files[0], PhotoAlt));
            });
        }
        finally
        {
            foreach (var path in working)
            {
                MediaStore.DeleteQuietly(path);
            }
        }
    }

    /// <summary>The media checks speak to young people; the team reads them in « vous ».</summary>
    private static string VousWords(string error) => error
        .Replace("Reprends la photo", "Reprenez la photo", StringComparison.Ordinal)
        .Replace("Envoie-la à nouveau", "Envoyez-la à nouveau", StringComparison.Ordinal)
        .Replace("Envoie la photo", "Envoyez la photo", StringComparison.Ordinal);

    /// <summary>Takes a published photo down, for when it shows what it should not: the team that watches over safety or staff.</summary>
    public Task<IActionResult> OnPostRemovePhotoAsync(int id) => ActAsync(id, "photo", () => proposals.RemoveDonePhotoAsync(id, Actor.From(User)));

    public Task<IActionResult> OnPostLinkAsync(int id) => ActAsync(id, "lien", () =>
        PlanNodeId is { } node
            ? proposals.LinkAsync(id, node, Actor.From(User))
            : Task.FromResult(CommandResult.Fail("PlanNodeId", "Choisissez une action du schéma.")));

    public Task<IActionResult> OnPostUnlinkAsync(int id) => ActAsync(id, "lien", () =>
        PlanNodeId is { } node
            ? proposals.UnlinkAsync(id, node, Actor.From(User))
            : Task.FromResult(CommandResult.Fail("PlanNodeId", "Choisissez une action du schéma.")));

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

    private async Task<IActionResult> ActAsync(int id, string done, Func<Task<CommandResult>> act)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var result = await act();
        if (!result.Succeeded)
        {
            var errors = result.Errors.ToDictionary(e => e.Key.StartsWith("Ids", StringComparison.Ordinal) ? "Reason" : e.Key, e => e.Value);
            // A browser never sends a chosen file back: say so, rather than let it seem kept.
            if (Photo is not null && !errors.ContainsKey("Photo"))
            {
                errors["Photo"] = "La photo n'a pas été gardée à cause de l'erreur : choisissez-la à nouveau.";
            }
            AddErrors(errors);
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
