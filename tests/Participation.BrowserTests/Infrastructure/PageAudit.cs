using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Participation.BrowserTests.Infrastructure;

/// <summary>
/// What every page must pass in a real browser: axe-core (WCAG 2.1 A and AA), no horizontal
/// scrolling on a phone, touch targets of at least 44 px, no blocked inline script; plus a
/// screenshot to look at.
/// </summary>
public sealed class PageAudit
{
    public static readonly int[] Widths = [360, 1280];

    // axe-core as Deque.AxeCore.Commons bundles it, run in the page itself. The Playwright wrapper's
    // RunAxe also runs every frame apart and finishes in a blank page it opens each time, which costs
    // about two seconds a page here; the site has no frames, and axe.run alone takes a tenth of that.
    private static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());

    private const string RunWcag21 = """
        async () => (await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            resultTypes: ['violations'],
        })).violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html) }))
        """;

    // Targets a finger must hit. Links inside running text are exempt, as WCAG 2.5.8 allows.
    private const string TargetsScript = """
        () => [...document.querySelectorAll('.button, .card-link, .main-nav a, .main-nav button, .whoami button, .footer-links a, input:not([type=hidden]), select, textarea, summary, .action-code, .skip-link')]
          .filter(e => e.offsetParent !== null)
          // A checkbox is hit through its label too: measure the row that holds both.
          .map(e => ({ e, box: ((e.type === 'checkbox' || e.type === 'radio') && e.closest('label, .checkbox, .choice, .answer-choice, .tile, .grade') || e).getBoundingClientRect() }))
          .map(({ e, box }) => ({ text: (e.innerText || e.name || e.id || e.tagName).trim().slice(0, 40), h: box.height, w: box.width }))
          .filter(t => t.h < 44 || t.w < 44)
        """;

    // The innermost elements sticking out past the right edge, to say what to fix.
    private const string WideElementsScript = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
          .slice(0, 4)
          .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
        """;

    public List<string> Failures { get; } = [];
    public Dictionary<string, string> Html { get; } = [];
    public List<string> Screenshots { get; } = [];

    public static string ScreenshotFolder { get; } = Path.Combine(LiveSite.RepoRoot, "artifacts", "screenshots");

    public void Watch(IPage page, string who) =>
        page.Console += (_, message) =>
        {
            // A page served with 403, 404 or 500 on purpose logs its own status; that is not a fault.
            if (message.Type == "error" && !(message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && message.Location.StartsWith(page.Url, StringComparison.Ordinal)))
            {
                Failures.Add($"{who} {page.Url}: console error « {message.Text} »");
            }
        };

    /// <summary>Audits the page as it is now, at the current viewport width.</summary>
    public async Task AuditAsync(IPage page, string who, string name, string? servedHtml = null)
    {
        var width = page.ViewportSize!.Width;
        var label = $"{who} {name} @{width}px";

        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeScript.Value);
        }
        foreach (var violation in await page.EvaluateAsync<AxeViolation[]>(RunWcag21))
        {
            Failures.Add($"{label}: axe {violation.Id} ({violation.Impact}) {violation.Help} → {string.Join(" | ", violation.Nodes)}");
        }

        if (width <= 360)
        {
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 0)
            {
                var culprits = await page.EvaluateAsync<string[]>(WideElementsScript);
                Failures.Add($"{label}: the page scrolls sideways by {overflow}px, because of {string.Join(", ", culprits)}");
            }
            var small = await page.EvaluateAsync<TouchTarget[]>(TargetsScript);
            foreach (var target in small)
            {
                Failures.Add($"{label}: touch target « {target.Text} » is {target.W:0}×{target.H:0}px");
            }
        }

        var folder = Path.Combine(ScreenshotFolder, Slug(who));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Slug(name)}-{width}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Screenshots.Add(file);

        Html.TryAdd($"{who} {name}", servedHtml ?? await page.ContentAsync());
    }

    /// <summary>Runs the Nu Html Checker over every page seen, then fails with everything found, if anything.</summary>
    public async Task AssertCleanAsync()
    {
        var problems = await HtmlChecker.CheckAsync(Html);
        Failures.AddRange(problems.Select(p => $"HTML {p.Page}, ligne {p.Line}: {p.Message} « {p.Extract} »"));
        Assert.True(Failures.Count == 0, string.Join(Environment.NewLine, Failures));
    }

    /// <summary>Opens the address at each width, auditing the page each time.</summary>
    public async Task VisitAsync(IPage page, string baseUrl, string who, string path, int expectedStatus = 200)
    {
        string? served = null;
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, width < 600 ? 740 : 900);
            var response = await page.GotoAsync(baseUrl + path);
            if (response is null || response.Status != expectedStatus)
            {
                Failures.Add($"{who} {path}: status {response?.Status} instead of {expectedStatus}");
                return;
            }
            served ??= await response.TextAsync();
            await AuditAsync(page, who, path, served);
        }
    }

    public static string Slug(string text)
    {
        var slug = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        while (slug.Contains("--"))
        {
            slug = slug.Replace("--", "-");
        }
        return slug.Length == 0 ? "accueil" : slug;
    }

    private sealed class AxeViolation
    {
        public string Id { get; set; } = "";
        public string Impact { get; set; } = "";
        public string Help { get; set; } = "";
        public string[] Nodes { get; set; } = [];
    }

    private sealed class TouchTarget
    {
        public string Text { get; set; } = "";
        public double H { get; set; }
        public double W { get; set; }
    }
}
