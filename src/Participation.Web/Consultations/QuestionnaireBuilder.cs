using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

public sealed record QuestionnaireSettings(string Title, string? Intro, QuestionnaireAccess Access, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, IReadOnlyList<string> Translations);

/// <summary>A question as staff type it: choices one per line.</summary>
public sealed record QuestionDraft(QuestionKind Kind, string Text, string? Help, bool Required, IReadOnlyList<string> Options, int? ShowWhenOptionId);

/// <summary>
/// Staff build questionnaires here. Once a family has answered, the questions' structure is frozen
/// (kinds, choices, conditions), so every answer keeps meaning what it meant; wording can still be fixed.
/// </summary>
public sealed class QuestionnaireBuilder(ParticipationDb db, TimeProvider clock, ConsultationForms forms)
{
    public static readonly string[] DefaultScale = ["Pas du tout", "Un peu", "Moyennement", "Beaucoup", "Tout à fait"];
    public const string Locked = "Des familles ont déjà répondu : on ne peut plus changer les choix, les types de question ni les conditions, seulement corriger les textes.";

    public static string Label(QuestionKind kind) => kind switch
    {
        QuestionKind.SingleChoice => "choix unique",
        QuestionKind.MultipleChoice => "choix multiple",
        QuestionKind.Scale => "échelle de 1 à 5",
        QuestionKind.YesNo => "oui / non",
        QuestionKind.Ranking => "classement",
        QuestionKind.FreeText => "texte libre",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Label(QuestionnaireAccess access) => access switch
    {
        QuestionnaireAccess.OpenLink => "lien ouvert, une réponse par appareil",
        QuestionnaireAccess.Invitation => "sur invitation, avec un code à usage unique",
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    public Task<bool> HasResponsesAsync(int questionnaireId) => db.Responses.AnyAsync(r => r.QuestionnaireId == questionnaireId);

    public async Task<CommandResult<int>> CreateAsync(QuestionnaireSettings settings)
    {
        var errors = CheckSettings(settings);
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        var slug = Slug(settings.Title);
        var taken = await db.Questionnaires.Where(q => q.Slug.StartsWith(slug)).Select(q => q.Slug).ToListAsync();
        for (var n = 2; taken.Contains(slug); n++)
        {
            slug = $"{Slug(settings.Title)}-{n}";
        }
        var questionnaire = new Questionnaire
        {
            Slug = slug,
            Title = settings.Title.Trim(),
            Intro = settings.Intro?.Trim() ?? "",
            Access = settings.Access,
            OpensAt = settings.OpensAt!.Value,
            ClosesAt = settings.ClosesAt!.Value,
            CreatedAt = clock.GetUtcNow(),
            Translations = settings.Translations.Distinct().ToList(),
            Sections = [new QuestionnaireSection { Title = "Première partie", Position = 1 }],
        };
        db.Questionnaires.Add(questionnaire);
        await db.SaveChangesAsync();
        return CommandResult.Ok(questionnaire.Id);
    }

    public async Task<CommandResult> UpdateSettingsAsync(int id, QuestionnaireSettings settings)
    {
        var errors = CheckSettings(settings);
        var questionnaire = await db.Questionnaires.SingleAsync(q => q.Id == id);
        if (settings.Access != questionnaire.Access && await HasResponsesAsync(id))
        {
            errors[nameof(settings.Access)] = "Des familles ont déjà répondu : le mode d'accès ne peut plus changer.";
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        questionnaire.Title = settings.Title.Trim();
        questionnaire.Intro = settings.Intro?.Trim() ?? "";
        questionnaire.Access = settings.Access;
        questionnaire.OpensAt = settings.OpensAt!.Value;
        questionnaire.ClosesAt = settings.ClosesAt!.Value;
        questionnaire.Translations = settings.Translations.Distinct().ToList();
        return await SaveAsync();
    }

    private static Dictionary<string, string> CheckSettings(QuestionnaireSettings settings)
    {
        var errors = new Dictionary<string, string>();
        var title = settings.Title?.Trim() ?? "";
        if (title.Length is < 5 or > Questionnaire.TitleMaxLength)
        {
            errors[nameof(settings.Title)] = $"Le titre fait de 5 à {Questionnaire.TitleMaxLength} caractères (ici : {title.Length}).";
        }
        if (settings.Intro?.Trim().Length > Questionnaire.IntroMaxLength)
        {
            errors[nameof(settings.Intro)] = $"La présentation fait au plus {Questionnaire.IntroMaxLength} caractères.";
        }
        if (settings.OpensAt is null)
        {
            errors[nameof(settings.OpensAt)] = "Indiquez la date d'ouverture.";
        }
        if (settings.ClosesAt is null)
        {
            errors[nameof(settings.ClosesAt)] = "Indiquez la date de clôture.";
        }
        else if (settings.OpensAt is not null && settings.ClosesAt <= settings.OpensAt)
        {
            errors[nameof(settings.ClosesAt)] = "La clôture vient après l'ouverture.";
        }
        if (settings.Translations.Any(code => Languages.Translatable.All(l => l.Code != code)))
        {
            errors[nameof(settings.Translations)] = "Une des langues choisies n'est pas proposée.";
        }
        return errors;
    }

    public async Task<CommandResult<int>> AddSectionAsync(int questionnaireId, string? title)
    {
        if (CheckSectionTitle(title) is { } error)
        {
            return CommandResult.Fail("SectionTitle", error);
        }
        if (await HasResponsesAsync(questionnaireId))
        {
            return CommandResult.Fail("", Locked);
        }
        var last = await db.QuestionnaireSections.Where(s => s.QuestionnaireId == questionnaireId).MaxAsync(s => (int?)s.Position) ?? 0;
        var section = new QuestionnaireSection { QuestionnaireId = questionnaireId, Title = title!.Trim(), Position = last + 1 };
        db.QuestionnaireSections.Add(section);
        var saved = await SaveAsync();
        return saved.Succeeded ? CommandResult.Ok(section.Id) : saved;
    }

    public async Task<CommandResult> RenameSectionAsync(int questionnaireId, int sectionId, string? title)
    {
        if (CheckSectionTitle(title) is { } error)
        {
            return CommandResult.Fail("SectionTitle", error);
        }
        var section = await db.QuestionnaireSections.SingleOrDefaultAsync(s => s.Id == sectionId && s.QuestionnaireId == questionnaireId);
        if (section is null)
        {
            return CommandResult.Fail("", "Cette partie n'existe plus.");
        }
        section.Title = title!.Trim();
        return await SaveAsync();
    }

    public async Task<CommandResult> DeleteSectionAsync(int questionnaireId, int sectionId)
    {
        if (await HasResponsesAsync(questionnaireId))
        {
            return CommandResult.Fail("", Locked);
        }
        var sections = await db.QuestionnaireSections.Where(s => s.QuestionnaireId == questionnaireId).WithQuestions().ToListAsync();
        var section = sections.SingleOrDefault(s => s.Id == sectionId);
        if (section is null)
        {
            return CommandResult.Fail("", "Cette partie n'existe plus.");
        }
        if (sections.Count == 1)
        {
            return CommandResult.Fail("", "Un questionnaire garde au moins une partie.");
        }
        var options = section.Questions.SelectMany(q => q.Options).Select(o => o.Id).ToHashSet();
        var dependent = sections.Where(s => s != section).SelectMany(s => s.Questions).FirstOrDefault(q => q.ShowWhenOptionId is { } o && options.Contains(o));
        if (dependent is not null)
        {
            return CommandResult.Fail("", $"La question « {dependent.Text} » dépend d'une réponse de cette partie : changez d'abord sa condition.");
        }
        db.QuestionnaireSections.Remove(section);
        return await SaveAsync();
    }

    private static string? CheckSectionTitle(string? title) =>
        (title?.Trim().Length ?? 0) is < 2 or > QuestionnaireSection.TitleMaxLength
            ? $"Le titre de la partie fait de 2 à {QuestionnaireSection.TitleMaxLength} caractères."
            : null;

    public async Task<CommandResult<int>> AddQuestionAsync(int questionnaireId, int sectionId, QuestionDraft draft)
    {
        var sections = await LoadAsync(questionnaireId);
        var section = sections.SingleOrDefault(s => s.Id == sectionId);
        if (section is null)
        {
            return CommandResult.Fail("", "Cette partie n'existe plus.");
        }
        if (await HasResponsesAsync(questionnaireId))
        {
            return CommandResult.Fail("", Locked);
        }
        var question = new Question { Text = "", Kind = draft.Kind, Position = (section.Questions.Max(q => (int?)q.Position) ?? 0) + 1 };
        section.Questions.Add(question);
        var errors = Apply(question, draft, sections, locked: false);
        if (errors.Count > 0)
        {
            section.Questions.Remove(question);
            return CommandResult.Fail(errors);
        }
        var saved = await SaveAsync();
        return saved.Succeeded ? CommandResult.Ok(question.Id) : saved;
    }

    public async Task<CommandResult> UpdateQuestionAsync(int questionnaireId, int questionId, QuestionDraft draft)
    {
        var sections = await LoadAsync(questionnaireId);
        var question = sections.SelectMany(s => s.Questions).SingleOrDefault(q => q.Id == questionId);
        if (question is null)
        {
            return CommandResult.Fail("", "Cette question n'existe plus.");
        }
        var errors = Apply(question, draft, sections, await HasResponsesAsync(questionnaireId));
        return errors.Count > 0 ? CommandResult.Fail(errors) : await SaveAsync();
    }

    public async Task<CommandResult> DeleteQuestionAsync(int questionnaireId, int questionId)
    {
        if (await HasResponsesAsync(questionnaireId))
        {
            return CommandResult.Fail("", Locked);
        }
        var sections = await LoadAsync(questionnaireId);
        var all = sections.SelectMany(s => s.Questions).ToList();
        var question = all.SingleOrDefault(q => q.Id == questionId);
        if (question is null)
        {
            return CommandResult.Fail("", "Cette question n'existe plus.");
        }
        var options = question.Options.Select(o => o.Id).ToHashSet();
        if (all.FirstOrDefault(q => q.ShowWhenOptionId is { } o && options.Contains(o)) is { } dependent)
        {
            return CommandResult.Fail("", $"La question « {dependent.Text} » dépend de celle-ci : changez d'abord sa condition.");
        }
        db.Questions.Remove(question);
        return await SaveAsync();
    }

    /// <summary>Moves a question up or down within its part; never above the question its condition reads.</summary>
    public async Task<CommandResult> MoveQuestionAsync(int questionnaireId, int questionId, int direction)
    {
        var sections = await LoadAsync(questionnaireId);
        var section = sections.SingleOrDefault(s => s.Questions.Any(q => q.Id == questionId));
        if (section is null)
        {
            return CommandResult.Fail("", "Cette question n'existe plus.");
        }
        var ordered = section.Questions.OrderBy(q => q.Position).ToList();
        var index = ordered.FindIndex(q => q.Id == questionId);
        var target = index + Math.Sign(direction);
        if (target < 0 || target >= ordered.Count)
        {
            return CommandResult.Ok();
        }
        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i + 1;
        }
        if (FirstOutOfOrder(sections) is { } broken)
        {
            return CommandResult.Fail("", $"La question « {broken.Text} » doit rester après celle dont dépend sa condition.");
        }
        return await SaveAsync();
    }

    public async Task<CommandResult> PublishAsync(int questionnaireId, bool publish)
    {
        var questionnaire = await db.Questionnaires.Include(q => q.Sections).ThenInclude(s => s.Questions).SingleAsync(q => q.Id == questionnaireId);
        if (publish && questionnaire.Sections.Sum(s => s.Questions.Count) == 0)
        {
            return CommandResult.Fail("", "Ajoutez au moins une question avant de publier.");
        }
        if (publish && questionnaire.Sections.FirstOrDefault(s => s.Questions.Count == 0) is { } empty)
        {
            return CommandResult.Fail("", $"La partie « {empty.Title} » n'a pas de question : ajoutez-en une ou supprimez-la.");
        }
        questionnaire.PublishedAt = publish ? clock.GetUtcNow() : null;
        return await SaveAsync();
    }

    public async Task<CommandResult> SaveTranslationsAsync(int questionnaireId, string language, IReadOnlyDictionary<string, string?> texts)
    {
        if (Languages.Translatable.All(l => l.Code != language))
        {
            return CommandResult.Fail("", "Cette langue n'est pas proposée.");
        }
        var errors = texts.Where(t => t.Value?.Trim().Length > Questionnaire.IntroMaxLength)
            .ToDictionary(t => t.Key, _ => $"Une traduction fait au plus {Questionnaire.IntroMaxLength} caractères.");
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        var existing = await db.QuestionnaireTranslations.Where(t => t.QuestionnaireId == questionnaireId && t.Language == language).ToListAsync();
        db.QuestionnaireTranslations.RemoveRange(existing);
        foreach (var (key, text) in texts)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                db.QuestionnaireTranslations.Add(new QuestionnaireTranslation { QuestionnaireId = questionnaireId, Language = language, Key = key, Text = text.Trim() });
            }
        }
        return await SaveAsync();
    }

    private Dictionary<string, string> Apply(Question question, QuestionDraft draft, IReadOnlyList<QuestionnaireSection> sections, bool locked)
    {
        var errors = new Dictionary<string, string>();
        var text = draft.Text?.Trim() ?? "";
        if (text.Length is < 3 or > Question.TextMaxLength)
        {
            errors[nameof(draft.Text)] = $"La question fait de 3 à {Question.TextMaxLength} caractères (ici : {text.Length}).";
        }
        if (draft.Help?.Trim().Length > Question.HelpMaxLength)
        {
            errors[nameof(draft.Help)] = $"L'aide fait au plus {Question.HelpMaxLength} caractères.";
        }
        if (!Enum.IsDefined(draft.Kind))
        {
            errors[nameof(draft.Kind)] = "Choisissez un type de question.";
            return errors;
        }

        var lines = draft.Options.Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (draft.Kind == QuestionKind.YesNo)
        {
            lines = ["Oui", "Non"];
        }
        else if (draft.Kind == QuestionKind.FreeText)
        {
            lines = [];
        }
        else if (draft.Kind == QuestionKind.Scale && lines.Count == 0)
        {
            lines = [.. DefaultScale];
        }
        else if (draft.Kind == QuestionKind.Scale && lines.Count != 5)
        {
            errors[nameof(draft.Options)] = "Une échelle a exactement 5 libellés, un par ligne, du plus faible au plus fort.";
        }
        else if (draft.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Ranking && lines.Count is < 2 or > Question.MaxOptions)
        {
            errors[nameof(draft.Options)] = $"Donnez de 2 à {Question.MaxOptions} choix, un par ligne (ici : {lines.Count}).";
        }
        if (lines.FirstOrDefault(l => l.Length > Question.OptionMaxLength) is { } longLine)
        {
            errors[nameof(draft.Options)] = $"Le choix « {longLine[..20]}… » dépasse {Question.OptionMaxLength} caractères.";
        }
        else if (lines.Distinct(StringComparer.OrdinalIgnoreCase).Count() != lines.Count)
        {
            errors[nameof(draft.Options)] = "Deux choix sont identiques.";
        }

        var everyQuestion = sections.SelectMany(s => s.Questions).ToList();
        if (locked)
        {
            if (draft.Kind != question.Kind || lines.Count != question.Options.Count || draft.ShowWhenOptionId != question.ShowWhenOptionId)
            {
                errors[""] = Locked;
            }
        }
        else
        {
            var removed = question.Options.OrderBy(o => o.Position).Skip(lines.Count).Select(o => o.Id).ToHashSet();
            if (everyQuestion.FirstOrDefault(q => q.ShowWhenOptionId is { } o && removed.Contains(o)) is { } dependent)
            {
                errors[nameof(draft.Options)] = $"La question « {dependent.Text} » dépend d'un choix retiré : changez d'abord sa condition.";
            }
        }
        if (draft.ShowWhenOptionId is { } conditionId)
        {
            var source = everyQuestion.FirstOrDefault(q => q.Options.Any(o => o.Id == conditionId));
            var order = Order(sections);
            if (source is null || source == question)
            {
                errors[nameof(draft.ShowWhenOptionId)] = "Cette condition ne correspond à aucune réponse d'une question précédente.";
            }
            else if (source.Kind is QuestionKind.FreeText or QuestionKind.Ranking)
            {
                errors[nameof(draft.ShowWhenOptionId)] = "Une condition porte sur une question à choix.";
            }
            else if (order[source] > order[question])
            {
                errors[nameof(draft.ShowWhenOptionId)] = "Une condition porte sur une question posée avant celle-ci.";
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        question.Text = text;
        question.Help = string.IsNullOrWhiteSpace(draft.Help) ? null : draft.Help.Trim();
        question.Required = draft.Required;
        question.Kind = draft.Kind;
        question.ShowWhenOptionId = draft.ShowWhenOptionId;
        var options = question.Options.OrderBy(o => o.Position).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i < options.Count)
            {
                options[i].Text = lines[i];
            }
            else
            {
                question.Options.Add(new QuestionOption { Text = lines[i], Position = i + 1 });
            }
        }
        foreach (var extra in options.Skip(lines.Count))
        {
            db.QuestionOptions.Remove(extra);
        }
        return errors;
    }

    /// <summary>A question placed before the question its condition reads, if any.</summary>
    private static Question? FirstOutOfOrder(IReadOnlyList<QuestionnaireSection> sections)
    {
        var order = Order(sections);
        var all = sections.SelectMany(s => s.Questions).ToList();
        return all.FirstOrDefault(q => q.ShowWhenOptionId is { } o && all.FirstOrDefault(s => s.Options.Any(x => x.Id == o)) is { } source && order[source] > order[q]);
    }

    /// <summary>Each question's place in the whole questionnaire: part first, then position within it.</summary>
    private static Dictionary<Question, long> Order(IReadOnlyList<QuestionnaireSection> sections) =>
        sections.SelectMany(s => s.Questions.Select(q => (q, Place: (long)s.Position * 100_000 + q.Position))).ToDictionary(p => p.q, p => p.Place);

    private async Task<List<QuestionnaireSection>> LoadAsync(int questionnaireId) =>
        await db.QuestionnaireSections.Where(s => s.QuestionnaireId == questionnaireId)
            .WithQuestions()
            .OrderBy(s => s.Position)
            .ToListAsync();

    private async Task<CommandResult> SaveAsync()
    {
        await db.SaveChangesAsync();
        forms.Forget();
        return CommandResult.Ok();
    }

    public static string Slug(string title)
    {
        var plain = new StringBuilder();
        foreach (var c in title.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            plain.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        var slug = string.Join('-', plain.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
        return slug.Length == 0 ? "consultation" : slug;
    }
}
