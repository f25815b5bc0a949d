using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Participation.Web.Council;
using Participation.Web.Data;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.BrowserTests.Infrastructure;

public sealed record StartedSession(int Id, string Code, IReadOnlyList<int> Polls)
{
    public string Url(string site) => $"{site}/conseil/seances/{Id}";
}

/// <summary>Sessions prepared and started as a facilitator would, and the keyboard and screen checks the live tests share.</summary>
public static class LiveRoom
{
    public static async Task<StartedSession> StartAsync(this LiveSite site, string title, AgeBandSet bands, params NewPoll[] polls)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = await db.Users.Where(u => u.Email == $"animation@{DemoSeeder.Domain}").Select(u => u.Id).SingleAsync();
        var created = await sessions.CreateAsync(
            new NewSession(title, SessionKind.Plenary, DateTimeOffset.Now.AddHours(1), "Salle polyvalente", false, "Bien manger", bands, ["Accueil", "Les goûters"], GuestsAllowed: true),
            facilitator);
        var id = created.Succeeded ? created.Value : throw new InvalidOperationException(string.Join(", ", created.Errors.Values));
        var pollIds = new List<int>();
        foreach (var poll in polls)
        {
            pollIds.Add((await sessions.AddPollAsync(id, poll)).Value);
        }
        if (!(await sessions.StartAsync(id)).Succeeded)
        {
            throw new InvalidOperationException("The session did not start.");
        }
        var code = await db.CouncilSessions.Where(s => s.Id == id).Select(s => s.JoinCode!).SingleAsync();
        return new StartedSession(id, code, pollIds);
    }

    /// <summary>The facilitator's console, connected.</summary>
    public static async Task<IPage> ConsoleAsync(this BrowserFixture browser, StartedSession session, int width = 1280, int height = 800)
    {
        var page = await browser.SignedInPageAsync($"animation@{DemoSeeder.Domain}", width: width);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(session.Url(browser.Site.BaseUrl) + "/console");
        await page.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        return page;
    }

    public static async Task<IPage> ProjectorAsync(this IPage console, StartedSession session, int width = 1920, int height = 1080)
    {
        var projector = await console.Context.NewPageAsync();
        await projector.SetViewportSizeAsync(width, height);
        await projector.GotoAsync(console.Url.Replace("/console", "/projecteur"));
        await projector.Locator(".projector-screen[data-mode]").WaitForAsync();
        return projector;
    }

    /// <summary>Presses Tab until the focused element matches the selector, as a keyboard user moves through the page.</summary>
    public static async Task TabToAsync(this IPage page, string selector, int most = 40)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }
        throw new InvalidOperationException($"Tab never reached « {selector} »; focus is on {await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120)")}");
    }

    // Everything on the projector must sit inside the screen and inside its own box: nothing scrolls, nothing is cut.
    private const string OverflowScript = """
        (everyElement) => {
          const problems = [];
          const d = document.documentElement;
          if (d.scrollHeight > innerHeight + 1) problems.push(`the page is ${d.scrollHeight}px tall for ${innerHeight}px`);
          if (d.scrollWidth > innerWidth + 1) problems.push(`the page is ${d.scrollWidth}px wide for ${innerWidth}px`);
          for (const e of everyElement ? document.querySelectorAll('main *') : []) {
            if (!e.getClientRects().length) continue;
            const r = e.getBoundingClientRect();
            if (r.bottom > innerHeight + 1 || r.right > innerWidth + 1) problems.push(`${e.tagName.toLowerCase()}#${e.id}.${e.className} ends at ${Math.round(r.right)}×${Math.round(r.bottom)}`);
          }
          for (const box of document.querySelectorAll(everyElement ? '#vote, #barres, #idees' : '.console-panel')) {
            if (!box.getClientRects().length) continue;
            if (box.scrollHeight > box.clientHeight + 1) problems.push(`#${box.id}.${box.className} holds ${box.scrollHeight}px in ${box.clientHeight}px`);
            const outer = box.getBoundingClientRect();
            for (const child of box.children) {
              const r = child.getBoundingClientRect();
              if (r.height && r.bottom > outer.bottom + 1) problems.push(`a ${child.tagName.toLowerCase()} in #${box.id} is cut at ${Math.round(outer.bottom)}px`);
            }
          }
          return problems.slice(0, 8);
        }
        """;

    /// <summary>
    /// The page does not scroll and no box cuts what it holds; with <paramref name="everyElement"/>, every element
    /// is also on the screen (the projector; the console's lists scroll inside their panel).
    /// </summary>
    public static async Task AssertFitsAsync(this IPage page, string what, bool everyElement = true)
    {
        var problems = await page.EvaluateAsync<string[]>(OverflowScript, everyElement);
        Assert.True(problems.Length == 0, $"{what} at {page.ViewportSize!.Width}×{page.ViewportSize.Height}: {string.Join("; ", problems)}");
    }
}
