using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Demo;
using Participation.Web.Testimonies;
using Xunit.Abstractions;

namespace Participation.BrowserTests;

/// <summary>
/// A facilitator collects a testimony in the field with a voice and a photo while the network is
/// down; it arrives once when the network is back; a moderator transcribes, blurs and publishes;
/// the wall plays it with its transcript.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MicroTrottoirJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Words = "Dans mon foyer idéal, on choisit la couleur des murs de sa chambre.";
    private const string SecondWords = "Un foyer où l'on peut inviter ses amis le mercredi.";

    [Fact]
    public async Task An_answer_recorded_offline_arrives_once_then_is_transcribed_blurred_published_and_played_on_the_wall()
    {
        var audit = new PageAudit();
        // The room's Wi-Fi: the facilitator's phone reaches the site only through this relay.
        await using var wifi = new CuttableProxy(browser.Site.BaseUrl);
        // A phone with a microphone and a camera: Chromium's fake devices, allowed without a prompt.
        await using var phoneBrowser = await browser.Chromium.Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
        });
        var context = await phoneBrowser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 }, Locale = "fr-FR", DeviceScaleFactor = 1,
        });
        await context.GrantPermissionsAsync(["microphone", "camera"], new() { Origin = wifi.BaseUrl });
        var phone = await context.NewPageAsync();
        audit.Watch(phone, "animation");

        await phone.GotoAsync(wifi.BaseUrl + "/compte/connexion");
        await phone.GetByLabel("Ton pseudonyme, ou votre adresse e-mail").FillAsync($"animation@{DemoSeeder.Domain}");
        await phone.GetByLabel("Mot de passe").FillAsync(DemoSeeder.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await phone.ArriveAtAsync(wifi.BaseUrl + "/espace", timeout: 60_000);

        var collect = wifi.BaseUrl + "/micro-trottoirs/ton-foyer-ideal/terrain";
        await phone.GotoAsync(collect);
        // One visit is enough: as soon as the service worker runs, it keeps this page and its scripts for offline use.
        await phone.EvaluateAsync("() => navigator.serviceWorker.ready");
        await phone.WaitForFunctionAsync("async () => !!(await caches.match(location.pathname)) && !!(await caches.match(document.querySelector('script[src*=collect]').src))");
        await Assertions.Expect(phone.Locator("[data-recorder]")).ToBeVisibleAsync();
        await audit.AuditAsync(phone, "animation", "terrain");

        await phone.GetByLabel("Un·e jeune de 15–17 ans").CheckAsync();
        await Assertions.Expect(phone.Locator("[data-guardian]")).ToBeHiddenAsync();
        await phone.GetByLabel("La réponse, par écrit").FillAsync(Words);

        // A voice, recorded in the page.
        await phone.Locator("[data-record]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-record-label]")).ToHaveTextAsync("Arrêter");
        await phone.WaitForTimeoutAsync(2500);
        await phone.Locator("[data-record]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-record-playback]")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // A photo, taken in the page.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'appareil photo" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-camera-view]")).ToBeVisibleAsync();
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-camera-view]').videoWidth > 0");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Prendre la photo" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-camera-shot]")).ToBeVisibleAsync();

        await phone.Locator("#texte-public-oui").CheckAsync();
        await phone.Locator("#voix-telle").CheckAsync();
        await phone.Locator("#photo-public-oui").CheckAsync();
        await phone.GetByLabel("La personne a lu ce texte (ou on le lui a lu) et elle est d'accord").CheckAsync();
        await audit.AuditAsync(phone, "animation", "terrain-rempli");

        // The network drops just before sending.
        wifi.Cut();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Enregistrer ce témoignage" }).ClickAsync();
        var slip = phone.Locator(".slip");
        await Assertions.Expect(slip).ToBeVisibleAsync();
        var code = (await slip.Locator("[data-slip-code]").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);
        await Assertions.Expect(slip.Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("[data-queue-count]")).ToHaveTextAsync("1 réponse attend d'être envoyée.");
        await audit.AuditAsync(phone, "animation", "terrain-hors-ligne");

        // The page is reopened with no network: the service worker serves it, and the answer still waits.
        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Mode terrain");
        await Assertions.Expect(phone.Locator("[data-queue-count]")).ToHaveTextAsync("1 réponse attend d'être envoyée.", new() { Timeout = 10_000 });
        Assert.Equal(0, await browser.Site.WithDbAsync(db => db.Testimonies.CountAsync(t => t.Text == Words)));
        // The next person answers on the page reopened offline: a new answer of its own, not a retry of the last one.
        await phone.GetByLabel("Un·e jeune de 18–25 ans").CheckAsync();
        await phone.GetByLabel("La réponse, par écrit").FillAsync(SecondWords);
        await phone.Locator("#texte-public-oui").CheckAsync();
        await phone.GetByLabel("La personne a lu ce texte (ou on le lui a lu) et elle est d'accord").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Enregistrer ce témoignage" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".slip")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("[data-queue-count]")).ToHaveTextAsync("2 réponses attendent d'être envoyées.");
        Assert.DoesNotContain(code, await phone.Locator("[data-queue]").InnerTextAsync());

        // The network comes back: the answer is sent by itself, once.
        wifi.Restore();
        await Assertions.Expect(phone.Locator("[data-queue-count]")).ToHaveTextAsync("Tout est reçu.", new() { Timeout = 30_000 });
        await Assertions.Expect(phone.Locator(".queue-received .queue-state").First).ToContainTextAsync("Reçue à");
        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator("[data-queue-count]")).ToHaveTextAsync("Tout est reçu.");
        Assert.Equal(1, await browser.Site.WithDbAsync(db => db.Testimonies.CountAsync(t => t.Text == SecondWords)));
        var stored = await browser.Site.WithDbAsync(db => db.Testimonies.Include(t => t.Media).Where(t => t.Text == Words).ToListAsync());
        var testimony = Assert.Single(stored);
        Assert.Equal(WithdrawalCodes.Hash(WithdrawalCodes.Normalise(code)!), testimony.WithdrawalCodeHash);
        Assert.Contains(testimony.Media, m => m.Kind == MediaKind.Voice && m.DurationSeconds >= 2);
        Assert.Contains(testimony.Media, m => m.Kind == MediaKind.Photo);

        // Signed out, the page kept for offline use goes with the session: the next person on this
        // phone finds no copy of the facilitator's page to open with no network.
        Assert.Contains("participation-terrain-1", await phone.EvaluateAsync<string[]>("() => caches.keys()"));
        await phone.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".notice")).ToContainTextAsync("Tu es déconnecté·e");
        await phone.WaitForFunctionAsync("async () => !(await caches.keys()).includes('participation-terrain-1')");
        Assert.False(await phone.EvaluateAsync<bool>("async () => !!(await caches.match('/micro-trottoirs/ton-foyer-ideal/terrain'))"), "The collect page is still kept for offline use after signing out.");
        await context.CloseAsync();

        // The moderator listens, transcribes, describes the photo, blurs a corner and publishes.
        var moderator = await browser.SignedInPageAsync($"moderation@{DemoSeeder.Domain}", width: 1280);
        audit.Watch(moderator, "moderation");
        await moderator.GotoAsync($"{browser.Site.BaseUrl}/pilotage/micro-trottoirs/temoignages/{testimony.Id}");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et publier sur le mur" }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".error-summary")).ToContainTextAsync("Écrivez la transcription");
        await moderator.GetByLabel("Transcription").FillAsync("Un bip régulier : le micro de démonstration du téléphone.");
        await moderator.GetByLabel("Description de la photo").FillAsync("L'image de test de l'appareil photo, avec un cercle et un compteur.");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".notice[role=status]")).ToContainTextAsync("C'est enregistré.");
        var before = testimony.Media.Single(m => m.Kind == MediaKind.Photo).FileName;
        var box = (await moderator.Locator("[data-blur-image]").BoundingBoxAsync())!;
        await moderator.Mouse.MoveAsync(box.X + box.Width * 0.1f, box.Y + box.Height * 0.1f);
        await moderator.Mouse.DownAsync();
        await moderator.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.5f, new() { Steps = 5 });
        await moderator.Mouse.UpAsync();
        await Assertions.Expect(moderator.Locator(".blur-box")).ToHaveCountAsync(1);
        Assert.Matches(@"^0\.\d{4},0\.\d{4},0\.\d{4},0\.\d{4}$", await moderator.Locator("[data-blur-areas]").InputValueAsync());
        await audit.AuditAsync(moderator, "moderation", "temoignage");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Flouter les zones choisies" }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".notice[role=status]")).ToContainTextAsync("Les zones sont floutées");
        var after = await browser.Site.WithDbAsync(db => db.TestimonyMedia.Where(m => m.TestimonyId == testimony.Id && m.Kind == MediaKind.Photo).SingleAsync());
        Assert.NotEqual(before, after.FileName);
        Assert.True(after.Blurred);
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et publier sur le mur" }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".notice[role=status]")).ToContainTextAsync("Le témoignage est publié sur le mur.");
        await moderator.Context.CloseAsync();

        // Anyone reads it on the wall, plays the voice and reads its transcript.
        var visitor = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        audit.Watch(visitor, "anonyme");
        await visitor.GotoAsync($"{browser.Site.BaseUrl}/micro-trottoirs/ton-foyer-ideal");
        var card = visitor.Locator($"#temoignage-{testimony.Id}");
        await Assertions.Expect(card.Locator("blockquote")).ToContainTextAsync("couleur des murs");
        await Assertions.Expect(card.Locator($"#transcription-{testimony.Id}")).ToContainTextAsync("Un bip régulier");
        await Assertions.Expect(card.Locator("img")).ToHaveAttributeAsync("alt", "L'image de test de l'appareil photo, avec un cercle et un compteur.");
        await card.ScrollIntoViewIfNeededAsync();
        var played = await card.Locator("audio").EvaluateAsync<double>(
            "async audio => { audio.muted = true; await audio.play(); await new Promise(r => setTimeout(r, 1200)); audio.pause(); return audio.currentTime; }");
        output.WriteLine($"The wall's player reached {played:0.00} s of the recording.");
        Assert.True(played > 0.3, $"The recording did not play on the wall (position {played} s).");
        Assert.True(await card.Locator("img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The photo did not load on the wall.");
        await audit.AuditAsync(visitor, "anonyme", "mur-apres-publication");
        await visitor.Context.CloseAsync();

        await audit.AssertCleanAsync();
    }
}
