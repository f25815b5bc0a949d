using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Consultations;

/// <summary>An earlier choice question whose answers can decide whether this one is asked.</summary>
public sealed record ConditionSource(int Number, string Text, IReadOnlyList<(int OptionId, string Text)> Options);

[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class EditQuestionModel(ParticipationDb db, QuestionnaireBuilder builder) : FormPageModel
{
    [BindProperty] public QuestionKind Kind { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Help { get; set; }
    [BindProperty] public bool Required { get; set; }
    [BindProperty] public string? Options { get; set; }
    [BindProperty] public int? ShowWhenOptionId { get; set; }

    public string QuestionnaireTitle { get; private set; } = "";
    public int Number { get; private set; }
    public bool Locked { get; private set; }
    public IReadOnlyList<ConditionSource> Sources { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int questionId)
    {
        var question = await db.Questions.AsNoTracking().Include(q => q.Options)
            .SingleOrDefaultAsync(q => q.Id == questionId && q.Section!.QuestionnaireId == id);
        if (question is null || !await LoadAsync(id, questionId))
        {
            return NotFound();
        }
        Kind = question.Kind;
        Text = question.Text;
        Help = question.Help;
        Required = question.Required;
        Options = string.Join('\n', question.Options.OrderBy(o => o.Position).Select(o => o.Text));
        ShowWhenOptionId = question.ShowWhenOptionId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int questionId)
    {
        if (!await db.Questions.AnyAsync(q => q.Id == questionId && q.Section!.QuestionnaireId == id))
        {
            return NotFound();
        }
        var result = await builder.UpdateQuestionAsync(id, questionId, new QuestionDraft(Kind, Text ?? "", Help, Required, BuildModel.Lines(Options), ShowWhenOptionId));
        if (result.Succeeded)
        {
            return Redirect($"/pilotage/consultations/{id}?message=enregistre#partie-{await db.Questions.Where(q => q.Id == questionId).Select(q => q.SectionId).SingleAsync()}");
        }
        AddErrors(result.Errors);
        await LoadAsync(id, questionId);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, int questionId)
    {
        var sections = await db.QuestionnaireSections.AsNoTracking().Where(s => s.QuestionnaireId == id)
            .WithQuestions().ToListAsync();
        var ordered = sections.OrderBy(s => s.Position).SelectMany(s => s.Questions.OrderBy(q => q.Position)).ToList();
        var index = ordered.FindIndex(q => q.Id == questionId);
        if (index < 0)
        {
            return false;
        }
        Number = index + 1;
        QuestionnaireTitle = await db.Questionnaires.Where(q => q.Id == id).Select(q => q.Title).SingleAsync();
        Locked = await builder.HasResponsesAsync(id);
        // Only earlier choice questions: a condition reads an answer the parent has already given.
        Sources = ordered.Take(index)
            .Select((q, i) => (q, Number: i + 1))
            .Where(p => p.q.Kind is not (QuestionKind.FreeText or QuestionKind.Ranking))
            .Select(p => new ConditionSource(p.Number, p.q.Text, p.q.Options.OrderBy(o => o.Position).Select(o => (o.Id, o.Text)).ToList()))
            .ToList();
        return true;
    }
}
