using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Demo;

namespace Participation.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CouncilSessionTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_facilitator_a_member_and_a_guest_run_a_whole_session_from_start_to_minutes()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;

        // The facilitator prepares and starts the session.
        var facilitator = await browser.SignedInPageAsync($"animation@{DemoSeeder.Domain}", width: 1280);
        await facilitator.GotoAsync(site + "/conseil");
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Préparer une séance" }).ClickAsync();
        await facilitator.GetByLabel("Titre").FillAsync("Plénière des goûters");
        await facilitator.GetByLabel("Date et heure").FillAsync(DateTime.Now.AddHours(1).ToString("yyyy-MM-ddTHH:mm"));
        await facilitator.GetByLabel("Lieu").FillAsync("Salle polyvalente");
        await facilitator.GetByLabel("Thème").FillAsync("Alimentation");
        Assert.True(await facilitator.GetByLabel("Ouvrir la salle aux invité·es avec un code").IsCheckedAsync());
        foreach (var band in new[] { "7–10 ans", "11–14 ans", "15–17 ans", "18–25 ans" })
        {
            await facilitator.GetByLabel(band).CheckAsync();
        }
        await facilitator.GetByLabel("Ordre du jour").FillAsync("Accueil\nLes goûters");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Créer la séance" }).ClickAsync();
        var sessionUrl = facilitator.Url;
        await facilitator.GetByLabel("Question").FillAsync("Quel goûter ?");
        await facilitator.GetByLabel("Réponses possibles").FillAsync("Fruits\nGâteau\nTartines");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Ajouter ce vote" }).ClickAsync();
        await facilitator.GetByLabel("Question").FillAsync("Que penses-tu de ces goûters ?");
        await facilitator.GetByLabel("Type de vote").SelectOptionAsync(new SelectOptionValue { Label = "jugement majoritaire" });
        await facilitator.GetByLabel("Réponses possibles").FillAsync("Compote\nCrêpes");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Ajouter ce vote" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Commencer la séance" }).ClickAsync();
        var notice = await facilitator.Locator(".notice").InnerTextAsync();
        var code = notice.Split("Code pour rejoindre : ")[1].TrimEnd('.').Trim();
        Assert.Matches("^[A-Z2-9]{6}$", code);

        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Console d'animation" }).ClickAsync();
        await facilitator.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        Assert.True(await facilitator.GetByLabel("Invité·es avec le code").IsCheckedAsync());

        var projector = await facilitator.Context.NewPageAsync();
        await projector.SetViewportSizeAsync(1920, 1080);
        await projector.GotoAsync(sessionUrl + "/projecteur");
        await Assertions.Expect(projector.Locator("#code")).ToHaveTextAsync(code);

        // A young member joins from their account, a guest with the code.
        var member = await browser.SignedInPageAsync("Colibri");
        await member.GotoAsync(site + "/conseil");
        await member.Locator(".session-card", new() { HasText = "Plénière des goûters" }).GetByRole(AriaRole.Link, new() { Name = "Rejoindre la séance" }).ClickAsync();
        await member.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        Assert.Equal(0, await member.Locator(".main-nav").CountAsync());
        Assert.Equal("tel:119", await member.Locator(".live-bar-help").GetAttributeAsync("href"));

        var guest = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        await guest.GotoAsync(site + "/rejoindre");
        await guest.GetByLabel("Code de la séance").FillAsync(code.ToLowerInvariant());
        await guest.GetByLabel("Mon pseudo").FillAsync("Comète");
        await guest.GetByRole(AriaRole.Button, new() { Name = "Entrer dans la séance" }).ClickAsync();
        await guest.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        await audit.AuditAsync(guest, "invité", "seance-attente");

        // A poll: one tap each on the phones, the projector counts who voted and keeps the result hidden.
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter ?" }).ClickAsync();
        await member.GetByText("Fruits").ClickAsync();
        await Assertions.Expect(member.Locator(".noted")).ToBeVisibleAsync();
        await guest.GetByText("Gâteau").ClickAsync();
        await Assertions.Expect(guest.Locator(".noted")).ToBeVisibleAsync();
        await Assertions.Expect(projector.Locator("#bulletins")).ToHaveTextAsync("2/2 ont voté");
        // The room sees the choices, never how the votes lean before the facilitator reveals them.
        Assert.Equal(0, await projector.Locator("#barres .result-list").CountAsync());
        Assert.Equal(3, await projector.Locator("#barres .projector-choices li").CountAsync());
        await audit.AuditAsync(member, "Jeune", "seance-vote");
        await audit.AuditAsync(projector, "Animateur·rice", "projecteur");

        // An idea, moderated, then shown to everyone.
        await member.GetByLabel("Mon idée").FillAsync("Des fruits coupés au goûter");
        await member.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await member.Locator("#idee-retour", new() { HasText = "envoyée" }).WaitForAsync();
        await facilitator.Locator("#file li", new() { HasText = "Des fruits coupés au goûter" }).GetByRole(AriaRole.Button, new() { NameRegex = new("^Publier") }).ClickAsync();
        await guest.Locator("#idees li", new() { HasText = "Des fruits coupés au goûter" }).WaitForAsync();
        await projector.Locator("#idees li", new() { HasText = "Des fruits coupés au goûter" }).WaitForAsync();
        await audit.AuditAsync(facilitator, "Animateur·rice", "console");

        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();
        await Assertions.Expect(member.Locator("#moment-titre")).ToHaveTextAsync("Le vote est fini");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Afficher les résultats" }).ClickAsync();
        await Assertions.Expect(member.Locator("#moment-contenu")).ToContainTextAsync("Fruits\u00a0: 1\u00a0vote");
        await Assertions.Expect(projector.Locator("#barres li")).ToHaveCountAsync(3);
        await audit.AuditAsync(member, "Jeune", "seance-resultat");
        await audit.AuditAsync(guest, "invité", "seance-invite");

        // Majority judgment: the youngest give each option a face, one option per screen; the projector draws the merit profiles once revealed.
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Que penses-tu de ces goûters ?" }).ClickAsync();
        await member.GetByText("Très bien").ClickAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
        await member.GetByText("Génial").ClickAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "J'envoie mon vote" }).ClickAsync();
        await Assertions.Expect(member.Locator(".noted")).ToBeVisibleAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Afficher les résultats" }).ClickAsync();
        await projector.Locator("#barres .merit-bar").Nth(1).WaitForAsync();
        Assert.Contains("Crêpes\u00a0: Excellent", await projector.Locator("#barres li").First.InnerTextAsync());
        // The child's phone gives the same result in the faces and words the child voted with.
        await Assertions.Expect(member.Locator("#moment-contenu")).ToContainTextAsync("Crêpes\u00a0: 🤩 Génial");
        Assert.DoesNotContain("Excellent", await member.Locator("#moment-contenu").InnerTextAsync());

        // A raised hand: the facilitator gives the floor, and the child's phone lowers the hand and says so.
        await member.GetByRole(AriaRole.Button, new() { Name = "✋ Je lève la main" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Donner la parole à Colibri" }).ClickAsync();
        await Assertions.Expect(member.Locator("#main-retour")).ToHaveTextAsync("C'est à toi de parler\u00a0!");
        await Assertions.Expect(member.Locator("#main")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(facilitator.Locator("#mains")).ToContainTextAsync("Aucune main levée.");
        await audit.AuditAsync(projector, "Animateur·rice", "projecteur-jugement");

        // The guest is paused: their phone says so at once and after a reload, and they can still vote; then not paused.
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Suspendre Comète : idées, main et réactions" }).ClickAsync();
        await Assertions.Expect(guest.Locator("#en-pause")).ToBeVisibleAsync();
        await Assertions.Expect(guest.Locator("#en-pause")).ToContainTextAsync("Tu peux toujours voter.");
        await guest.ReloadAsync();
        await guest.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        await Assertions.Expect(guest.Locator("#en-pause")).ToBeVisibleAsync();
        await audit.AuditAsync(guest, "invité", "seance-en-pause");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Réactiver Comète : idées, main et réactions" }).ClickAsync();
        await Assertions.Expect(guest.Locator("#en-pause")).ToBeHiddenAsync();

        // The guest is removed: the room gets a new code at once, on the console and the projector.
        facilitator.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Retirer Comète" }).ClickAsync();
        await Assertions.Expect(guest.Locator("#moment-titre")).ToHaveTextAsync("Tu ne fais plus partie de cette séance.");
        await Assertions.Expect(projector.Locator("#code")).Not.ToHaveTextAsync(code);
        var newCode = await projector.Locator("#code").InnerTextAsync();
        Assert.Matches("^[A-Z2-9]{6}$", newCode);
        await Assertions.Expect(facilitator.Locator("#code")).ToHaveTextAsync(newCode);

        // Closing asks first, from the console too, and says what it would cut short.
        var secondConsole = await facilitator.Context.NewPageAsync();
        await secondConsole.GotoAsync(sessionUrl + "/console");
        await secondConsole.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Terminer la séance…" }).ClickAsync();
        await Assertions.Expect(facilitator.Locator("#confirmer-fin")).ToContainTextAsync("1 personne connectée verra « séance terminée ».");
        await audit.AuditAsync(facilitator, "Animateur·rice", "terminer-confirmation");
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Non, continuer" }).ClickAsync();
        Assert.Equal("en cours", await facilitator.Locator(".facts dd").Nth(4).InnerTextAsync());

        // Closing: the minutes agree with the ballots, and the retained idea needs a theme picked by the facilitator.
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Terminer la séance" }).ClickAsync();
        await Assertions.Expect(facilitator.Locator("#confirmer-fin")).ToContainTextAsync("On ne peut pas rouvrir la séance.");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Oui, terminer la séance" }).ClickAsync();
        await Assertions.Expect(member.Locator("#moment-titre")).ToContainTextAsync("C'est fini");
        await Assertions.Expect(projector.Locator("#etat")).ToHaveTextAsync("La séance est terminée. Merci à toutes et à tous\u00a0!");
        // A console left open says the session is over, and nothing on it acts any more.
        await Assertions.Expect(secondConsole.Locator("#console-fin")).ToBeVisibleAsync();
        await Assertions.Expect(secondConsole.Locator("#etat")).ToHaveTextAsync("Séance terminée");
        Assert.True(await secondConsole.Locator(".console-join").IsHiddenAsync());
        Assert.Equal(0, await secondConsole.Locator("#console button:enabled, #console input:enabled, #console select:enabled").CountAsync());
        await audit.AuditAsync(secondConsole, "Animateur·rice", "console-terminee");
        var minutes = await facilitator.Locator("main").InnerTextAsync();
        // Comète was removed after voting in the first poll: there when it closed, so counted.
        Assert.Contains("2 participant·es.", minutes);
        Assert.Contains("7–10 ans\u00a0: 1 personne", minutes);
        Assert.Contains("invité·es dans la salle\u00a0: 1 personne", minutes);
        Assert.Contains("2 votes", await facilitator.Locator(".tally").First.InnerTextAsync());
        Assert.DoesNotContain("Colibri", minutes);
        var idea = facilitator.Locator(".idea-minutes li", new() { HasText = "Des fruits coupés au goûter" });
        Assert.Equal("", await idea.GetByLabel("Thème").InputValueAsync());
        await idea.GetByRole(AriaRole.Button, new() { Name = "Retenir comme proposition" }).ClickAsync();
        Assert.Contains("Choisissez au moins un thème", await facilitator.Locator("main").InnerTextAsync());
        idea = facilitator.Locator(".idea-minutes li", new() { HasText = "Des fruits coupés au goûter" });
        await idea.GetByLabel("Thème").SelectOptionAsync(new SelectOptionValue { Label = "alimentation" });
        await idea.GetByRole(AriaRole.Button, new() { Name = "Retenir comme proposition" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("proposition n° \\d+") }).ClickAsync();
        Assert.Contains("séance du Conseil des jeunes — Plénière des goûters", await facilitator.Locator(".facts").InnerTextAsync());
        Assert.Contains("Colibri", await facilitator.Locator(".facts").InnerTextAsync());
        await facilitator.GotoAsync(sessionUrl);
        Assert.Equal(2, await facilitator.Locator(".merit svg").CountAsync());
        await audit.AuditAsync(facilitator, "Animateur·rice", "compte-rendu");

        foreach (var page in new[] { member, guest, facilitator })
        {
            await page.Context.CloseAsync();
        }
        await audit.AssertCleanAsync();
    }
}
