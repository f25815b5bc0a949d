using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Demo;

namespace Participation.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_facilitator_creates_an_account_and_the_young_person_activates_it_with_the_paper_code()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;

        var facilitator = await browser.SignedInPageAsync($"animation@{DemoSeeder.Domain}");
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Comptes des jeunes" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Créer un compte jeune" }).ClickAsync();

        // A first try with an age the council cannot take.
        await facilitator.GetByLabel("Pseudonyme").FillAsync("Mouette-Rieuse");
        await facilitator.GetByLabel("Année de naissance").FillAsync((DateTime.Now.Year - 5).ToString());
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Créer le compte et son code" }).ClickAsync();
        Assert.Contains("de 7 à 25 ans", await facilitator.Locator("#erreur-birthyear").InnerTextAsync());
        Assert.Equal("Mouette-Rieuse", await facilitator.GetByLabel("Pseudonyme").InputValueAsync());
        await audit.AuditAsync(facilitator, "Animateur·rice", "creation-age-refuse");

        await facilitator.GetByLabel("Année de naissance").FillAsync((DateTime.Now.Year - 12).ToString());
        await facilitator.GetByLabel("Vrai nom (facultatif)").FillAsync("Inès Fictive");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Créer le compte et son code" }).ClickAsync();
        var code = (await facilitator.Locator(".slip-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        await audit.AuditAsync(facilitator, "Animateur·rice", "code-imprimable");
        await facilitator.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await facilitator.Locator("header.site-header").IsVisibleAsync(), "the header is not printed");
        Assert.True(await facilitator.Locator(".activation-slip").IsVisibleAsync());
        await facilitator.EmulateMediaAsync(new() { Media = Media.Screen });

        await facilitator.GotoAsync(site + "/animation/jeunes");
        var row = facilitator.Locator("tbody tr", new() { HasText = "Mouette-Rieuse" });
        Assert.Contains("Inès Fictive", await row.InnerTextAsync());
        Assert.Contains("En attente du code", await row.InnerTextAsync());
        await facilitator.Context.CloseAsync();

        // The young person, on their own phone, with the paper.
        var young = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        await young.GotoAsync(site + "/");
        await young.GetByRole(AriaRole.Link, new() { Name = "J'ai un code" }).First.ClickAsync();
        await young.GetByLabel("Mon code").FillAsync(code.ToLowerInvariant().Replace("-", " "));
        await young.GetByLabel("Mon mot de passe", new() { Exact = true }).FillAsync("la mouette vole haut");
        await young.GetByLabel("Encore une fois, mon mot de passe").FillAsync("la mouette vole haut");
        await young.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        await young.ArriveAtAsync(site + "/espace");
        Assert.Equal("Mouette-Rieuse", await young.Locator(".whoami strong").InnerTextAsync());
        Assert.Contains("11–14 ans", await young.Locator("main").InnerTextAsync());
        Assert.DoesNotContain("Inès", await young.ContentAsync());
        await audit.AuditAsync(young, "Jeune", "premier-espace");

        // The same paper does not work twice.
        await young.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await young.ArriveAtAsync(site + "/compte/deconnexion");
        Assert.True(await young.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).IsVisibleAsync());
        await young.GotoAsync(site + "/compte/activer");
        await young.GetByLabel("Mon code").FillAsync(code);
        await young.GetByLabel("Mon mot de passe", new() { Exact = true }).FillAsync("quelqu'un d'autre");
        await young.GetByLabel("Encore une fois, mon mot de passe").FillAsync("quelqu'un d'autre");
        await young.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        Assert.Contains("déjà servi", await young.Locator("#erreur-code").InnerTextAsync());
        await audit.AuditAsync(young, "Jeune", "code-deja-utilise");
        await young.Context.CloseAsync();

        await audit.AssertCleanAsync();
    }

    [Fact]
    public async Task The_first_administrator_opens_the_link_the_command_printed_and_chooses_a_password()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;
        Participation.Web.Accounts.AdminCommand.Created created;
        await using (var scope = browser.Site.Services.CreateAsyncScope())
        {
            created = await Participation.Web.Accounts.AdminCommand.CreateAsync(scope.ServiceProvider, "direction.enfance@bellerive.example", "Direction-Enfance");
        }
        Assert.Null(created.Error);
        var path = new Uri(created.Link!).PathAndQuery;

        var owner = await (await browser.Chromium.NewContextAsync(360)).NewPageAsync();
        audit.Watch(owner, "Première administratrice");
        await owner.GotoAsync(site + path);
        await owner.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("la rivière passe sous le pont");
        await owner.GetByLabel("Le même mot de passe, encore une fois").FillAsync("la rivière passe sous le pont vert");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et me connecter" }).ClickAsync();
        Assert.Contains("ne sont pas les mêmes", await owner.Locator("#erreur-confirmation").InnerTextAsync());
        await audit.AuditAsync(owner, "Première administratrice", "premier-acces-erreur");

        await owner.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("la rivière passe sous le pont");
        await owner.GetByLabel("Le même mot de passe, encore une fois").FillAsync("la rivière passe sous le pont");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et me connecter" }).ClickAsync();
        await owner.ArriveAtAsync(site + "/espace");
        Assert.Equal("Direction-Enfance", await owner.Locator(".whoami strong").InnerTextAsync());
        await audit.AuditAsync(owner, "Première administratrice", "premier-espace");
        await owner.Context.CloseAsync();

        // The link has served: opened again, it sets nothing.
        var other = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        await other.GotoAsync(site + path);
        await other.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("une autre phrase bien longue");
        await other.GetByLabel("Le même mot de passe, encore une fois").FillAsync("une autre phrase bien longue");
        await other.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et me connecter" }).ClickAsync();
        Assert.Contains("déjà servi", await other.Locator(".error-summary").InnerTextAsync());
        await other.Context.CloseAsync();

        await audit.AssertCleanAsync();
    }

    [Fact]
    public async Task A_young_member_reads_their_data_from_the_account_page_and_downloads_the_file()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;

        var young = await browser.SignedInPageAsync("Loutre");
        audit.Watch(young, "Jeune");
        await young.GotoAsync(site + "/compte");
        await young.GetByRole(AriaRole.Link, new() { Name = "Voir mes données" }).ClickAsync();
        await young.ArriveAtAsync(site + "/compte/mes-donnees");
        Assert.Equal("Mes données", await young.Locator("h1").InnerTextAsync());
        Assert.Contains("Loutre", await young.Locator("#compte + dl").InnerTextAsync());
        var proposalsListed = await young.Locator("ul[data-export='proposals'] > li").CountAsync();

        var download = await young.RunAndWaitForDownloadAsync(() =>
            young.GetByRole(AriaRole.Link, new() { Name = "Télécharger le fichier de mes données" }).ClickAsync());
        Assert.Matches(@"^mes-donnees-participation-\d{4}-\d{2}-\d{2}\.json$", download.SuggestedFilename);
        var file = await download.PathAsync();
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal("Loutre", json.RootElement.GetProperty("account").GetProperty("pseudonym").GetString());
        Assert.Equal(proposalsListed, json.RootElement.GetProperty("proposals").GetArrayLength());

        foreach (var width in PageAudit.Widths)
        {
            await young.SetViewportSizeAsync(width, width < 600 ? 740 : 900);
            await audit.AuditAsync(young, "Jeune", "mes-donnees");
        }
        await young.Context.CloseAsync();
        await audit.AssertCleanAsync();
    }

    [Fact]
    public async Task A_young_member_asks_for_erasure_and_an_administrator_confirms_it()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;
        string[] named = ["Colibri", "Loutre", "Faucon", "Baobab"];
        // A generated member no other journey signs in as: this one leaves the site for good.
        var pseudonym = await browser.Site.WithDbAsync(db => db.MembersInRole(Participation.Web.Shared.Roles.Young)
            .Where(u => u.PasswordHash != null && !named.Contains(u.Pseudonym)).OrderByDescending(u => u.Pseudonym).Select(u => u.Pseudonym).FirstAsync());

        var young = await browser.SignedInPageAsync(pseudonym);
        audit.Watch(young, "Jeune");
        await young.GotoAsync(site + "/compte");
        await young.GetByRole(AriaRole.Link, new() { Name = "effacer mon compte" }).ClickAsync();
        await young.ArriveAtAsync(site + "/compte/effacement");
        await audit.AuditAsync(young, "Jeune", "effacement");
        await young.GetByRole(AriaRole.Button, new() { Name = "Demander l'effacement" }).ClickAsync();
        // Not ticked: told so, and nothing is asked.
        Assert.Contains("Coche la case", await young.Locator("#erreur-understood").InnerTextAsync());
        await young.GetByLabel("J'ai compris").CheckAsync();
        await young.GetByRole(AriaRole.Button, new() { Name = "Demander l'effacement" }).ClickAsync();
        Assert.Contains("Ta demande est enregistrée", await young.Locator("[role=status]").InnerTextAsync());
        await audit.AuditAsync(young, "Jeune", "effacement-demande");
        await young.Context.CloseAsync();

        var admin = await browser.SignedInPageAsync($"pilotage@{Participation.Web.Demo.DemoSeeder.Domain}", width: 1280);
        audit.Watch(admin, "Pilotage");
        await admin.GotoAsync(site + "/espace");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Demandes d'effacement" }).ClickAsync();
        await admin.ArriveAtAsync(site + "/pilotage/effacements");
        var request = admin.Locator("section.form-panel", new() { HasText = pseudonym });
        Assert.Contains("Jeune", await request.InnerTextAsync());
        await audit.AuditAsync(admin, "Pilotage", "effacements");
        await request.GetByLabel("Je confirme").CheckAsync();
        await request.GetByRole(AriaRole.Button, new() { Name = "Effacer le compte" }).ClickAsync();
        Assert.Contains("Le compte est effacé", await admin.Locator(".notice-success").InnerTextAsync());
        Assert.DoesNotContain(pseudonym, await admin.Locator("main").InnerTextAsync());
        await audit.AuditAsync(admin, "Pilotage", "effacements-fait");
        await admin.Context.CloseAsync();

        Assert.False(await browser.Site.WithDbAsync(db => db.Users.AnyAsync(u => u.Pseudonym == pseudonym)));
        await audit.AssertCleanAsync();
    }
}
