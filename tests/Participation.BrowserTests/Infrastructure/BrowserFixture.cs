using Microsoft.Playwright;
using Participation.Web.Demo;

namespace Participation.BrowserTests.Infrastructure;

/// <summary>One live site and one Chromium for the whole browser suite.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public LiveSite Site { get; private set; } = null!;
    public Chromium Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        Site = new LiveSite();
    }

    /// <summary>A new browser session, signed in through the sign-in form like a person would.</summary>
    public async Task<IPage> SignedInPageAsync(string login, string password = DemoSeeder.Password, int width = 360)
    {
        var context = await Chromium.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Site.BaseUrl + "/compte/connexion");
        await page.GetByLabel("Ton pseudonyme, ou votre adresse e-mail").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        try
        {
            await page.ArriveAtAsync(Site.BaseUrl + "/espace", timeout: 60_000);
        }
        catch (PlaywrightException)
        {
            var shown = await page.Locator("main").InnerTextAsync();
            throw new InvalidOperationException($"Signing in as {login} did not reach /espace; the page at {page.Url} says: {shown}");
        }
        return page;
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        Site?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
