using System.Collections.Concurrent;
using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Testing;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.BrowserTests;

/// <summary>
/// The live pages in Chromium through nginx, run from the production example, in front of two
/// instances on one database and one Redis: their WebSockets, opened without negotiating, reach
/// whichever instance nginx picks, and the room is one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BehindNginxTests(BrowserFixture browser)
{
    private static string Redis =>
        Environment.GetEnvironmentVariable("PARTICIPATION_TEST_REDIS") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("This test needs a Redis server: run the tests with tests/run.sh, which starts one, or start redis-server and set PARTICIPATION_TEST_REDIS=127.0.0.1:<port>.");

    [Fact]
    public async Task A_phone_votes_through_nginx_and_the_projector_through_nginx_shows_the_result()
    {
        var settings = new Dictionary<string, string>
        {
            ["SignalR:Redis"] = Redis,
            ["SignalR:ChannelPrefix"] = $"browser-nginx-{Guid.NewGuid():N}",
            ["Site:KnownProxies:0"] = "127.0.0.1",
        };
        using var first = new LiveSite(settings);
        using var second = new LiveSite(new Dictionary<string, string>(settings) { ["ConnectionStrings:Participation"] = first.ConnectionString, ["Media:Folder"] = first.MediaFolder });
        using var nginx = await Nginx.StartAsync(LiveSite.RepoRoot, [new Uri(first.BaseUrl), new Uri(second.BaseUrl)]);
        var site = nginx.Address.ToString().TrimEnd('/');
        var session = await first.StartAsync("Plénière derrière nginx", AgeBandSet.From11To14 | AgeBandSet.From15To17,
            new NewPoll("Quel goûter ?", PollKind.SingleChoice, ["Fruits", "Gâteau", "Pain"]));

        var negotiations = new ConcurrentBag<string>();
        async Task<IPage> OpenAsync(IBrowserContext context)
        {
            var page = await context.NewPageAsync();
            page.Request += (_, request) =>
            {
                if (request.Url.Contains("/negotiate", StringComparison.Ordinal))
                {
                    negotiations.Add(request.Url);
                }
            };
            return page;
        }

        var facilitator = await OpenAsync(await browser.Chromium.NewContextAsync(1280, trustAnyCertificate: true));
        await facilitator.GotoAsync(site + "/compte/connexion");
        await facilitator.GetByLabel("Ton pseudonyme, ou votre adresse e-mail").FillAsync($"animation@{DemoSeeder.Domain}");
        await facilitator.GetByLabel("Mot de passe").FillAsync(DemoSeeder.Password);
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await facilitator.ArriveAtAsync(site + "/espace", timeout: 60_000);
        await facilitator.GotoAsync(session.Url(site) + "/console");
        await facilitator.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        var projector = await OpenAsync(facilitator.Context);
        await projector.SetViewportSizeAsync(1920, 1080);
        await projector.GotoAsync(session.Url(site) + "/projecteur");
        await projector.Locator(".projector-screen[data-mode]").WaitForAsync();

        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter ?" }).ClickAsync();
        var guest = await OpenAsync(await browser.Chromium.NewContextAsync(trustAnyCertificate: true));
        await guest.GotoAsync(site + "/rejoindre");
        await guest.GetByLabel("Code de la séance").FillAsync(session.Code);
        await guest.GetByLabel("Mon pseudo").FillAsync("Comète");
        await guest.GetByRole(AriaRole.Button, new() { Name = "Entrer dans la séance" }).ClickAsync();
        await guest.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        await guest.GetByText("Gâteau").ClickAsync();
        await Assertions.Expect(guest.Locator(".noted")).ToBeVisibleAsync();
        await Assertions.Expect(projector.Locator("#bulletins")).ToHaveTextAsync("1/1 a voté");

        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Afficher les résultats" }).ClickAsync();
        await Assertions.Expect(projector.Locator("#barres li")).ToHaveCountAsync(3);
        await Assertions.Expect(projector.Locator("#barres")).ToContainTextAsync("Gâteau\u00a0: 1\u00a0vote");
        Assert.Empty(negotiations);

        await guest.Context.CloseAsync();
        await facilitator.Context.CloseAsync();
    }
}
