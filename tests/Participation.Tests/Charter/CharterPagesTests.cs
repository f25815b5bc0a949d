using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Charter;
using Participation.Web.Demo;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;
using Participation.Web.Testimonies;

namespace Participation.Tests.Charter;

/// <summary>
/// The charter through the real host, on the demo's charter: version 1 adopted and signed by both
/// establishments, version 2 at the young people's vote.
/// </summary>
/// <remarks>On a site of its own with the demo's micro-trottoirs, so that testimonies ground some practices.</remarks>
public sealed class CharterPagesTests : IClassFixture<Testimonies.TestimonySite>
{
    private readonly ParticipationApp _app;

    public CharterPagesTests(Testimonies.TestimonySite app)
    {
        _app = app;
        app.CreateClient();
    }

    private static readonly string Admin = $"pilotage@{DemoSeeder.Domain}";
    private static readonly string Tilleuls = $"etablissement@{DemoSeeder.Domain}";

    private Task<int> VersionIdAsync(int number) => _app.WithDbAsync(db => db.CharterVersions.Where(v => v.Number == number).Select(v => v.Id).SingleAsync());

    /// <summary>The grounds of a kind, by practice key, in version <paramref name="number"/>.</summary>
    private Task<List<(int Key, int SourceId)>> GroundsAsync(GroundKind kind, int number) =>
        _app.WithDbAsync(db => (
                from g in db.PracticeGrounds
                join p in db.CharterPractices on g.PracticeId equals p.Id
                join v in db.CharterVersions on p.VersionId equals v.Id
                where g.Kind == kind && v.Number == number
                orderby p.Key, g.SourceId
                select new ValueTuple<int, int>(p.Key, g.SourceId))
            .ToListAsync());

    private Task<List<CharterPractice>> PracticesAsync(int number) =>
        _app.WithDbAsync(db => db.CharterPractices.Where(p => db.CharterVersions.Any(v => v.Id == p.VersionId && v.Number == number)).OrderBy(p => p.Key).ToListAsync());

    [Fact]
    public async Task The_public_charter_shows_its_chapters_practices_and_signatories()
    {
        var visitor = _app.CreateBrowserlessClient();
        var home = await visitor.GetDocumentAsync("/charte");
        var chapters = home.QuerySelectorAll(".charter-chapters a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(CharterChapters.All.Select(c => $"/charte/{c.Slug()}"), chapters);
        var signatories = home.QuerySelectorAll(".charter-signatories li").Select(li => li.TextContent).ToList();
        Assert.Contains(signatories, s => s.Contains("MECS Les Tilleuls"));
        Assert.Contains(signatories, s => s.Contains("Foyer La Passerelle"));
        Assert.Contains("au vote des jeunes", home.QuerySelector(".charter-vote-banner")!.TextContent);
        // The words of the field are explained where they are read.
        var terms = home.QuerySelectorAll("#les-mots dt").Select(dt => dt.TextContent).ToList();
        Assert.All(new[] { "ASE", "MECS", "Actes usuels" }, term => Assert.Contains(term, terms));

        var food = await visitor.GetDocumentAsync("/charte/alimentation");
        Assert.Equal("🍽️ Bien manger", food.QuerySelector("h1")!.TextContent.Trim());
        var practices = food.QuerySelectorAll("article.charter-practice");
        Assert.NotEmpty(practices);
        Assert.All(practices, p =>
        {
            Assert.StartsWith("3.", p.QuerySelector(".charter-number")!.TextContent);
            Assert.Contains("Facile à lire", p.QuerySelector(".charter-easy")!.TextContent);
        });
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/charte/droits")).StatusCode);

        // A certificate names the establishment, who signed it, and the version.
        var tilleuls = await _app.WithDbAsync(db => db.Establishments.Where(e => e.Name == "MECS Les Tilleuls").Select(e => e.Id).SingleAsync());
        var certificate = await visitor.GetDocumentAsync($"/charte/certificats/1/{tilleuls}");
        Assert.Contains("MECS Les Tilleuls", certificate.QuerySelector(".charter-certificate-who")!.TextContent);
        Assert.Contains("version 1", certificate.QuerySelector(".charter-certificate")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/charte/certificats/2/{tilleuls}")).StatusCode);
    }

    [Fact]
    public async Task A_practice_and_the_proposal_it_comes_from_each_link_to_the_other()
    {
        var visitor = _app.CreateBrowserlessClient();
        var (key, proposal) = (await GroundsAsync(GroundKind.Proposal, 1))[0];
        var practice = (await PracticesAsync(1)).Single(p => p.Key == key);

        var chapter = await visitor.GetDocumentAsync($"/charte/{practice.Chapter.Slug()}");
        var article = chapter.QuerySelector($"#pratique-{key}")!;
        Assert.NotNull(article.QuerySelector($".charter-grounds a[href='/propositions/{proposal}']"));

        var page = await visitor.GetDocumentAsync($"/propositions/{proposal}");
        var back = page.QuerySelector($".charter-mentions a[href='/charte/{practice.Chapter.Slug()}#pratique-{key}']");
        Assert.NotNull(back);
        Assert.Contains(Participation.Web.Infrastructure.FrenchTypography.Space(practice.Statement), back!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task A_question_shows_its_wording_and_count_to_the_public_and_its_results_to_staff()
    {
        var (key, question) = (await GroundsAsync(GroundKind.Question, 1))[0];
        var wording = await _app.WithDbAsync(db => db.Questions.Where(q => q.Id == question).Select(q => q.Text).SingleAsync());
        var slug = (await PracticesAsync(1)).Single(p => p.Key == key).Chapter.Slug();

        var line = (await _app.CreateBrowserlessClient().GetDocumentAsync($"/charte/{slug}"))
            .QuerySelectorAll($"#pratique-{key} .charter-grounds li").Single(li => li.TextContent.Contains(wording));
        Assert.Matches(@"\d+ réponses?|aucune réponse", line.TextContent);
        Assert.Null(line.QuerySelector("a"));

        var staffLine = (await (await _app.SignedInClientAsync(Admin)).GetDocumentAsync($"/charte/{slug}"))
            .QuerySelectorAll($"#pratique-{key} .charter-grounds li").Single(li => li.TextContent.Contains(wording));
        Assert.Contains("/resultats", staffLine.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_withdrawn_testimony_reads_temoignage_retire_and_a_published_one_shows_its_practice()
    {
        var grounds = (await GroundsAsync(GroundKind.Testimony, 1)).Concat(await GroundsAsync(GroundKind.Testimony, 2)).OrderBy(g => g.SourceId).ToList();
        Assert.True(grounds.Select(g => g.SourceId).Distinct().Count() >= 2, "The demo links several testimonies to practices.");
        var kept = grounds[0];
        var withdrawn = grounds.First(g => g.SourceId != kept.SourceId);
        var slug = await _app.WithDbAsync(db => db.Testimonies.Where(t => t.Id == kept.SourceId).Select(t => t.Campaign!.Slug).SingleAsync());
        var wall = await _app.CreateBrowserlessClient().GetDocumentAsync($"/micro-trottoirs/{slug}");
        Assert.Contains("pratique", wall.QuerySelector($"#temoignage-{kept.SourceId} .wall-charter")?.TextContent ?? "(the testimony is not on the wall's first page)");

        await _app.WithDbAsync(db => db.Testimonies.Where(t => t.Id == withdrawn.SourceId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, TestimonyStatus.Withdrawn).SetProperty(t => t.Text, (string?)null)));
        var chapter = (await PracticesAsync(1)).Concat(await PracticesAsync(2)).First(p => p.Key == withdrawn.Key);
        var url = (await GroundsAsync(GroundKind.Testimony, 1)).Contains(withdrawn) ? $"/charte/{chapter.Chapter.Slug()}" : "/charte/versions/2";
        var page = await _app.CreateBrowserlessClient().GetDocumentAsync(url);
        var gone = page.QuerySelector($"#pratique-{withdrawn.Key}")!.QuerySelectorAll(".charter-grounds li.evidence-gone").ToList();
        Assert.Contains(gone, li => li.TextContent.Contains("témoignage retiré"));
    }

    [Fact]
    public async Task Two_versions_are_compared_practice_by_practice_with_the_changed_words_marked()
    {
        var page = await _app.CreateBrowserlessClient().GetDocumentAsync("/charte/comparer?de=1&a=2");
        var first = (await PracticesAsync(1)).ToDictionary(p => p.Key);
        var second = (await PracticesAsync(2)).ToDictionary(p => p.Key);
        var added = second.Keys.Except(first.Keys).ToList();
        var removed = first.Keys.Except(second.Keys).ToList();
        var reworded = second.Keys.Intersect(first.Keys).Where(k => first[k].Statement != second[k].Statement).ToList();
        Assert.NotEmpty(added);
        Assert.NotEmpty(removed);
        Assert.NotEmpty(reworded);

        foreach (var key in added)
        {
            Assert.Equal("charter-diff-added", page.QuerySelector($"#cle-{key}")!.ClassName);
        }
        foreach (var key in removed)
        {
            Assert.Equal("charter-diff-removed", page.QuerySelector($"#cle-{key}")!.ClassName);
        }
        var changed = page.QuerySelector($"#cle-{reworded[0]} .charter-statement")!;
        Assert.Equal("charter-diff-reworded", changed.ParentElement!.ClassName);
        Assert.NotEmpty(changed.QuerySelectorAll("ins"));
        // Read without the struck-out words, the compared statement is the new one.
        var withoutDeleted = string.Concat(changed.ChildNodes.Where(n => n.NodeName != "DEL").Select(n => n.TextContent));
        Assert.Equal(second[reworded[0]].Statement, withoutDeleted);
        // Unchanged practices only when asked.
        Assert.Empty(page.QuerySelectorAll(".charter-diff-unchanged"));
        Assert.NotEmpty((await _app.CreateBrowserlessClient().GetDocumentAsync("/charte/comparer?de=1&a=2&tout=1")).QuerySelectorAll(".charter-diff-unchanged"));
    }

    [Fact]
    public async Task A_young_member_votes_one_practice_per_screen_and_changes_their_mind_with_one_vote_kept()
    {
        var loutre = await _app.SignedInClientAsync("Loutre");
        var screen = await loutre.GetDocumentAsync("/charte/vote?n=2");
        Assert.Equal("Pratique 2 sur " + (await PracticesAsync(2)).Count, screen.QuerySelector("#avancement")!.TextContent);
        Assert.Single(screen.QuerySelectorAll("main form[method=post]"));
        var practiceId = int.Parse(screen.QuerySelector("input[name=PracticeId]")!.GetAttribute("value")!);
        var member = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "Loutre"));

        var first = await loutre.PostFormAsync("/charte/vote?n=2", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["N"] = "2", ["Choice"] = "Change", ["Comment"] = "Il faudrait demander aux jeunes avant." });
        Assert.Equal("/charte/vote?n=3&fait=1#ecran", first.Headers.Location!.OriginalString);
        var again = await loutre.PostFormAsync("/charte/vote?n=2", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["N"] = "2", ["Choice"] = "Agree" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var votes = await _app.WithDbAsync(db => db.PracticeVotes.Where(v => v.PracticeId == practiceId && v.MemberId == member.Id).ToListAsync());
        var vote = Assert.Single(votes);
        Assert.Equal(PracticeChoice.Agree, vote.Choice);
        Assert.Null(vote.Comment);
        Assert.Equal(AgeBand.From11To14, vote.Band);
        Assert.Equal(member.EstablishmentId, vote.EstablishmentId);
        // Back on that screen, the vote is shown as it stands.
        Assert.NotNull((await loutre.GetDocumentAsync("/charte/vote?n=2")).QuerySelector("#choix-agree[checked]"));
    }

    [Fact]
    public async Task Young_members_and_professionals_are_told_on_their_home_that_a_version_is_at_the_vote_and_parents_are_not()
    {
        Assert.Equal("/charte/vote#ecran", (await (await _app.SignedInClientAsync("Faucon")).GetDocumentAsync("/espace")).QuerySelector("main .notice a")!.GetAttribute("href"));
        Assert.Equal("/charte/avis", (await (await _app.SignedInClientAsync($"pro@{DemoSeeder.Domain}")).GetDocumentAsync("/espace")).QuerySelector("main .notice a")!.GetAttribute("href"));
        Assert.Null((await (await _app.SignedInClientAsync($"parent@{DemoSeeder.Domain}")).GetDocumentAsync("/espace")).QuerySelector("main .notice a[href^='/charte']"));
    }

    [Fact]
    public async Task A_child_of_seven_to_ten_reads_the_easy_words_with_pictures()
    {
        var colibri = await _app.SignedInClientAsync("Colibri");
        var screen = await colibri.GetDocumentAsync("/charte/vote?n=1");
        var first = CharterQueries.Numbered(await PracticesAsync(2))[0];
        Assert.Equal(first.EasyRead, screen.QuerySelector("h1")!.TextContent);
        Assert.NotNull(screen.QuerySelector(".tiles-pictures.charter-choices"));
        Assert.Equal(["👍", "👎", "✏️"], screen.QuerySelectorAll(".charter-choices .tile-picture").Select(p => p.TextContent));
    }

    [Fact]
    public async Task A_vote_without_a_choice_or_with_a_long_comment_is_refused_in_french_and_nothing_is_written()
    {
        var faucon = await _app.SignedInClientAsync("Faucon");
        var practiceId = (await PracticesAsync(2)).Last().Id;
        var before = await _app.WithDbAsync(db => db.PracticeVotes.CountAsync());

        var none = await (await faucon.PostFormAsync("/charte/vote?n=1", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["N"] = "1", ["Comment"] = "Mon avis" })).ParseAsync();
        Assert.Contains("Choisis « d'accord », « pas d'accord » ou « à changer »", none.QuerySelector("#erreur-choice")!.TextContent);
        Assert.Equal("Mon avis", none.QuerySelector("#commentaire")!.TextContent);

        var detail = await (await faucon.PostFormAsync("/charte/vote?n=1", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["N"] = "1", ["Choice"] = "Agree", ["Comment"] = "appelle moi au 06 12 34 56 78" })).ParseAsync();
        Assert.Contains("Ne donne pas ton numéro", detail.QuerySelector("#erreur-comment")!.TextContent);
        Assert.Equal("appelle moi au 06 12 34 56 78", detail.QuerySelector("#commentaire")!.TextContent);

        var tooLong = new string('a', PracticeVote.CommentMaxLength + 1);
        var longPage = await (await faucon.PostFormAsync("/charte/vote?n=1", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["N"] = "1", ["Choice"] = "Agree", ["Comment"] = tooLong })).ParseAsync();
        Assert.Contains("trop long", longPage.QuerySelector("#erreur-comment")!.TextContent);
        Assert.Equal(before, await _app.WithDbAsync(db => db.PracticeVotes.CountAsync()));
    }

    [Fact]
    public async Task A_comment_that_says_a_young_person_is_in_danger_opens_a_case_shows_the_help_numbers_and_stays_out_of_the_results()
    {
        var baobab = await _app.SignedInClientAsync("Baobab");
        var practiceId = (await PracticesAsync(2)).First().Id;
        var page = await (await baobab.PostFormAsync("/charte/vote?n=1", new Dictionary<string, string>
        {
            ["PracticeId"] = $"{practiceId}", ["N"] = "1", ["Choice"] = "Disagree", ["Comment"] = "Au foyer un éducateur me frappe le soir, j'ai peur",
        })).ParseAsync();
        Assert.NotNull(page.QuerySelector(".help-now a[href='tel:119']"));
        var vote = await _app.WithDbAsync(db => db.PracticeVotes.SingleAsync(v => v.PracticeId == practiceId && db.Users.Any(u => u.Id == v.MemberId && u.UserName == "Baobab")));
        Assert.True(vote.CommentHeld);
        var source = HeldCharterComments.VoteSource(vote);
        Assert.True(await _app.WithDbAsync(db => db.SafetyCases.AnyAsync(c => c.Channel == SafetyChannel.CharterComment && c.SourceId == source && c.Status == CaseStatus.Open)));

        await WithVoteClosedAsync(2, async () =>
        {
            var results = await (await _app.SignedInClientAsync(Admin)).GetDocumentAsync($"/pilotage/charte/versions/{await VersionIdAsync(2)}/resultats");
            Assert.NotNull(results.QuerySelector(".charter-counts"));
            Assert.DoesNotContain("me frappe", results.Text());
        });

        // The same words sent again with another choice: the case already open is enough.
        await baobab.PostFormAsync("/charte/vote?n=1", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["N"] = "1", ["Choice"] = "Change", ["Comment"] = "Au foyer un éducateur me frappe le soir, j'ai peur" });
        var prefix = HeldCharterComments.VoteSourcePrefix(vote.Id);
        Assert.Equal(1, await _app.WithDbAsync(db => db.SafetyCases.CountAsync(c => c.Channel == SafetyChannel.CharterComment && c.SourceId.StartsWith(prefix))));

        // The case releases the words it held, not words written since.
        await baobab.PostFormAsync("/charte/vote?n=1", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["N"] = "1", ["Choice"] = "Disagree", ["Comment"] = "Au foyer personne ne m'écoute quand je dis que j'ai peur le soir, je vais me tuer" });
        var changed = await _app.WithDbAsync(db => db.PracticeVotes.SingleAsync(v => v.Id == vote.Id));
        Assert.True(changed.CommentHeld);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var channel = scope.ServiceProvider.GetServices<IHeldTextChannel>().Single(c => c.Channel == SafetyChannel.CharterComment);
            Assert.False(await channel.PublishAsync(source));
            Assert.True(await _app.WithDbAsync(db => db.PracticeVotes.Where(v => v.Id == vote.Id).Select(v => v.CommentHeld).SingleAsync()));
        }

        // Released by its case, the words written since show, and sent again with another choice are not held back again.
        var releasing = await _app.WithDbAsync(db => db.SafetyCases.SingleAsync(c => c.SourceId == HeldCharterComments.VoteSource(changed)));
        var moderator = await _app.SignedInClientAsync($"moderation@{DemoSeeder.Domain}");
        await moderator.GetDocumentAsync($"/pilotage/vigilance/cas/{releasing.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync($"/pilotage/vigilance/cas/{releasing.Id}", new Dictionary<string, string> { ["Kind"] = "Published", ["Reason"] = "Vu avec son éducatrice, il veut être lu." }, formIndex: 0)).StatusCode);
        Assert.False(await _app.WithDbAsync(db => db.PracticeVotes.Where(v => v.Id == vote.Id).Select(v => v.CommentHeld).SingleAsync()));
        var casesBefore = await _app.WithDbAsync(db => db.SafetyCases.CountAsync(c => c.SourceId.StartsWith(prefix)));
        await baobab.PostFormAsync("/charte/vote?n=1", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["N"] = "1", ["Choice"] = "Change", ["Comment"] = changed.Comment! });
        Assert.False(await _app.WithDbAsync(db => db.PracticeVotes.Where(v => v.Id == vote.Id).Select(v => v.CommentHeld).SingleAsync()));
        Assert.Equal(casesBefore, await _app.WithDbAsync(db => db.SafetyCases.CountAsync(c => c.SourceId.StartsWith(prefix))));
    }

    /// <summary>Time passes: the version's window has closed while <paramref name="check"/> runs, then opens again for the other tests.</summary>
    private async Task WithVoteClosedAsync(int number, Func<Task> check)
    {
        var closes = await _app.WithDbAsync(db => db.CharterVersions.Where(v => v.Number == number).Select(v => v.VoteClosesAt).SingleAsync());
        await _app.WithDbAsync(db => db.CharterVersions.Where(v => v.Number == number).ExecuteUpdateAsync(set => set.SetProperty(v => v.VoteClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        try
        {
            await check();
        }
        finally
        {
            await _app.WithDbAsync(db => db.CharterVersions.Where(v => v.Number == number).ExecuteUpdateAsync(set => set.SetProperty(v => v.VoteClosesAt, closes)));
        }
    }

    [Fact]
    public async Task While_the_vote_is_open_staff_see_only_how_many_votes_came_and_the_choices_once_it_has_closed()
    {
        var admin = await _app.SignedInClientAsync(Admin);
        var url = $"/pilotage/charte/versions/{await VersionIdAsync(2)}/resultats";
        var practices = (await PracticesAsync(2)).ToDictionary(p => p.Id);
        var counts = await _app.WithDbAsync(db => db.PracticeVotes.Where(v => practices.Keys.Contains(v.PracticeId)).GroupBy(v => v.PracticeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var busiest = counts.MaxBy(c => c.Count)!;
        Assert.True(busiest.Count >= SmallGroups.Minimum, "the demo's vote has a practice with enough votes to show");
        var comment = await _app.WithDbAsync(db => db.PracticeVotes.Where(v => v.PracticeId == busiest.Key && v.Comment != null && !v.CommentHeld).Select(v => v.Comment).FirstOrDefaultAsync());

        var open = await admin.GetDocumentAsync(url);
        Assert.NotNull(open.QuerySelector("#vote-en-cours"));
        Assert.Empty(open.QuerySelectorAll(".charter-counts"));
        var section = open.QuerySelector($"#pratique-{practices[busiest.Key].Key}")!;
        Assert.Contains($"{busiest.Count} votes pour l'instant", section.TextContent);
        Assert.DoesNotContain("D'accord", open.QuerySelector(".charter-summary")!.TextContent);
        if (comment is not null)
        {
            Assert.DoesNotContain(comment, open.Text());
        }

        await WithVoteClosedAsync(2, async () =>
        {
            var closed = await admin.GetDocumentAsync(url);
            Assert.Null(closed.QuerySelector("#vote-en-cours"));
            Assert.NotNull(closed.QuerySelector($"#pratique-{practices[busiest.Key].Key} .charter-counts"));
            if (comment is not null)
            {
                Assert.Contains(comment, closed.Text());
            }
        });
    }

    [Fact]
    public async Task Results_hide_every_group_under_five_and_what_would_reveal_one_by_difference()
    {
        // Version 1's vote closed a year ago: its results are whole.
        var results = await (await _app.SignedInClientAsync(Admin)).GetDocumentAsync($"/pilotage/charte/versions/{await VersionIdAsync(1)}/resultats");
        var counts = await _app.WithDbAsync(db => db.PracticeVotes
            .Where(v => db.CharterPractices.Any(p => p.Id == v.PracticeId && db.CharterVersions.Any(x => x.Id == p.VersionId && x.Number == 1)))
            .GroupBy(v => v.PracticeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.NotEmpty(counts);
        var practices = (await PracticesAsync(1)).ToDictionary(p => p.Id);
        foreach (var practice in counts)
        {
            var section = results.QuerySelector($"#pratique-{practices[practice.Key].Key}")!;
            if (practice.Count < SmallGroups.Minimum)
            {
                Assert.Null(section.QuerySelector("table"));
                continue;
            }
            foreach (var row in section.QuerySelectorAll("tbody tr").Where(r => r.QuerySelectorAll("td").Length == 4))
            {
                Assert.True(int.Parse(row.QuerySelectorAll("td")[3].TextContent) >= SmallGroups.Minimum, row.TextContent);
            }
        }
        Assert.Contains("détail masqué", results.Text());
    }

    public static TheoryData<string, string, string[]> Pages => new()
    {
        { "GET", "/charte", [] },
        { "GET", "/charte/alimentation", [] },
        { "GET", "/charte/versions/1", [] },
        { "GET", "/charte/comparer?de=1&a=2", [] },
        { "GET", "/charte/vote", [Roles.Young] },
        { "POST", "/charte/vote", [Roles.Young] },
        { "GET", "/charte/avis", [Roles.Professional, Roles.Establishment] },
        { "POST", "/charte/avis", [Roles.Professional, Roles.Establishment] },
        { "GET", "/etablissement/charte", [Roles.Establishment] },
        { "POST", "/etablissement/charte", [Roles.Establishment] },
        { "GET", "/pilotage/charte", [Roles.Admin] },
        { "POST", "/pilotage/charte?handler=Draft", [Roles.Admin] },
        { "GET", "/pilotage/charte/versions/{v2}", [Roles.Admin] },
        { "GET", "/pilotage/charte/versions/{v2}/resultats", [Roles.Admin] },
        { "POST", "/pilotage/charte/versions/{v2}?handler=Add", [Roles.Admin] },
        { "POST", "/pilotage/charte/versions/{v2}?handler=Reword", [Roles.Admin] },
        { "POST", "/pilotage/charte/versions/{v2}?handler=Remove", [Roles.Admin] },
        { "POST", "/pilotage/charte/versions/{v2}?handler=AddGround", [Roles.Admin] },
        { "POST", "/pilotage/charte/versions/{v2}?handler=RemoveGround", [Roles.Admin] },
        { "POST", "/pilotage/charte/versions/{v2}?handler=OpenVote", [Roles.Admin] },
        { "POST", "/pilotage/charte/versions/{v2}?handler=Adopt", [Roles.Admin] },
    };

    [Fact]
    public async Task Each_role_reaches_the_charter_handlers_meant_for_it_and_no_other()
    {
        var v2 = await VersionIdAsync(2);
        var before = await _app.WithDbAsync(db => db.CharterVersions.Select(v => new { v.Id, v.Status }).ToListAsync());
        foreach (var (login, role, _) in DemoSeeder.Logins)
        {
            var client = await _app.SignedInClientAsync(login);
            foreach (var (method, pattern, allowed) in Pages.Select(row => ((string)row[0], (string)row[1], (string[])row[2])))
            {
                var url = pattern.Replace("{v2}", $"{v2}");
                var response = method == "GET" ? await client.GetAsync(url) : await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>()));
                if (allowed.Length == 0 || allowed.Contains(role))
                {
                    // Without its antiforgery token a post stops before the handler; the pages themselves open.
                    Assert.True(response.StatusCode == (method == "GET" ? HttpStatusCode.OK : HttpStatusCode.BadRequest), $"{login} {method} {url}: {(int)response.StatusCode}");
                }
                else
                {
                    Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{login} {method} {url}: {(int)response.StatusCode}");
                    if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        Assert.StartsWith("http://localhost/compte/acces-refuse", response.Headers.Location!.ToString());
                    }
                }
            }
        }
        var anonymous = _app.CreateBrowserlessClient();
        foreach (var (method, pattern, allowed) in Pages.Select(row => ((string)row[0], (string)row[1], (string[])row[2])).Where(p => p.Item1 == "GET"))
        {
            var response = await anonymous.GetAsync(pattern.Replace("{v2}", $"{v2}"));
            Assert.Equal(allowed.Length == 0 ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
        }
        // With a valid token of their own, a young member still cannot adopt.
        var young = await _app.SignedInClientAsync("Faucon");
        var adopt = await young.PostAsync($"/pilotage/charte/versions/{v2}?handler=Adopt", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await young.GetDocumentAsync("/charte/vote")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.StartsWith("http://localhost/compte/acces-refuse", adopt.Headers.Location!.ToString());
        Assert.Equal(before.Select(v => (v.Id, v.Status)), await _app.WithDbAsync(db => db.CharterVersions.Select(v => new ValueTuple<int, CharterVersionStatus>(v.Id, v.Status)).ToListAsync()));
    }

    [Fact]
    public async Task A_draft_is_for_staff_only()
    {
        await _app.WithDbAsync(async db =>
        {
            db.CharterVersions.Add(new CharterVersion { Number = 9, Status = CharterVersionStatus.Draft, CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateBrowserlessClient().GetAsync("/charte/versions/9")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await (await _app.SignedInClientAsync("Baobab")).GetAsync("/charte/versions/9")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await (await _app.SignedInClientAsync(Admin)).GetAsync("/charte/versions/9")).StatusCode);
        }
        finally
        {
            await _app.WithDbAsync(db => db.CharterVersions.Where(v => v.Number == 9).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task Only_young_members_vote_and_only_professionals_and_establishments_comment()
    {
        var practiceId = (await PracticesAsync(2)).First().Id;
        var before = await _app.WithDbAsync(db => db.PracticeComments.CountAsync());
        var pro = await _app.SignedInClientAsync($"pro@{DemoSeeder.Domain}");
        var empty = await (await pro.PostFormAsync("/charte/avis", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["Text"] = "  " }, 0)).ParseAsync();
        Assert.Contains("Écrivez votre commentaire", empty.QuerySelector($"#erreur-{practiceId}")!.TextContent);
        Assert.Equal(before, await _app.WithDbAsync(db => db.PracticeComments.CountAsync()));

        var sent = await pro.PostFormAsync("/charte/avis", new Dictionary<string, string> { ["PracticeId"] = $"{practiceId}", ["Text"] = "Dans notre maison, cela demande une astreinte le week-end." }, 0);
        Assert.Equal($"/charte/avis?envoye={practiceId}#p-{practiceId}", sent.Headers.Location!.OriginalString);
        Assert.Equal(before + 1, await _app.WithDbAsync(db => db.PracticeComments.CountAsync()));
        var results = await (await _app.SignedInClientAsync(Admin)).GetDocumentAsync($"/pilotage/charte/versions/{await VersionIdAsync(2)}/resultats");
        Assert.Contains("astreinte le week-end", results.Text());
    }
}
