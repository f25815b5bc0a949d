using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Charter;
using Participation.Web.Demo;
using Xunit.Abstractions;

namespace Participation.BrowserTests;

/// <summary>
/// The charter's year, clicked through: staff adopt the version at the vote and put the next one to
/// the young people, a young member votes on a phone, staff adopt it, an establishment signs it and
/// rates it, a young person living there gives their view, and staff read the two side by side.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CharterJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>Time passes: the version's vote window closes, as it would on its last evening.</summary>
    private Task CloseVoteAsync(int number) =>
        browser.Site.WithDbAsync(db => db.CharterVersions.Where(v => v.Number == number)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.VoteClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

    [Fact]
    public async Task Staff_open_a_vote_a_young_member_votes_on_a_phone_the_version_is_adopted_signed_and_followed()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;
        var atVote = await browser.Site.WithDbAsync(db => db.CharterVersions.Where(v => v.Status != CharterVersionStatus.Adopted).Select(v => (int?)v.Number).SingleOrDefaultAsync());
        var last = await browser.Site.WithDbAsync(db => db.CharterVersions.MaxAsync(v => v.Number));
        output.WriteLine($"Version at the vote: {atVote}, last version: {last}");

        var admin = await browser.SignedInPageAsync($"pilotage@{DemoSeeder.Domain}", width: 1280);
        async Task AdoptAsync(int number)
        {
            await CloseVoteAsync(number);
            var id = await browser.Site.WithDbAsync(db => db.CharterVersions.Where(v => v.Number == number).Select(v => v.Id).SingleAsync());
            await admin.GotoAsync($"{site}/pilotage/charte/versions/{id}");
            await admin.GetByRole(AriaRole.Button, new() { Name = $"Adopter et publier la version {number}" }).ClickAsync();
            await Assertions.Expect(admin.Locator(".notice-success")).ToContainTextAsync($"La version {number} est adoptée");
        }
        if (atVote is { } open)
        {
            await AdoptAsync(open);
        }

        // Staff prepare the next version and put it to the young people's vote.
        var next = last + 1;
        await admin.GotoAsync(site + "/pilotage/charte");
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Préparer la version {next}" }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToContainTextAsync($"Version {next} de la charte");
        var today = DateOnly.FromDateTime(DateTime.Now);
        await admin.GetByLabel("Premier jour du vote").FillAsync($"{today:yyyy-MM-dd}");
        await admin.GetByLabel("Dernier jour du vote (inclus)").FillAsync($"{today.AddDays(14):yyyy-MM-dd}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ouvrir le vote" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice-success")).ToContainTextAsync("Le vote des jeunes est programmé");
        await audit.AuditAsync(admin, "Pilotage", "charte-version-au-vote");

        // A young member votes from a 360 px phone, one practice per screen.
        var young = await browser.SignedInPageAsync("Faucon");
        await young.GotoAsync(site + "/charte");
        await young.GetByRole(AriaRole.Link, new() { Name = $"Je vote sur la version {next}" }).ClickAsync();
        await Assertions.Expect(young.Locator("#avancement")).ToContainTextAsync("Pratique 1 sur");
        var statement = await young.Locator("h1").InnerTextAsync();
        await young.GetByText("À changer", new() { Exact = true }).ClickAsync();
        await young.GetByLabel("Un commentaire ? (facultatif)").FillAsync("Il faudrait demander aux jeunes du groupe avant.");
        await audit.AuditAsync(young, "Jeune 15-17", "charte-vote-telephone");
        await young.GetByRole(AriaRole.Button, new() { Name = "Valider et continuer" }).ClickAsync();
        await Assertions.Expect(young.Locator("#avancement")).ToContainTextAsync("Pratique 2 sur");
        await Assertions.Expect(young.Locator(".notice-success")).ToContainTextAsync("C'est noté");
        var vote = await browser.Site.WithDbAsync(db => db.PracticeVotes
            .Where(v => db.Users.Any(u => u.Id == v.MemberId && u.UserName == "Faucon") && db.CharterPractices.Any(p => p.Id == v.PracticeId && db.CharterVersions.Any(x => x.Id == p.VersionId && x.Number == next)))
            .SingleAsync());
        Assert.Equal(PracticeChoice.Change, vote.Choice);
        output.WriteLine($"Voted « à changer » on: {statement}");

        // The vote closes; staff adopt the version.
        await AdoptAsync(next);

        // The establishment's representative signs it for their own home.
        var representative = await browser.SignedInPageAsync($"etablissement@{DemoSeeder.Domain}", width: 1280);
        await representative.GotoAsync(site + "/etablissement/charte");
        await representative.Locator($"#nom-{next}").FillAsync("Hélène Fictive, directrice");
        await representative.GetByLabel($"J'ai lu la version {next} et je la signe pour MECS Les Tilleuls").CheckAsync();
        await representative.GetByRole(AriaRole.Button, new() { Name = $"Signer la version {next}" }).ClickAsync();
        await Assertions.Expect(representative.Locator(".notice-success")).ToContainTextAsync($"MECS Les Tilleuls a signé la version {next}");

        // Anyone reads the signatory on the public charter.
        var visitor = await (await browser.Chromium.NewContextAsync(360)).NewPageAsync();
        await visitor.GotoAsync(site + "/charte");
        var signed = visitor.Locator(".charter-versions > li", new() { HasText = $"Version {next}" });
        await Assertions.Expect(signed).ToContainTextAsync("MECS Les Tilleuls");
        await audit.AuditAsync(visitor, "Visiteur", "charte-signataires");

        // The establishment rates every practice of the version in force.
        await representative.GotoAsync(site + "/etablissement/charte/suivi");
        var levels = representative.Locator("fieldset.charter-practice");
        var count = await levels.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await levels.Nth(i).GetByLabel("en place", new() { Exact = true }).CheckAsync();
        }
        await representative.GetByRole(AriaRole.Button, new() { Name = $"Enregistrer le suivi {DateTime.Now.Year}" }).ClickAsync();
        await Assertions.Expect(representative.Locator(".notice-success")).ToContainTextAsync("est enregistré");

        // A young person living there gives their view, without their name.
        await browser.Site.WithDbAsync(db => db.YouthViewsTaken.Where(t => db.Users.Any(u => u.Id == t.MemberId && u.UserName == "Loutre")).ExecuteDeleteAsync());
        var loutre = await browser.SignedInPageAsync("Loutre");
        await loutre.GotoAsync(site + "/charte/mon-avis");
        var first = loutre.Locator("fieldset.charter-practice").First;
        await first.GetByText("pas encore", new() { Exact = true }).ClickAsync();
        await loutre.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon avis" }).ClickAsync();
        // One answer out of all: asked once more, since it is the only one of the year.
        await loutre.GetByRole(AriaRole.Button, new() { Name = "Envoyer comme ça" }).ClickAsync();
        await Assertions.Expect(loutre.Locator(".notice-success")).ToContainTextAsync("sans ton nom");

        // Staff read the two side by side: the home says « en place », its young people mostly say otherwise.
        var tilleuls = await browser.Site.WithDbAsync(db => db.Establishments.Where(e => e.Name == "MECS Les Tilleuls").Select(e => e.Id).SingleAsync());
        await admin.GotoAsync(site + "/pilotage/charte/suivi");
        var home = admin.Locator($"section:has(#etab-{tilleuls})");
        await Assertions.Expect(home.Locator("tbody tr").First).ToContainTextAsync("en place");
        await Assertions.Expect(home.Locator("tr.charter-disagree").First).ToContainTextAsync("Désaccord");
        await audit.AuditAsync(admin, "Pilotage", "charte-suivi-cote-a-cote");

        foreach (var page in new[] { admin, young, representative, visitor, loutre })
        {
            await page.Context.CloseAsync();
        }
        await audit.AssertCleanAsync();
    }
}
