using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Consultations;
using Participation.Web.Demo;

namespace Participation.Tests.Consultations;

[Collection(SharedAppCollection.Name)]
public sealed class InvitationTests(ParticipationApp app)
{
    [Fact]
    public async Task An_invitation_code_answers_once_and_only_once()
    {
        var q = await app.CreateQuestionnaireAsync("Sur invitation, une fois", QuestionnaireAccess.Invitation);
        var codes = await app.InvitationCodesAsync(q.Id, 3);
        Assert.Equal(3, codes.Distinct().Count());

        var parent = app.CreateBrowserlessClient();
        // The QR code's link brings the code along; the parent only presses Start.
        var link = await parent.GetAsync($"/consultations/{q.Slug}?langue=fr&code={codes[0]}");
        // ...and at once takes it out of the address, which stays in the history of a phone the family may share.
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Equal($"/consultations/{q.Slug}?langue=fr", link.Headers.Location!.OriginalString);
        var landing = await parent.GetDocumentAsync(link.Headers.Location.OriginalString);
        Assert.Equal(codes[0], landing.QuerySelector("input#code")!.GetAttribute("value"));
        Assert.DoesNotContain(landing.QuerySelectorAll("a"), a => a.GetAttribute("href")?.Contains(codes[0], StringComparison.Ordinal) == true);
        // Another visitor of the same address finds no code.
        var stranger = await app.CreateBrowserlessClient().GetDocumentAsync(link.Headers.Location.OriginalString);
        Assert.Equal("", stranger.QuerySelector("input#code")!.GetAttribute("value") ?? "");
        var started = await (await parent.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = codes[0].ToLowerInvariant() }, "Start")).ParseAsync();
        Assert.Equal("Étape 1 sur 3", started.QuerySelector(".progress-label")!.TextContent);
        // Once started, the code travels with the answers only: the next visitor of this phone's browser finds none.
        Assert.Equal("", (await parent.GetDocumentAsync($"/consultations/{q.Slug}")).QuerySelector("input#code")!.GetAttribute("value") ?? "");

        (await parent.SendAnswerAsync(q, q.CompleteAnswer(), codes[0])).AssertRedirectsToThanks(q.Slug);
        Assert.NotNull(await app.WithDbAsync(db => db.Invitations.Where(i => i.QuestionnaireId == q.Id && i.UsedAt != null).Select(i => (int?)i.Id).SingleOrDefaultAsync()));

        var again = await app.CreateBrowserlessClient().SendAnswerAsync(q, q.CompleteAnswer(), codes[0]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Ce code a déjà servi\u00a0: les réponses ont été envoyées.", (await again.ParseAsync()).QuerySelector("#erreur-code")!.TextContent);
        Assert.Equal(1, await app.SubmittedCountAsync(q.Id));
    }

    [Fact]
    public async Task Without_a_valid_code_an_invitation_questionnaire_takes_no_answer()
    {
        var q = await app.CreateQuestionnaireAsync("Sur invitation, sans code", QuestionnaireAccess.Invitation);
        var client = app.CreateBrowserlessClient();

        var none = await (await client.SendAnswerAsync(q, q.CompleteAnswer())).ParseAsync();
        Assert.Equal("Pour répondre, il faut le code reçu par courrier.", none.QuerySelector("#erreur-code")!.TextContent);
        var wrong = await (await client.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = "ABCD-EFGH" }, "Start")).ParseAsync();
        Assert.Equal("Ce code n'est pas reconnu. Vérifiez les lettres et les chiffres.", wrong.QuerySelector("#erreur-code")!.TextContent);
        var malformed = await (await client.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = "12" }, "Start")).ParseAsync();
        Assert.NotNull(malformed.QuerySelector("#erreur-code"));

        // A code of another questionnaire opens nothing here.
        var other = await app.CreateQuestionnaireAsync("Sur invitation, autre lot", QuestionnaireAccess.Invitation);
        var foreign = (await app.InvitationCodesAsync(other.Id, 1))[0];
        var refused = await (await client.SendAnswerAsync(q, q.CompleteAnswer(), foreign)).ParseAsync();
        Assert.Equal("Ce code n'est pas reconnu. Vérifiez les lettres et les chiffres.", refused.QuerySelector("#erreur-code")!.TextContent);
        Assert.Equal(0, await app.SubmittedCountAsync(q.Id));
    }

    [Fact]
    public async Task Two_phones_sending_the_same_code_at_once_store_one_answer()
    {
        var q = await app.CreateQuestionnaireAsync("Même code, deux téléphones", QuestionnaireAccess.Invitation);
        var code = (await app.InvitationCodesAsync(q.Id, 1))[0];
        var form = (await app.Services.GetRequiredService<ConsultationForms>().FindAsync(q.Slug, "fr"))!.Form;
        var answers = new Dictionary<int, AnswerValue>
        {
            [q["situation"].Id] = AnswerValue.Of(q["situation"].Options[0]), [q["suivi"].Id] = AnswerValue.Of(q["suivi"].Options[0]),
            [q["note"].Id] = AnswerValue.Of(q["note"].Options[2]), [q["priorites"].Id] = new AnswerValue(q["priorites"].Options),
        };
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.WithConsultationsAsync(services =>
            services.GetRequiredService<Responses>().SubmitAsync(form, answers, code, ResponseChannel.Online))));
        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal("Ce code a déjà servi\u00a0: les réponses ont été envoyées.", o.Errors[Responses.CodeField]));
        Assert.Equal(1, await app.SubmittedCountAsync(q.Id));
    }

    [Fact]
    public async Task A_draft_with_an_invitation_resumes_with_the_same_code()
    {
        var q = await app.CreateQuestionnaireAsync("Brouillon sur invitation", QuestionnaireAccess.Invitation, translations: "en");
        var code = (await app.InvitationCodesAsync(q.Id, 1))[0];
        var fields = new Dictionary<string, string>
        {
            [q["situation"].Field] = q["situation"].Option(0), [q["suivi"].Field] = q["suivi"].Option(0),
            ["code"] = code, ["langue"] = "en", ["partie"] = q.Sections[0].ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = "enregistrer",
        };
        var saved = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, fields)).ParseAsync();
        Assert.Equal(code, saved.QuerySelector(".saved-code")!.TextContent.Trim());
        Assert.Equal("Your answers are saved", saved.QuerySelector("#brouillon-titre")!.TextContent);

        // Resumed without choosing a language: the draft's language comes back with it.
        var resumed = await (await app.CreateBrowserlessClient().PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = code }, "Start")).ParseAsync();
        // On the screen it was saved from, told so in English.
        Assert.Equal("Step 1 of 3", resumed.QuerySelector(".progress-label")!.TextContent);
        Assert.Equal("You are picking up where you left off: step 1 of 3.", resumed.QuerySelector(".resumed")!.TextContent);
        Assert.Equal("en", resumed.DocumentElement.GetAttribute("lang"));
        Assert.Null(await app.WithDbAsync(db => db.Invitations.Where(i => i.QuestionnaireId == q.Id).Select(i => i.UsedAt).SingleAsync()));
    }

    [Fact]
    public async Task Staff_print_a_sheet_of_slips_each_with_its_code_and_QR_code()
    {
        var staff = await app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var q = await app.CreateQuestionnaireAsync("Planche d'invitations", QuestionnaireAccess.Invitation);
        var created = await staff.PostFormAsync($"/pilotage/consultations/{q.Id}/invitations", new Dictionary<string, string> { ["Label"] = "Courrier de test", ["Count"] = "12" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var sheet = await staff.GetDocumentAsync(created.Headers.Location!.OriginalString);
        var slips = sheet.QuerySelectorAll(".invitation-slip");
        Assert.Equal(12, slips.Length);
        Assert.All(slips, slip =>
        {
            Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", slip.QuerySelector(".invitation-slip-code")!.TextContent);
            Assert.False(string.IsNullOrEmpty(slip.QuerySelector("svg.invitation-slip-qr path")!.GetAttribute("d")));
        });
        Assert.Equal(12, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.QuestionnaireId == q.Id)));
        // Only hashes and sealed copies are stored, never the codes themselves.
        var code = slips[0].QuerySelector(".invitation-slip-code")!.TextContent;
        Assert.False(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.SealedCode.Contains(code.Replace("-", "")) || i.CodeHash.Contains(code.Replace("-", "")))));

        var tooMany = await (await staff.PostFormAsync($"/pilotage/consultations/{q.Id}/invitations", new Dictionary<string, string> { ["Label"] = "Trop", ["Count"] = "5000" })).ParseAsync();
        Assert.Equal("Un lot compte de 1 à 500 invitations.", tooMany.QuerySelector("#erreur-count")!.TextContent);
    }
}
