using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Participation.Web.Consultations;

/// <summary>The keys under which a questionnaire's translated texts are stored.</summary>
public static class TextKeys
{
    public const string Title = "titre";
    public const string Intro = "intro";
    public static string Section(int id) => $"s{id}";
    public static string Question(int id) => $"q{id}";
    public static string Help(int id) => $"q{id}-aide";
    public static string Option(int id) => $"o{id}";
}

/// <summary>A text shown to the parent; <see cref="Fallback"/> when it is the French one because no translation exists yet.</summary>
public sealed record LocalText(string Value, bool Fallback = false)
{
    public override string ToString() => Value;
}

public sealed record OptionShape(int Id, LocalText Text);

public sealed record QuestionShape(
    int Id, int SectionIndex, int Number, QuestionKind Kind, LocalText Text, LocalText? Help, bool Required,
    int? ShowWhenOptionId, int? ShowWhenQuestionId, IReadOnlyList<OptionShape> Options)
{
    public bool HasChoices => Kind is not QuestionKind.FreeText;
    /// <summary>One answer at most per family: such a question splits families into separate groups.</summary>
    public bool HasSingleAnswer => Kind is QuestionKind.SingleChoice or QuestionKind.YesNo or QuestionKind.Scale;
    public bool IsConditional => ShowWhenOptionId is not null;
    public string Field => $"q{Id}";
    public string RankField(int optionId) => $"q{Id}-o{optionId}";
}

public sealed record SectionShape(int Id, int Index, LocalText Title, IReadOnlyList<QuestionShape> Questions);

/// <summary>What a parent chose for one question: options (in rank order for a ranking), or a text.</summary>
public sealed record AnswerValue(IReadOnlyList<int> OptionIds, string? Text = null)
{
    public static AnswerValue Of(params int[] optionIds) => new(optionIds);
    public static AnswerValue Written(string text) => new([], text);
    public bool IsEmpty => OptionIds.Count == 0 && string.IsNullOrEmpty(Text);
}

/// <summary>
/// A questionnaire in one language, ready to be answered: which questions are asked given the
/// answers so far, how form fields turn into answers, and which answers are missing or wrong.
/// Pure code: the pages and the benchmark share it, and its tests need no web or database.
/// </summary>
public sealed class QuestionnaireForm
{
    private readonly Dictionary<int, QuestionShape> questions;
    private readonly Dictionary<int, int> optionOwner;

    public QuestionnaireForm(int id, string slug, LocalText title, LocalText intro, QuestionnaireAccess access, Language language, IReadOnlyList<SectionShape> sections)
    {
        Id = id;
        Slug = slug;
        Title = title;
        Intro = intro;
        Access = access;
        Language = language;
        Sections = sections;
        questions = sections.SelectMany(s => s.Questions).ToDictionary(q => q.Id);
        optionOwner = questions.Values.SelectMany(q => q.Options.Select(o => (o.Id, q.Id))).ToDictionary(p => p.Item1, p => p.Item2);
    }

    public int Id { get; }
    public string Slug { get; }
    public LocalText Title { get; }
    public LocalText Intro { get; }
    public QuestionnaireAccess Access { get; }
    public Language Language { get; }
    public Wording Wording => Language.Wording;
    public IReadOnlyList<SectionShape> Sections { get; }
    public IEnumerable<QuestionShape> Questions => Sections.SelectMany(s => s.Questions);
    public int QuestionCount => questions.Count;

    /// <summary>About 20 seconds a question, rounded up to whole minutes.</summary>
    public int MinutesNeeded => Math.Max(1, (int)Math.Ceiling(QuestionCount / 3.0));

    public QuestionShape? Find(int questionId) => questions.GetValueOrDefault(questionId);

    public OptionShape? ConditionOption(QuestionShape question) =>
        question.ShowWhenQuestionId is { } source ? questions[source].Options.FirstOrDefault(o => o.Id == question.ShowWhenOptionId) : null;

    /// <summary>Whether the question is asked: always, or when its condition holds (and its source is asked).</summary>
    public bool IsAsked(QuestionShape question, IReadOnlyDictionary<int, AnswerValue> answers)
    {
        if (question.ShowWhenQuestionId is not { } sourceId)
        {
            return true;
        }
        var source = questions[sourceId];
        return IsAsked(source, answers) && answers.TryGetValue(sourceId, out var given) && given.OptionIds.Contains(question.ShowWhenOptionId!.Value);
    }

    /// <summary>
    /// Whether a question appears on its section's screen. A condition on a question of the same
    /// screen cannot be known before that screen is sent, so such a question is shown with a hint
    /// (and hidden by script where script runs).
    /// </summary>
    public bool IsShown(QuestionShape question, IReadOnlyDictionary<int, AnswerValue> answers) =>
        IsAsked(question, answers) || (question.ShowWhenQuestionId is { } source && questions[source].SectionIndex == question.SectionIndex && IsShown(questions[source], answers));

    /// <summary>The sections with at least one question to show, in order: the screens the parent goes through.</summary>
    public IReadOnlyList<SectionShape> Screens(IReadOnlyDictionary<int, AnswerValue> answers) =>
        Sections.Where(s => s.Questions.Any(q => IsShown(q, answers))).ToList();

    /// <summary>
    /// Reads every question's fields from a posted form: the current screen's inputs and the hidden
    /// copies of earlier screens alike. Returns the answers it could read and, per field, what was wrong.
    /// </summary>
    public (Dictionary<int, AnswerValue> Answers, Dictionary<string, string> Errors) Read(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        var fields = form.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var answers = new Dictionary<int, AnswerValue>();
        var errors = new Dictionary<string, string>();
        foreach (var question in questions.Values)
        {
            var (value, error) = ReadOne(question, fields);
            if (error is not null)
            {
                errors[question.Field] = error;
            }
            else if (value is { IsEmpty: false })
            {
                answers[question.Id] = value;
            }
        }
        return (answers, errors);
    }

    private (AnswerValue? Value, string? Error) ReadOne(QuestionShape question, Dictionary<string, StringValues> fields)
    {
        var words = Wording;
        switch (question.Kind)
        {
            case QuestionKind.FreeText:
            {
                var text = fields.GetValueOrDefault(question.Field).ToString().Trim().ReplaceLineEndings("\n");
                return text.Length > Answer.TextMaxLength
                    ? (null, words.Format(words.ErrorTooLong, text.Length, Answer.TextMaxLength))
                    : (text.Length == 0 ? null : AnswerValue.Written(text), null);
            }
            case QuestionKind.Ranking:
            {
                var ranks = new List<(int Rank, int OptionId)>();
                foreach (var option in question.Options)
                {
                    var typed = fields.GetValueOrDefault(question.RankField(option.Id)).ToString().Trim();
                    if (typed.Length == 0)
                    {
                        continue;
                    }
                    if (!int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var rank))
                    {
                        return (null, words.Format(words.ErrorRanking, question.Options.Count));
                    }
                    ranks.Add((rank, option.Id));
                }
                if (ranks.Count == 0)
                {
                    return (null, null);
                }
                var expected = Enumerable.Range(1, question.Options.Count);
                return ranks.Count == question.Options.Count && ranks.Select(r => r.Rank).Order().SequenceEqual(expected)
                    ? (new AnswerValue(ranks.OrderBy(r => r.Rank).Select(r => r.OptionId).ToList()), null)
                    : (null, words.Format(words.ErrorRanking, question.Options.Count));
            }
            default:
            {
                var values = fields.GetValueOrDefault(question.Field).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
                if (values.Count == 0)
                {
                    return (null, null);
                }
                if (values.Count > 1 && question.Kind != QuestionKind.MultipleChoice)
                {
                    return (null, words.ErrorOneChoice);
                }
                var chosen = new List<int>();
                foreach (var value in values)
                {
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var optionId)
                        || optionOwner.GetValueOrDefault(optionId) != question.Id)
                    {
                        return (null, words.ErrorNotAChoice);
                    }
                    if (!chosen.Contains(optionId))
                    {
                        chosen.Add(optionId);
                    }
                }
                return (new AnswerValue(chosen), null);
            }
        }
    }

    /// <summary>The required questions of a screen that are asked and left empty.</summary>
    public Dictionary<string, string> Missing(SectionShape section, IReadOnlyDictionary<int, AnswerValue> answers) =>
        section.Questions
            .Where(q => q.Required && IsAsked(q, answers) && !answers.ContainsKey(q.Id))
            .ToDictionary(q => q.Field, _ => Wording.ErrorRequired);

    /// <summary>Only the answers to questions actually asked: an answer under an unmet condition is dropped.</summary>
    public Dictionary<int, AnswerValue> Kept(IReadOnlyDictionary<int, AnswerValue> answers) =>
        answers.Where(a => questions.TryGetValue(a.Key, out var q) && IsAsked(q, answers)).ToDictionary(a => a.Key, a => a.Value);

    /// <summary>Turns answers back into form fields, to carry earlier screens along as hidden inputs.</summary>
    public IEnumerable<KeyValuePair<string, string>> Fields(QuestionShape question, AnswerValue? answer)
    {
        if (answer is null)
        {
            yield break;
        }
        switch (question.Kind)
        {
            case QuestionKind.FreeText:
                yield return new(question.Field, answer.Text ?? "");
                break;
            case QuestionKind.Ranking:
                for (var i = 0; i < answer.OptionIds.Count; i++)
                {
                    yield return new(question.RankField(answer.OptionIds[i]), (i + 1).ToString(CultureInfo.InvariantCulture));
                }
                break;
            default:
                foreach (var option in answer.OptionIds)
                {
                    yield return new(question.Field, option.ToString(CultureInfo.InvariantCulture));
                }
                break;
        }
    }
}
