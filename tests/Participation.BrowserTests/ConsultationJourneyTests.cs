using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Consultations;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ConsultationJourneyTests(BrowserFixture browser)
{
    private async Task<string> InvitationCodeAsync(string slug)
    {
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Participation.Web.Data.ParticipationDb>();
        var responses = scope.ServiceProvider.GetRequiredService<Responses>();
        var id = await db.Questionnaires.Where(q => q.Slug == slug).Select(q => q.Id).SingleAsync();
        var batch = await responses.CreateInvitationsAsync(id, "Courrier du test", 1);
        return responses.Unseal(batch.Invitations[0]);
    }

    [Fact]
    public async Task A_parent_answers_on_a_phone_from_an_invitation_code_and_staff_see_the_result()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;
        var code = await InvitationCodeAsync("parents-place");
        const string idea = "Un carnet de liaison entre le foyer et moi, rempli chaque semaine.";
        var before = await browser.Site.WithDbAsync(db => db.Responses.CountAsync(r => r.Status == ResponseStatus.Submitted && db.Questionnaires.Any(q => q.Id == r.QuestionnaireId && q.Slug == "parents-place")));

        // The parent types the code from the letter on the list of consultations, on a 360 px phone.
        var parent = await (await browser.Chromium.NewContextAsync(360)).NewPageAsync();
        audit.Watch(parent, "Parent");
        await parent.GotoAsync(site + "/consultations");
        await parent.GetByLabel("Votre code").FillAsync(code.ToLowerInvariant());
        await parent.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        Assert.Equal(code, await parent.GetByLabel("Votre code").InputValueAsync());
        await audit.AuditAsync(parent, "Parent", "consultation-avec-code");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Commencer" }).ClickAsync();
        Assert.Equal("Étape 1 sur 3", await parent.Locator(".progress-label").InnerTextAsync());

        // Nothing chosen: French messages next to the questions, the screen stays.
        await parent.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
        Assert.Equal("Étape 1 sur 3", await parent.Locator(".progress-label").InnerTextAsync());
        Assert.Equal(3, await parent.Locator(".field-error", new() { HasText = "Répondez à cette question pour continuer." }).CountAsync());
        await audit.AuditAsync(parent, "Parent", "consultation-erreurs");

        // The follow-up question appears only after « Non », thanks to the script.
        var followUp = parent.Locator(".question", new() { HasText = "Qu'est-ce qui vous en a empêché ?" });
        Assert.False(await followUp.IsVisibleAsync());
        await parent.GetByLabel("dans une famille d'accueil").CheckAsync();
        await parent.GetByLabel("Beaucoup").CheckAsync();
        await parent.GetByLabel("Non", new() { Exact = true }).CheckAsync();
        Assert.True(await followUp.IsVisibleAsync());
        await parent.GetByLabel("Les horaires ou la distance").CheckAsync();
        await audit.AuditAsync(parent, "Parent", "consultation-etape-1");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();

        Assert.Equal("Étape 2 sur 3", await parent.Locator(".progress-label").InnerTextAsync());
        await parent.GetByLabel("Des appels").CheckAsync();
        await parent.GetByLabel("Des messages").CheckAsync();
        await parent.GetByLabel("Avoir quelqu'un qui répond").SelectOptionAsync("1");
        await parent.GetByLabel("Être prévenu·e des rendez-vous importants").SelectOptionAsync("2");
        await parent.GetByLabel("Voir mon enfant plus souvent").SelectOptionAsync("3");
        await parent.GetByLabel("Participer aux décisions sur l'école").SelectOptionAsync("4");
        await parent.Locator(".question", new() { HasText = "bonnes conditions" }).GetByLabel("Moyennement").CheckAsync();
        await audit.AuditAsync(parent, "Parent", "consultation-etape-2");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();

        Assert.Equal("Étape 3 sur 3", await parent.Locator(".progress-label").InnerTextAsync());
        await parent.GetByLabel("Une idée pour que les parents soient mieux associés ?").FillAsync(idea);
        await parent.GetByRole(AriaRole.Button, new() { Name = "Envoyer mes réponses" }).ClickAsync();
        await parent.ArriveAtAsync($"{site}/consultations/parents-place/merci?langue=fr");
        Assert.Equal("Merci pour vos réponses", await parent.Locator("h1").InnerTextAsync());
        await audit.AuditAsync(parent, "Parent", "consultation-merci");
        await parent.Context.CloseAsync();

        // Sent, the answer keeps nothing of its invitation; the invitation, only that it was used.
        var stored = await browser.Site.WithDbAsync(db => db.Responses.Include(r => r.Answers)
            .SingleAsync(r => r.Answers.Any(a => a.Text == idea)));
        Assert.Equal(ResponseStatus.Submitted, stored.Status);
        Assert.Null(stored.InvitationId);
        Assert.True(await browser.Site.WithDbAsync(db => db.Invitations.AnyAsync(i => i.UsedAt != null && db.InvitationBatches.Any(b => b.Id == i.BatchId && b.Label == "Courrier du test"))));
        Assert.Contains(stored.Answers, a => a.Text == idea);

        // The département's staff open the results and find this answer among the others.
        var staff = await browser.SignedInPageAsync($"pilotage@{DemoSeeder.Domain}", width: 1280);
        audit.Watch(staff, "Pilotage");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Consultations des familles" }).First.ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "les résultats de « Votre place de parent quand votre enfant est accueilli »" }).ClickAsync();
        Assert.Equal($"{before + 1}", await staff.Locator(".stat-list li").First.Locator(".stat-figure").InnerTextAsync());
        Assert.True(await staff.Locator("blockquote", new() { HasText = idea }).IsVisibleAsync());
        Assert.True(await staff.Locator("figure.chart").CountAsync() >= 6);
        await audit.AuditAsync(staff, "Pilotage", "consultation-resultats");
        // The menu names the question, not only its number.
        var byFirst = staff.GetByLabel("Ventiler par").Locator("option", new() { HasTextString = "la réponse à la question 1, «" });
        await staff.GetByLabel("Ventiler par").SelectOptionAsync(new SelectOptionValue { Value = await byFirst.GetAttributeAsync("value") });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        Assert.True(await staff.Locator(".result-group").CountAsync() == 4);
        await audit.AuditAsync(staff, "Pilotage", "consultation-ventilation");
        await staff.Context.CloseAsync();

        await audit.AssertCleanAsync();
    }

    [Fact]
    public async Task A_right_to_left_questionnaire_reads_right_to_left_and_passes_axe()
    {
        var audit = new PageAudit();
        var parent = await (await browser.Chromium.NewContextAsync(360)).NewPageAsync();
        audit.Watch(parent, "Parent");
        await parent.GotoAsync(browser.Site.BaseUrl + "/consultations/parents-place");
        await parent.GetByRole(AriaRole.Link, new() { Name = "العربية" }).ClickAsync();
        var block = parent.Locator(".consultation");
        Assert.Equal("rtl", await block.GetAttributeAsync("dir"));
        Assert.Equal("rtl", await block.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await audit.AuditAsync(parent, "Parent", "consultation-arabe");

        await parent.GetByRole(AriaRole.Button, new() { Name = "ابدأ" }).ClickAsync();
        await parent.GetByRole(AriaRole.Button, new() { Name = "التالي" }).ClickAsync();
        Assert.Equal(3, await parent.Locator(".field-error", new() { HasText = "أجب عن هذا السؤال للمتابعة." }).CountAsync());
        // Right to left: a choice's box sits on the right of its words.
        var choice = parent.Locator(".answer-choice").First;
        var box = await choice.Locator("input").BoundingBoxAsync();
        var words = await choice.Locator(".choice-text").BoundingBoxAsync();
        Assert.True(box!.X > words!.X, "the radio button is on the right in Arabic");
        // The whole page is Arabic and right to left, its menu and its emergency line included.
        Assert.Equal("ar", await parent.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("rtl", await parent.Locator("html").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Contains(FrameWords.Arabic.EmergencyLead, await parent.Locator(".emergency-line").InnerTextAsync());
        Assert.Contains(FrameWords.Arabic.Home, await parent.Locator("nav.main-nav").InnerTextAsync());
        // The error summary names each question, so three identical messages can be told apart.
        var lines = await parent.Locator(".error-summary li").AllInnerTextsAsync();
        Assert.Equal(3, lines.Distinct().Count());
        // On the phone the summary takes the focus, so that it is on screen and read out first.
        await Assertions.Expect(parent.Locator(".error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(parent.Locator(".error-summary")).ToBeInViewportAsync();
        await audit.AuditAsync(parent, "Parent", "consultation-arabe-erreurs");
        await parent.SetViewportSizeAsync(1280, 900);
        await audit.AuditAsync(parent, "Parent", "consultation-arabe-erreurs");

        // Kept for later: the code can be copied, and shown alone and large to photograph.
        await parent.SetViewportSizeAsync(360, 740);
        await parent.Locator(".answer-choice input").First.CheckAsync();
        await parent.GetByRole(AriaRole.Button, new() { Name = Languages.Arabic.Wording.SaveForLater }).ClickAsync();
        var code = (await parent.Locator(".saved-code").InnerTextAsync()).Trim();
        await Assertions.Expect(parent.GetByRole(AriaRole.Button, new() { Name = Languages.Arabic.Wording.CopyCode })).ToBeVisibleAsync();
        await audit.AuditAsync(parent, "Parent", "consultation-arabe-code");
        await parent.GetByRole(AriaRole.Link, new() { Name = Languages.Arabic.Wording.ShowBig }).ClickAsync();
        await Assertions.Expect(parent.Locator("#code-en-grand .code-big-text")).ToBeVisibleAsync();
        Assert.Equal(code, (await parent.Locator("#code-en-grand .code-big-text").InnerTextAsync()).Trim());
        await parent.ScreenshotAsync(new() { Path = Path.Combine(PageAudit.ScreenshotFolder, "parent", "consultation-arabe-code-en-grand-360.png") });
        await parent.GetByRole(AriaRole.Link, new() { Name = Languages.Arabic.Wording.CloseBig }).ClickAsync();
        await Assertions.Expect(parent.Locator("#code-en-grand .code-big-text")).ToBeHiddenAsync();

        // Back with the code: on the screen it was saved from, told so.
        await parent.GetByRole(AriaRole.Button, new() { Name = Languages.Arabic.Wording.ContinueNow }).ClickAsync();
        await Assertions.Expect(parent.Locator(".resumed")).ToContainTextAsync(Languages.Arabic.Wording.Resumed.Split('{')[0].Trim());

        await parent.GotoAsync(browser.Site.BaseUrl + "/consultations/parents-place?langue=falc");
        Assert.Equal("Votre avis de parent", await parent.Locator("h1").InnerTextAsync());
        await audit.AuditAsync(parent, "Parent", "consultation-falc");
        await parent.Context.CloseAsync();

        await audit.AssertCleanAsync();
    }
}
