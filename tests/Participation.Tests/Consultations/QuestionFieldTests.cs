using Bunit;
using Participation.Web.Consultations;

namespace Participation.Tests.Consultations;

public sealed class QuestionFieldTests : BunitContext
{
    private static readonly QuestionShape Situation = new(1, 0, 1, QuestionKind.SingleChoice, new LocalText("Votre situation"), new LocalText("Une seule réponse."), true, null, null,
        [new(11, new LocalText("A")), new(12, new LocalText("B"))]);
    private static readonly QuestionShape Why = new(2, 0, 2, QuestionKind.MultipleChoice, new LocalText("Pourquoi ?"), null, false, 12, 1,
        [new(21, new LocalText("X")), new(22, new LocalText("Y", Fallback: true))]);
    private static readonly QuestionShape Rank = new(3, 1, 3, QuestionKind.Ranking, new LocalText("Priorités"), null, true, null, null,
        [new(31, new LocalText("P1")), new(32, new LocalText("P2")), new(33, new LocalText("P3"))]);
    private static readonly QuestionShape Scale = new(4, 1, 4, QuestionKind.Scale, new LocalText("Note"), null, true, null, null,
        Enumerable.Range(41, 5).Select(id => new OptionShape(id, new LocalText($"niveau {id - 40}"))).ToList());
    private static readonly QuestionShape Idea = new(5, 1, 5, QuestionKind.FreeText, new LocalText("Une idée ?"), null, false, 11, 1, []);

    private static QuestionnaireForm Form(Language language) => new(1, "t", new LocalText("T"), new LocalText(""), QuestionnaireAccess.OpenLink, language,
        [new SectionShape(1, 0, new LocalText("Un"), [Situation, Why]), new SectionShape(2, 1, new LocalText("Deux"), [Rank, Scale, Idea])]);

    private IRenderedComponent<QuestionField> RenderQuestion(QuestionShape question, AnswerValue? answer = null, string? error = null, Language? language = null) =>
        Render<QuestionField>(p => p.Add(c => c.View, new QuestionView(Form(language ?? Languages.French), question, answer, error)));

    [Fact]
    public void A_choice_question_is_a_group_of_labelled_radios_with_its_help()
    {
        var cut = RenderQuestion(Situation, AnswerValue.Of(12));
        Assert.Equal("Votre situation", cut.Find("legend").TextContent.Trim());
        var radios = cut.FindAll("input[type=radio][name=q1]");
        Assert.Equal(["11", "12"], radios.Select(r => r.GetAttribute("value")));
        Assert.NotNull(cut.Find("label[for=q1-o11]"));
        Assert.True(radios[1].HasAttribute("checked"));
        Assert.False(radios[0].HasAttribute("checked"));
        Assert.Equal("aide-q1", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Empty(cut.FindAll(".optional"));
    }

    [Fact]
    public void An_error_sits_next_to_the_question_and_is_announced_with_it()
    {
        var cut = RenderQuestion(Situation, error: "Répondez à cette question pour continuer.");
        Assert.Equal("Répondez à cette question pour continuer.", cut.Find("#erreur-q1").TextContent);
        Assert.Equal("aide-q1 erreur-q1", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.All(cut.FindAll("input"), input => Assert.Equal("true", input.GetAttribute("aria-invalid")));
    }

    [Fact]
    public void A_condition_on_the_same_screen_is_explained_and_wired_for_the_script()
    {
        var cut = RenderQuestion(Why);
        var block = cut.Find("#question-q2");
        Assert.Equal("q1", block.GetAttribute("data-condition-field"));
        Assert.Equal("12", block.GetAttribute("data-condition-value"));
        Assert.Equal("Seulement si vous avez répondu «\u00a0B\u00a0» juste avant.", cut.Find(".condition-hint").TextContent);
        Assert.Equal("(facultatif)", cut.Find(".optional").TextContent);
        Assert.Equal(2, cut.FindAll("input[type=checkbox][name=q2]").Count);
        // An untranslated choice keeps its French, marked as such.
        Assert.Equal("fr", cut.Find("label[for=q2-o22] span[lang]").GetAttribute("lang"));
    }

    [Fact]
    public void A_condition_on_an_earlier_screen_needs_no_hint()
    {
        var cut = RenderQuestion(Idea);
        Assert.Null(cut.Find("#question-q5").GetAttribute("data-condition-field"));
        Assert.Empty(cut.FindAll(".condition-hint"));
        Assert.Equal("2000", cut.Find("textarea#q5").GetAttribute("maxlength"));
    }

    [Fact]
    public void A_written_answer_carries_the_words_to_say_it_is_too_long_in_the_parents_language()
    {
        var box = RenderQuestion(Idea, language: Languages.Arabic).Find("textarea#q5");
        Assert.Equal(Languages.Arabic.Wording.ErrorTooLong, box.GetAttribute("data-too-long"));
        Assert.Contains("{0}", box.GetAttribute("data-too-long"));
        Assert.Equal("auto", box.GetAttribute("dir"));
    }

    [Fact]
    public void A_written_answer_refused_as_too_long_comes_back_whole_in_its_box()
    {
        var sent = new string('ب', Answer.TextMaxLength + 131);
        var cut = Render<QuestionField>(p => p.Add(c => c.View, new QuestionView(Form(Languages.Arabic), Idea, null,
            Languages.Arabic.Wording.Format(Languages.Arabic.Wording.ErrorTooLong, sent.Length, Answer.TextMaxLength), TypedText: sent)));
        Assert.Equal(sent, cut.Find("textarea#q5").TextContent);
        Assert.Equal("true", cut.Find("textarea#q5").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void A_ranking_gives_each_choice_a_number_to_pick()
    {
        var cut = RenderQuestion(Rank, AnswerValue.Of(33, 31, 32));
        var selects = cut.FindAll("select");
        Assert.Equal(["q3-o31", "q3-o32", "q3-o33"], selects.Select(s => s.GetAttribute("name")));
        Assert.Equal("2", selects[0].QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal("1", selects[2].QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal(4, selects[0].QuerySelectorAll("option").Length);
    }

    [Fact]
    public void A_scale_numbers_its_five_points_and_speaks_the_parents_language()
    {
        var cut = RenderQuestion(Scale, language: Languages.English);
        Assert.Equal(["1", "2", "3", "4", "5"], cut.FindAll(".scale-number").Select(n => n.TextContent));
        var cutText = RenderQuestion(Idea, language: Languages.English);
        Assert.Equal("(optional)", cutText.Find(".optional").TextContent);
        Assert.Equal("2000 characters at most.", cutText.FindAll(".hint:not(.help-beside)").Last().TextContent);
        // Beside every written answer, the two numbers to tap, in the parent's language.
        var help = cutText.Find(".help-beside");
        Assert.StartsWith("A child in danger, or yourself? Call 119 (child in danger line) or 3114", System.Text.RegularExpressions.Regex.Replace(help.TextContent.Trim(), @"\s+", " "));
        Assert.Equal(["tel:119", "tel:3114"], help.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }
}

public sealed class ConsultationOutcomeTests : BunitContext
{
    [Fact]
    public void A_finished_consultation_shows_how_many_answered_and_what_came_of_it()
    {
        var cut = Render<ConsultationOutcome>(p => p
            .Add(c => c.Responses, 23)
            .Add(c => c.Proposals, [new OutcomeProposal(7, "Des salles de visite accueillantes", Participation.Web.Proposals.ProposalStatus.Integrated)]));
        Assert.Contains("23 familles ont répondu.", cut.Markup);
        var link = cut.Find("a[href='/propositions/7']");
        Assert.Equal("Des salles de visite accueillantes", link.TextContent);
        Assert.Equal("intégrée", cut.Find(".status").TextContent);
    }

    [Fact]
    public void Fewer_than_five_families_are_not_counted_exactly_and_waiting_is_said()
    {
        var cut = Render<ConsultationOutcome>(p => p.Add(c => c.Responses, 3).Add(c => c.Proposals, []));
        Assert.Contains("Moins de 5 familles ont répondu.", cut.Markup);
        Assert.DoesNotContain("3", cut.Markup);
        Assert.Contains("en cours de lecture", cut.Find(".empty").TextContent);
    }
}
