using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Plan;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

[Authorize(Policy = ProposalPolicies.Propose)]
public sealed class NewModel(ProposalService proposals, ProposalQueries queries) : FormPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public List<string> Themes { get; set; } = [];
    [BindProperty] public int? PlanNodeId { get; set; }
    [BindProperty] public string? OnBehalf { get; set; }
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public string? AgeBand { get; set; }
    [BindProperty] public string? OriginDetail { get; set; }

    public IReadOnlyList<ActionChoice> Actions { get; private set; } = [];
    public bool IsStaff { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = Actor.From(User);
        var themes = Theme.None;
        foreach (var slug in Themes)
        {
            if (Shared.Themes.FromSlug(slug) is { } theme)
            {
                themes |= theme;
            }
            else
            {
                AddError(nameof(Themes), "Un des thèmes choisis n'existe pas.");
            }
        }

        var provenance = new Provenance(Proposals.Channel.Online);
        if (!string.IsNullOrEmpty(OnBehalf) || !string.IsNullOrWhiteSpace(OriginDetail) || !string.IsNullOrEmpty(Channel))
        {
            if (!actor.IsStaff)
            {
                return Forbid();
            }
            AuthorKind? kind = Enum.TryParse<AuthorKind>(OnBehalf, out var parsed) && Enum.IsDefined(parsed) && parsed != AuthorKind.Staff ? parsed : null;
            var channel = Vocabulary.ChannelFromSlug(Channel);
            if (kind is not null && (channel is null || !ProposalService.StaffEntryChannels.Contains(channel.Value)))
            {
                AddError(nameof(Channel), "Indiquez si la proposition a été reçue sur papier ou par téléphone.");
            }
            provenance = kind is null
                ? new Provenance(Proposals.Channel.Online, Detail: OriginDetail)
                : new Provenance(channel ?? Proposals.Channel.Paper, Detail: OriginDetail, OnBehalfOf: kind, OnBehalfAgeBand: AgeBands.FromSlug(AgeBand));
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var result = await proposals.SubmitAsync(
            new NewProposal(Title ?? "", Text ?? "", themes, PlanNodeId is { } node ? [node] : [], provenance), actor);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            await LoadAsync();
            return Page();
        }
        return RedirectToPage("/Proposals/Details", new
        {
            id = result.Value.Id,
            message = result.Value.Screened switch { Verdict.Urgent => "lue", Verdict.PersonalDetails => "coordonnees", _ => "deposee" },
        });
    }

    private async Task LoadAsync()
    {
        Actions = await queries.ActionsAsync();
        IsStaff = Actor.From(User).IsStaff;
    }
}
