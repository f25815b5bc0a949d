using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Infrastructure;
using Participation.Web.Peers;
using Participation.Web.Privacy;
using Participation.Web.Shared;
using Participation.Web.Testimonies;

namespace Participation.Tests.Privacy;

public sealed class DataExportTests(ParticipationApp app) : IClassFixture<ParticipationApp>
{
    private const string Page = "/compte/mes-donnees";
    private const string Download = "/compte/mes-donnees?handler=Json";

    /// <summary>Every list of the file, as the page marks it: the two must count the same things.</summary>
    private static readonly string[] Lists =
    [
        "proposals", "supports",
        "council.registrations", "council.participations", "council.ideas", "council.sessionsFacilitated",
        "testimonies",
        "peerNetwork.posts", "peerNetwork.reactions", "peerNetwork.reports", "peerNetwork.muted",
        "charter.votes", "charter.comments", "charter.viewsGiven", "charter.signatures",
        "notifications", "erasureRequests",
    ];

    [Fact]
    public async Task A_young_member_reads_their_own_proposals_posts_and_testimonies_and_nothing_of_anyone_else()
    {
        var mine = await GiveLoutreAndFauconSomethingAsync();
        var client = await app.SignedInClientAsync("Loutre");

        var page = await client.GetDocumentAsync(Page);
        var text = page.Text();
        Assert.Contains(mine.LoutreProposal, text);
        Assert.Contains(mine.LoutrePost, text);
        Assert.Contains(mine.LoutreTestimony, text);
        Assert.Contains(mine.LoutreIdea, text);
        Assert.Contains("Faucon", page.QuerySelector("[data-export='peerNetwork.muted']")!.TextContent);
        Assert.DoesNotContain(mine.FauconProposal, text);
        Assert.DoesNotContain(mine.FauconPost, text);

        var json = await (await client.GetAsync(Download)).Content.ReadAsStringAsync();
        Assert.Contains(mine.LoutreProposal, json);
        Assert.Contains(mine.LoutrePost, json);
        Assert.Contains(mine.LoutreTestimony, json);
        Assert.DoesNotContain(mine.FauconProposal, json);
        Assert.DoesNotContain(mine.FauconPost, json);

        // No real name shows, not even their own, nor where they live: a phone in a home is shared,
        // or taken by a parent from whom the placement is kept. The page says who to ask.
        var names = await app.WithDbAsync(db => db.MembersInRole(Roles.Young).Where(u => u.RealName != null)
            .Select(u => new { u.Pseudonym, u.RealName, Place = u.Establishment!.Name }).ToListAsync());
        var own = names.Single(n => n.Pseudonym == "Loutre");
        Assert.NotNull(own.Place);
        Assert.DoesNotContain(own.Place, text);
        Assert.DoesNotContain(own.Place, json);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(json).RootElement.GetProperty("account").GetProperty("realName").ValueKind);
        Assert.True(JsonDocument.Parse(json).RootElement.GetProperty("account").GetProperty("nameAndPlaceWithheld").GetBoolean());
        Assert.Contains("ne sont pas montrés ici", text);
        foreach (var other in names)
        {
            Assert.DoesNotContain(other.RealName!, text);
            Assert.DoesNotContain(other.RealName!, json);
        }

        var faucon = await app.SignedInClientAsync("Faucon");
        var theirs = (await faucon.GetDocumentAsync(Page)).Text();
        Assert.Contains(mine.FauconProposal, theirs);
        Assert.DoesNotContain(mine.LoutreProposal, theirs);
        Assert.DoesNotContain(mine.LoutrePost, theirs);
    }

    [Fact]
    public async Task The_download_is_a_dated_json_attachment_counting_what_the_page_lists()
    {
        await GiveLoutreAndFauconSomethingAsync();
        var client = await app.SignedInClientAsync("Loutre");

        var response = await client.GetAsync(Download);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(@"^mes-donnees-participation-\d{4}-\d{2}-\d{2}\.json$", disposition.FileName!.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\n  \"account\": {", body);
        Assert.Contains("é", body);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Loutre", root.GetProperty("account").GetProperty("pseudonym").GetString());
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("exportedAt").GetString(), out _));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T", root.GetProperty("account").GetProperty("createdAt").GetString());

        var page = await client.GetDocumentAsync(Page);
        foreach (var marked in page.QuerySelectorAll("[data-export]"))
        {
            Assert.Contains(marked.GetAttribute("data-export")!, Lists.Append("peerNetwork.profile"));
        }
        foreach (var path in Lists)
        {
            var listed = page.QuerySelector($"ul[data-export='{path}']")?.Children.Length ?? 0;
            Assert.True(Count(root, path) == listed, $"{path}: {Count(root, path)} in the file, {listed} on the page");
        }
        Assert.All(new[] { "proposals", "council.registrations", "council.participations", "council.ideas", "testimonies", "peerNetwork.posts", "peerNetwork.muted" },
            path => Assert.True(Count(root, path) >= 1, path));
        // Each section says its counts in words, and its lists wait closed under them.
        var counts = page.QuerySelector("#propositions ~ .data-count")!.TextContent;
        Assert.Contains(Plural.Count(Count(root, "proposals"), "proposition écrite", "propositions écrites", "aucune proposition écrite"), counts, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Plural.Count(Count(root, "supports"), "proposition soutenue", "propositions soutenues", "aucune proposition soutenue"), counts, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("élément", page.Body!.TextContent);
        Assert.Contains("Voici tout ce que le site Participation garde sur toi", page.Text());
        foreach (var list in page.QuerySelectorAll("ul[data-export]").Where(l => l.GetAttribute("data-export") != "erasureRequests"))
        {
            var details = list.ParentElement!;
            Assert.Equal("DETAILS", details.TagName);
            Assert.False(details.HasAttribute("open"), list.GetAttribute("data-export"));
            Assert.StartsWith("Voir la liste", details.QuerySelector("summary")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task The_download_holds_no_secret()
    {
        await GiveLoutreAndFauconSomethingAsync();
        var client = await app.SignedInClientAsync("Loutre");
        var json = await (await client.GetAsync(Download)).Content.ReadAsStringAsync();
        var page = await (await client.GetAsync(Page)).Content.ReadAsStringAsync();

        var secrets = await app.WithDbAsync(async db =>
        {
            var member = await db.Users.SingleAsync(u => u.UserName == "Loutre");
            var codes = await db.Testimonies.Where(t => t.MemberId == member.Id).Select(t => t.WithdrawalCodeHash).ToListAsync();
            return new[] { member.PasswordHash!, member.SecurityStamp!, member.ConcurrencyStamp!, member.Id }.Concat(codes).ToList();
        });
        Assert.True(secrets.Count >= 5);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, json);
            Assert.DoesNotContain(secret, page);
        }
        foreach (var name in new[] { "password", "securityStamp", "concurrencyStamp", "activationCode", "withdrawalCode", "twoFactor", "lockout", "guardian", "\"id\": \"" })
        {
            Assert.DoesNotContain(name, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Questionnaires_and_safety_reviews_are_said_to_be_kept_apart()
    {
        var client = await app.SignedInClientAsync($"parent@{DemoSeeder.Domain}");
        var page = await client.GetDocumentAsync(Page);
        var apart = page.QuerySelector("#pas-ici")!.ParentElement!.TextContent;
        Assert.Contains("anonymes", apart);
        Assert.Contains("délégué à la protection des données", apart);
        var root = JsonDocument.Parse(await (await client.GetAsync(Download)).Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("anonymes", root.GetProperty("keptApart").GetProperty("questionnaires").GetString());
        Assert.Equal($"parent@{DemoSeeder.Domain}", root.GetProperty("account").GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_parent_is_spoken_to_as_vous_and_sees_no_section_meant_for_young_members()
    {
        var client = await app.SignedInClientAsync($"parent@{DemoSeeder.Domain}");
        var page = await client.GetDocumentAsync(Page);
        var text = page.Text();
        Assert.Contains("Voici tout ce que le site Participation garde sur vous", text);
        Assert.Contains("Votre compte", text);
        foreach (var tu in new[] { "Tes propositions", "Ton compte", "sur toi", "Tu n'as pas", "Tu peux", "tes informations", "Ton avis sur la charte" })
        {
            Assert.DoesNotContain(tu, text);
        }
        Assert.Null(page.QuerySelector("#conseil"));
        Assert.DoesNotContain("Lieu de vie", page.QuerySelector("#compte")!.ParentElement!.TextContent);
        Assert.Contains("(la personne chargée de protéger vos informations)", text);

        var json = await (await client.GetAsync(Download)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(" toi", json);
        Assert.Contains("vos informations", json);

        var account = (await client.GetDocumentAsync("/compte")).Text();
        Assert.Contains("Vous pouvez voir tout ce que le site garde sur vous", account);
        Assert.DoesNotContain("Tu peux", account);
    }

    [Fact]
    public async Task A_young_member_is_spoken_to_as_tu_and_sees_the_sections_of_their_age()
    {
        var client = await app.SignedInClientAsync("Colibri");
        var account = (await client.GetDocumentAsync("/compte")).Text();
        Assert.Contains("Tu peux voir tout ce que le site garde sur toi", account);
        var page = await client.GetDocumentAsync(Page);
        Assert.Contains("(la personne chargée de protéger tes informations)", page.Text());
        Assert.NotNull(page.QuerySelector("#conseil"));
        // At 9, the network of mutual aid is not open: nothing there leads to a message she cannot open.
        Assert.Empty(page.QuerySelectorAll("a[href^='/entraide/messages/']"));
    }

    [Fact]
    public async Task A_withdrawn_erasure_request_is_told_to_its_own_author()
    {
        await app.WithDbAsync(async db =>
        {
            var colibri = await db.Users.SingleAsync(u => u.UserName == "Colibri");
            var now = DateTimeOffset.UtcNow;
            db.Erasures.Add(new Erasure
            {
                MemberId = colibri.Id, Pseudonym = "Colibri", AccountKind = "Jeune", Source = ErasureSource.Request, Status = ErasureStatus.Withdrawn,
                RequestedAt = now.AddDays(-2), RequestedById = colibri.Id, DecidedAt = now.AddDays(-1), Outcome = "La personne a retiré sa demande.",
            });
            return await db.SaveChangesAsync();
        });
        var client = await app.SignedInClientAsync("Colibri");
        var list = (await client.GetDocumentAsync(Page)).QuerySelector("[data-export='erasureRequests']")!.TextContent;
        Assert.Contains("Tu as annulé ta demande.", list);
        Assert.DoesNotContain("La personne", list);
    }

    [Fact]
    public async Task A_reaction_to_a_message_the_person_can_no_longer_open_has_no_link()
    {
        var (hidden, shown) = await app.WithDbAsync(async db =>
        {
            var baobab = await db.Users.SingleAsync(u => u.UserName == "Baobab");
            var author = await db.Users.SingleAsync(u => u.UserName == "Loutre");
            var circle = await db.PeerCircles.FirstAsync(c => c.General && c.Audience == Audience.From18To25);
            var now = DateTimeOffset.UtcNow;
            var hidden = new PeerPost { CircleId = circle.Id, Text = "Un message retiré depuis par l'équipe.", AuthorId = author.Id, Status = PostStatus.Hidden, CreatedAt = now, PublishedAt = now, LastActivityAt = now };
            var shown = new PeerPost { CircleId = circle.Id, Text = "Un message toujours là.", AuthorId = author.Id, Status = PostStatus.Published, CreatedAt = now, PublishedAt = now, LastActivityAt = now };
            db.PeerPosts.AddRange(hidden, shown);
            await db.SaveChangesAsync();
            db.PeerReactions.AddRange(
                new PeerReaction { PostId = hidden.Id, MemberId = baobab.Id, Kind = ReactionKind.Thanks },
                new PeerReaction { PostId = shown.Id, MemberId = baobab.Id, Kind = ReactionKind.Thanks });
            await db.SaveChangesAsync();
            return (hidden.Id, shown.Id);
        });
        var client = await app.SignedInClientAsync("Baobab");
        var reactions = (await client.GetDocumentAsync(Page)).QuerySelector("[data-export='peerNetwork.reactions']")!;
        Assert.Empty(reactions.QuerySelectorAll($"a[href='/entraide/messages/{hidden}']"));
        Assert.Single(reactions.QuerySelectorAll($"a[href='/entraide/messages/{shown}']"));
        Assert.Contains("que tu ne peux pas ouvrir", reactions.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/entraide/messages/{hidden}")).StatusCode);
    }

    [Theory]
    [InlineData(Page)]
    [InlineData(Download)]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string url)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/connexion", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("Colibri")]
    [InlineData("animation@demo.bellerive.example")]
    [InlineData("pilotage@demo.bellerive.example")]
    public async Task Every_account_page_leads_to_its_data(string login)
    {
        var client = await app.SignedInClientAsync(login);
        var account = await client.GetDocumentAsync("/compte");
        var link = account.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Voir mes données");
        Assert.Equal(Page, link.GetAttribute("href"));
        var page = await client.GetDocumentAsync(Page);
        Assert.Equal("Mes données", page.QuerySelector("h1")!.TextContent);
        var pseudonym = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == login).Select(u => u.Pseudonym).SingleAsync());
        Assert.Contains(pseudonym, page.QuerySelector("#compte")!.ParentElement!.TextContent);
    }

    private static int Count(JsonElement root, string path)
    {
        var element = root;
        foreach (var part in path.Split('.'))
        {
            element = element.GetProperty(part);
        }
        return element.GetArrayLength();
    }

    private sealed record Given(string LoutreProposal, string LoutrePost, string LoutreTestimony, string LoutreIdea, string FauconProposal, string FauconPost);

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static Given? _given;

    /// <summary>Loutre and Faucon, both 11–17, each write a proposal and a message; Loutre also speaks in a session, gives a testimony and mutes Faucon.</summary>
    private async Task<Given> GiveLoutreAndFauconSomethingAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_given is { } given && await app.WithDbAsync(db => db.PeerPosts.AnyAsync(p => p.Text == given.LoutrePost)))
            {
                return given;
            }
            var made = new Given(
                "Un frigo en libre accès le soir au foyer",
                "Quelqu'un sait comment on demande une carte de bus gratuite ?",
                "Mon foyer idéal aurait une cuisine où on peut cuisiner ensemble.",
                "Choisir les menus de la cantine une fois par mois",
                "Des casiers qui ferment à clé dans chaque chambre",
                "Vous faites comment pour réviser quand il y a du bruit ?");
            await app.ProposeAsync("Loutre", made.LoutreProposal);
            await app.ProposeAsync("Faucon", made.FauconProposal);
            await app.WithDbAsync(async db =>
            {
                var loutre = await db.Users.SingleAsync(u => u.UserName == "Loutre");
                var faucon = await db.Users.SingleAsync(u => u.UserName == "Faucon");
                var circle = await db.PeerCircles.FirstAsync(c => c.General && c.Audience == Audience.From11To14);
                var now = DateTimeOffset.UtcNow;
                db.PeerPosts.AddRange(
                    new PeerPost { CircleId = circle.Id, Title = "Carte de bus", Text = made.LoutrePost, AuthorId = loutre.Id, Status = PostStatus.Published, CreatedAt = now, PublishedAt = now, LastActivityAt = now },
                    new PeerPost { CircleId = circle.Id, Title = "Réviser au calme", Text = made.FauconPost, AuthorId = faucon.Id, Status = PostStatus.Published, CreatedAt = now, PublishedAt = now, LastActivityAt = now });
                db.PeerMutes.Add(new PeerMute { MemberId = loutre.Id, MutedId = faucon.Id, CreatedAt = now });

                var session = await db.CouncilSessions.OrderBy(s => s.Id).FirstAsync();
                db.Registrations.Add(new Registration { SessionId = session.Id, MemberId = loutre.Id, CreatedAt = now });
                var participant = new Participant { SessionId = session.Id, MemberId = loutre.Id, Pseudonym = loutre.Pseudonym, AgeBand = AgeBand.From11To14, JoinedAt = now };
                db.Participants.Add(participant);
                await db.SaveChangesAsync();
                db.Ideas.Add(new Idea { SessionId = session.Id, ParticipantId = participant.Id, Text = made.LoutreIdea, Status = IdeaStatus.Approved, CreatedAt = now });

                var admin = await db.Users.SingleAsync(u => u.UserName == $"pilotage@{DemoSeeder.Domain}");
                var campaign = new Campaign
                {
                    Slug = "foyer-ideal-export", Title = "Ton foyer idéal", Question = "Ton foyer idéal, c'est quoi ?",
                    OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(10), AgeBands = AgeBandSet.From11To14, CreatedById = admin.Id, CreatedAt = now,
                };
                db.Campaigns.Add(campaign);
                await db.SaveChangesAsync();
                db.Testimonies.Add(new Testimony
                {
                    CampaignId = campaign.Id, ClientId = Guid.NewGuid(), WithdrawalCodeHash = new string('a', 60) + "b7c9",
                    Speaker = Speaker.Young, AgeBand = AgeBand.From11To14, MemberId = loutre.Id, CollectedById = loutre.Id,
                    Text = made.LoutreTestimony, ConsentVersion = "1", TextPublic = true, Status = TestimonyStatus.Published,
                    ReceivedAt = now, PublishedAt = now,
                });
                return await db.SaveChangesAsync();
            });
            _given = made;
            return made;
        }
        finally
        {
            Once.Release();
        }
    }
}
