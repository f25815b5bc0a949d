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

    [Fact]
    public async Task A_parent_writing_in_arabic_on_the_french_site_types_and_reads_it_right_to_left()
    {
        const string Title = "زيارات نهاية الأسبوع";
        const string Text = "كيف تحضّرون الأطفال قبل الزيارة؟ ابني يتوتر كثيرا في الليلة السابقة.";
        var site = browser.Site.BaseUrl;
        var parent = await browser.SignedInPageAsync($"parent2@{DemoSeeder.Domain}", width: 1280);
        await parent.GotoAsync(site + "/entraide/cercles/parents");
        var accept = parent.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("accepte") });
        if (await accept.IsVisibleAsync())
        {
            await accept.ClickAsync();
        }
        await parent.GetByLabel("Titre").FillAsync(Title);
        await parent.GetByLabel("Message").FillAsync(Text);
        // The box turns right to left as the words come, on a page that is left to right.
        Assert.Equal("rtl", await parent.GetByLabel("Message").EvaluateAsync<string>("box => getComputedStyle(box).direction"));
        Assert.Equal("rtl", await parent.GetByLabel("Titre").EvaluateAsync<string>("box => getComputedStyle(box).direction"));
        Assert.Equal("ltr", await parent.EvaluateAsync<string>("() => getComputedStyle(document.body).direction"));
        await parent.Locator("#nouveau-fil").GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await Assertions.Expect(parent.GetByRole(AriaRole.Heading, new() { Name = Title })).ToBeVisibleAsync();

        // Once published, the message reads from the right edge of its column, as Arabic does.
        var post = await browser.Site.WithDbAsync(db => db.PeerPosts.SingleAsync(p => p.Text == Text));
        if (post.Status != PostStatus.Published)
        {
            var moderator = await browser.SignedInPageAsync($"moderation@{DemoSeeder.Domain}", width: 1280);
            await moderator.GotoAsync($"{site}/pilotage/entraide");
            await moderator.Locator("#file li", new() { HasText = Title }).GetByRole(AriaRole.Link).ClickAsync();
            await moderator.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();
            await moderator.Context.CloseAsync();
        }
        await parent.GotoAsync($"{site}/entraide/cercles/parents/fils/{post.Id}");
        var paragraph = parent.Locator(".post-text p", new() { HasText = "ابني" }).First;
        await Assertions.Expect(paragraph).ToBeVisibleAsync();
        var edges = await paragraph.EvaluateAsync<double[]>("""
            p => {
              const range = document.createRange();
              range.selectNodeContents(p);
              const text = range.getBoundingClientRect(), box = p.getBoundingClientRect();
              return [text.left - box.left, box.right - text.right];
            }
            """);
        output.WriteLine($"space left of the text: {edges[0]:0} px, right of it: {edges[1]:0} px");
        Assert.True(edges[1] < 4, $"The Arabic message should touch the right edge, {edges[1]:0} px away");
        Assert.True(edges[0] > 100, $"The Arabic message should leave the space on its left, {edges[0]:0} px");
        Assert.Equal("rtl", await parent.GetByRole(AriaRole.Heading, new() { Name = Title }).EvaluateAsync<string>("h => getComputedStyle(h).direction"));
        await parent.ScreenshotAsync(new() { Path = Path.Combine(PageAudit.ScreenshotFolder, "entraide-parent-arabe.png"), FullPage = true });
        await parent.Context.CloseAsync();
    }
}
