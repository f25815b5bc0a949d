using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Consultations;

namespace Participation.Tests.Consultations;

[Collection(SharedAppCollection.Name)]
public sealed class AnsweringTests(ParticipationApp app)
{
    private static Dictionary<string, string> Screen(TestQuestionnaire q, int screen, string action, Dictionary<string, string>? answers = null)
    {
        var fields = new Dictionary<string, string>(answers ?? []) { ["langue"] = "fr", ["partie"] = q.Sections[screen].ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = action };
        return fields;
    }

    [Fact]
    public async Task A_parent_answers_screen_by_screen_without_an_account_and_only_the_sent_answer_is_stored()
    {
        var q = await app.CreateQuestionnaireAsync("Parcours complet d'un parent");
        var parent = app.CreateBrowserlessClient();

        var list = await parent.GetDocumentAsync("/consultations");
        Assert.NotNull(list.QuerySelector($"a[href='/consultations/{q.Slug}']"));

        var start = await (await parent.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["langue"] = "fr" }, "Start")).ParseAsync();
        Assert.Equal("Étape 1 sur 3", start.QuerySelector(".progress-label")!.TextContent);
        Assert.NotNull(start.QuerySelector($"input[name={q["situation"].Field}]"));
        Assert.Null(start.QuerySelector($"select[name^={q["priorites"].Field}]"));

        // A required answer missing: the same screen again, the message next to the question.
        var missing = await (await parent.PostAnswerAsync(q.Slug, Screen(q, 0, "suivant", new() { [q["suivi"].Field] = q["suivi"].Option(0) }))).ParseAsync();
        Assert.Equal("Étape 1 sur 3", missing.QuerySelector(".progress-label")!.TextContent);
        Assert.Equal("Répondez à cette question pour continuer.", missing.QuerySelector($"#erreur-{q["situation"].Field}")!.TextContent);
        Assert.Equal("true", missing.QuerySelector($"input[name={q["situation"].Field}]")!.GetAttribute("aria-invalid"));
        Assert.NotNull(missing.QuerySelector($"input[name={q["suivi"].Field}][value='{q["suivi"].Option(0)}'][checked]"));

        var first = new Dictionary<string, string> { [q["situation"].Field] = q["situation"].Option(2), [q["suivi"].Field] = q["suivi"].Option(0) };
        var second = await (await parent.PostAnswerAsync(q.Slug, Screen(q, 0, "suivant", first))).ParseAsync();
        Assert.Equal("Étape 2 sur 3", second.QuerySelector(".progress-label")!.TextContent);
        // Earlier answers travel as hidden fields; nothing is stored yet.
        Assert.Equal(q["situation"].Option(2), second.QuerySelector<IHtmlInputElement>($"input[type=hidden][name={q["situation"].Field}]")!.Value);
        Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == q.Id)));

        var secondAnswers = new Dictionary<string, string>(first)
        {
            [q["note"].Field] = q["note"].Option(4),
            [$"{q["priorites"].Field}-o{q["priorites"].Options[0]}"] = "1",
            [$"{q["priorites"].Field}-o{q["priorites"].Options[1]}"] = "2",
            [$"{q["priorites"].Field}-o{q["priorites"].Options[2]}"] = "3",
        };
        var third = await (await parent.PostAnswerAsync(q.Slug, Screen(q, 1, "suivant", secondAnswers))).ParseAsync();
        Assert.Equal("Étape 3 sur 3", third.QuerySelector(".progress-label")!.TextContent);
        // Situation C was chosen: the question that depends on it is asked.
        Assert.NotNull(third.QuerySelector($"textarea[name={q["precision"].Field}]"));
        Assert.NotNull(third.QuerySelector("button[value=envoyer]"));

        var back = await (await parent.PostAnswerAsync(q.Slug, Screen(q, 2, "precedent", secondAnswers))).ParseAsync();
        Assert.Equal("Étape 2 sur 3", back.QuerySelector(".progress-label")!.TextContent);
        Assert.True(back.QuerySelector($"select[name='{q["priorites"].Field}-o{q["priorites"].Options[1]}'] option[value='2']")!.HasAttribute("selected"));

        var sent = await parent.PostAnswerAsync(q.Slug, Screen(q, 2, "envoyer", new(secondAnswers) { [q["precision"].Field] = "Nous vivons chez ma sœur." }));
        sent.AssertRedirectsToThanks(q.Slug);
        var thanks = await parent.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.Equal("Merci pour vos réponses", thanks.QuerySelector("h1")!.TextContent);
        // Its link to what families proposed opens the list filtered to them.
        var familyProposals = thanks.QuerySelectorAll("main a").Single(a => a.GetAttribute("href")!.StartsWith("/propositions", StringComparison.Ordinal)).GetAttribute("href")!;
        var proposals = await parent.GetDocumentAsync(familyProposals);
        Assert.Equal(Participation.Web.Proposals.Vocabulary.Slug(Participation.Web.Proposals.Channel.Questionnaire), proposals.QuerySelector("select#origine option[selected]")?.GetAttribute("value"));

        var stored = await app.WithDbAsync(db => db.Responses.Include(r => r.Answers).SingleAsync(r => r.QuestionnaireId == q.Id));
        Assert.Equal(ResponseStatus.Submitted, stored.Status);
        Assert.Equal(ResponseChannel.Online, stored.Channel);
        Assert.Equal("fr", stored.Language);
        Assert.Equal([1, 2, 3], stored.Answers.Where(a => a.QuestionId == q["priorites"].Id).OrderBy(a => a.Rank).Select(a => a.Rank!.Value));
        Assert.Equal("Nous vivons chez ma sœur.", stored.Answers.Single(a => a.QuestionId == q["precision"].Id).Text);
        Assert.DoesNotContain(stored.Answers, a => a.QuestionId == q["pourquoi"].Id);
    }

    [Fact]
    public async Task An_open_link_takes_one_answer_per_device()
    {
        var q = await app.CreateQuestionnaireAsync("Une réponse par appareil");
        var phone = app.CreateBrowserlessClient();
        (await phone.SendAnswerAsync(q, q.CompleteAnswer())).AssertRedirectsToThanks(q.Slug);

        var again = await phone.GetDocumentAsync($"/consultations/{q.Slug}");
        Assert.Contains("Vous avez déjà répondu depuis ce téléphone ou cet ordinateur", again.Text());
        Assert.Null(again.QuerySelector("button[type=submit].button-large"));

        var anotherPhone = app.CreateBrowserlessClient();
        (await anotherPhone.SendAnswerAsync(q, q.CompleteAnswer())).AssertRedirectsToThanks(q.Slug);
        Assert.Equal(2, await app.SubmittedCountAsync(q.Id));
    }

    [Fact]
    public async Task An_answer_under_an_unmet_condition_is_not_stored()
    {
        var q = await app.CreateQuestionnaireAsync("Conditions respectées à l'envoi");
        var answer = q.CompleteAnswer();
        answer[q["suivi"].Field] = q["suivi"].Option(0);
        answer[q["precision"].Field] = "Je ne suis pas en situation C.";
        (await app.CreateBrowserlessClient().SendAnswerAsync(q, answer)).AssertRedirectsToThanks(q.Slug);
        var stored = await app.WithDbAsync(db => db.Answers.Where(a => db.Responses.Any(r => r.Id == a.ResponseId && r.QuestionnaireId == q.Id)).Select(a => a.QuestionId).ToListAsync());
        Assert.DoesNotContain(q["pourquoi"].Id, stored);
        Assert.DoesNotContain(q["precision"].Id, stored);
        Assert.Contains(q["idee"].Id, stored);
    }

    [Fact]
    public async Task A_draft_is_kept_only_when_asked_and_resumes_with_its_code()
    {
        var q = await app.CreateQuestionnaireAsync("Reprendre plus tard");
        var first = new Dictionary<string, string> { [q["situation"].Field] = q["situation"].Option(1), [q["suivi"].Field] = q["suivi"].Option(1), [q["pourquoi"].Field] = q["pourquoi"].Option(0) };
        var saved = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, Screen(q, 0, "enregistrer", first))).ParseAsync();
        var code = saved.QuerySelector(".saved-code")!.TextContent.Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        var draft = await app.WithDbAsync(db => db.Responses.Include(r => r.Answers).SingleAsync(r => r.QuestionnaireId == q.Id));
        Assert.Equal(ResponseStatus.Draft, draft.Status);
        Assert.Equal(3, draft.Answers.Count);
        Assert.Equal(0, await app.SubmittedCountAsync(q.Id));

        // Later, on another phone: the code typed on the list of consultations leads back to the questionnaire.
        var later = app.CreateBrowserlessClient();
        var found = await later.PostFormAsync("/consultations", new Dictionary<string, string> { ["code"] = code.ToLowerInvariant().Replace("-", " ") });
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        // The code waits out of the address, which stays in the phone's history.
        Assert.Equal($"/consultations/{q.Slug}", found.Headers.Location!.OriginalString);
        var landing = await later.GetDocumentAsync(found.Headers.Location.OriginalString);
        Assert.Equal(code, landing.QuerySelector("input#code")!.GetAttribute("value"));

        // Back on the screen the parent saved from, told so.
        var resumed = await (await later.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = code }, "Start")).ParseAsync();
        Assert.Equal("Étape 1 sur 3", resumed.QuerySelector(".progress-label")!.TextContent);
        Assert.Equal(Languages.French.Wording.Format(Languages.French.Wording.Resumed, 1, 3), resumed.QuerySelector(".resumed")!.TextContent);
        Assert.NotNull(resumed.QuerySelector($"input[name={q["situation"].Field}][value='{q["situation"].Option(1)}'][checked]"));
        Assert.Equal(code, resumed.QuerySelector<IHtmlInputElement>("input[type=hidden][name=code]")!.Value);

        var answer = q.CompleteAnswer();
        answer[q["situation"].Field] = q["situation"].Option(1);
        (await later.SendAnswerAsync(q, answer, code)).AssertRedirectsToThanks(q.Slug);
        var sent = await app.WithDbAsync(db => db.Responses.Include(r => r.Answers).Where(r => r.QuestionnaireId == q.Id).ToListAsync());
        var only = Assert.Single(sent);
        Assert.Equal(ResponseStatus.Submitted, only.Status);
        Assert.Null(only.ResumeCodeHash);
        Assert.Contains(only.Answers, a => a.QuestionId == q["note"].Id);

        var reused = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = code }, "Start")).ParseAsync();
        Assert.NotNull(reused.QuerySelector("#erreur-code"));
    }

    [Fact]
    public async Task A_draft_resumes_on_the_screen_it_was_saved_from_even_past_a_skipped_optional_question()
    {
        var q = await app.CreateQuestionnaireAsync("Reprendre là où on s'est arrêté");
        var parent = app.CreateBrowserlessClient();
        // « Pourquoi pas ? » is asked after « non », and optional: the parent leaves it blank.
        var first = new Dictionary<string, string> { [q["situation"].Field] = q["situation"].Option(0), [q["suivi"].Field] = q["suivi"].Option(1) };
        var second = await (await parent.PostAnswerAsync(q.Slug, Screen(q, 0, "suivant", first))).ParseAsync();
        Assert.Equal("Étape 2 sur 3", second.QuerySelector(".progress-label")!.TextContent);
        var onSecond = new Dictionary<string, string>(first) { [q["note"].Field] = q["note"].Option(2) };
        var saved = await (await parent.PostAnswerAsync(q.Slug, Screen(q, 1, "enregistrer", onSecond))).ParseAsync();
        var code = saved.QuerySelector(".saved-code")!.TextContent.Trim();
        Assert.Equal(q.Sections[1], await app.WithDbAsync(db => db.Responses.Where(r => r.QuestionnaireId == q.Id).Select(r => r.ResumeSectionId).SingleAsync()));

        var resumed = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = code }, "Start")).ParseAsync();
        Assert.Equal("Étape 2 sur 3", resumed.QuerySelector(".progress-label")!.TextContent);
        Assert.Contains("Vous reprenez", resumed.QuerySelector(".resumed")!.TextContent);
        Assert.NotNull(resumed.QuerySelector($"input[name={q["note"].Field}][value='{q["note"].Option(2)}'][checked]"));
    }

    [Fact]
    public async Task The_saved_code_can_be_copied_sent_to_oneself_or_shown_large()
    {
        var q = await app.CreateQuestionnaireAsync("Garder son code", translations: ["ar"]);
        var first = new Dictionary<string, string> { [q["situation"].Field] = q["situation"].Option(0), [q["suivi"].Field] = q["suivi"].Option(0) };
        var saved = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, Screen(q, 0, "enregistrer", first))).ParseAsync();
        var code = saved.QuerySelector(".saved-code")!.TextContent.Trim();
        var actions = saved.QuerySelector(".code-actions")!;
        Assert.Equal(code, actions.GetAttribute("data-code"));
        // Without script: a text message holding the code and the page's address, and the code alone, large.
        var sms = Uri.UnescapeDataString(actions.QuerySelector("a.code-sms")!.GetAttribute("href")!);
        Assert.StartsWith("sms:?&body=", sms);
        Assert.Contains(code, sms);
        Assert.Contains($"/consultations/{q.Slug}", sms);
        Assert.Equal("#code-en-grand", actions.QuerySelector("a.code-show")!.GetAttribute("href"));
        Assert.Equal(code, saved.QuerySelector("#code-en-grand .code-big-text")!.TextContent);
        // The buttons that need a script wait for it.
        Assert.True(actions.QuerySelector("button.code-copy")!.HasAttribute("hidden"));
        Assert.True(actions.QuerySelector("button.code-share")!.HasAttribute("hidden"));

        var arabic = Screen(q, 0, "enregistrer", first);
        arabic["langue"] = "ar";
        var inArabic = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, arabic, query: "?langue=ar")).ParseAsync();
        Assert.Equal(Languages.Arabic.Wording.SmsCode, inArabic.QuerySelector("a.code-sms")!.TextContent);
    }

    [Fact]
    public async Task A_parent_who_saved_in_arabic_comes_back_to_arabic_through_the_list_of_consultations()
    {
        var q = await app.CreateQuestionnaireAsync("Revenir dans sa langue", translations: ["ar"]);
        var arabic = Screen(q, 0, "enregistrer", new Dictionary<string, string> { [q["situation"].Field] = q["situation"].Option(0), [q["suivi"].Field] = q["suivi"].Option(0) });
        arabic["langue"] = "ar";
        var saved = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, arabic, query: "?langue=ar")).ParseAsync();
        var code = saved.QuerySelector(".saved-code")!.TextContent.Trim();
        var found = await app.CreateBrowserlessClient().PostFormAsync("/consultations", new Dictionary<string, string> { ["code"] = code });
        Assert.Equal($"/consultations/{q.Slug}?langue=ar", found.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Each_language_on_the_list_of_consultations_opens_the_questionnaire_in_that_language()
    {
        var q = await app.CreateQuestionnaireAsync("Choisir sa langue dès la liste", translations: ["ar"]);
        var list = await app.CreateBrowserlessClient().GetDocumentAsync("/consultations");
        var arabic = list.QuerySelector($"a[href='/consultations/{q.Slug}?langue=ar']")!;
        Assert.Equal("ar", arabic.GetAttribute("lang"));
        Assert.Equal("rtl", arabic.GetAttribute("dir"));

        var page = await app.CreateBrowserlessClient().GetDocumentAsync(arabic.GetAttribute("href")!);

        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Saving_for_later_with_a_half_numbered_ranking_keeps_the_rest()
    {
        var q = await app.CreateQuestionnaireAsync("Partir avant d'avoir fini de classer");
        var first = new Dictionary<string, string> { [q["situation"].Field] = q["situation"].Option(0), [q["suivi"].Field] = q["suivi"].Option(0) };
        var half = new Dictionary<string, string>(first) { [q["note"].Field] = q["note"].Option(1), [$"{q["priorites"].Field}-o{q["priorites"].Options[0]}"] = "1" };
        var saved = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, Screen(q, 1, "enregistrer", half))).ParseAsync();
        Assert.NotNull(saved.QuerySelector(".saved-code"));
        var kept = await app.WithDbAsync(db => db.Responses.Where(r => r.QuestionnaireId == q.Id).SelectMany(r => r.Answers).Select(a => a.QuestionId).ToListAsync());
        Assert.Contains(q["note"].Id, kept);
        Assert.DoesNotContain(q["priorites"].Id, kept);
    }

    [Fact]
    public async Task The_error_summary_names_each_question_it_refers_to()
    {
        var q = await app.CreateQuestionnaireAsync("Un résumé qui nomme ses questions");
        var page = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, Screen(q, 0, "suivant"))).ParseAsync();
        var lines = page.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["« Votre situation »\u00A0: Répondez à cette question pour continuer.", "« Êtes-vous suivi·e ? »\u00A0: Répondez à cette question pour continuer."], lines);
        Assert.Equal($"#erreur-{q["situation"].Field}", page.QuerySelector(".error-summary li a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_ranking_keeps_the_numbers_chosen_when_an_error_sends_the_screen_back()
    {
        var q = await app.CreateQuestionnaireAsync("Un classement qui ne s'efface pas");
        var first = new Dictionary<string, string> { [q["situation"].Field] = q["situation"].Option(0), [q["suivi"].Field] = q["suivi"].Option(0) };
        var rank = (int option) => $"{q["priorites"].Field}-o{q["priorites"].Options[option]}";
        // The scale is forgotten and the ranking is not finished: both errors, and the numbers stay.
        var second = new Dictionary<string, string>(first) { [rank(0)] = "2", [rank(1)] = "1" };
        var page = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, Screen(q, 1, "suivant", second))).ParseAsync();
        Assert.NotNull(page.QuerySelector($"#erreur-{q["priorites"].Field}"));
        string Chosen(int option) => page.QuerySelector<IHtmlSelectElement>($"select[name={rank(option)}]")!.Value ?? "";
        Assert.Equal("2", Chosen(0));
        Assert.Equal("1", Chosen(1));
        Assert.Equal("", Chosen(2));

        // A whole ranking kept when only another question is missing.
        var whole = new Dictionary<string, string>(first) { [rank(0)] = "3", [rank(1)] = "1", [rank(2)] = "2" };
        page = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, Screen(q, 1, "suivant", whole))).ParseAsync();
        Assert.Null(page.QuerySelector($"#erreur-{q["priorites"].Field}"));
        Assert.Equal(["3", "1", "2"], [Chosen(0), Chosen(1), Chosen(2)]);
    }

    [Fact]
    public async Task Nothing_is_half_saved_when_a_send_is_refused()
    {
        var q = await app.CreateQuestionnaireAsync("Rien d'enregistré à moitié");
        var parent = app.CreateBrowserlessClient();
        var incomplete = q.CompleteAnswer();
        incomplete.Remove(q["note"].Field);
        incomplete[q["idee"].Field] = new string('x', Answer.TextMaxLength + 5);

        var refused = await (await parent.SendAnswerAsync(q, incomplete)).ParseAsync();
        // The first screen with a problem is shown again, with every answer given so far.
        Assert.Equal("Étape 2 sur 3", refused.QuerySelector(".progress-label")!.TextContent);
        Assert.Equal("Répondez à cette question pour continuer.", refused.QuerySelector($"#erreur-{q["note"].Field}")!.TextContent);
        Assert.Contains("choses à corriger", refused.QuerySelector(".error-summary h2")!.TextContent);
        Assert.Equal(q["situation"].Option(0), refused.QuerySelector<IHtmlInputElement>($"input[type=hidden][name={q["situation"].Field}]")!.Value);
        Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == q.Id)));
    }

    [Fact]
    public async Task A_choice_from_another_question_is_refused_in_French()
    {
        var q = await app.CreateQuestionnaireAsync("Choix étranger à la question");
        var answer = q.CompleteAnswer();
        answer[q["situation"].Field] = q["note"].Option(0);
        var refused = await (await app.CreateBrowserlessClient().SendAnswerAsync(q, answer)).ParseAsync();
        Assert.Equal("Étape 1 sur 3", refused.QuerySelector(".progress-label")!.TextContent);
        Assert.Equal("Ce choix ne fait pas partie de la question.", refused.QuerySelector($"#erreur-{q["situation"].Field}")!.TextContent);
        Assert.Equal(0, await app.SubmittedCountAsync(q.Id));
    }

    [Fact]
    public async Task Unknown_unpublished_and_closed_questionnaires_take_no_answer()
    {
        var client = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/consultations/n-existe-pas")).StatusCode);

        var draft = await app.CreateQuestionnaireAsync("Pas encore publié", publish: false);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/consultations/{draft.Slug}")).StatusCode);
        Assert.DoesNotContain(draft.Slug, (await client.GetDocumentAsync("/consultations")).Body!.InnerHtml);

        var closed = await app.CreateQuestionnaireAsync("Déjà terminé", opensInDays: -30, closesInDays: -1);
        var page = await client.GetDocumentAsync($"/consultations/{closed.Slug}");
        Assert.Contains("Cette consultation s'est terminée le", page.Text());
        Assert.Null(page.QuerySelector("form[method=post]"));
        // Any page's antiforgery token will do: the refusal must come from the closing date.
        var token = (await client.GetDocumentAsync("/consultations")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var fields = new Dictionary<string, string>(closed.CompleteAnswer()) { ["__RequestVerificationToken"] = token, ["action"] = "envoyer", ["partie"] = closed.Sections[^1].ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var post = await client.PostAsync($"/consultations/{closed.Slug}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("les réponses ne sont plus reçues", (await post.ParseAsync()).Text());
        Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == closed.Id)));
    }

    [Fact]
    public async Task Staff_preview_an_unpublished_questionnaire_and_nothing_is_stored()
    {
        var q = await app.CreateQuestionnaireAsync("Aperçu avant publication", publish: false);
        var staff = await app.SignedInClientAsync($"pilotage@{Web.Demo.DemoSeeder.Domain}");
        var preview = await staff.GetDocumentAsync($"/consultations/{q.Slug}?apercu=true");
        Assert.Contains("Aperçu pour l'équipe", preview.Text());
        var fields = new Dictionary<string, string>(q.CompleteAnswer()) { ["langue"] = "fr", ["partie"] = q.Sections[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = "envoyer", ["apercu"] = "true" };
        var sent = await staff.PostAnswerAsync(q.Slug, fields, query: "?apercu=true");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("apercu=True", sent.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == q.Id)));

        // A parent asking for a preview gets the public rules: not published, not found.
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync($"/consultations/{q.Slug}?apercu=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync($"/consultations/{q.Slug}/merci?apercu=true")).StatusCode);
    }

    [Fact]
    public async Task The_parent_chooses_a_language_and_right_to_left_scripts_read_right_to_left()
    {
        var q = await app.CreateQuestionnaireAsync("Questionnaire traduit", translations: ["ar", "falc"]);
        await app.WithConsultationsAsync(async services =>
        {
            var result = await services.GetRequiredService<QuestionnaireBuilder>().SaveTranslationsAsync(q.Id, "ar", new Dictionary<string, string?>
            {
                [TextKeys.Title] = "استبيان مترجم",
                [TextKeys.Question(q["situation"].Id)] = "وضعك",
            });
            Assert.True(result.Succeeded);
            return 0;
        });
        var client = app.CreateBrowserlessClient();
        var landing = await client.GetDocumentAsync($"/consultations/{q.Slug}");
        Assert.Equal(["Français", "Facile à lire", "العربية"], landing.QuerySelectorAll(".language-link").Select(a => a.TextContent));

        var arabic = await (await client.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["langue"] = "ar" }, "Start", "?langue=ar")).ParseAsync();
        var block = arabic.QuerySelector(".consultation")!;
        Assert.Equal("ar", block.GetAttribute("lang"));
        Assert.Equal("rtl", block.GetAttribute("dir"));
        Assert.Equal("استبيان مترجم", arabic.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("وضعك", arabic.QuerySelector($"#question-{q["situation"].Field} legend")!.TextContent.Trim());
        Assert.Equal("التالي", arabic.QuerySelector("button[value=suivant]")!.TextContent);
        // Not translated yet: shown in French, and marked as French for screen readers.
        var fallback = arabic.QuerySelector($"#question-{q["suivi"].Field} legend span[lang=fr]")!;
        Assert.Equal("Êtes-vous suivi·e ?", fallback.TextContent);
        Assert.Equal("ltr", fallback.GetAttribute("dir"));
        // Yes and no are worded in the parent's language whatever the translation.
        Assert.Contains("نعم", arabic.QuerySelector($"#question-{q["suivi"].Field}")!.TextContent);

        var answer = q.CompleteAnswer();
        answer.Remove(q["situation"].Field);
        var refused = await (await client.SendAnswerAsync(q, answer, language: "ar")).ParseAsync();
        Assert.Equal(Languages.Arabic.Wording.ErrorRequired, refused.QuerySelector($"#erreur-{q["situation"].Field}")!.TextContent);
        // The frame around it is Arabic too, from the menu to the emergency line, and reads right to left.
        var html = refused.DocumentElement;
        Assert.Equal("ar", html.GetAttribute("lang"));
        Assert.Equal("rtl", html.GetAttribute("dir"));
        Assert.Contains(Web.Shared.FrameWords.Arabic.Home, refused.QuerySelector("nav.main-nav")!.TextContent);
        Assert.Contains(Web.Shared.FrameWords.Arabic.EmergencyLead, refused.QuerySelector(".emergency-line")!.TextContent);
        Assert.DoesNotContain("Appelle", refused.QuerySelector(".site-footer")!.TextContent);
        Assert.Equal(Web.Shared.FrameWords.Arabic.SkipLink, refused.QuerySelector(".skip-link")!.TextContent);

        answer[q["situation"].Field] = q["situation"].Option(0);
        (await client.SendAnswerAsync(q, answer, language: "ar")).AssertRedirectsToThanks(q.Slug);
        Assert.Equal("ar", await app.WithDbAsync(db => db.Responses.Where(r => r.QuestionnaireId == q.Id).Select(r => r.Language).SingleAsync()));
    }

    [Fact]
    public async Task Families_pages_say_vous_and_an_english_questionnaire_has_an_english_frame()
    {
        var q = await app.CreateQuestionnaireAsync("Questionnaire en anglais", translations: ["en"]);
        var client = app.CreateBrowserlessClient();
        var french = await client.GetDocumentAsync($"/consultations/{q.Slug}");
        Assert.Contains("Appelez le", french.QuerySelector(".emergency-line")!.TextContent);
        Assert.Contains("Vos droits", french.QuerySelector("nav.main-nav")!.TextContent);
        Assert.Contains("Appelez le", (await client.GetDocumentAsync("/consultations")).QuerySelector(".emergency-line")!.TextContent);
        // Young people's pages keep « tu ».
        var young = await client.GetDocumentAsync("/propositions");
        Assert.Contains("Appelle le", young.QuerySelector(".emergency-line")!.TextContent);
        Assert.Equal("fr", young.DocumentElement.GetAttribute("lang"));

        // A signed-in adult reads « vous » on every page.
        var staff = await (await app.SignedInClientAsync($"pilotage@{Web.Demo.DemoSeeder.Domain}")).GetDocumentAsync("/propositions");
        Assert.Contains("Vos droits", staff.QuerySelector("nav.main-nav")!.TextContent);
        Assert.Contains("Appelez le", staff.QuerySelector(".emergency-line")!.TextContent);

        var english = await client.GetDocumentAsync($"/consultations/{q.Slug}?langue=en");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Contains("A child in danger, or yourself? Call", english.QuerySelector(".emergency-line")!.TextContent);
        Assert.Contains("Your rights", english.QuerySelector("nav.main-nav")!.TextContent);
        Assert.Contains("These pages are in French.", english.QuerySelector(".site-footer")!.TextContent);
    }

    [Fact]
    public async Task Many_parents_sending_at_once_are_all_stored_whole()
    {
        var q = await app.CreateQuestionnaireAsync("Cinquante familles à la fois");
        var form = (await app.Services.GetRequiredService<ConsultationForms>().FindAsync(q.Slug, "fr"))!.Form;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => app.WithConsultationsAsync(services =>
            services.GetRequiredService<Responses>().SubmitAsync(form, new Dictionary<int, AnswerValue>
            {
                [q["situation"].Id] = AnswerValue.Of(q["situation"].Options[i % 3]), [q["suivi"].Id] = AnswerValue.Of(q["suivi"].Options[0]),
                [q["note"].Id] = AnswerValue.Of(q["note"].Options[i % 5]), [q["priorites"].Id] = new AnswerValue(q["priorites"].Options),
                [q["idee"].Id] = AnswerValue.Written($"Idée numéro {i}"),
            }, null, ResponseChannel.Online))));
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        var stored = await app.WithDbAsync(db => db.Responses.Where(r => r.QuestionnaireId == q.Id).Include(r => r.Answers).ToListAsync());
        Assert.Equal(50, stored.Count);
        Assert.All(stored, r =>
        {
            Assert.Equal(ResponseStatus.Submitted, r.Status);
            Assert.Equal(7, r.Answers.Count);
            Assert.Equal([1, 2, 3], r.Answers.Where(a => a.Rank != null).OrderBy(a => a.Rank).Select(a => a.Rank!.Value));
            Assert.NotNull(r.SubmittedAt);
        });
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"Idée numéro {i}").Order(), stored.Select(r => r.Answers.Single(a => a.Text != null).Text!).Order());
    }

    [Fact]
    public async Task Drafts_are_deleted_once_their_questionnaire_has_closed()
    {
        var open = await app.CreateQuestionnaireAsync("Brouillon d'une consultation ouverte");
        var closing = await app.CreateQuestionnaireAsync("Brouillon d'une consultation qui ferme");
        foreach (var q in new[] { open, closing })
        {
            var saved = await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, Screen(q, 0, "enregistrer", new() { [q["situation"].Field] = q["situation"].Option(0) }));
            Assert.NotNull((await saved.ParseAsync()).QuerySelector(".saved-code"));
        }
        (await app.CreateBrowserlessClient().SendAnswerAsync(closing, closing.CompleteAnswer())).AssertRedirectsToThanks(closing.Slug);
        await app.WithDbAsync(db => db.Questionnaires.Where(x => x.Id == closing.Id).ExecuteUpdateAsync(set => set.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        await app.Services.GetRequiredService<DraftSweeper>().SweepAsync();

        Assert.Equal(1, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == open.Id && r.Status == ResponseStatus.Draft)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == closing.Id && r.Status == ResponseStatus.Draft)));
        // Sent answers stay, with all their rows; no answer is left without its response.
        Assert.Equal(1, await app.SubmittedCountAsync(closing.Id));
        Assert.False(await app.WithDbAsync(db => db.Answers.AnyAsync(a => !db.Responses.Any(r => r.Id == a.ResponseId))));
    }

    [Fact]
    public async Task An_address_asked_for_before_its_questionnaire_existed_answers_once_it_does()
    {
        var slug = "pas-encore-" + Guid.NewGuid().ToString("N")[..8];
        var title = slug.Replace('-', ' ');
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync($"/consultations/{slug}")).StatusCode);
        var q = await app.CreateQuestionnaireAsync(title);
        Assert.Equal(slug, q.Slug);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().GetAsync($"/consultations/{slug}")).StatusCode);
    }

    [Theory]
    [InlineData(1, 1, "1 question, environ 1 minute.")]
    [InlineData(7, 3, "7 questions, environ 3 minutes.")]
    public void The_length_is_told_with_the_right_plurals(int questions, int minutes, string french)
    {
        Assert.Equal(french, Languages.French.Wording.Length(questions, minutes));
        Assert.Equal("سؤال واحد، حوالي دقيقة واحدة.", Languages.Arabic.Wording.Length(1, 1));
        Assert.Equal("سؤالان، حوالي دقيقتان.", Languages.Arabic.Wording.Length(2, 2));
        Assert.Equal("7 أسئلة، حوالي 3 دقائق.", Languages.Arabic.Wording.Length(7, 3));
        Assert.Equal("12 سؤالًا، حوالي 4 دقائق.", Languages.Arabic.Wording.Length(12, 4));
        Assert.Equal("1 question, about 1 minute.", Languages.English.Wording.Length(1, 1));
    }
}
