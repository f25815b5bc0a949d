using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Consultations;
using Participation.Web.Demo;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Consultations;

[Collection(SharedAppCollection.Name)]
public sealed class ResultsTests(ParticipationApp app)
{
    private static string Staff => $"pilotage@{DemoSeeder.Domain}";

    /// <summary>Sends answers that differ only by situation (A, B or C) and idea.</summary>
    private async Task AnswerAsync(TestQuestionnaire q, int situation, int count, string idea = "Être prévenu plus tôt des rendez-vous.")
    {
        for (var i = 0; i < count; i++)
        {
            var answer = q.CompleteAnswer(idea);
            answer[q["situation"].Field] = q["situation"].Option(situation);
            (await app.CreateBrowserlessClient().SendAnswerAsync(q, answer)).AssertRedirectsToThanks(q.Slug);
        }
    }

    [Fact]
    public async Task Fewer_than_five_answers_show_no_detail()
    {
        var q = await app.CreateQuestionnaireAsync("Trop peu de réponses");
        await AnswerAsync(q, 0, 4);
        var staff = await app.SignedInClientAsync(Staff);
        var page = await staff.GetDocumentAsync($"/pilotage/consultations/{q.Id}/resultats");
        Assert.Contains("Moins de 5 réponses dans ce groupe", page.Text());
        Assert.Empty(page.QuerySelectorAll("figure.chart"));
        Assert.DoesNotContain("Être prévenu plus tôt", page.Text());

        await AnswerAsync(q, 0, 1);
        var shown = await staff.GetDocumentAsync($"/pilotage/consultations/{q.Id}/resultats");
        Assert.DoesNotContain("Moins de 5 réponses dans ce groupe", shown.Text());
        var chart = shown.QuerySelector($"#g0-q{q["situation"].Id}-titre")!.ParentElement!.ParentElement!;
        Assert.Equal(["5", "0", "0"], chart.QuerySelectorAll("table tbody td:nth-child(2)").Select(td => td.TextContent));
        Assert.Equal("100\u202F%", chart.QuerySelector("table tbody td:nth-child(3)")!.TextContent);
        Assert.Equal(5, shown.QuerySelectorAll(".free-text").Length);
        // The question under a condition nobody met has no answer to show.
        Assert.Contains("Aucune réponse.", shown.QuerySelector($"#g0-q{q["precision"].Id}-titre-q")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task A_breakdown_hides_every_group_under_five_and_what_would_give_one_away_by_subtraction()
    {
        var q = await app.CreateQuestionnaireAsync("Ventilation protégée");
        await AnswerAsync(q, 0, 5);
        await AnswerAsync(q, 1, 2);
        var staff = await app.SignedInClientAsync(Staff);
        var url = $"/pilotage/consultations/{q.Id}/resultats?ventilation=q{q["situation"].Id}";
        var page = await staff.GetDocumentAsync(url);
        var groups = page.QuerySelectorAll("section.result-group").ToList();
        Assert.Equal(3, groups.Count);
        foreach (var small in groups.Skip(1))
        {
            Assert.Contains("moins de 5", small.QuerySelector("h2")!.TextContent);
        }
        // « A » has five answers, but the seven of the whole minus those five would show the two « B » families.
        Assert.Contains("détail masqué", groups[0].QuerySelector("h2")!.TextContent);
        Assert.Contains("retrouver par différence", groups[0].TextContent);
        Assert.Empty(page.QuerySelectorAll("figure.chart"));
        Assert.Empty(page.QuerySelectorAll(".free-text"));
        Assert.DoesNotContain("(2 réponses)", page.Text());
        Assert.DoesNotContain("(5 réponses)", page.Text());

        // Three more « B » families, two of them without an idea: both groups show, but not the ideas of « A ».
        await AnswerAsync(q, 1, 1);
        await AnswerAsync(q, 1, 2, idea: "");
        groups = (await staff.GetDocumentAsync(url)).QuerySelectorAll("section.result-group").ToList();
        Assert.Contains("(5 réponses)", groups[0].QuerySelector("h2")!.TextContent);
        Assert.Contains("(5 réponses)", groups[1].QuerySelector("h2")!.TextContent);
        Assert.NotEmpty(groups[0].QuerySelectorAll("figure.chart"));
        Assert.NotEmpty(groups[1].QuerySelectorAll("figure.chart"));
        Assert.Contains("moins de 5", groups[2].QuerySelector("h2")!.TextContent);
        // Eight ideas in all: five shown for « A » would leave the three of « B » to be read off the full list.
        var ideaOfA = groups[0].QuerySelector($"#g0-q{q["idee"].Id}-titre-q")!.ParentElement!;
        Assert.Contains("retrouver par différence", ideaOfA.TextContent);
        Assert.Empty(ideaOfA.QuerySelectorAll(".free-text"));
        Assert.Contains("Moins de 5 réponses à cette question", groups[1].QuerySelector($"#g1-q{q["idee"].Id}-titre-q")!.ParentElement!.TextContent);
        // Undivided, the eight ideas are all there.
        Assert.Equal(8, (await staff.GetDocumentAsync($"/pilotage/consultations/{q.Id}/resultats")).QuerySelectorAll(".free-text").Length);
    }

    [Fact]
    public async Task The_results_lead_to_each_question_and_the_breakdown_menu_names_its_questions()
    {
        var q = await app.CreateQuestionnaireAsync("Des résultats où l'on circule");
        await AnswerAsync(q, 0, 5);
        var page = await (await app.SignedInClientAsync(Staff)).GetDocumentAsync($"/pilotage/consultations/{q.Id}/resultats");
        var jumps = page.QuerySelectorAll(".jump-links a").ToList();
        Assert.Equal(page.QuerySelectorAll(".result-group")[0].QuerySelectorAll(".question-result").Length, jumps.Count);
        foreach (var jump in jumps)
        {
            Assert.NotNull(page.QuerySelector(jump.GetAttribute("href")!));
        }
        Assert.Contains("Votre situation", jumps[0].TextContent);
        var option = page.QuerySelector($"#ventilation option[value=q{q["situation"].Id}]")!;
        Assert.Equal("la réponse à la question 1, « Votre situation »", option.TextContent);
    }

    [Fact]
    public async Task A_breakdown_by_a_question_with_several_answers_is_not_offered()
    {
        var q = await app.CreateQuestionnaireAsync("Pas de ventilation par classement");
        await AnswerAsync(q, 0, 5);
        var staff = await app.SignedInClientAsync(Staff);
        var page = await staff.GetDocumentAsync($"/pilotage/consultations/{q.Id}/resultats?ventilation=q{q["priorites"].Id}");
        Assert.DoesNotContain(page.QuerySelectorAll("#ventilation option"), o => o.GetAttribute("value") == $"q{q["priorites"].Id}");
        Assert.Equal("Toutes les réponses", page.QuerySelector("section.result-group h2")!.FirstChild!.TextContent.Trim());
    }

    [Fact]
    public async Task The_CSV_holds_one_row_per_family_no_code_and_nothing_that_singles_out_a_few()
    {
        var q = await app.CreateQuestionnaireAsync("Export des réponses", QuestionnaireAccess.Invitation);
        var codes = await app.InvitationCodesAsync(q.Id, 5);
        (await app.CreateBrowserlessClient().SendAnswerAsync(q, q.CompleteAnswer("Une idée; avec \"guillemets\""), codes[0])).AssertRedirectsToThanks(q.Slug);
        (await app.CreateBrowserlessClient().SendAnswerAsync(q, q.CompleteAnswer("=HYPERLINK(\"http://exemple.invalid\")"), codes[1])).AssertRedirectsToThanks(q.Slug);
        (await app.CreateBrowserlessClient().SendAnswerAsync(q, q.CompleteAnswer("Des horaires plus souples."), codes[2])).AssertRedirectsToThanks(q.Slug);
        var staff = await app.SignedInClientAsync(Staff);

        // Four families: too few for any export.
        var paper = q.CompleteAnswer("Reçu par la poste.");
        paper["langue"] = "ar";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/pilotage/consultations/{q.Id}/papier", paper)).StatusCode);
        var early = await staff.GetAsync($"/pilotage/consultations/{q.Id}/resultats?handler=Csv");
        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        var refused = await staff.GetDocumentAsync(early.Headers.Location!.OriginalString);
        Assert.Contains("L'export n'est possible qu'à partir de 5 réponses envoyées", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Empty(refused.QuerySelectorAll("a[href$='handler=Csv']"));

        (await app.CreateBrowserlessClient().SendAnswerAsync(q, q.CompleteAnswer("Plus de temps avec les éducateurs."), codes[3])).AssertRedirectsToThanks(q.Slug);
        var response = await staff.GetAsync($"/pilotage/consultations/{q.Id}/resultats?handler=Csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).TrimEnd().Split("\r\n");
        Assert.Equal(6, lines.Length);
        Assert.Equal("réponse;mois;langue;canal;Q1 Votre situation;Q2 Êtes-vous suivi·e ?;Q3 Pourquoi pas ?;Q4 Votre note;Q5 Vos priorités;Q6 Une idée ?;Q7 Précisez votre situation C", lines[0]);
        var month = DateTime.Now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var months = lines.Skip(1).Select(l => l.Split(';')[1]).Distinct().ToList();
        // One Arabic paper answer among four French online ones: language and channel would point to it, so both are withheld.
        Assert.Equal("1;" + months[0] + ";masqué;masqué;A;Non;Y;4;P3 > P1 > P2;\"Une idée; avec \"\"guillemets\"\"\";masqué", lines[1]);
        // A formula typed by a visitor stays text in a spreadsheet.
        Assert.StartsWith("2;", lines[2]);
        Assert.Contains(";\"'=HYPERLINK(\"\"http://exemple.invalid\"\")\";", lines[2]);
        Assert.EndsWith(";P3 > P1 > P2;Des horaires plus souples.;masqué", lines[3]);
        Assert.EndsWith(";Reçu par la poste.;masqué", lines[4]);
        Assert.True(months.SequenceEqual([month]) || months.SequenceEqual([ConsultationResults.Withheld]), string.Join(",", months));
        foreach (var code in codes)
        {
            Assert.DoesNotContain(code.Replace("-", ""), string.Join("", lines).Replace("-", ""));
        }
    }

    [Fact]
    public void A_describing_column_keeps_only_values_shared_by_five_families()
    {
        Assert.Equal(["fr", "fr", "fr", "fr", "fr"], ConsultationResults.Generalise(["fr", "fr", "fr", "fr", "fr"], "autre langue"));
        var mixed = ConsultationResults.Generalise([.. Enumerable.Repeat("fr", 6), "ar", "ar", "ar", "en", "es"], "autre langue");
        Assert.Equal([.. Enumerable.Repeat("fr", 6), .. Enumerable.Repeat("autre langue", 5)], mixed);
        // Only two families outside French: even grouped, they would be recognised, so nobody's language is given.
        Assert.All(ConsultationResults.Generalise([.. Enumerable.Repeat("fr", 9), "ar", "en"], "autre langue"), v => Assert.Equal(ConsultationResults.Withheld, v));
    }

    [Fact]
    public void Describing_columns_read_together_single_out_no_one()
    {
        IReadOnlyList<string> month = [.. Enumerable.Repeat("2026-11", 10)];
        IReadOnlyList<string> channel = [.. Enumerable.Repeat("papier", 5), .. Enumerable.Repeat("en ligne", 5)];
        // Five of each language and of each channel, but one French paper answer and one Arabic online answer.
        IReadOnlyList<string> language = ["fr", "ar", "ar", "ar", "ar", "ar", "fr", "fr", "fr", "fr"];
        var kept = ConsultationResults.TogetherAtLeastMinimum([month, channel, language]);
        Assert.All(kept[0], v => Assert.Equal(ConsultationResults.Withheld, v));
        Assert.All(kept[1], v => Assert.Equal(ConsultationResults.Withheld, v));
        Assert.Equal(language, kept[2]);

        IReadOnlyList<string> sameLanguage = [.. Enumerable.Repeat("fr", 10)];
        Assert.Equal(channel, ConsultationResults.TogetherAtLeastMinimum([month, channel, sameLanguage])[1]);
    }

    [Theory]
    [InlineData(new[] { 5, 2, 0 }, 7, "Complement,TooFew,TooFew")]
    [InlineData(new[] { 5, 5, 0 }, 10, "Shown,Shown,TooFew")]
    [InlineData(new[] { 9, 6, 3 }, 18, "Shown,Complement,TooFew")]
    [InlineData(new[] { 9, 6, 3, 2 }, 20, "Shown,Shown,TooFew,TooFew")]
    [InlineData(new[] { 12 }, 12, "Shown")]
    [InlineData(new[] { 12 }, 14, "Complement")]
    [InlineData(new[] { 3 }, 3, "TooFew")]
    public void What_the_shown_counts_leave_out_of_the_whole_is_nothing_or_at_least_five(int[] counts, int whole, string expected)
    {
        Assert.Equal(expected, string.Join(",", SmallGroups.Mask(counts, whole)));
    }

    [Fact]
    public async Task A_paper_answer_is_marked_and_uses_up_its_code()
    {
        var q = await app.CreateQuestionnaireAsync("Saisie papier", QuestionnaireAccess.Invitation);
        var code = (await app.InvitationCodesAsync(q.Id, 1))[0];
        var staff = await app.SignedInClientAsync(Staff);
        var form = await staff.GetDocumentAsync($"/pilotage/consultations/{q.Id}/papier");
        // On paper every question is on one page.
        Assert.Equal(7, form.QuerySelectorAll(".question").Length);

        var missing = q.CompleteAnswer();
        missing.Remove(q["note"].Field);
        missing["code"] = code;
        var refused = await (await staff.PostFormAsync($"/pilotage/consultations/{q.Id}/papier", missing)).ParseAsync();
        Assert.Equal("Répondez à cette question pour continuer.", refused.QuerySelector($"#erreur-{q["note"].Field}")!.TextContent);
        Assert.Equal(q["situation"].Option(0), refused.QuerySelector($"input[name={q["situation"].Field}][checked]")!.GetAttribute("value"));
        Assert.Null(await app.WithDbAsync(db => db.Invitations.Where(i => i.QuestionnaireId == q.Id).Select(i => i.UsedAt).SingleAsync()));

        var complete = new Dictionary<string, string>(q.CompleteAnswer()) { ["code"] = code };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/pilotage/consultations/{q.Id}/papier", complete)).StatusCode);
        var stored = await app.WithDbAsync(db => db.Responses.SingleAsync(r => r.QuestionnaireId == q.Id));
        Assert.Equal(ResponseChannel.Paper, stored.Channel);
        Assert.NotNull(stored.EnteredById);
        var online = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = code }, "Start")).ParseAsync();
        Assert.Equal("Ce code a déjà servi\u00a0: les réponses ont été envoyées.", online.QuerySelector("#erreur-code")!.TextContent);
    }

    [Fact]
    public async Task Staff_print_the_questionnaire_on_paper_in_the_familys_language()
    {
        var q = await app.CreateQuestionnaireAsync("Version à imprimer", translations: "ar");
        var staff = await app.SignedInClientAsync(Staff);
        var french = await staff.GetDocumentAsync($"/pilotage/consultations/{q.Id}/imprimer");
        Assert.Equal(7, french.QuerySelectorAll(".paper-question").Length);
        Assert.Equal(3, french.QuerySelectorAll(".paper-section").Length);
        Assert.Contains("Seulement si vous avez répondu «\u00a0Non\u00a0» à la question 2.", french.QuerySelector(".paper-section")!.TextContent);
        Assert.Contains("Seulement si vous avez répondu «\u00a0C\u00a0» à la question 1.", french.Text());
        Assert.Equal(5, french.QuerySelectorAll(".paper-question")[3].QuerySelectorAll(".paper-box").Length);

        var arabic = await staff.GetDocumentAsync($"/pilotage/consultations/{q.Id}/imprimer?langue=ar");
        var paper = arabic.QuerySelector("article.paper")!;
        Assert.Equal("ar", paper.GetAttribute("lang"));
        Assert.Equal("rtl", paper.GetAttribute("dir"));
        Assert.Contains("أجب بقلم", paper.TextContent);
        Assert.EndsWith($"/consultations/{q.Slug}", paper.QuerySelector("bdi[dir=ltr]")!.TextContent);

        var parent = await app.SignedInClientAsync($"parent@{DemoSeeder.Domain}");
        Assert.Equal(HttpStatusCode.Redirect, (await parent.GetAsync($"/pilotage/consultations/{q.Id}/imprimer")).StatusCode);
    }

    [Fact]
    public async Task A_written_answer_the_results_hide_cannot_be_read_through_the_proposal_form()
    {
        var q = await app.CreateQuestionnaireAsync("Idée trop seule");
        await AnswerAsync(q, 0, 4, "Une idée qu'une seule famille pourrait avoir.");
        var staff = await app.SignedInClientAsync(Staff);
        var answerId = await app.WithDbAsync(db => db.Answers.Where(a => a.QuestionId == q["idee"].Id).Select(a => a.Id).FirstAsync());
        var convert = $"/pilotage/consultations/{q.Id}/reponses/{answerId}/proposition";
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(convert)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostHandlerAsync($"/pilotage/consultations/{q.Id}", convert, new Dictionary<string, string>
        {
            ["Title"] = "Une proposition tirée d'une réponse cachée", ["Text"] = "Une idée qu'une seule famille pourrait avoir.",
        })).StatusCode);

        await AnswerAsync(q, 0, 1);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(convert)).StatusCode);
    }

    [Fact]
    public async Task A_written_answer_is_tagged_and_becomes_a_proposal_from_this_questionnaire()
    {
        var q = await app.CreateQuestionnaireAsync("Des idées aux propositions");
        await AnswerAsync(q, 1, 5, "Des visites le samedi matin, quand on ne travaille pas.");
        var staff = await app.SignedInClientAsync(Staff);
        var answerId = await app.WithDbAsync(db => db.Answers.Where(a => a.QuestionId == q["idee"].Id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var results = $"/pilotage/consultations/{q.Id}/resultats";

        var tagged = await staff.PostHandlerAsync(results, $"{results}?handler=Tag&answerId={answerId}",
            new Dictionary<string, string> { ["Themes"] = Theme.FamilyTies.Slug() });
        Assert.Equal(HttpStatusCode.Redirect, tagged.StatusCode);
        Assert.Equal(Theme.FamilyTies, await app.WithDbAsync(db => db.Answers.Where(a => a.Id == answerId).Select(a => a.Themes).SingleAsync()));
        var byTheme = await staff.GetDocumentAsync($"{results}?theme={Theme.FamilyTies.Slug()}");
        Assert.Equal($"reponse-{answerId}", Assert.Single(byTheme.QuerySelectorAll(".free-text")).Id);
        Assert.Equal(4, (await staff.GetDocumentAsync($"{results}?theme=sans-theme")).QuerySelectorAll(".free-text").Length);

        var convert = $"/pilotage/consultations/{q.Id}/reponses/{answerId}/proposition";
        var form = await staff.GetDocumentAsync(convert);
        Assert.Equal("Des visites le samedi matin, quand on ne travaille pas.", form.QuerySelector("textarea#texte")!.TextContent);
        Assert.NotNull(form.QuerySelector($"input[name=Themes][value={Theme.FamilyTies.Slug()}][checked]"));
        var tooShort = await (await staff.PostFormAsync(convert, new Dictionary<string, string> { ["Title"] = "Non", ["Text"] = "Des visites le samedi matin.", ["Themes"] = Theme.FamilyTies.Slug() })).ParseAsync();
        Assert.NotNull(tooShort.QuerySelector("#erreur-title"));
        Assert.Null(await app.WithDbAsync(db => db.Answers.Where(a => a.Id == answerId).Select(a => a.ProposalId).SingleAsync()));

        var created = await staff.PostFormAsync(convert, new Dictionary<string, string>
        {
            ["Title"] = "Des visites le samedi pour les parents qui travaillent", ["Text"] = "Des visites le samedi matin, quand on ne travaille pas.", ["Themes"] = Theme.FamilyTies.Slug(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var proposal = await app.WithDbAsync(db => db.Proposals.Include(p => p.Authors).SingleAsync(p => p.OriginReference == $"questionnaire:{q.Id}/answer:{answerId}"));
        Assert.Equal(Channel.Questionnaire, proposal.Channel);
        Assert.Equal("Des idées aux propositions", proposal.OriginDetail);
        Assert.Equal(AuthorKind.Parent, Assert.Single(proposal.Authors).Kind);
        Assert.Equal(proposal.Id, await app.WithDbAsync(db => db.Answers.Where(a => a.Id == answerId).Select(a => a.ProposalId).SingleAsync()));

        var page = await staff.GetDocumentAsync(results);
        Assert.NotNull(page.QuerySelector($"#reponse-{answerId} a[href='/propositions/{proposal.Id}']"));
        // Asking again leads to the proposal already made, not to a second one.
        var again = await staff.GetAsync(convert);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task The_demo_consultation_shows_its_results_to_staff()
    {
        var staff = await app.SignedInClientAsync(Staff);
        var id = await app.WithDbAsync(db => db.Questionnaires.Where(q => q.Slug == "parents-place").Select(q => q.Id).SingleAsync());
        var page = await staff.GetDocumentAsync($"/pilotage/consultations/{id}/resultats?ventilation=langue");
        Assert.True(page.QuerySelectorAll("figure.chart").Length >= 6);
        Assert.Contains("Réponses en français", page.Text());
    }

    [Fact]
    public async Task Families_see_what_became_of_a_finished_consultation()
    {
        var list = await app.CreateBrowserlessClient().GetDocumentAsync("/consultations");
        var finished = list.QuerySelectorAll("#terminees ~ ul li, section[aria-labelledby=terminees] li.card")
            .First(li => li.QuerySelector("h3")!.TextContent.StartsWith("Les visites en présence", StringComparison.Ordinal));
        Assert.Contains("23 familles ont répondu.", finished.TextContent);
        Assert.Equal(2, finished.QuerySelectorAll(".outcome-proposals a").Length);

        var page = await app.CreateBrowserlessClient().GetDocumentAsync("/consultations/visites-en-presence-d-un-tiers");
        Assert.Contains("Cette consultation s'est terminée", page.Text());
        Assert.Contains("Des salles de visite accueillantes, avec des jeux", page.QuerySelector(".consultation-outcome")!.TextContent);
    }

    [Fact]
    public async Task A_proposal_from_a_consultation_is_shown_to_families_once_published()
    {
        var q = await app.CreateQuestionnaireAsync("Retour aux familles");
        await AnswerAsync(q, 0, 5, "Un numéro de téléphone qui répond le samedi.");
        var staff = await app.SignedInClientAsync(Staff);
        var answerId = await app.WithDbAsync(db => db.Answers.Where(a => a.QuestionId == q["idee"].Id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var created = await staff.PostFormAsync($"/pilotage/consultations/{q.Id}/reponses/{answerId}/proposition", new Dictionary<string, string>
        {
            ["Title"] = "Une permanence téléphonique le samedi", ["Text"] = "Un numéro de téléphone qui répond le samedi.", ["Themes"] = Theme.FamilyTies.Slug(),
        });
        var proposalId = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
        await app.WithDbAsync(db => db.Questionnaires.Where(x => x.Id == q.Id).ExecuteUpdateAsync(set => set.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        app.Services.GetRequiredService<ConsultationForms>().Forget();

        var waiting = await app.CreateBrowserlessClient().GetDocumentAsync($"/consultations/{q.Slug}");
        Assert.Contains("5 familles ont répondu.", waiting.QuerySelector(".consultation-outcome")!.TextContent);
        Assert.Null(waiting.QuerySelector($".consultation-outcome a[href='/propositions/{proposalId}']"));

        await app.AdvanceAsync(proposalId, ProposalStatus.Published);
        var published = await app.CreateBrowserlessClient().GetDocumentAsync($"/consultations/{q.Slug}");
        Assert.NotNull(published.QuerySelector($".consultation-outcome a[href='/propositions/{proposalId}']"));
    }
}
