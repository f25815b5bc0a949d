using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;
using Xunit.Abstractions;

namespace Participation.BrowserTests;

/// <summary>A young person writes in a live session that they are in danger: what each person in and around the room sees.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SafeguardingJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Risky = "Je veux mourir, mon éducateur me frappe quand les autres dorment";

    [Fact]
    public async Task A_risky_idea_reaches_the_moderators_queue_within_a_second_never_the_projector_and_the_young_person_sees_whom_to_call()
    {
        var audit = new PageAudit();
        var session = await browser.Site.StartAsync("Plénière des 18-25 ans", AgeBandSet.From18To25);
        var console = await browser.ConsoleAsync(session);
        var projector = await console.ProjectorAsync(session);
        // No pre-moderation: ordinary ideas go straight to the wall, so only the screening holds this one back.
        await console.GetByLabel("Relire les idées avant le tableau").UncheckAsync();
        await Assertions.Expect(console.GetByLabel("Relire les idées avant le tableau")).Not.ToBeCheckedAsync();

        var moderator = await browser.SignedInPageAsync($"moderation@{DemoSeeder.Domain}", width: 1280);
        await moderator.GotoAsync($"{browser.Site.BaseUrl}/pilotage/vigilance/urgences");
        await Assertions.Expect(moderator.Locator("#urgences-etat")).ToContainTextAsync("En direct");
        // Marks this very page: if the case shows, it came live, not from a reload.
        await moderator.EvaluateAsync("() => window.sameQueuePage = true");

        var phone = await browser.SignedInPageAsync("Baobab");
        await phone.GotoAsync(session.Url(browser.Site.BaseUrl) + "/participer");
        await Assertions.Expect(phone.Locator("#etat")).ToContainTextAsync("En direct", new() { Timeout = 15_000 });
        await Assertions.Expect(phone.Locator("#idee-secours a[href='tel:119']")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#idee-secours a[href='tel:3114']")).ToBeVisibleAsync();

        await phone.Locator("#idee").FillAsync(Risky);
        var watch = Stopwatch.StartNew();
        await phone.Locator("#envoyer-idee").ClickAsync();

        // The young person is told, at once and kindly, that an adult will read it, and whom to call now.
        await Assertions.Expect(phone.Locator("#aide-message")).ToContainTextAsync("Un adulte de l'équipe va lire ton message très vite", new() { Timeout = 10_000 });
        var acknowledged = watch.Elapsed;
        // The case is already open when the phone hears back: the moderators' queue shows it within a second of that.
        var arrived = moderator.Locator("#urgences li.case-new", new() { HasText = "mon éducateur me frappe" });
        await Assertions.Expect(arrived).ToBeVisibleAsync(new() { Timeout = 1_000 });
        var shown = watch.Elapsed;
        output.WriteLine($"Tap to the phone's answer: {acknowledged.TotalMilliseconds:0} ms; tap to the moderator's queue: {shown.TotalMilliseconds:0} ms");

        var help = phone.Locator("#aide-maintenant");
        await Assertions.Expect(help).ToBeVisibleAsync();
        foreach (var number in new[] { "tel:119", "tel:3114", "tel:0800235236", "tel:3018", "sms:114", "tel:112" })
        {
            await Assertions.Expect(help.Locator($"a[href='{number}']")).ToBeVisibleAsync();
        }
        Assert.DoesNotContain("bloqué", await phone.Locator("body").InnerTextAsync());
        await help.ScrollIntoViewIfNeededAsync();
        await audit.AuditAsync(phone, "Jeune 18-25", "idee-mise-de-cote");

        Assert.True(await moderator.EvaluateAsync<bool>("() => window.sameQueuePage === true"));
        await Assertions.Expect(arrived).ToContainTextAsync("Baobab");
        await Assertions.Expect(arrived).ToContainTextAsync("pas encore ouvert");
        await audit.AuditAsync(moderator, "Modérateur·rice", "urgences-en-direct");

        // The adult in the room knows at once, with the pseudonym, and cannot publish it.
        await Assertions.Expect(console.Locator("#securite")).ToBeVisibleAsync();
        await Assertions.Expect(console.Locator("#securite-liste")).ToContainTextAsync("Baobab");
        // Told once, whether by the alert, the console's next state or a reload.
        await console.WaitForTimeoutAsync(1000);
        await Assertions.Expect(console.Locator("#securite-liste li")).ToHaveCountAsync(1);
        await console.ReloadAsync();
        await console.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        await console.WaitForTimeoutAsync(500);
        await Assertions.Expect(console.Locator("#securite-liste li")).ToHaveCountAsync(1);
        Assert.DoesNotContain("mon éducateur me frappe", await console.Locator("#file").InnerTextAsync());

        // An ordinary idea sent after it, by someone else in the room, reaches the wall; the risky one never does.
        // The guest has told nobody their age: even without pre-moderation their idea waits for a tap on « Publier ».
        await using (var guest = new RoomGuest(browser.Site.BaseUrl))
        {
            Assert.True((await guest.JoinAsync(session.Code, "Héron")).Joined);
            var hub = await guest.ConnectAsync();
            Assert.True((await hub.InvokeAsync<Ack>(nameof(CouncilHub.Join), session.Id)).Ok);
            var ack = await hub.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Un goûter préparé ensemble le mercredi, avec des fruits", null);
            Assert.True(ack.Ok, ack.Message);
            var waiting = console.Locator("#file li[data-idea]", new() { HasText = "Un goûter préparé ensemble" });
            await waiting.GetByRole(AriaRole.Button, new() { NameRegex = new("^Publier") }).ClickAsync();
            await Assertions.Expect(projector.Locator("#idees")).ToContainTextAsync("Un goûter préparé ensemble", new() { Timeout = 10_000 });
        }
        Assert.DoesNotContain("frappe", await projector.Locator("body").InnerTextAsync());
        Assert.DoesNotContain("mourir", await projector.Locator("body").InnerTextAsync());

        // Every page the moderator opens counts the case not yet opened; opening it is the first look.
        await moderator.ReloadAsync();
        await Assertions.Expect(moderator.Locator(".whoami a[href='/pilotage/vigilance/urgences']")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
        await moderator.Locator("#urgences li", new() { HasText = "mon éducateur me frappe" }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(moderator.Locator("h1")).ToContainTextAsync("Cas n");
        await Assertions.Expect(moderator.Locator("main")).ToContainTextAsync(Risky);
        await audit.AuditAsync(moderator, "Modérateur·rice", "cas-ouvert");
        var idea = await browser.Site.WithDbAsync(db => db.Ideas.Where(i => i.SessionId == session.Id && i.Text == Risky).SingleAsync());
        Assert.Equal(IdeaStatus.HeldForSafety, idea.Status);
        var safetyCase = await browser.Site.WithDbAsync(db => db.SafetyCases.SingleAsync(c => c.Channel == SafetyChannel.CouncilIdea && c.SourceId == idea.Id.ToString()));
        Assert.NotNull(safetyCase.FirstSeenAt);

        await phone.Context.CloseAsync();
        await moderator.Context.CloseAsync();
        await console.Context.CloseAsync();
        await audit.AssertCleanAsync();
    }
}
