using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Consultations;

/// <summary>A questionnaire as the public pages need it: its form in one language, and when it is open.</summary>
public sealed record LoadedQuestionnaire(QuestionnaireForm Form, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset? PublishedAt, IReadOnlyList<Language> Languages)
{
    public bool IsPublished => PublishedAt is not null;
    public bool IsOpenAt(DateTimeOffset now) => Questionnaire.IsOpen(PublishedAt, OpensAt, ClosesAt, now);
}

/// <summary>
/// Builds questionnaire forms from the database and keeps them: a thousand parents answering at
/// once read the same questions. Every change in the builder clears what is kept, and a form read
/// while a change was being made is not kept. Unknown addresses are never kept.
/// </summary>
public sealed class ConsultationForms(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<(string Slug, string Language), LoadedQuestionnaire> kept = new();
    private long generation;

    public void Forget()
    {
        Interlocked.Increment(ref generation);
        kept.Clear();
    }

    public async Task<LoadedQuestionnaire?> FindAsync(string slug, string? languageCode)
    {
        var language = Languages.Find(languageCode) ?? Languages.French;
        var key = (slug, language.Code);
        if (kept.TryGetValue(key, out var found))
        {
            return found;
        }
        var before = Interlocked.Read(ref generation);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var loaded = await LoadAsync(db, slug, language);
        if (loaded is not null)
        {
            kept[key] = loaded;
            // Forgotten meanwhile: what was just read may predate the change.
            if (Interlocked.Read(ref generation) != before)
            {
                kept.TryRemove(key, out _);
            }
        }
        return loaded;
    }

    public async Task<LoadedQuestionnaire?> FindAsync(int id, string? languageCode)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var slug = await db.Questionnaires.Where(q => q.Id == id).Select(q => q.Slug).SingleOrDefaultAsync();
        return slug is null ? null : await FindAsync(slug, languageCode);
    }

    private static async Task<LoadedQuestionnaire?> LoadAsync(ParticipationDb db, string slug, Language language)
    {
        var questionnaire = await db.Questionnaires.AsNoTracking()
            .WithQuestions()
            .SingleOrDefaultAsync(q => q.Slug == slug);
        if (questionnaire is null)
        {
            return null;
        }
        var offered = Languages.All.Where(l => l.Code == Languages.FrenchCode || questionnaire.Translations.Contains(l.Code)).ToList();
        if (!offered.Contains(language))
        {
            language = Languages.French;
        }
        var texts = language.Code == Languages.FrenchCode
            ? new Dictionary<string, string>()
            : await db.QuestionnaireTranslations.Where(t => t.QuestionnaireId == questionnaire.Id && t.Language == language.Code)
                .ToDictionaryAsync(t => t.Key, t => t.Text);
        LocalText Local(string key, string french) =>
            language.Code == Languages.FrenchCode ? new LocalText(french)
            : texts.TryGetValue(key, out var translated) && !string.IsNullOrWhiteSpace(translated) ? new LocalText(translated)
            // FALC is French too: an untranslated text is still in the page's language.
            : new LocalText(french, Fallback: language.HtmlLang != "fr");

        var optionOwner = questionnaire.Sections.SelectMany(s => s.Questions).SelectMany(q => q.Options).ToDictionary(o => o.Id, o => o.QuestionId);
        var number = 0;
        var sections = questionnaire.Sections.OrderBy(s => s.Position).Select((section, index) => new SectionShape(
            section.Id,
            index,
            Local(TextKeys.Section(section.Id), section.Title),
            section.Questions.OrderBy(q => q.Position).Select(q => new QuestionShape(
                q.Id, index, ++number, q.Kind,
                Local(TextKeys.Question(q.Id), q.Text),
                string.IsNullOrWhiteSpace(q.Help) ? null : Local(TextKeys.Help(q.Id), q.Help),
                q.Required,
                q.ShowWhenOptionId,
                q.ShowWhenOptionId is { } option ? optionOwner[option] : null,
                q.Options.OrderBy(o => o.Position).Select((o, i) => new OptionShape(o.Id,
                    q.Kind == QuestionKind.YesNo ? new LocalText(i == 0 ? language.Wording.Yes : language.Wording.No) : Local(TextKeys.Option(o.Id), o.Text))).ToList()))
                .ToList()))
            .ToList();
        var form = new QuestionnaireForm(questionnaire.Id, questionnaire.Slug, Local(TextKeys.Title, questionnaire.Title), Local(TextKeys.Intro, questionnaire.Intro),
            questionnaire.Access, language, sections);
        return new LoadedQuestionnaire(form, questionnaire.OpensAt, questionnaire.ClosesAt, questionnaire.PublishedAt, offered);
    }
}
