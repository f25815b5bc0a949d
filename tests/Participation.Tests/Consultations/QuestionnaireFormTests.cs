using Microsoft.Extensions.Primitives;
using Participation.Web.Consultations;

namespace Participation.Tests.Consultations;

public sealed class QuestionnaireFormTests
{
    // Part 1: 1 single (options 11, 12, 13), 2 yes/no (21 yes, 22 no), 3 multiple when 2 = no (31, 32).
    // Part 2: 4 ranking (41, 42, 43), 5 free text when 1 = 13, 6 scale (61..65).
    private static QuestionnaireForm Form(Language? language = null)
    {
        static OptionShape O(int id) => new(id, new LocalText($"choix {id}"));
        var first = new SectionShape(1, 0, new LocalText("Partie 1"),
        [
            new QuestionShape(1, 0, 1, QuestionKind.SingleChoice, new LocalText("Situation"), null, true, null, null, [O(11), O(12), O(13)]),
            new QuestionShape(2, 0, 2, QuestionKind.YesNo, new LocalText("Suivi ?"), null, true, null, null, [O(21), O(22)]),
            new QuestionShape(3, 0, 3, QuestionKind.MultipleChoice, new LocalText("Pourquoi ?"), null, true, 22, 2, [O(31), O(32)]),
        ]);
        var second = new SectionShape(2, 1, new LocalText("Partie 2"),
        [
            new QuestionShape(4, 1, 4, QuestionKind.Ranking, new LocalText("Priorités"), null, true, null, null, [O(41), O(42), O(43)]),
            new QuestionShape(5, 1, 5, QuestionKind.FreeText, new LocalText("Précisez"), null, true, 13, 1, []),
            new QuestionShape(6, 1, 6, QuestionKind.Scale, new LocalText("Note"), null, false, null, null, [O(61), O(62), O(63), O(64), O(65)]),
        ]);
        return new QuestionnaireForm(1, "test", new LocalText("Test"), new LocalText(""), QuestionnaireAccess.OpenLink, language ?? Languages.French, [first, second]);
    }

    private static Dictionary<string, StringValues> Fields(params (string Key, string Value)[] values) =>
        values.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => new StringValues(g.Select(v => v.Value).ToArray()));

    [Fact]
    public void A_question_is_asked_only_when_its_condition_holds()
    {
        var form = Form();
        var pourquoi = form.Find(3)!;
        Assert.False(form.IsAsked(pourquoi, new Dictionary<int, AnswerValue>()));
        Assert.False(form.IsAsked(pourquoi, new Dictionary<int, AnswerValue> { [2] = AnswerValue.Of(21) }));
        Assert.True(form.IsAsked(pourquoi, new Dictionary<int, AnswerValue> { [2] = AnswerValue.Of(22) }));
    }

    [Fact]
    public void A_condition_on_the_same_screen_shows_the_question_before_the_answer_is_known()
    {
        var form = Form();
        // Shown (with a hint, or hidden by script) but not asked: its answer is not required.
        Assert.True(form.IsShown(form.Find(3)!, new Dictionary<int, AnswerValue>()));
        Assert.Empty(form.Missing(form.Sections[0], new Dictionary<int, AnswerValue> { [1] = AnswerValue.Of(11), [2] = AnswerValue.Of(21) }));
        Assert.Equal(["q3"], form.Missing(form.Sections[0], new Dictionary<int, AnswerValue> { [1] = AnswerValue.Of(11), [2] = AnswerValue.Of(22) }).Keys);
    }

    [Fact]
    public void A_condition_on_an_earlier_screen_removes_the_question_from_later_screens()
    {
        var form = Form();
        var notC = new Dictionary<int, AnswerValue> { [1] = AnswerValue.Of(11) };
        Assert.False(form.IsShown(form.Find(5)!, notC));
        Assert.Equal(["q4"], form.Missing(form.Sections[1], notC).Keys);
        var c = new Dictionary<int, AnswerValue> { [1] = AnswerValue.Of(13) };
        Assert.True(form.IsShown(form.Find(5)!, c));
        Assert.Equal(["q4", "q5"], form.Missing(form.Sections[1], c).Keys.Order());
    }

    [Fact]
    public void A_screen_whose_questions_are_all_skipped_is_not_shown()
    {
        var onlyConditional = new SectionShape(3, 2, new LocalText("Partie 3"),
            [new QuestionShape(7, 2, 7, QuestionKind.FreeText, new LocalText("Dites-en plus"), null, false, 22, 2, [])]);
        var form = new QuestionnaireForm(1, "t", new LocalText("T"), new LocalText(""), QuestionnaireAccess.OpenLink, Languages.French, [.. Form().Sections, onlyConditional]);
        Assert.Equal(2, form.Screens(new Dictionary<int, AnswerValue> { [2] = AnswerValue.Of(21) }).Count);
        Assert.Equal(3, form.Screens(new Dictionary<int, AnswerValue> { [2] = AnswerValue.Of(22) }).Count);
    }

    [Fact]
    public void Reading_fields_keeps_valid_answers_in_their_order()
    {
        var (answers, errors) = Form().Read(Fields(("q1", "12"), ("q3", "32"), ("q3", "31"), ("q4-o41", "3"), ("q4-o42", "1"), ("q4-o43", "2"), ("q5", "  Un texte \r\n sur deux lignes "), ("q6", "")));
        Assert.Empty(errors);
        Assert.Equal([12], answers[1].OptionIds);
        Assert.Equal([32, 31], answers[3].OptionIds);
        Assert.Equal([42, 43, 41], answers[4].OptionIds);
        Assert.Equal("Un texte \n sur deux lignes", answers[5].Text);
        Assert.False(answers.ContainsKey(6));
    }

    [Theory]
    [InlineData("q1", "21", "Ce choix ne fait pas partie de la question.")]
    [InlineData("q1", "onze", "Ce choix ne fait pas partie de la question.")]
    [InlineData("q3", "99", "Ce choix ne fait pas partie de la question.")]
    public void A_choice_that_does_not_belong_to_the_question_is_refused(string field, string value, string message)
    {
        var (answers, errors) = Form().Read(Fields((field, value)));
        Assert.Equal(message, errors[field]);
        Assert.Empty(answers);
    }

    [Fact]
    public void Two_answers_to_a_single_choice_are_refused()
    {
        var (_, errors) = Form().Read(Fields(("q1", "11"), ("q1", "12")));
        Assert.Equal("Choisissez une seule réponse.", errors["q1"]);
    }

    [Fact]
    public void An_oversized_text_is_refused_with_its_length()
    {
        var (answers, errors) = Form().Read(Fields(("q5", new string('a', Answer.TextMaxLength + 1))));
        Assert.Equal($"Votre réponse fait {Answer.TextMaxLength + 1} caractères\u00a0: {Answer.TextMaxLength} au plus.", errors["q5"]);
        Assert.Empty(answers);
    }

    [Theory]
    [InlineData("1", "1", "2")]
    [InlineData("1", "2", "")]
    [InlineData("1", "2", "4")]
    [InlineData("1", "2", "x")]
    public void A_ranking_needs_every_number_once(string a, string b, string c)
    {
        var (_, errors) = Form().Read(Fields(("q4-o41", a), ("q4-o42", b), ("q4-o43", c)));
        Assert.Equal("Donnez à chaque choix un numéro différent, de 1 à 3.", errors["q4"]);
    }

    [Fact]
    public void Answers_under_an_unmet_condition_are_dropped()
    {
        var form = Form();
        var kept = form.Kept(new Dictionary<int, AnswerValue> { [1] = AnswerValue.Of(11), [2] = AnswerValue.Of(21), [3] = AnswerValue.Of(31), [5] = AnswerValue.Written("hors sujet") });
        Assert.Equal([1, 2], kept.Keys.Order());
    }

    [Fact]
    public void Answers_survive_the_trip_through_hidden_fields()
    {
        var form = Form();
        var answers = new Dictionary<int, AnswerValue>
        {
            [1] = AnswerValue.Of(13), [2] = AnswerValue.Of(22), [3] = AnswerValue.Of(31, 32), [4] = AnswerValue.Of(43, 41, 42),
            [5] = AnswerValue.Written("Mon texte"), [6] = AnswerValue.Of(64),
        };
        var fields = form.Questions.SelectMany(q => form.Fields(q, answers.GetValueOrDefault(q.Id))).Select(f => (f.Key, f.Value)).ToArray();
        var (read, errors) = form.Read(Fields(fields));
        Assert.Empty(errors);
        Assert.Equal(answers.Keys.Order(), read.Keys.Order());
        foreach (var (id, value) in answers)
        {
            Assert.Equal(value.OptionIds, read[id].OptionIds);
            Assert.Equal(value.Text, read[id].Text);
        }
    }

    [Fact]
    public void Messages_come_in_the_parents_language()
    {
        var (_, errors) = Form(Languages.Arabic).Read(Fields(("q1", "99")));
        Assert.Equal(Languages.Arabic.Wording.ErrorNotAChoice, errors["q1"]);
        var missing = Form(Languages.Falc).Missing(Form(Languages.Falc).Sections[0], new Dictionary<int, AnswerValue>());
        Assert.Equal("Vous devez répondre à cette question.", missing["q1"]);
    }

    [Fact]
    public void Every_language_words_every_message()
    {
        foreach (var language in Languages.All)
        {
            foreach (var property in typeof(Wording).GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)property.GetValue(language.Wording)), $"{language.Code}: {property.Name}");
            }
            Assert.Contains("7", language.Wording.Length(7, 3), StringComparison.Ordinal);
            Assert.Contains("3", language.Wording.Length(7, 3), StringComparison.Ordinal);
        }
        Assert.True(Languages.Arabic.RightToLeft);
        Assert.Equal("rtl", Languages.Arabic.Direction);
        Assert.Equal("fr", Languages.Falc.HtmlLang);
    }
}
