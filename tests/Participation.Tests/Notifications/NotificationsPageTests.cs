using Participation.Tests.Infrastructure;
using Participation.Web.Proposals;

namespace Participation.Tests.Notifications;

[Collection(SharedAppCollection.Name)]
public sealed class NotificationsPageTests(ParticipationApp app)
{
    [Fact]
    public async Task The_newest_notification_comes_first_whatever_order_they_were_written_in()
    {
        var member = (await app.ActorAsync("Baobab")).MemberId!;
        var now = DateTimeOffset.UtcNow;
        await app.WithDbAsync(async db =>
        {
            // Written in this order, as the demo writes a proposal's whole trail at once: the newer first.
            db.Notifications.Add(new Web.Notifications.Notification { MemberId = member, Text = "Plus récente (test d'ordre)", CreatedAt = now.AddMinutes(1) });
            db.Notifications.Add(new Web.Notifications.Notification { MemberId = member, Text = "Plus ancienne (test d'ordre)", CreatedAt = now.AddDays(-30) });
            await db.SaveChangesAsync();
            return 0;
        });
        var list = await (await app.SignedInClientAsync("Baobab")).GetDocumentAsync("/notifications");
        var texts = list.QuerySelectorAll(".notification").Select(n => n.TextContent).ToList();
        Assert.Contains("Plus récente", texts[0]);
        Assert.True(texts.FindIndex(t => t.Contains("Plus ancienne")) > 0);
    }

    [Fact]
    public async Task Notifications_are_counted_in_the_header_and_open_the_proposal()
    {
        var id = await app.ProposeAsync("Loutre", "Des plantes dans la salle commune");
        await app.AdvanceAsync(id, ProposalStatus.Published);
        var client = await app.SignedInClientAsync("Loutre");
        var home = await client.GetDocumentAsync("/espace");
        var unread = int.Parse(home.QuerySelector(".notifications-link .badge")!.FirstChild!.TextContent);
        Assert.True(unread >= 1);

        var list = await client.GetDocumentAsync("/notifications");
        var link = list.QuerySelectorAll(".notification.unread a").First(a => a.TextContent.Contains("Des plantes dans la salle commune"));
        // Worded for a young person, with how far the idea went on a small line of steps.
        Assert.StartsWith("Ton idée a avancé", link.TextContent);
        Assert.Equal("Étape 2 sur 6", link.ParentElement!.QuerySelector(".step-line .step-words")!.TextContent);
        var opened = await client.GetAsync(link.GetAttribute("href"));
        Assert.Equal($"/propositions/{id}#parcours", opened.Headers.Location!.OriginalString);
        var after = await client.GetDocumentAsync("/espace");
        var badge = after.QuerySelector(".notifications-link .badge");
        Assert.Equal(unread - 1, badge is null ? 0 : int.Parse(badge.FirstChild!.TextContent));
    }
}
