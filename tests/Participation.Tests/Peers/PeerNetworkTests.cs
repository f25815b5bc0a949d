using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Demo;
using Participation.Web.Peers;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Tests.Peers;

public sealed class PeerSite() : ParticipationApp(new Dictionary<string, string?>());

[CollectionDefinition(Name)]
public sealed class PeerSiteCollection : ICollectionFixture<PeerSite>
{
    public const string Name = "Site with the peer network";
}

/// <summary>The circles through the real host: who enters which, what waits for a moderator, and what every decision leaves behind.</summary>
[Collection(PeerSiteCollection.Name)]
public sealed class PeerNetworkTests(PeerSite site)
{
    private static readonly string Parent = $"parent@{DemoSeeder.Domain}";
    private static readonly string Professional = $"pro@{DemoSeeder.Domain}";
    private static readonly string Facilitator = $"animation@{DemoSeeder.Domain}";
    private static readonly string Moderator = $"moderation@{DemoSeeder.Domain}";
    private static readonly string Admin = $"pilotage@{DemoSeeder.Domain}";

    public static TheoryData<string, string, HttpStatusCode> Access => new()
    {
        // The child of 7–10 enters none; each young person only their band's; parents only theirs.
        { "Colibri", "11-14", HttpStatusCode.Forbidden },
        { "Colibri", "parents", HttpStatusCode.Forbidden },
        { "Loutre", "11-14", HttpStatusCode.OK },
        { "Loutre", "15-17", HttpStatusCode.Forbidden },
        { "Loutre", "18-25", HttpStatusCode.Forbidden },
        { "Loutre", "parents", HttpStatusCode.Forbidden },
        { "Faucon", "15-17", HttpStatusCode.OK },
        { "Faucon", "11-14", HttpStatusCode.Forbidden },
        { "Faucon", "18-25", HttpStatusCode.Forbidden },
        { "Baobab", "18-25", HttpStatusCode.OK },
        { "Baobab", "15-17", HttpStatusCode.Forbidden },
        { "Baobab", "parents", HttpStatusCode.Forbidden },
        { Parent, "parents", HttpStatusCode.OK },
        { Parent, "11-14", HttpStatusCode.Forbidden },
        { Parent, "18-25", HttpStatusCode.Forbidden },
        // Adults who are not peers: no circle at all, facilitators included.
        { Professional, "15-17", HttpStatusCode.Forbidden },
        { Professional, "parents", HttpStatusCode.Forbidden },
        { Facilitator, "11-14", HttpStatusCode.Forbidden },
        // The team moderates every circle.
        { Moderator, "11-14", HttpStatusCode.OK },
        { Moderator, "parents", HttpStatusCode.OK },
        { Admin, "15-17", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task Each_circle_is_open_to_its_own_audience_and_the_team_only(string login, string circle, HttpStatusCode expected)
    {
        var client = await site.SignedInClientAsync(login);

        var response = await client.GetAsync($"/entraide/cercles/{circle}");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            var page = await response.ParseAsync();
            Assert.Matches("réservé aux|à partir de 11 ans", page.Text());
            Assert.Null(page.QuerySelector("#fils"));
        }
    }

    [Fact]
    public async Task The_network_is_explained_publicly_with_its_rules_and_help_numbers_but_each_circle_needs_an_account()
    {
        var anonymous = site.CreateClient(new() { AllowAutoRedirect = false });

        var page = await anonymous.GetDocumentAsync("/entraide");

        Assert.Contains("Les règles du réseau d'entraide", page.Text());
        Assert.Contains("Pas de vrais noms", page.Text());
        Assert.NotNull(page.QuerySelector("a[href='tel:119']"));
        Assert.True(page.QuerySelectorAll(".circle-card").Length >= 4);
        Assert.Empty(page.QuerySelectorAll(".circle-card a"));
        var circle = await anonymous.GetAsync("/entraide/cercles/15-17");
        Assert.Equal(HttpStatusCode.Redirect, circle.StatusCode);
        Assert.Contains("/compte/connexion", circle.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_child_of_seven_to_ten_is_pointed_to_the_council_and_a_trusted_adult()
    {
        var child = await site.SignedInClientAsync("Colibri");

        var page = await child.GetDocumentAsync("/entraide");

        Assert.Contains("Conseil des jeunes", page.QuerySelector(".notice")!.TextContent);
        Assert.Contains("adulte en qui tu as confiance", page.Text());
        Assert.Empty(page.QuerySelectorAll(".circle-card a"));
    }

    [Fact]
    public async Task The_rules_are_shown_and_accepted_before_a_first_message()
    {
        var member = await site.SignedInClientAsync(await NewYoungAsync(16));

        var before = await member.GetDocumentAsync("/entraide/cercles/15-17");
        Assert.NotNull(before.QuerySelector("#regles"));
        // The rules sit under « Lancer un fil »: their headings go on from there without skipping a level.
        var levels = before.QuerySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} then h{pair.Second}"));
        Assert.NotNull(before.QuerySelector("#regles h3"));
        Assert.Null(before.QuerySelector("textarea[name=Text]"));
        var refused = await member.SubmitHandlerAsync("/entraide/cercles/15-17", "Accept", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        var after = await member.GetDocumentAsync("/entraide/cercles/15-17");
        Assert.Null(after.QuerySelector("#regles"));
        Assert.NotNull(after.QuerySelector("textarea[name=Text]"));
    }

    [Fact]
    public async Task A_minors_message_waits_for_a_moderator_and_an_adults_is_published_at_once()
    {
        var minor = await MemberAsync(15);
        var adult = await MemberAsync(20);

        var waiting = await PostThreadAsync(minor.Client, "15-17", "Les sorties du week-end", "Vous avez le droit de sortir le samedi soir dans vos foyers ?");
        var published = await PostThreadAsync(adult.Client, "18-25", "Trouver un premier logement", "Comment vous avez fait pour le dépôt de garantie ?");

        Assert.Equal((PostStatus.Pending, HoldReason.ReadFirst), await StateAsync(waiting));
        Assert.Equal((PostStatus.Published, HoldReason.None), await StateAsync(published));
        var own = await minor.Client.GetDocumentAsync("/entraide/cercles/15-17");
        Assert.Contains("relit avant que le cercle le voie", own.Text());
        var other = await (await MemberAsync(16)).Client.GetDocumentAsync("/entraide/cercles/15-17");
        Assert.DoesNotContain("Les sorties du week-end", other.Text());
    }

    [Fact]
    public async Task A_distress_message_opens_an_urgent_case_its_author_sees_the_help_numbers_and_no_one_else_sees_it()
    {
        var author = await MemberAsync(16);

        var response = await author.Client.SubmitHandlerAsync("/entraide/cercles/15-17", "Thread", new Dictionary<string, string>
        {
            ["Title"] = "Ça ne va plus", ["Text"] = "Je n'en peux plus, j'ai envie de mourir, personne ne m'écoute au foyer.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await site.WithDbAsync(db => db.PeerPosts.Where(p => p.Title == "Ça ne va plus" && p.AuthorId == author.Id).Select(p => p.Id).SingleAsync());

        var post = await site.WithDbAsync(db => db.PeerPosts.SingleAsync(p => p.Id == id));
        Assert.True(post.HeldForSafety);
        Assert.Equal(HoldReason.Safety, post.Hold);
        var safetyCase = await site.WithDbAsync(db => db.SafetyCases.SingleAsync(c => c.Channel == SafetyChannel.PeerPost && c.SourceId == id.ToString()));
        Assert.Contains("Suicide", safetyCase.Categories);
        var seen = await author.Client.GetDocumentAsync(response.Headers.Location!.ToString());
        Assert.NotNull(seen.QuerySelector("#envoye a[href='tel:3114']"));
        Assert.NotNull(seen.QuerySelector("#envoye a[href='tel:119']"));
        var peer = await (await MemberAsync(16)).Client.GetDocumentAsync("/entraide/cercles/15-17");
        Assert.DoesNotContain("Ça ne va plus", peer.Text());
        // Moderators publish it only from its case: the message's page leads there and offers no « Publier ».
        var moderation = await (await site.SignedInClientAsync(Moderator)).GetDocumentAsync($"/pilotage/entraide/messages/{id}");
        Assert.NotNull(moderation.QuerySelector($"a[href='/pilotage/vigilance/cas/{safetyCase.Id}']"));
        Assert.Null(moderation.QuerySelector("form[action*=Approve], button[formaction*=Approve]"));
    }

    public static TheoryData<string, HoldReason> HeldDetails => new()
    {
        { "Si tu veux on en parle, mon numéro c'est le 06 12 34 56 78", HoldReason.PersonalDetails },
        { "écris moi à lea.martin@gmail.com", HoldReason.PersonalDetails },
        { "J'habite au 12 rue des Lilas, c'est à côté", HoldReason.PersonalDetails },
        { "Je suis au collège Jean-Moulin aussi !", HoldReason.PersonalDetails },
        { "ajoute moi sur snap, c'est plus simple", HoldReason.PersonalDetails },
        { "On se voit samedi devant la gare ?", HoldReason.MeetUp },
        { "rdv au parc à 18h, je serai là", HoldReason.MeetUp },
        { "On pourrait se voir en vrai un jour", HoldReason.MeetUp },
        { "Tu veux qu'on se retrouve après les cours ?", HoldReason.MeetUp },
    };

    [Theory]
    [MemberData(nameof(HeldDetails))]
    public async Task A_personal_detail_or_a_meet_up_holds_even_an_adults_message_with_a_gentle_word(string text, HoldReason expected)
    {
        var adult = await MemberAsync(21);

        var id = await PostThreadAsync(adult.Client, "18-25", "Une question", text);

        Assert.Equal((PostStatus.Pending, expected), await StateAsync(id));
        var page = await adult.Client.GetDocumentAsync($"/entraide/cercles/18-25?envoye={id}");
        Assert.Contains(expected == HoldReason.MeetUp ? "sans rendez-vous" : "pour ta sécurité", page.QuerySelector("#envoye")!.TextContent);
    }

    [Theory]
    [InlineData("On se retrouve tous au prochain Conseil des jeunes pour en parler avec les élus")]
    [InlineData("Le rendez-vous chez la juge s'est bien passé, elle a écouté ce que je voulais.")]
    [InlineData("Ma référente m'a aidé pour le dossier de la CAF, ça a pris deux semaines")]
    public async Task Ordinary_words_about_appointments_and_help_are_published_at_once(string text)
    {
        var adult = await MemberAsync(22);

        var id = await PostThreadAsync(adult.Client, "18-25", "Mon expérience", text);

        Assert.Equal(PostStatus.Published, (await StateAsync(id)).Status);
    }

    [Fact]
    public async Task Empty_and_too_long_messages_are_refused_in_french_keeping_what_was_typed_and_writing_nothing()
    {
        var member = await MemberAsync(16);
        var before = await site.WithDbAsync(db => db.PeerPosts.CountAsync());

        var empty = await (await member.Client.SubmitHandlerAsync("/entraide/cercles/15-17", "Thread", new Dictionary<string, string> { ["Title"] = "Un titre correct", ["Text"] = "   " })).ParseAsync();
        var tooLong = new string('a', 2013);
        var longPage = await (await member.Client.SubmitHandlerAsync("/entraide/cercles/15-17", "Thread", new Dictionary<string, string> { ["Title"] = "Un titre correct", ["Text"] = tooLong })).ParseAsync();

        Assert.Contains("Ton message est vide : écris quelques mots.", empty.Text());
        Assert.Contains("Ton message fait 2 013 caractères : 2 000 au plus. Raccourcis-le de 13 caractères.", longPage.Text().Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Equal(tooLong, longPage.QuerySelector("textarea[name=Text]")!.TextContent);
        Assert.Equal(before, await site.WithDbAsync(db => db.PeerPosts.CountAsync()));
    }

    [Fact]
    public async Task A_stranger_to_the_circle_writes_nothing_in_it_and_is_refused_its_live_messages()
    {
        var minor = await MemberAsync(13);
        var adultCircle = await site.WithDbAsync(db => db.PeerCircles.SingleAsync(c => c.Slug == "18-25"));
        var token = (await minor.Client.GetDocumentAsync("/entraide/cercles/11-14")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var intrusion = await minor.Client.PostAsync("/entraide/cercles/18-25?handler=Thread", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Title"] = "Bonjour les grands", ["Text"] = "Je peux venir ici ?",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, intrusion.StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.PeerPosts.CountAsync(p => p.AuthorId == minor.Id)));
        await using var hub = Hub(minor.Cookies);
        await hub.StartAsync();
        Assert.False(await hub.InvokeAsync<bool>(nameof(PeerHub.Follow), adultCircle.Id));
        Assert.False(await hub.InvokeAsync<bool>(nameof(PeerHub.WatchQueue)));
        var own = await site.WithDbAsync(db => db.PeerCircles.SingleAsync(c => c.Slug == "11-14"));
        Assert.True(await hub.InvokeAsync<bool>(nameof(PeerHub.Follow), own.Id));
    }

    [Fact]
    public async Task An_approved_message_reaches_the_members_of_its_circle_live_and_no_one_else()
    {
        var author = await MemberAsync(15);
        var inCircle = await MemberAsync(16);
        var otherCircle = await MemberAsync(20);
        var circle = await site.WithDbAsync(db => db.PeerCircles.SingleAsync(c => c.Slug == "15-17"));
        var adults = await site.WithDbAsync(db => db.PeerCircles.SingleAsync(c => c.Slug == "18-25"));
        await using var listening = Hub(inCircle.Cookies);
        await using var elsewhere = Hub(otherCircle.Cookies);
        var received = new TaskCompletionSource<LivePost>();
        var leaked = new List<LivePost>();
        listening.On<LivePost>(nameof(IPeerClient.PostPublished), post => received.TrySetResult(post));
        elsewhere.On<LivePost>(nameof(IPeerClient.PostPublished), post => { lock (leaked) { leaked.Add(post); } });
        await listening.StartAsync();
        await elsewhere.StartAsync();
        Assert.True(await listening.InvokeAsync<bool>(nameof(PeerHub.Follow), circle.Id));
        Assert.True(await elsewhere.InvokeAsync<bool>(nameof(PeerHub.Follow), adults.Id));

        var id = await PostThreadAsync(author.Client, "15-17", "Réviser au foyer", "Vous arrivez à réviser le soir avec le bruit ?");
        var moderator = await site.SignedInClientAsync(Moderator);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{id}", "Approve", new Dictionary<string, string>())).StatusCode);

        var post = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(id, post.Id);
        Assert.Equal("Réviser au foyer", post.Title);
        await Task.Delay(300);
        Assert.DoesNotContain(leaked, p => p.Id == id);
    }

    [Fact]
    public async Task Every_moderator_decision_is_logged_with_its_reason_and_the_author_told_in_plain_words()
    {
        var author = await MemberAsync(14);
        var moderator = await site.SignedInClientAsync(Moderator);
        var kept = await PostThreadAsync(author.Client, "11-14", "Les devoirs", "Qui m'aide pour les fractions ? Je n'y arrive pas.");
        var refused = await PostThreadAsync(author.Client, "11-14", "Un mot", "Ce garçon est vraiment nul, tout le monde le sait.");

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{kept}", "Approve", new Dictionary<string, string>())).StatusCode);
        var noReason = await (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{refused}", "Reject", new Dictionary<string, string>())).ParseAsync();
        Assert.Contains("Écrivez pourquoi, en mots simples", noReason.Text());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{refused}", "Reject", new Dictionary<string, string>
        {
            ["Reason"] = "il se moque de quelqu'un, et ici on ne se moque de personne.",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{kept}", "Hide", new Dictionary<string, string>
        {
            ["Reason"] = "il a été publié par erreur dans le mauvais cercle.",
        })).StatusCode);

        var log = await site.WithDbAsync(db => db.PeerModerationLog.Where(e => e.PostId == kept || e.PostId == refused).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([ModerationKind.Approved, ModerationKind.Rejected, ModerationKind.Hidden], log.Select(e => e.Kind));
        Assert.All(log, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.All(log, e => Assert.False(string.IsNullOrEmpty(e.ById)));
        var told = await site.WithDbAsync(db => db.Notifications.Where(n => n.MemberId == author.Id).OrderBy(n => n.Id).Select(n => n.Text).ToListAsync());
        Assert.Contains(told, t => t == "Ton message dans le cercle « Les 11–14 ans » est publié.");
        Assert.Contains(told, t => t == "Ton message dans le cercle « Les 11–14 ans » n'a pas été publié : il se moque de quelqu'un, et ici on ne se moque de personne.");
        Assert.Contains(told, t => t.StartsWith("Ton message dans le cercle « Les 11–14 ans » a été retiré : ", StringComparison.Ordinal));
        var page = await moderator.GetDocumentAsync($"/pilotage/entraide/messages/{refused}");
        Assert.Contains("il se moque de quelqu'un", page.QuerySelector(".moderation-log")!.TextContent);
    }

    [Fact]
    public async Task A_reply_to_a_hidden_thread_is_refused_and_nothing_is_written()
    {
        var author = await MemberAsync(23);
        var replier = await MemberAsync(24);
        var thread = await PostThreadAsync(author.Client, "18-25", "Les APL", "Combien de temps pour recevoir les APL la première fois ?");
        var page = $"/entraide/cercles/18-25/fils/{thread}";
        var token = (await replier.Client.GetDocumentAsync(page)).QuerySelector("form[action*=Reply] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var moderator = await site.SignedInClientAsync(Moderator);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{thread}", "Hide", new Dictionary<string, string> { ["Reason"] = "Sujet en double." })).StatusCode);

        var reply = await replier.Client.PostAsync($"{page}?handler=Reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Text"] = "Deux mois pour moi.",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Contains("Ce fil a été retiré par la modération : on ne peut plus le lire ni y répondre.", (await reply.ParseAsync()).Text());
        Assert.Equal(0, await site.WithDbAsync(db => db.PeerPosts.CountAsync(p => p.ThreadId == thread)));
        // Its author still sees it, with why, and cannot reply either.
        var own = await author.Client.GetDocumentAsync(page);
        Assert.Contains("retiré par la modération", own.Text());
        Assert.Null(own.QuerySelector("form[action*=Reply]"));
    }

    [Fact]
    public async Task A_second_report_of_the_same_message_by_the_same_person_is_refused_kindly()
    {
        var author = await MemberAsync(19);
        var reporter = await MemberAsync(19);
        var thread = await PostThreadAsync(author.Client, "18-25", "Le permis", "Quelqu'un a eu l'aide au permis de la mission locale ?");
        var page = $"/entraide/cercles/18-25/fils/{thread}";

        Assert.Equal(HttpStatusCode.Redirect, (await reporter.Client.SubmitHandlerAsync(page, "Report", new Dictionary<string, string> { ["PostId"] = $"{thread}", ["Reason"] = "Publicité" })).StatusCode);
        // The page now says it was reported; a second report sent all the same is refused kindly.
        Assert.Contains("Tu as signalé ce message", (await reporter.Client.GetDocumentAsync(page)).QuerySelector($"#message-{thread}")!.TextContent);
        var again = await (await reporter.Client.ForgeHandlerAsync(page, "Report", new Dictionary<string, string> { ["PostId"] = $"{thread}" })).ParseAsync();

        Assert.Contains("Tu as déjà signalé ce message : l'équipe de modération va le relire.", again.Text());
        Assert.Equal(1, await site.WithDbAsync(db => db.PeerReports.CountAsync(r => r.PostId == thread)));
        var queue = await (await site.SignedInClientAsync(Moderator)).GetDocumentAsync("/pilotage/entraide");
        Assert.NotNull(queue.QuerySelector($"#signales [data-post='{thread}']"));
    }

    [Fact]
    public async Task A_member_who_hides_someone_no_longer_sees_their_messages_and_others_still_do()
    {
        var author = await MemberAsync(21);
        var hider = await MemberAsync(21);
        var thread = await PostThreadAsync(author.Client, "18-25", "Les bourses", "J'ai eu l'échelon le plus haut, demandez-le !");
        var authorPseudonym = await site.WithDbAsync(db => db.Users.Where(u => u.Id == author.Id).Select(u => u.Pseudonym).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await hider.Client.SubmitHandlerAsync($"/entraide/cercles/18-25/fils/{thread}", "Mute", new Dictionary<string, string> { ["PostId"] = $"{thread}" })).StatusCode);

        var hidden = await hider.Client.GetDocumentAsync("/entraide/cercles/18-25");
        Assert.Null(hidden.QuerySelector($"#fils [data-post='{thread}']"));
        Assert.Contains(authorPseudonym, hidden.QuerySelector(".muted-list")!.TextContent);
        var other = await (await MemberAsync(22)).Client.GetDocumentAsync("/entraide/cercles/18-25");
        Assert.NotNull(other.QuerySelector($"#fils [data-post='{thread}']"));
    }

    [Fact]
    public async Task There_is_no_private_message_of_any_kind()
    {
        var pages = new[] { "/entraide", "/entraide/cercles/18-25" };
        var client = await site.SignedInClientAsync("Baobab");
        foreach (var page in pages)
        {
            var text = (await client.GetDocumentAsync(page)).Text();
            Assert.DoesNotContain("message privé", text.Replace("pas de messages privés", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/entraide/messages-prives")).StatusCode);
        Assert.DoesNotContain(typeof(PeerHub).GetMethods(), m => m.Name.Contains("Send", StringComparison.Ordinal) || m.Name.Contains("Direct", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_pages_of_the_network_are_for_the_team()
    {
        foreach (var login in new[] { "Baobab", Parent, Professional, Facilitator })
        {
            var client = await site.SignedInClientAsync(login);
            var queue = await client.GetAsync("/pilotage/entraide");
            Assert.True(queue.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{login}: {queue.StatusCode}");
            Assert.True((await client.GetAsync("/pilotage/entraide/messages/1")).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
        }
        Assert.Equal(HttpStatusCode.OK, (await (await site.SignedInClientAsync(Moderator)).GetAsync("/pilotage/entraide")).StatusCode);
    }

    [Fact]
    public async Task In_the_year_someone_turns_eighteen_they_stay_with_the_15_17_and_every_message_is_read_first()
    {
        // Born eighteen years ago: maybe still 17 today. Never in an adult circle before 1 January.
        var member = await MemberAsync(18);

        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/entraide/cercles/15-17")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.GetAsync("/entraide/cercles/18-25")).StatusCode);
        var id = await PostThreadAsync(member.Client, "15-17", "Bientôt majeur", "Qui a préparé son entretien des 17 ans, vous avez demandé quoi ?");
        Assert.Equal((PostStatus.Pending, HoldReason.ReadFirst), await StateAsync(id));
        Assert.Equal(AgeBand.From15To17, PeerRules.NetworkBand(2008, 2026));
        Assert.Equal(AgeBand.From18To25, PeerRules.NetworkBand(2007, 2026));
    }

    [Fact]
    public async Task A_report_whose_reason_says_someone_is_in_danger_opens_an_urgent_case_and_shows_whom_to_call()
    {
        var author = await MemberAsync(19);
        var reporter = await MemberAsync(19);
        var thread = await PostThreadAsync(author.Client, "18-25", "Les colocations", "Vous avez trouvé comment votre colocation ?");
        var page = $"/entraide/cercles/18-25/fils/{thread}";

        var reported = await reporter.Client.SubmitHandlerAsync(page, "Report", new Dictionary<string, string>
        {
            ["PostId"] = $"{thread}", ["Reason"] = "mon beau-père me frappe tous les soirs et j'ai envie de mourir",
        });

        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Assert.Contains("fait=signale-aide", reported.Headers.Location!.ToString());
        var report = await site.WithDbAsync(db => db.PeerReports.SingleAsync(r => r.PostId == thread));
        Assert.True(await site.WithDbAsync(db => db.SafetyCases.AnyAsync(c => c.Channel == SafetyChannel.PeerReport && c.SourceId == report.Id.ToString())));
        var after = await reporter.Client.GetDocumentAsync(reported.Headers.Location!.ToString());
        Assert.NotNull(after.QuerySelector(".notice-urgent a[href='tel:119']"));
        Assert.Contains("Tu as signalé ce message", after.QuerySelector($"#message-{thread}")!.TextContent);
        Assert.Null(after.QuerySelector($"#signaler-{thread} form[action*=Report]"));
        // Hiding the author stays within reach after reporting them.
        Assert.NotNull(after.QuerySelector($"#signaler-{thread} form[action*=Mute]"));

        // New words of danger, though the report itself is refused as a second one, are heard in a case of their own.
        var again = await reporter.Client.ForgeHandlerAsync(page, "Report", new Dictionary<string, string>
        {
            ["PostId"] = $"{thread}", ["Reason"] = "il m'a encore frappé ce soir, j'ai peur de rentrer",
        });
        Assert.Contains("fait=signale-aide", again.Headers.Location!.ToString());
        Assert.Equal(1, await site.WithDbAsync(db => db.PeerReports.CountAsync(r => r.PostId == thread)));
        Assert.Equal(2, await site.WithDbAsync(db => db.SafetyCases.CountAsync(c => c.Channel == SafetyChannel.PeerReport && c.AuthorMemberId == reporter.Id)));

        // The same words again, while their case is open, still bring the help numbers but no second case.
        var repeated = await reporter.Client.ForgeHandlerAsync(page, "Report", new Dictionary<string, string>
        {
            ["PostId"] = $"{thread}", ["Reason"] = "il m'a encore frappé ce soir, j'ai peur de rentrer",
        });
        Assert.Contains("fait=signale-aide", repeated.Headers.Location!.ToString());
        Assert.Equal(2, await site.WithDbAsync(db => db.SafetyCases.CountAsync(c => c.Channel == SafetyChannel.PeerReport && c.AuthorMemberId == reporter.Id)));
    }

    [Fact]
    public async Task The_teams_messages_cannot_be_hidden_so_its_accounts_are_never_named()
    {
        var author = await MemberAsync(20);
        var member = await MemberAsync(20);
        var thread = await PostThreadAsync(author.Client, "18-25", "Un mot de l'équipe", "Les fiches pratiques ont été mises à jour cette semaine.");
        var moderator = await site.WithDbAsync(db => db.Users.Where(u => u.Email == Moderator).Select(u => u.Id).SingleAsync());
        await site.WithDbAsync(db => db.PeerPosts.Where(p => p.Id == thread).ExecuteUpdateAsync(set => set.SetProperty(p => p.AuthorId, moderator)));

        var mute = await member.Client.ForgeHandlerAsync($"/entraide/cercles/18-25/fils/{thread}", "Mute", new Dictionary<string, string> { ["PostId"] = $"{thread}" });

        Assert.Equal(HttpStatusCode.NotFound, mute.StatusCode);
        Assert.False(await site.WithDbAsync(db => db.PeerMutes.AnyAsync(m => m.MemberId == member.Id)));
        var circle = await member.Client.GetDocumentAsync($"/entraide/cercles/18-25/fils/{thread}");
        Assert.Contains("L'équipe de modération", circle.QuerySelector($"#message-{thread} .post-meta")!.TextContent);
        Assert.Null(circle.QuerySelector($"#message-{thread} form[action*=Mute]"));
    }

    [Fact]
    public async Task A_detail_in_a_threads_title_is_shown_to_the_moderator_and_is_removed_or_confirmed_before_publishing()
    {
        var author = await MemberAsync(16);
        var id = await PostThreadAsync(author.Client, "15-17", "Appelle moi au 06 12 34 56 78 stp", "Je me sens seul au foyer ce soir, quelqu'un veut parler ?");
        Assert.Equal((PostStatus.Pending, HoldReason.PersonalDetails), await StateAsync(id));
        var moderator = await site.SignedInClientAsync(Moderator);

        var queue = await moderator.GetDocumentAsync("/pilotage/entraide");
        Assert.Contains("06 12 34 56 78", queue.QuerySelector($"#file [data-post='{id}']")!.TextContent);
        var page = await moderator.GetDocumentAsync($"/pilotage/entraide/messages/{id}");
        Assert.Contains("Repéré", page.Text());
        Assert.Equal("Appelle moi au 06 12 34 56 78 stp", page.QuerySelector("input[name=Title]")!.GetAttribute("value"));

        var unchanged = await (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{id}", "Approve", new Dictionary<string, string>())).ParseAsync();
        Assert.Contains("Le message donne encore", unchanged.Text());
        Assert.Equal((PostStatus.Pending, HoldReason.PersonalDetails), await StateAsync(id));
        // An emptied title is an emptied title, never the stored one again.
        var emptied = await (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{id}", "Approve", new Dictionary<string, string> { ["Title"] = "  " })).ParseAsync();
        Assert.Contains("Le titre fait de 5 à 120 caractères.", emptied.Text());
        Assert.Equal((PostStatus.Pending, HoldReason.PersonalDetails), await StateAsync(id));

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{id}", "Approve", new Dictionary<string, string>
        {
            ["Title"] = "Seul ce soir",
        })).StatusCode);
        var published = await site.WithDbAsync(db => db.PeerPosts.SingleAsync(p => p.Id == id));
        Assert.Equal((PostStatus.Published, "Seul ce soir"), (published.Status, published.Title));

        // What the detector took for a detail but is none is published once the moderator says so.
        var kept = await PostThreadAsync(author.Client, "15-17", "Un numéro utile", "Le service jeunes majeurs du Département répond au 01 23 45 67 89 en semaine.");
        Assert.Equal((PostStatus.Pending, HoldReason.PersonalDetails), await StateAsync(kept));
        Assert.Contains("Le message donne encore", (await (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{kept}", "Approve", new Dictionary<string, string>())).ParseAsync()).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync($"/pilotage/entraide/messages/{kept}", "Approve", new Dictionary<string, string>
        {
            ["DetailsChecked"] = "true",
        })).StatusCode);
        Assert.Equal(PostStatus.Published, (await StateAsync(kept)).Status);
    }

    [Fact]
    public async Task A_message_released_by_its_urgent_case_still_waits_for_a_reading_when_it_gives_a_detail()
    {
        var author = await MemberAsync(16);
        var id = await PostThreadAsync(author.Client, "15-17", "Ce soir", "Je veux mourir, appelez-moi au 06 12 34 56 78 s'il vous plaît");
        var held = await site.WithDbAsync(db => db.PeerPosts.SingleAsync(p => p.Id == id));
        Assert.True(held.HeldForSafety);
        var caseId = await site.WithDbAsync(db => db.SafetyCases.Where(c => c.Channel == SafetyChannel.PeerPost && c.SourceId == id.ToString()).Select(c => c.Id).SingleAsync());
        var moderator = await site.SignedInClientAsync(Moderator);

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync($"/pilotage/vigilance/cas/{caseId}", "Act", new Dictionary<string, string>
        {
            ["Kind"] = "Published", ["Reason"] = "Le jeune a été appelé par son éducatrice, il est en sécurité.",
        })).StatusCode);

        // Out of its case, but not online: the phone number waits for the ordinary reading and its « Relu ».
        Assert.Equal((PostStatus.Pending, HoldReason.PersonalDetails), await StateAsync(id));
        Assert.False(await site.WithDbAsync(db => db.PeerPosts.Where(p => p.Id == id).Select(p => p.HeldForSafety).SingleAsync()));
        var queue = await moderator.GetDocumentAsync("/pilotage/entraide");
        Assert.NotNull(queue.QuerySelector($"#file [data-post='{id}']"));
    }

    private sealed record Member(string Id, HttpClient Client, CookieContainerHandler Cookies);

    private int _created;

    /// <summary>A young member of the given age, or a parent for « parent », signed in, with the rules accepted.</summary>
    private async Task<Member> MemberAsync(int age)
    {
        var pseudonym = await NewYoungAsync(age);
        var cookies = new CookieContainerHandler();
        var client = site.CreateDefaultClient(new Uri("http://localhost"), cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(pseudonym)).StatusCode);
        var id = await site.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == pseudonym).Select(u => u.Id).SingleAsync());
        var circle = age switch { <= 14 => "11-14", <= 18 => "15-17", _ => "18-25" };
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitHandlerAsync($"/entraide/cercles/{circle}", "Accept", new Dictionary<string, string>())).StatusCode);
        return new Member(id, client, cookies);
    }

    /// <summary>A young member of its own, so that no test's messages, mutes or flood limit touch another's.</summary>
    private async Task<string> NewYoungAsync(int age)
    {
        var pseudonym = $"Pair{Interlocked.Increment(ref _created)}{Guid.NewGuid().ToString("N")[..6]}";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Participation.Web.Accounts.Member>>();
        var member = new Participation.Web.Accounts.Member { UserName = pseudonym, Pseudonym = pseudonym, BirthYear = DateTime.Now.Year - age, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(member, DemoSeeder.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(member, Participation.Web.Shared.Roles.Young)).Succeeded);
        return pseudonym;
    }

    private async Task<int> PostThreadAsync(HttpClient client, string circle, string title, string text)
    {
        var response = await client.SubmitHandlerAsync($"/entraide/cercles/{circle}", "Thread", new Dictionary<string, string> { ["Title"] = title, ["Text"] = text });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await site.WithDbAsync(db => db.PeerPosts.Where(p => p.Title == title && p.Text == text).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync());
    }

    private Task<(PostStatus Status, HoldReason Hold)> StateAsync(int id) =>
        site.WithDbAsync(db => db.PeerPosts.Where(p => p.Id == id).Select(p => new ValueTuple<PostStatus, HoldReason>(p.Status, p.Hold)).SingleAsync());

    private HubConnection Hub(CookieContainerHandler cookies) => site.Hub(PeerHub.Path, cookies);
}
