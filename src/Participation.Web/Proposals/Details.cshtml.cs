using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

[AllowAnonymous]
public sealed class DetailsModel(ProposalQueries queries, ProposalService proposals, IEnumerable<IProposalEvidence> evidence, ICharterMentions charter) : FormPageModel
{
    public ProposalDetail Proposal { get; private set; } = null!;
    public bool CanSupport { get; private set; }
    public bool Supports { get; private set; }
    public bool IsStaff { get; private set; }
    public string? Message { get; private set; }
    public bool JustSent { get; private set; }

    /// <summary>The voices behind it (testimonies), within what each person allowed and still allows.</summary>
    public IReadOnlyList<EvidenceItem> Evidence { get; private set; } = [];

    /// <summary>The practices of the quality charter that come from it.</summary>
    public IReadOnlyList<CharterMention> Charter { get; private set; } = [];

    /// <summary>For its authors, while it is held for safety: that a person will read it, and whom to call now.</summary>
    public (string Words, HelpWords Help)? Held { get; private set; }

    /// <summary>For the team, while it is held: the case it is dealt with in.</summary>
    public int? SafetyCaseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? message = null)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        // Adults who propose (parents, professionals) are spoken to with « vous », young people with « tu ».
        var tu = Actor.From(User).Roles.Contains(Roles.Young) || !User.Identity!.IsAuthenticated;
        Message = message switch
        {
            "deposee" => tu
                ? "Merci ! Ta proposition est déposée. Une personne de l'équipe va la relire, puis elle sera publiée. Tu seras prévenu·e à chaque étape."
                : "Merci ! Votre proposition est déposée. Une personne de l'équipe va la relire, puis elle sera publiée. Vous serez prévenu·e à chaque étape.",
            "coordonnees" => tu
                ? $"Merci ! Ta proposition est déposée. {HeldWords.PersonalDetails(Writer.Young)}"
                : $"Merci ! Votre proposition est déposée. {HeldWords.PersonalDetails(Writer.Adult)}",
            "soutien" => tu ? "C'est noté : tu soutiens cette proposition." : "C'est noté : vous soutenez cette proposition.",
            "retrait" => tu ? "Ton soutien est retiré." : "Votre soutien est retiré.",
            _ => null,
        };
        // Just sent: the thanks above already says what happens next, once is enough.
        JustSent = message is "deposee" or "coordonnees";
        if (Held is not null)
        {
            Message = null;
        }
        return Page();
    }

    public Task<IActionResult> OnPostSupportAsync(int id) => ActAsync(id, () => proposals.SupportAsync(id, Actor.From(User)), "soutien");

    public Task<IActionResult> OnPostWithdrawAsync(int id) => ActAsync(id, () => proposals.WithdrawSupportAsync(id, Actor.From(User)), "retrait");

    private async Task<IActionResult> ActAsync(int id, Func<Task<CommandResult>> act, string done)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var result = await act();
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        return RedirectToPage(new { id, message = done });
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await queries.DetailAsync(id) is not { } proposal)
        {
            return false;
        }
        var actor = Actor.From(User);
        IsStaff = actor.IsStaff;
        // Before moderation, only its authors and the team can see a proposal.
        if (!proposal.Status.IsPublic() && !IsStaff && (actor.MemberId is null || !proposal.AuthorIds.Contains(actor.MemberId)))
        {
            return false;
        }
        // Held for safety: its authors and the moderators only.
        if (proposal.HeldForSafety && !User.WatchesOverSafety() && (actor.MemberId is null || !proposal.AuthorIds.Contains(actor.MemberId)))
        {
            return false;
        }
        Proposal = proposal;
        CanSupport = actor.MemberId is not null && !IsStaff && proposal.Status.IsPublic() && !proposal.Status.IsFinal()
            && !proposal.AuthorIds.Contains(actor.MemberId)
            && actor.Roles.Any(r => r is Roles.Young or Roles.Parent or Roles.Professional or Roles.Establishment);
        Supports = actor.MemberId is not null && await queries.SupportsAsync(id, actor.MemberId);
        var items = new List<EvidenceItem>();
        foreach (var source in evidence)
        {
            items.AddRange(await source.ForProposalAsync(id));
        }
        Evidence = items;
        Charter = (await charter.ForAsync(GroundKind.Proposal, [id])).GetValueOrDefault(id) ?? [];
        if (proposal.HeldForSafety)
        {
            if (IsStaff)
            {
                SafetyCaseId = await queries.SafetyCaseIdAsync(id);
            }
            else
            {
                var writer = actor.Roles.Contains(Roles.Young)
                    ? proposal.AgeBands == AgeBand.From7To10.ToSet() ? Writer.Child : Writer.Young
                    : Writer.Parent;
                Held = (HeldWords.Urgent(writer), HelpWords.For(writer));
            }
        }
        return true;
    }
}
