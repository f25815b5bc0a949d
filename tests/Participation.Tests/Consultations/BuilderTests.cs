using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Consultations;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Consultations;

[Collection(SharedAppCollection.Name)]
public sealed class BuilderTests(ParticipationApp app)
{
    private static string Staff => $"animation@{DemoSeeder.Domain}";

    private Task<T> WithBuilderAsync<T>(Func<QuestionnaireBuilder, Task<T>> act) =>
        app.WithConsultationsAsync(services => act(services.GetRequiredService<QuestionnaireBuilder>()));

    [Fact]
    public async Task Staff_build_a_questionnaire_with_a_condition_and_parents_find_it_once_published()
    {
        var staff = await app.SignedInClientAsync(Staff);
        var created = await staff.PostFormAsync("/pilotage/consultations", new Dictionary<string, string>
        {
            ["Title"] = "Les vacances de vos enfants", ["Access"] = "OpenLink",
            ["OpensAt"] = DateTime.Today.AddDays(-1).ToString("yyyy-MM-dd"), ["ClosesAt"] = DateTime.Today.AddDays(10).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var builderUrl = created.Headers.Location!.OriginalString.Split('?')[0];
        var id = int.Parse(builderUrl.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var section = await app.WithDbAsync(db => db.QuestionnaireSections.Where(s => s.QuestionnaireId == id).Select(s => s.Id).SingleAsync());

        var page = await staff.GetDocumentAsync(builderUrl);
        Assert.Equal("Les vacances de vos enfants", page.QuerySelector("h1")!.TextContent);
        var add = await staff.PostHandlerAsync(builderUrl, $"{builderUrl}?handler=AddQuestion&sectionId={section}", new Dictionary<string, string>
        {
            ["Text"] = "Votre enfant part-il en vacances ?", ["Kind"] = "YesNo", ["Required"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        await staff.PostHandlerAsync(builderUrl, $"{builderUrl}?handler=AddQuestion&sectionId={section}", new Dictionary<string, string>
        {
            ["Text"] = "Où part-il ?", ["Kind"] = "SingleChoice", ["Options"] = "En colonie\nEn famille\nAilleurs",
        });

        var questions = await app.WithDbAsync(db => db.Questions.Where(q => q.SectionId == section).OrderBy(q => q.Position).Include(q => q.Options).ToListAsync());
        Assert.Equal(2, questions.Count);
        Assert.Equal(["En colonie", "En famille", "Ailleurs"], questions[1].Options.OrderBy(o => o.Position).Select(o => o.Text));
        var yes = questions[0].Options.OrderBy(o => o.Position).First().Id;

        var edit = await staff.PostFormAsync($"/pilotage/consultations/{id}/questions/{questions[1].Id}", new Dictionary<string, string>
        {
            ["Text"] = "Où part-il ?", ["Kind"] = "SingleChoice", ["Options"] = "En colonie\nEn famille\nAilleurs", ["ShowWhenOptionId"] = yes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal(yes, await app.WithDbAsync(db => db.Questions.Where(q => q.Id == questions[1].Id).Select(q => q.ShowWhenOptionId).SingleAsync()));
        var shown = await staff.GetDocumentAsync(builderUrl);
        Assert.Contains("Posée seulement si «\u00a0Oui\u00a0» à la question 1.", shown.Text());

        var slug = await app.WithDbAsync(db => db.Questionnaires.Where(q => q.Id == id).Select(q => q.Slug).SingleAsync());
        Assert.Equal("les-vacances-de-vos-enfants", slug);
        Assert.DoesNotContain(slug, (await app.CreateBrowserlessClient().GetDocumentAsync("/consultations")).Body!.InnerHtml);
        var publish = await staff.PostHandlerAsync(builderUrl, $"{builderUrl}?handler=Publish", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains(slug, (await app.CreateBrowserlessClient().GetDocumentAsync("/consultations")).Body!.InnerHtml);
    }

    [Fact]
    public async Task The_builder_explains_what_it_refuses()
    {
        var q = await app.CreateQuestionnaireAsync("Règles du constructeur", publish: false);
        var section = q.Sections[0];

        var scale = await WithBuilderAsync(b => b.AddQuestionAsync(q.Id, section, new QuestionDraft(QuestionKind.Scale, "Une échelle", null, true, ["1", "2", "3", "4"], null)));
        Assert.Equal("Une échelle a exactement 5 libellés, un par ligne, du plus faible au plus fort.", scale.Errors["Options"]);
        var oneChoice = await WithBuilderAsync(b => b.AddQuestionAsync(q.Id, section, new QuestionDraft(QuestionKind.SingleChoice, "Un seul choix", null, true, ["Seul"], null)));
        Assert.Equal("Donnez de 2 à 12 choix, un par ligne (ici\u00a0: 1).", oneChoice.Errors["Options"]);
        var twice = await WithBuilderAsync(b => b.AddQuestionAsync(q.Id, section, new QuestionDraft(QuestionKind.MultipleChoice, "Deux fois", null, true, ["Oui", "oui"], null)));
        Assert.Equal("Deux choix sont identiques.", twice.Errors["Options"]);
        var empty = await WithBuilderAsync(b => b.AddQuestionAsync(q.Id, section, new QuestionDraft(QuestionKind.FreeText, " ", null, true, [], null)));
        Assert.StartsWith("La question fait de 3 à", empty.Errors["Text"]);

        // A condition reads an earlier answer: never a later question, never a free text.
        var later = await WithBuilderAsync(b => b.UpdateQuestionAsync(q.Id, q["situation"].Id, new QuestionDraft(QuestionKind.SingleChoice, "Votre situation", null, true, ["A", "B", "C"], q["note"].Options[0])));
        Assert.Equal("Une condition porte sur une question posée avant celle-ci.", later.Errors["ShowWhenOptionId"]);
        var moved = await WithBuilderAsync(b => b.MoveQuestionAsync(q.Id, q["pourquoi"].Id, -1));
        Assert.Equal("La question «\u00a0Pourquoi pas ?\u00a0» doit rester après celle dont dépend sa condition.", moved.Errors[""]);
        var removed = await WithBuilderAsync(b => b.DeleteQuestionAsync(q.Id, q["suivi"].Id));
        Assert.Equal("La question «\u00a0Pourquoi pas ?\u00a0» dépend de celle-ci\u00a0: changez d'abord sa condition.", removed.Errors[""]);
        var dates = await WithBuilderAsync(b => b.UpdateSettingsAsync(q.Id, new QuestionnaireSettings("Règles du constructeur", null, QuestionnaireAccess.OpenLink, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-1), [])));
        Assert.Equal("La clôture vient après l'ouverture.", dates.Errors["ClosesAt"]);

        var unchanged = await app.DescribeQuestionnaireAsync(q.Id);
        Assert.Equal(q.Questions.Keys.Order(), unchanged.Questions.Keys.Order());
    }

    [Fact]
    public async Task Once_families_have_answered_only_the_wording_can_change()
    {
        var q = await app.CreateQuestionnaireAsync("Structure figée après réponse");
        (await app.CreateBrowserlessClient().SendAnswerAsync(q, q.CompleteAnswer())).AssertRedirectsToThanks(q.Slug);

        var fewer = await WithBuilderAsync(b => b.UpdateQuestionAsync(q.Id, q["situation"].Id, new QuestionDraft(QuestionKind.SingleChoice, "Votre situation", null, true, ["A", "B"], null)));
        Assert.Equal(QuestionnaireBuilder.Locked, fewer.Errors[""]);
        var added = await WithBuilderAsync(b => b.AddQuestionAsync(q.Id, q.Sections[0], new QuestionDraft(QuestionKind.FreeText, "Nouvelle question", null, false, [], null)));
        Assert.Equal(QuestionnaireBuilder.Locked, added.Errors[""]);
        var reworded = await WithBuilderAsync(b => b.UpdateQuestionAsync(q.Id, q["situation"].Id, new QuestionDraft(QuestionKind.SingleChoice, "Votre situation aujourd'hui", null, true, ["A", "B", "C (précisez plus loin)"], null)));
        Assert.True(reworded.Succeeded);
        Assert.Equal(q["situation"].Options, (await app.DescribeQuestionnaireAsync(q.Id)).Questions["Votre situation aujourd'hui"].Options);
    }

    [Fact]
    public async Task A_translation_is_saved_per_text_and_shown_to_parents()
    {
        var q = await app.CreateQuestionnaireAsync("À traduire en anglais", translations: ["en"]);
        var staff = await app.SignedInClientAsync(Staff);
        var form = await staff.GetDocumentAsync($"/pilotage/consultations/{q.Id}/traduction/en");
        Assert.Contains("sans traduction", form.Text());
        Assert.NotNull(form.QuerySelector($"input[name='Texts[q{q["situation"].Id}]'][lang=en]"));
        var saved = await staff.PostFormAsync($"/pilotage/consultations/{q.Id}/traduction/en", new Dictionary<string, string>
        {
            ["Texts[titre]"] = "To translate into English",
            [$"Texts[q{q["situation"].Id}]"] = "Your situation",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var english = await app.CreateBrowserlessClient().GetDocumentAsync($"/consultations/{q.Slug}?langue=en");
        Assert.Equal("To translate into English", english.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Start", english.QuerySelector("button.button-large")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/pilotage/consultations/{q.Id}/traduction/xx")).StatusCode);
    }

    [Fact]
    public async Task Only_the_departments_staff_reach_the_builder_and_results()
    {
        var q = await app.CreateQuestionnaireAsync("Réservé à l'équipe");
        var pages = new[]
        {
            "/pilotage/consultations", $"/pilotage/consultations/{q.Id}", $"/pilotage/consultations/{q.Id}/resultats",
            $"/pilotage/consultations/{q.Id}/invitations", $"/pilotage/consultations/{q.Id}/papier", $"/pilotage/consultations/{q.Id}/questions/{q["note"].Id}",
        };
        foreach (var (login, role, _) in DemoSeeder.Logins.DistinctBy(l => l.Role))
        {
            var client = await app.SignedInClientAsync(login);
            var allowed = role is Roles.Facilitator or Roles.Moderator or Roles.Admin;
            foreach (var url in pages)
            {
                var response = await client.GetAsync(url);
                Assert.True((allowed ? HttpStatusCode.OK : HttpStatusCode.Redirect) == response.StatusCode, $"{role} on {url}: {(int)response.StatusCode}");
            }
        }
        foreach (var url in pages)
        {
            var anonymous = await app.CreateBrowserlessClient().GetAsync(url);
            Assert.StartsWith("http://localhost/compte/connexion", anonymous.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task A_parent_cannot_post_to_the_builder()
    {
        var q = await app.CreateQuestionnaireAsync("Pas touche au constructeur", publish: false);
        var staff = await app.SignedInClientAsync(Staff);
        var token = (await staff.GetDocumentAsync($"/pilotage/consultations/{q.Id}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var parent = await app.SignedInClientAsync($"parent@{DemoSeeder.Domain}");
        var response = await parent.PostAsync($"/pilotage/consultations/{q.Id}?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Questionnaires.Where(x => x.Id == q.Id).Select(x => x.PublishedAt).SingleAsync()));
    }
}
