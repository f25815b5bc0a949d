using Microsoft.Playwright;

namespace Participation.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. Playwright cannot download its own browsers here, so
/// the browser must be installed; without it the tests fail and say how to install it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium est introuvable à « {ExecutablePath} ». Installez-le avec « sudo apt-get install -y chromium », " +
                "ou indiquez son chemin dans la variable CHROMIUM_PATH. Les tests du navigateur ne sont jamais ignorés.");
        }
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <param name="trustAnyCertificate">For a site behind a proxy whose certificate was made for the test run.</param>
    public async Task<IBrowserContext> NewContextAsync(int width = 360, bool trustAnyCertificate = false) =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 740 : 900 },
            Locale = "fr-FR",
            DeviceScaleFactor = 1,
            IgnoreHTTPSErrors = trustAnyCertificate,
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        Playwright?.Dispose();
    }
}
