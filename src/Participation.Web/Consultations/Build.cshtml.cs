using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

/// <summary>The questionnaire builder: settings, parts, questions, conditions, publication.</summary>
[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class BuildModel(ParticipationDb db, QuestionnaireBuilder builder, TimeProvider clock) : FormPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Intro { get; set; }
    [BindProperty] public QuestionnaireAccess Access { get; set; }
    [BindProperty] public DateOnly? OpensAt { get; set; }
    [BindProperty] public DateOnly? ClosesAt { get; set; }
    [BindProperty] public List<string> Translations { get; set; } = [];
    [BindProperty] public string? SectionTitle { get; set; }
    [BindProperty] public QuestionKind Kind { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Help { get; set; }
    [BindProperty] public bool Required { get; set; }
    [BindProperty] public string? Options { get; set; }
    [BindProperty(SupportsGet = true)] public string? Message { get; set; }

    public Questionnaire Questionnaire { get; private set; } = null!;
    public bool Locked { get; private set; }
    public int Submitted { get; private set; }
    public int? FailedSectionId { get; private set; }
    public string? FailedForm { get; private set; }
    public IReadOnlyDictionary<int, (int Number, string Text)> OptionSources { get; private set; } = new Dictionary<int, (int, string)>();
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Title = Questionnaire.Title;
        Intro = Questionnaire.Intro;
        Access = Questionnaire.Access;
        OpensAt = ConsultationDates.FirstDay(Questionnaire.OpensAt);
        ClosesAt = ConsultationDates.LastDay(Questionnaire.ClosesAt);
        Translations = Questionnaire.Translations;
        return Page();
    }

    public Task<IActionResult> OnPostSettingsAsync(int id) =>
        RunAsync(id, "reglages", null, () => builder.UpdateSettingsAsync(id, new QuestionnaireSettings(
            Title ?? "", Intro, Access, ConsultationDates.Opening(OpensAt), ConsultationDates.Closing(ClosesAt), Translations)), "enregistre");

    public Task<IActionResult> OnPostAddSectionAsync(int id) =>
        RunAsync(id, "partie", null, async () => (await builder.AddSectionAsync(id, SectionTitle)).WithoutValue(), "partie-ajoutee");

    public Task<IActionResult> OnPostRenameSectionAsync(int id, int sectionId) =>
        RunAsync(id, "renommer", sectionId, () => builder.RenameSectionAsync(id, sectionId, SectionTitle), "enregistre");

    public Task<IActionResult> OnPostDeleteSectionAsync(int id, int sectionId) =>
        RunAsync(id, "", null, () => builder.DeleteSectionAsync(id, sectionId), "partie-supprimee");

    public async Task<IActionResult> OnPostAddQuestionAsync(int id, int sectionId)
    {
        if (!await db.QuestionnaireSections.AnyAsync(s => s.Id == sectionId && s.QuestionnaireId == id))
        {
            return NotFound();
        }
        return await RunAsync(id, "question", sectionId, async () => (await builder.AddQuestionAsync(id, sectionId, new QuestionDraft(Kind, Text ?? "", Help, Required, Lines(Options), null))).WithoutValue(), "question-ajoutee");
    }

    public Task<IActionResult> OnPostMoveAsync(int id, int questionId, int direction) =>
        RunAsync(id, "", null, () => builder.MoveQuestionAsync(id, questionId, direction), "deplacee");

    public Task<IActionResult> OnPostDeleteQuestionAsync(int id, int questionId) =>
        RunAsync(id, "", null, () => builder.DeleteQuestionAsync(id, questionId), "question-supprimee");

    public Task<IActionResult> OnPostPublishAsync(int id) => RunAsync(id, "", null, () => builder.PublishAsync(id, true), "publiee");

    public Task<IActionResult> OnPostUnpublishAsync(int id) => RunAsync(id, "", null, () => builder.PublishAsync(id, false), "retiree");

    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    public string? Said => Message switch
    {
        "creee" => "Questionnaire créé. Ajoutez maintenant ses questions.",
        "enregistre" => "Modifications enregistrées.",
        "partie-ajoutee" => "Partie ajoutée.",
        "partie-supprimee" => "Partie supprimée.",
        "question-ajoutee" => "Question ajoutée.",
        "question-supprimee" => "Question supprimée.",
        "deplacee" => "Question déplacée.",
        "publiee" => "Questionnaire publié : les familles peuvent répondre pendant sa période d'ouverture.",
        "retiree" => "Questionnaire retiré : il n'est plus visible des familles.",
        _ => null,
    };

    private async Task<IActionResult> RunAsync(int id, string form, int? sectionId, Func<Task<CommandResult>> change, string message)
    {
        if (!await db.Questionnaires.AnyAsync(q => q.Id == id))
        {
            return NotFound();
        }
        var result = await change();
        if (result.Succeeded)
        {
            return RedirectToPage(null, new { id, message });
        }
        AddErrors(result.Errors);
        FailedForm = form;
        FailedSectionId = sectionId;
        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var questionnaire = await db.Questionnaires.AsNoTracking()
            .WithQuestions()
            .SingleOrDefaultAsync(q => q.Id == id);
        if (questionnaire is null)
        {
            return false;
        }
        questionnaire.Sections = questionnaire.Sections.OrderBy(s => s.Position).ToList();
        foreach (var section in questionnaire.Sections)
        {
            section.Questions = section.Questions.OrderBy(q => q.Position).ToList();
            foreach (var question in section.Questions)
            {
                question.Options = question.Options.OrderBy(o => o.Position).ToList();
            }
        }
        Questionnaire = questionnaire;
        var number = 0;
        var sources = new Dictionary<int, (int, string)>();
        foreach (var question in questionnaire.Sections.SelectMany(s => s.Questions))
        {
            number++;
            foreach (var option in question.Options)
            {
                sources[option.Id] = (number, option.Text);
            }
        }
        OptionSources = sources;
        Submitted = await db.Responses.CountAsync(r => r.QuestionnaireId == id && r.Status == ResponseStatus.Submitted);
        Locked = await builder.HasResponsesAsync(id);
        return true;
    }
}
