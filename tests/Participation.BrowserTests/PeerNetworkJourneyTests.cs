using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;
using Participation.Web.Peers;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;
using Xunit.Abstractions;

namespace Participation.BrowserTests;

/// <summary>A 15–17 member writes in distress in their circle: what the author, a moderator and the rest of the circle see.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PeerNetworkJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Distress = "Je n'en peux plus, je veux mourir, personne ne m'écoute au foyer";
    private const string Ordinary = "Vous faites comment pour réviser le brevet blanc quand il y a du bruit au foyer le soir ?";

    [Fact]
    public async Task A_distress_message_reaches_the_moderators_live_the_author_sees_whom_to_call_and_the_circle_never_sees_it()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;
        var year = DateTime.Now.Year;
        var teens = await browser.Site.WithDbAsync(db => db.MembersInRole(Roles.Young)
            .Where(u => u.ActivatedAt != null && u.BirthYear != null && u.Pseudonym != "Faucon")
            .Select(u => new { u.Pseudonym, u.BirthYear }).ToListAsync());
        var other = teens.First(t => AgeBands.ForBirthYear(t.BirthYear!.Value, year) == AgeBand.From15To17).Pseudonym;
        output.WriteLine($"The other member of the 15–17 circle: {other}");

        var moderator = await browser.SignedInPageAsync($"moderation@{DemoSeeder.Domain}", width: 1280);
        await moderator.GotoAsync(site + "/pilotage/entraide");
        await Assertions.Expect(moderator.Locator("#file-etat")).ToContainTextAsync("En direct", new() { Timeout = 15_000 });
        await moderator.EvaluateAsync("() => window.sameQueuePage = true");

        var member = await browser.SignedInPageAsync(other);
        await member.GotoAsync(site + "/entraide/cercles/15-17");
        await Assertions.Expect(member.Locator("#fils-etat")).ToContainTextAsync("En direct", new() { Timeout = 15_000 });
        await member.EvaluateAsync("() => window.sameCirclePage = true");

        var author = await browser.SignedInPageAsync("Faucon");
        await author.GotoAsync(site + "/entraide/cercles/15-17");
        var accept = author.GetByRole(AriaRole.Button, new() { Name = "J'ai lu les règles et je les accepte" });
        if (await accept.IsVisibleAsync())
        {
            await accept.ClickAsync();
        }
        await author.GetByLabel("Titre").FillAsync("Ce soir");
        await author.GetByLabel("Message").FillAsync(Distress);
        await author.Locator("#nouveau-fil").GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();

        // The author is told kindly that an adult reads it now, and whom to call, in one tap.
        var sent = author.Locator("#envoye");
        await Assertions.Expect(sent).ToBeVisibleAsync();
        foreach (var number in new[] { "tel:119", "tel:3114" })
        {
            await Assertions.Expect(sent.Locator($"a[href='{number}']")).ToBeVisibleAsync();
        }
        await audit.AuditAsync(author, "Jeune 15-17", "entraide-message-urgent");

        // The moderators' queue, open before, shows it without a reload, marked urgent.
        var arrived = moderator.Locator("#urgents li.case-new", new() { HasText = "personne ne m'écoute" });
        await Assertions.Expect(arrived).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(arrived).ToContainTextAsync("situation urgente");
        await Assertions.Expect(arrived.Locator(".tag-urgent")).ToBeVisibleAsync();
        await Assertions.Expect(moderator.Locator("#file")).Not.ToContainTextAsync("personne ne m'écoute");
        Assert.True(await moderator.EvaluateAsync<bool>("() => window.sameQueuePage === true"));
        await audit.AuditAsync(moderator, "Modérateur·rice", "entraide-file-en-direct");

        var post = await browser.Site.WithDbAsync(db => db.PeerPosts.SingleAsync(p => p.Text == Distress));
        Assert.Equal(PostStatus.Pending, post.Status);
        Assert.True(post.HeldForSafety);
        Assert.True(await browser.Site.WithDbAsync(db => db.SafetyCases.AnyAsync(c => c.Channel == SafetyChannel.PeerPost && c.SourceId == post.Id.ToString())));

        // An ordinary message from the same author waits for a reading too (a minor), then goes live to the circle once published.
        await author.GotoAsync(site + "/entraide/cercles/15-17");
        await author.GetByLabel("Titre").FillAsync("Réviser le brevet blanc");
        await author.GetByLabel("Message").FillAsync(Ordinary);
        await author.Locator("#nouveau-fil").GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await Assertions.Expect(author.Locator("#envoye")).ToContainTextAsync("relit");
        var waiting = moderator.Locator("#file li.case-new", new() { HasText = "brevet blanc" });
        await Assertions.Expect(waiting).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(member.Locator("#fils")).Not.ToContainTextAsync("brevet blanc");

        var queuePage = moderator.Url;
        await waiting.GetByRole(AriaRole.Link).ClickAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();
        var published = member.Locator("#fils li.thread-new", new() { HasText = "Réviser le brevet blanc" });
        await Assertions.Expect(published).ToBeVisibleAsync(new() { Timeout = 5_000 });
        Assert.True(await member.EvaluateAsync<bool>("() => window.sameCirclePage === true"));
        await audit.AuditAsync(member, "Jeune 15-17", "entraide-cercle-en-direct");

        // The other member never saw the distress message: not live, not on a reload, not by its address.
        Assert.DoesNotContain("personne ne m'écoute", await member.Locator("body").InnerTextAsync());
        await member.ReloadAsync();
        Assert.DoesNotContain("personne ne m'écoute", await member.Locator("body").InnerTextAsync());
        var direct = await member.GotoAsync($"{site}/entraide/cercles/15-17/fils/{post.Id}");
        Assert.Equal(404, direct!.Status);
        Assert.DoesNotContain("personne ne m'écoute", await member.Locator("body").InnerTextAsync());

        // On a reload the urgent one is still first, and stays out of the publishing form: it is handled from its case.
        await moderator.GotoAsync(queuePage);
        await moderator.Locator("#urgents li", new() { HasText = "personne ne m'écoute" }).GetByRole(AriaRole.Link).ClickAsync();
        Assert.Equal(0, await moderator.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).CountAsync());

        await author.Context.CloseAsync();
        await member.Context.CloseAsync();
        await moderator.Context.CloseAsync();
        await audit.AssertCleanAsync();
    }
}
