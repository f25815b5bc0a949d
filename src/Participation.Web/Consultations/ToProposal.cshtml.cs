using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Plan;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

/// <summary>A parent's written answer becomes a proposal, with this questionnaire as its origin.</summary>
[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class ToProposalModel(ParticipationDb db, ProposalService proposals, ProposalQueries queries) : FormPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public List<string> Themes { get; set; } = [];
    [BindProperty] public int? PlanNodeId { get; set; }

    public string QuestionnaireTitle { get; private set; } = "";
    public string QuestionText { get; private set; } = "";
    public string AnswerText { get; private set; } = "";
    public IReadOnlyList<ActionChoice> Actions { get; private set; } = [];

    private sealed record Source(int AnswerId, string Text, Theme Themes, int? ProposalId, string Question, string Questionnaire);

    public async Task<IActionResult> OnGetAsync(int id, int answerId)
    {
        if (await FindAsync(id, answerId) is not { } source)
        {
            return NotFound();
        }
        if (source.ProposalId is { } existing)
        {
            return RedirectToPage("/Proposals/Details", new { id = existing });
        }
        Text = source.Text.Length <= Proposal.TextMaxLength ? source.Text : source.Text[..Proposal.TextMaxLength];
        Themes = source.Themes.Split().Select(t => t.Slug()).ToList();
        await LoadAsync(source);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int answerId)
    {
        if (await FindAsync(id, answerId) is not { } source)
        {
            return NotFound();
        }
        if (source.ProposalId is { } existing)
        {
            return RedirectToPage("/Proposals/Details", new { id = existing });
        }
        var themes = Theme.None;
        foreach (var slug in Themes)
        {
            themes |= Shared.Themes.FromSlug(slug) ?? Theme.None;
        }
        var result = await proposals.SubmitAsync(
            new NewProposal(Title ?? "", Text ?? "", themes, PlanNodeId is { } node ? [node] : [],
                new Provenance(Channel.Questionnaire, Reference: ConsultationResults.Reference(id, answerId), Detail: source.Questionnaire, OnBehalfOf: AuthorKind.Parent)),
            Actor.From(User));
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            await LoadAsync(source);
            return Page();
        }
        await db.Answers.Where(a => a.Id == answerId).ExecuteUpdateAsync(set => set.SetProperty(a => a.ProposalId, result.Value.Id).SetProperty(a => a.Themes, themes));
        return RedirectToPage("/Proposals/Details", new { id = result.Value.Id, message = "deposee" });
    }

    private async Task<Source?> FindAsync(int questionnaireId, int answerId) =>
        await (from a in db.Answers
               join r in db.Responses on a.ResponseId equals r.Id
               join q in db.Questions on a.QuestionId equals q.Id
               join qn in db.Questionnaires on r.QuestionnaireId equals qn.Id
               where a.Id == answerId && r.QuestionnaireId == questionnaireId && r.Status == ResponseStatus.Submitted && a.Text != null && !a.HeldForSafety
                     // Answers the results keep hidden, to a question too few families answered, stay hidden here too.
                     && db.Answers.Count(other => other.QuestionId == a.QuestionId
                         && db.Responses.Any(sent => sent.Id == other.ResponseId && sent.Status == ResponseStatus.Submitted)) >= ConsultationResults.MinimumGroup
               select new Source(a.Id, a.Text!, a.Themes, a.ProposalId, q.Text, qn.Title)).SingleOrDefaultAsync();

    private async Task LoadAsync(Source source)
    {
        QuestionnaireTitle = source.Questionnaire;
        QuestionText = source.Question;
        AnswerText = source.Text;
        Actions = await queries.ActionsAsync();
    }
}
