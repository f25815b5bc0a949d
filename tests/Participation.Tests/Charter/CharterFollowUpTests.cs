using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Charter;
using Participation.Web.Demo;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Tests.Charter;

/// <summary>The yearly follow-up through the real host: the establishment's word, its young people's, and the two side by side for staff.</summary>
public sealed class CharterFollowUpTests : IClassFixture<ParticipationApp>
{
    private readonly ParticipationApp _app;

    public CharterFollowUpTests(ParticipationApp app)
    {
        _app = app;
        app.CreateClient();
    }

    private static readonly string Admin = $"pilotage@{DemoSeeder.Domain}";
    private static readonly string Tilleuls = $"etablissement@{DemoSeeder.Domain}";

    private Task<List<CharterPractice>> AdoptedAsync() =>
        _app.WithDbAsync(db => db.CharterPractices.Where(p => db.CharterVersions.Any(v => v.Id == p.VersionId && v.Status == CharterVersionStatus.Adopted)).OrderBy(p => p.Key).ToListAsync());

    private Task<int> EstablishmentAsync(string name) => _app.WithDbAsync(db => db.Establishments.Where(e => e.Name == name).Select(e => e.Id).SingleAsync());

    [Fact]
    public async Task Staff_see_an_establishments_word_beside_its_young_peoples_with_the_disagreements_marked()
    {
        var page = await (await _app.SignedInClientAsync(Admin)).GetDocumentAsync("/pilotage/charte/suivi");
        var tilleuls = await EstablishmentAsync("MECS Les Tilleuls");
        var section = page.QuerySelector($"#etab-{tilleuls}")!.ParentElement!;
        var rows = section.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal((await AdoptedAsync()).Count, rows.Count);

        // Recompute one disagreement from the rows themselves: the home says « en place », most of its young people « pas encore ».
        var year = CharterDemo.FollowUpYear(TimeProvider.System);
        var said = await _app.WithDbAsync(db => db.SelfAssessments.Where(a => a.EstablishmentId == tilleuls && a.Year == year).ToDictionaryAsync(a => a.PracticeKey, a => a.Level));
        var views = await _app.WithDbAsync(db => db.YouthViews.Where(v => v.EstablishmentId == tilleuls && v.Year == year).ToListAsync());
        var expected = said.Where(s =>
        {
            var mine = views.Where(v => v.PracticeKey == s.Key).Select(v => v.Level).ToList();
            var away = mine.Count(level => Math.Abs(CharterFollowUp.Score(level) - CharterFollowUp.Score(s.Value)) >= 1);
            return mine.Count >= SmallGroups.Minimum && 2 * away > mine.Count;
        }).Select(s => s.Key).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, section.QuerySelectorAll("tr.charter-disagree").Length);

        // Passerelle has fewer young answers: some practices show no figures at all.
        var passerelle = page.QuerySelector($"#etab-{await EstablishmentAsync("Foyer La Passerelle")}")!.ParentElement!;
        Assert.Contains("masqué", passerelle.TextContent);
        Assert.All(passerelle.QuerySelectorAll("tbody tr td:nth-child(3)").Select(td => td.TextContent).Where(t => t.Contains("« oui »")),
            t => Assert.True(t.Split(',').Sum(part => int.Parse(new string(part.Trim().TakeWhile(char.IsDigit).ToArray()))) >= SmallGroups.Minimum, t));

        // Across the département, the practice least in place comes first.
        Assert.NotEmpty(page.QuerySelectorAll(".charter-least li"));
    }

    [Fact]
    public async Task An_establishment_rates_every_practice_for_itself_only_and_a_missing_one_writes_nothing()
    {
        var client = await _app.SignedInClientAsync(Tilleuls);
        var practices = await AdoptedAsync();
        var tilleuls = await EstablishmentAsync("MECS Les Tilleuls");
        var year = CharterDemo.FollowUpYear(TimeProvider.System);
        var before = await _app.WithDbAsync(db => db.SelfAssessments.Where(a => a.EstablishmentId == tilleuls && a.Year == year).Select(a => new { a.PracticeKey, a.Level }).ToListAsync());

        var partial = practices.Skip(1).ToDictionary(p => $"Level-{p.Key}", _ => "InPlace");
        partial[$"Comment-{practices[1].Key}"] = "Affiché dans l'entrée depuis mars.";
        var refused = await (await client.PostFormAsync("/etablissement/charte/suivi", partial)).ParseAsync();
        Assert.Contains($"Pratique {CharterQueries.Numbered(practices)[0].Number}", refused.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("Affiché dans l'entrée depuis mars.", refused.QuerySelector($"#c-{practices[1].Key}")!.TextContent);
        Assert.NotNull(refused.QuerySelector($"#n-{practices[1].Key}-InPlace[checked]"));
        Assert.Equal(before.Select(b => (b.PracticeKey, b.Level)).Order(), (await _app.WithDbAsync(db => db.SelfAssessments.Where(a => a.EstablishmentId == tilleuls && a.Year == year).Select(a => new ValueTuple<int, PracticeLevel>(a.PracticeKey, a.Level)).ToListAsync())).Order());

        var all = practices.ToDictionary(p => $"Level-{p.Key}", _ => "NotYet");
        Assert.Equal("/etablissement/charte/suivi?fait=1", (await client.PostFormAsync("/etablissement/charte/suivi", all)).Headers.Location!.OriginalString);
        Assert.All(await _app.WithDbAsync(db => db.SelfAssessments.Where(a => a.EstablishmentId == tilleuls && a.Year == year).ToListAsync()), a => Assert.Equal(PracticeLevel.NotYet, a.Level));

        // The service refuses a rating for another establishment, whoever asks.
        await using var scope = _app.Services.CreateAsyncScope();
        var followUp = scope.ServiceProvider.GetRequiredService<CharterFollowUp>();
        var passerelle = await EstablishmentAsync("Foyer La Passerelle");
        var answers = practices.ToDictionary(p => p.Key, _ => ((PracticeLevel?)PracticeLevel.InPlace, (string?)null));
        var representative = await _app.ActorAsync(Tilleuls);
        var (other, _) = await followUp.AssessAsync(representative, passerelle, answers);
        Assert.Contains("pour un autre", other[""]);
        Assert.DoesNotContain(representative.MemberId, await _app.WithDbAsync(db => db.SelfAssessments.Where(a => a.EstablishmentId == passerelle && a.Year == year).Select(a => a.ById).ToListAsync()));
    }

    [Fact]
    public async Task A_comment_in_the_follow_up_that_says_a_child_is_in_danger_is_held_for_the_safeguarding_team_until_its_case_releases_it()
    {
        var client = await _app.SignedInClientAsync($"etablissement2@{DemoSeeder.Domain}");
        var admin = await _app.SignedInClientAsync(Admin);
        var practices = await AdoptedAsync();
        var passerelle = await EstablishmentAsync("Foyer La Passerelle");
        var year = CharterDemo.FollowUpYear(TimeProvider.System);
        var form = practices.ToDictionary(p => $"Level-{p.Key}", _ => "InProgress");
        form[$"Comment-{practices[2].Key}"] = "Un éducateur frappe les enfants le soir, je ne sais pas quoi faire";
        form[$"Comment-{practices[3].Key}"] = "Affiché dans chaque chambre depuis mai.";
        var sent = await client.PostFormAsync("/etablissement/charte/suivi", form);
        Assert.Equal("/etablissement/charte/suivi?fait=vigilance", sent.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.NotNull(page.QuerySelector(".notice-urgent .help-now a[href='tel:119']"));

        var rows = await _app.WithDbAsync(db => db.SelfAssessments.Where(a => a.EstablishmentId == passerelle && a.Year == year).ToDictionaryAsync(a => a.PracticeKey));
        Assert.True(rows[practices[2].Key].CommentHeld);
        Assert.Equal(PracticeLevel.InProgress, rows[practices[2].Key].Level);
        Assert.Equal("Affiché dans chaque chambre depuis mai.", rows[practices[3].Key].Comment);
        Assert.False(rows[practices[3].Key].CommentHeld);
        var cases = () => _app.WithDbAsync(db => db.SafetyCases.Where(c => c.Channel == SafetyChannel.CharterComment && c.SourceId.StartsWith($"assessment:{passerelle}:") && c.Text.Contains("frappe les enfants")).ToListAsync());
        var held = Assert.Single(await cases());
        Assert.Contains("frappe", held.Text);
        var followUp = await admin.GetDocumentAsync("/pilotage/charte/suivi");
        Assert.DoesNotContain("frappe les enfants", followUp.Text());
        Assert.Contains("commentaire retenu par la vigilance", followUp.QuerySelector($"#etab-{passerelle}")!.ParentElement!.TextContent);

        // Sent again with the same words, say after changing a rating: the case already open is enough.
        form[$"Level-{practices[0].Key}"] = "InPlace";
        await client.PostFormAsync("/etablissement/charte/suivi", form);
        Assert.Single(await cases());

        // The team reads it and judges it can be shown after all: the follow-up shows it.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var channel = scope.ServiceProvider.GetServices<IHeldTextChannel>().Single(c => c.Channel == SafetyChannel.CharterComment);
            Assert.True(await channel.PublishAsync(held.SourceId));
        }
        Assert.Contains("frappe les enfants", (await admin.GetDocumentAsync("/pilotage/charte/suivi")).Text());
    }

    [Fact]
    public async Task A_held_follow_up_comment_changed_since_is_not_released_by_the_old_case()
    {
        var client = await _app.SignedInClientAsync($"etablissement2@{DemoSeeder.Domain}");
        var practices = await AdoptedAsync();
        var passerelle = await EstablishmentAsync("Foyer La Passerelle");
        var year = CharterDemo.FollowUpYear(TimeProvider.System);
        var form = practices.ToDictionary(p => $"Level-{p.Key}", _ => "InProgress");
        form[$"Comment-{practices[5].Key}"] = "Une jeune nous a dit qu'on la frappe chez son père le week-end";
        await client.PostFormAsync("/etablissement/charte/suivi", form);
        var held = await _app.WithDbAsync(db => db.SafetyCases.Where(c => c.Channel == SafetyChannel.CharterComment && c.SourceId.StartsWith($"assessment:{passerelle}:")).OrderBy(c => c.Id).LastAsync());

        form[$"Comment-{practices[5].Key}"] = "Réglé avec l'équipe, rien à signaler.";
        await client.PostFormAsync("/etablissement/charte/suivi", form);
        await using var scope = _app.Services.CreateAsyncScope();
        var channel = scope.ServiceProvider.GetServices<IHeldTextChannel>().Single(c => c.Channel == SafetyChannel.CharterComment);
        Assert.False(await channel.PublishAsync(held.SourceId));
        var row = await _app.WithDbAsync(db => db.SelfAssessments.SingleAsync(a => a.EstablishmentId == passerelle && a.Year == year && a.PracticeKey == practices[5].Key));
        Assert.Equal("Réglé avec l'équipe, rien à signaler.", row.Comment);
        Assert.False(row.CommentHeld);
    }

    [Fact]
    public async Task Words_the_team_released_stay_released_when_saved_again_and_words_it_kept_stay_held_without_a_new_case()
    {
        var client = await _app.SignedInClientAsync($"etablissement2@{DemoSeeder.Domain}");
        var moderator = await _app.SignedInClientAsync($"moderation@{DemoSeeder.Domain}");
        var practices = await AdoptedAsync();
        var passerelle = await EstablishmentAsync("Foyer La Passerelle");
        var year = CharterDemo.FollowUpYear(TimeProvider.System);
        var released = "Un jeune nous a dit qu'on le frappe chez sa mère le dimanche";
        var kept = "Une jeune dit qu'un adulte la frappe quand elle rentre tard";
        var form = practices.ToDictionary(p => $"Level-{p.Key}", _ => "InProgress");
        form[$"Comment-{practices[7].Key}"] = released;
        form[$"Comment-{practices[8].Key}"] = kept;
        await client.PostFormAsync("/etablissement/charte/suivi", form);
        var cases = () => _app.WithDbAsync(db => db.SafetyCases.Where(c => c.Channel == SafetyChannel.CharterComment && (c.Text == released || c.Text == kept)).ToListAsync());
        var opened = await cases();
        Assert.Equal(2, opened.Count);
        Assert.All(opened, c => Assert.Contains("Foyer La Passerelle", c.Origin));

        // The team publishes the first after all, and closes the second as a false alarm without publishing it.
        async Task ActAsync(SafetyCase safetyCase, string kind)
        {
            var url = $"/pilotage/vigilance/cas/{safetyCase.Id}";
            await moderator.GetDocumentAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync(url, new Dictionary<string, string> { ["Kind"] = kind, ["Reason"] = "Vu avec la direction de l'établissement." }, formIndex: 0)).StatusCode);
        }
        await ActAsync(opened.Single(c => c.Text == released), "Published");
        await ActAsync(opened.Single(c => c.Text == kept), "FalseAlarm");
        var row = (int key) => _app.WithDbAsync(db => db.SelfAssessments.SingleAsync(a => a.EstablishmentId == passerelle && a.Year == year && a.PracticeKey == key));
        Assert.False((await row(practices[7].Key)).CommentHeld);
        Assert.True((await row(practices[8].Key)).CommentHeld);

        // Saved again with the same words, after changing another rating: nothing is held back again, nothing reopens.
        form[$"Level-{practices[0].Key}"] = "InPlace";
        Assert.Equal("/etablissement/charte/suivi?fait=vigilance", (await client.PostFormAsync("/etablissement/charte/suivi", form)).Headers.Location!.OriginalString);
        Assert.False((await row(practices[7].Key)).CommentHeld);
        Assert.True((await row(practices[8].Key)).CommentHeld);
        Assert.Equal(2, (await cases()).Count);
        Assert.All(await cases(), c => Assert.Equal(CaseStatus.Closed, c.Status));
        Assert.Contains("chez sa mère", (await (await _app.SignedInClientAsync(Admin)).GetDocumentAsync("/pilotage/charte/suivi")).Text());
    }

    [Fact]
    public async Task A_young_person_gives_their_view_once_a_year_and_the_answers_keep_no_account()
    {
        var loutre = await _app.SignedInClientAsync("Loutre");
        var member = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "Loutre"));
        var year = CharterDemo.FollowUpYear(TimeProvider.System);
        // The demo may already count Loutre among those who answered: start from a year without it.
        await _app.WithDbAsync(db => db.YouthViewsTaken.Where(t => t.MemberId == member.Id).ExecuteDeleteAsync());
        var practices = await AdoptedAsync();
        var before = await _app.WithDbAsync(db => db.YouthViews.CountAsync(v => v.EstablishmentId == member.EstablishmentId && v.Year == year));

        var nothing = await (await loutre.PostFormAsync("/charte/mon-avis", new Dictionary<string, string>())).ParseAsync();
        Assert.Contains("Réponds au moins pour une pratique", nothing.QuerySelector(".error-summary")!.TextContent);

        // Two answers out of thirty: asked once more before the only answer of the year goes, the two kept.
        var partial = new Dictionary<string, string> { [$"Level-{practices[0].Key}"] = "NotYet", [$"Level-{practices[1].Key}"] = "InPlace" };
        var asked = await (await loutre.PostFormAsync("/charte/mon-avis", partial)).ParseAsync();
        Assert.Contains($"Tu as répondu à 2 pratiques sur {practices.Count}", asked.QuerySelector("#confirmer")!.TextContent);
        Assert.NotNull(asked.QuerySelector($"#a-{practices[0].Key}-NotYet[checked]"));
        Assert.Equal(before, await _app.WithDbAsync(db => db.YouthViews.CountAsync(v => v.EstablishmentId == member.EstablishmentId && v.Year == year)));

        var sent = await loutre.PostFormAsync("/charte/mon-avis", new Dictionary<string, string>(partial) { ["Confirmed"] = "true" });
        Assert.Equal("/charte/mon-avis?fait=merci", sent.Headers.Location!.OriginalString);
        Assert.Equal(before + 2, await _app.WithDbAsync(db => db.YouthViews.CountAsync(v => v.EstablishmentId == member.EstablishmentId && v.Year == year)));
        Assert.True(await _app.WithDbAsync(db => db.YouthViewsTaken.AnyAsync(t => t.MemberId == member.Id && t.Year == year)));
        // Nothing in a view points to the account, nor its age band; and who answered is not kept in the order of writing.
        Assert.Equal(["EstablishmentId", "Id", "Level", "PracticeKey", "Year"], typeof(YouthView).GetProperties().Select(p => p.Name).Order());
        // SQLite stores a WITHOUT ROWID table in the order of its key; PostgreSQL has no such table form.
        if (!TestDatabase.OnPostgres)
        {
            var schema = await _app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE name = 'YouthViewsTaken'").SingleAsync());
            Assert.EndsWith("WITHOUT ROWID", schema);
        }

        var again = await loutre.GetDocumentAsync("/charte/mon-avis");
        Assert.Contains("Tu as déjà donné ton avis", again.Text());
        Assert.Null(again.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task A_young_person_whose_account_says_nowhere_is_told_whom_to_ask()
    {
        var baobab = await _app.SignedInClientAsync("Baobab");
        var page = await baobab.GetDocumentAsync("/charte/mon-avis");
        Assert.Contains("demande à ton animateur", page.Text());
        Assert.Null(page.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task Only_staff_read_the_follow_up_only_representatives_rate_and_only_young_people_give_a_view()
    {
        var pages = new (string Url, string Role)[] { ("/pilotage/charte/suivi", Roles.Admin), ("/etablissement/charte/suivi", Roles.Establishment), ("/charte/mon-avis", Roles.Young) };
        foreach (var (login, role, _) in DemoSeeder.Logins)
        {
            var client = await _app.SignedInClientAsync(login);
            foreach (var (url, allowed) in pages)
            {
                var get = await client.GetAsync(url);
                var post = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>()));
                if (role == allowed)
                {
                    Assert.Equal(HttpStatusCode.OK, get.StatusCode);
                    Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
                }
                else
                {
                    Assert.True(get.StatusCode == HttpStatusCode.Redirect && get.Headers.Location!.ToString().Contains("/compte/acces-refuse"), $"{login} GET {url}");
                    Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{login} POST {url}: {(int)post.StatusCode}");
                }
            }
        }
    }
}
