using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Plan;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>A testimony becomes a proposal in the team's own words, with the testimony as its origin.</summary>
[Authorize(Policy = TestimonyPolicies.Moderate)]
public sealed class ToProposalModel(ParticipationDb db, ProposalService proposals, ProposalQueries queries, TestimonyEvidence evidence) : FormPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public List<string> Themes { get; set; } = [];
    [BindProperty] public int? PlanNodeId { get; set; }

    public Testimony Testimony { get; private set; } = null!;
    public IReadOnlyList<ActionChoice> Actions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await FindAsync(id) is not { } testimony)
        {
            return NotFound();
        }
        Testimony = testimony;
        // Words kept from the public are not offered as the proposal's text: the team writes its own.
        Text = testimony.TextPublic ? testimony.Text : testimony.PublicVoiceKind() is not null ? testimony.Transcript : null;
        if (Text is { Length: > Proposal.TextMaxLength })
        {
            Text = Text[..Proposal.TextMaxLength];
        }
        Themes = testimony.Themes.Split().Select(t => t.Slug()).ToList();
        Actions = await queries.ActionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await FindAsync(id) is not { } testimony)
        {
            return NotFound();
        }
        Testimony = testimony;
        var themes = Theme.None;
        foreach (var slug in Themes)
        {
            themes |= Shared.Themes.FromSlug(slug) ?? Theme.None;
        }
        var author = testimony.Speaker switch
        {
            Speaker.Young => AuthorKind.YoungMember,
            Speaker.Parent => AuthorKind.Parent,
            _ => AuthorKind.Professional,
        };
        var result = await proposals.SubmitAsync(
            new NewProposal(Title ?? "", Text ?? "", themes, PlanNodeId is { } node ? [node] : [],
                new Provenance(Channel.VoxPop, Reference: TestimonyEvidence.Reference(id), Detail: testimony.Campaign!.Title, OnBehalfOf: author, OnBehalfAgeBand: testimony.AgeBand)),
            Actor.From(User));
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            Actions = await queries.ActionsAsync();
            return Page();
        }
        await evidence.RecordOriginAsync(id, result.Value.Id, Actor.From(User));
        return RedirectToPage("/Proposals/Details", new { id = result.Value.Id, message = "deposee" });
    }

    private Task<Testimony?> FindAsync(int id) =>
        db.Testimonies.Include(t => t.Campaign)
            .SingleOrDefaultAsync(t => t.Id == id && !t.HeldForSafety && (t.Status == TestimonyStatus.Published || t.Status == TestimonyStatus.KeptPrivate));
}
