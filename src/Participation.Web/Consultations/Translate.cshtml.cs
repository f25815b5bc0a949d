using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Consultations;

/// <summary>One French text to translate, with the kind of text it is, for the translator's bearings.</summary>
public sealed record TextToTranslate(string Key, string What, string French, bool Long);

[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class TranslateModel(ParticipationDb db, QuestionnaireBuilder builder) : FormPageModel
{
    [BindProperty] public Dictionary<string, string?> Texts { get; set; } = [];

    public Language Language { get; private set; } = Languages.French;
    public string QuestionnaireTitle { get; private set; } = "";
    public IReadOnlyList<TextToTranslate> Items { get; private set; } = [];
    public int Missing => Items.Count(i => string.IsNullOrWhiteSpace(Texts.GetValueOrDefault(i.Key)));
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string langue, bool enregistre = false)
    {
        if (!await LoadAsync(id, langue))
        {
            return NotFound();
        }
        Texts = await db.QuestionnaireTranslations.Where(t => t.QuestionnaireId == id && t.Language == langue).ToDictionaryAsync(t => t.Key, t => (string?)t.Text);
        Saved = enregistre;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string langue)
    {
        if (!await LoadAsync(id, langue))
        {
            return NotFound();
        }
        var known = Items.Select(i => i.Key).ToHashSet();
        var result = await builder.SaveTranslationsAsync(id, langue, Texts.Where(t => known.Contains(t.Key)).ToDictionary());
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        return Redirect($"/pilotage/consultations/{id}/traduction/{langue}?enregistre=true");
    }

    private async Task<bool> LoadAsync(int id, string code)
    {
        var questionnaire = await db.Questionnaires.AsNoTracking()
            .WithQuestions().SingleOrDefaultAsync(q => q.Id == id);
        if (questionnaire is null || Languages.Translatable.FirstOrDefault(l => l.Code == code) is not { } language)
        {
            return false;
        }
        Language = language;
        QuestionnaireTitle = questionnaire.Title;
        var items = new List<TextToTranslate> { new(TextKeys.Title, "Titre", questionnaire.Title, false) };
        if (!string.IsNullOrWhiteSpace(questionnaire.Intro))
        {
            items.Add(new(TextKeys.Intro, "Présentation", questionnaire.Intro, true));
        }
        var number = 0;
        foreach (var section in questionnaire.Sections.OrderBy(s => s.Position))
        {
            items.Add(new(TextKeys.Section(section.Id), $"Partie {section.Position}", section.Title, false));
            foreach (var question in section.Questions.OrderBy(q => q.Position))
            {
                number++;
                items.Add(new(TextKeys.Question(question.Id), $"Question {number}", question.Text, false));
                if (!string.IsNullOrWhiteSpace(question.Help))
                {
                    items.Add(new(TextKeys.Help(question.Id), $"Aide de la question {number}", question.Help, false));
                }
                // Yes and no come in every language already.
                if (question.Kind != QuestionKind.YesNo)
                {
                    items.AddRange(question.Options.OrderBy(o => o.Position).Select(o => new TextToTranslate(TextKeys.Option(o.Id), $"Choix de la question {number}", o.Text, false)));
                }
            }
        }
        Items = items;
        return true;
    }
}
