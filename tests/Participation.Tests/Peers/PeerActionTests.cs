using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Peers;
using Participation.Web.Shared;

namespace Participation.Tests.Peers;

/// <summary>From a circle to the council's vote to the public roadmap; and what the team arranges: topic circles, badges, figures.</summary>
[Collection(PeerSiteCollection.Name)]
public sealed class PeerActionTests(PeerSite site)
{
    private static readonly string Facilitator = $"animation@{DemoSeeder.Domain}";
    private static readonly string Moderator = $"moderation@{DemoSeeder.Domain}";

    [Fact]
    public async Task An_action_goes_from_its_circle_to_a_council_vote_then_onto_the_roadmap_with_who_carries_it()
    {
        var facilitator = await site.SignedInClientAsync(Facilitator);
        var circle = await site.WithDbAsync(db => db.PeerCircles.SingleAsync(c => c.Slug == "18-25"));
        var title = $"Un parrain pour chaque nouvel arrivant {Guid.NewGuid().ToString("N")[..4]}";

        var created = await facilitator.SubmitHandlerAsync("/pilotage/entraide/actions", "Create", new Dictionary<string, string>
        {
            ["CircleId"] = $"{circle.Id}", ["Title"] = title,
            ["Text"] = "Un jeune du cercle accueille chaque nouvel arrivant au foyer jeunes majeurs pendant son premier mois.",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var actionId = await site.WithDbAsync(db => db.PeerActions.Where(a => a.Title == title).Select(a => a.Id).SingleAsync());
        var page = $"/pilotage/entraide/actions/{actionId}";

        // Only a session the facilitator runs can receive the vote.
        var facilitatorId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == Facilitator).Select(u => u.Id).SingleAsync());
        var sessionId = await NewSessionAsync(facilitatorId);
        var someoneElses = await NewSessionAsync(await site.WithDbAsync(db => db.MembersInRole(Participation.Web.Shared.Roles.Facilitator).Where(u => u.Id != facilitatorId).Select(u => u.Id).FirstAsync()));
        var refused = await (await facilitator.SubmitHandlerAsync(page, "Council", new Dictionary<string, string> { ["SessionId"] = $"{someoneElses}" })).ParseAsync();
        Assert.Contains("Vous n'animez pas cette séance", refused.Text());
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitHandlerAsync(page, "Council", new Dictionary<string, string> { ["SessionId"] = $"{sessionId}" })).StatusCode);

        var poll = await site.WithDbAsync(db => db.Polls.Include(p => p.Options).SingleAsync(p => p.SessionId == sessionId));
        Assert.Equal(PeerActions.Question(title), poll.Question);
        Assert.Equal(["Pour", "Contre", "À revoir"], poll.Options.OrderBy(o => o.Position).Select(o => o.Label));
        Assert.Equal(PeerActionStatus.InCouncilVote, await StatusAsync(actionId));

        // The council votes in the room: five for, one against, two to revise.
        await VoteAsync(poll, [0, 0, 0, 0, 0, 1, 2, 2], close: false);
        var early = await (await facilitator.SubmitHandlerAsync(page, "Decision", new Dictionary<string, string> { ["Decision"] = "Adopted", ["Carriers"] = "Le cercle 18–25 ans" })).ParseAsync();
        Assert.Contains("Le vote n'est pas encore clos", early.Text());
        await site.WithDbAsync(async db => await db.Polls.Where(p => p.Id == poll.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PollStatus.Closed)));
        var nobody = await (await facilitator.SubmitHandlerAsync(page, "Decision", new Dictionary<string, string> { ["Decision"] = "Adopted" })).ParseAsync();
        Assert.Contains("Dites qui porte l'action adoptée", nobody.Text());
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitHandlerAsync(page, "Decision", new Dictionary<string, string>
        {
            ["Decision"] = "Adopted", ["Carriers"] = "Les pairs-aidant·e·s du cercle 18–25 ans et le service jeunes majeurs",
        })).StatusCode);

        var action = await site.WithDbAsync(db => db.PeerActions.SingleAsync(a => a.Id == actionId));
        Assert.Equal((PeerActionStatus.Adopted, 5, 1, 2), (action.Status, action.VotesFor, action.VotesAgainst, action.VotesRevise));
        var roadmap = await site.CreateClient().GetDocumentAsync("/entraide/feuille-de-route");
        var card = roadmap.QuerySelectorAll(".roadmap-list li").Single(li => li.TextContent.Contains(title));
        Assert.Contains("5 pour, 1 contre, 2 à revoir", card.TextContent);
        Assert.Contains("Les pairs-aidant·e·s du cercle 18–25 ans", card.TextContent);
        Assert.Contains("adoptée", card.QuerySelector(".roadmap-step[aria-current=step]")!.TextContent);

        // Done needs what was done, which the roadmap then shows.
        var empty = await (await facilitator.SubmitHandlerAsync(page, "Progress", new Dictionary<string, string> { ["Status"] = "Done", ["Progress"] = "" })).ParseAsync();
        Assert.Contains("Dites ce qui a été fait", empty.Text());
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitHandlerAsync(page, "Progress", new Dictionary<string, string>
        {
            ["Status"] = "Done", ["Progress"] = "Douze parrains formés, chaque arrivée de l'automne accueillie.",
        })).StatusCode);
        var after = await site.CreateClient().GetDocumentAsync("/entraide/feuille-de-route");
        Assert.Contains("Douze parrains formés", after.QuerySelectorAll(".roadmap-list li").Single(li => li.TextContent.Contains(title)).TextContent);
    }

    [Fact]
    public async Task A_topic_circle_is_open_to_its_whole_audience_and_to_no_one_else()
    {
        var moderator = await site.SignedInClientAsync(Moderator);
        var name = $"Parents d'ados {Guid.NewGuid().ToString("N")[..4]}";

        var missing = await (await moderator.SubmitHandlerAsync("/pilotage/entraide/cercles", "Circle", new Dictionary<string, string> { ["Name"] = name, ["Description"] = "Entre parents d'adolescents accueillis." })).ParseAsync();
        Assert.Contains("Choisissez pour qui est le cercle", missing.Text());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync("/pilotage/entraide/cercles", "Circle", new Dictionary<string, string>
        {
            ["Audience"] = "Parents", ["Name"] = name, ["Description"] = "Entre parents d'adolescents accueillis : les sorties, l'école, les visites.",
        })).StatusCode);

        var slug = await site.WithDbAsync(db => db.PeerCircles.Where(c => c.Name == name).Select(c => c.Slug).SingleAsync());
        Assert.StartsWith("parents-", slug);
        Assert.Equal(HttpStatusCode.OK, (await (await site.SignedInClientAsync($"parent@{DemoSeeder.Domain}")).GetAsync($"/entraide/cercles/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await site.SignedInClientAsync("Faucon")).GetAsync($"/entraide/cercles/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await site.SignedInClientAsync("Baobab")).GetAsync($"/entraide/cercles/{slug}")).StatusCode);
    }

    [Fact]
    public async Task The_pair_aidant_badge_is_given_after_a_training_with_its_date_and_shows_beside_the_pseudonym()
    {
        var moderator = await site.SignedInClientAsync(Moderator);

        var child = await (await moderator.SubmitHandlerAsync("/pilotage/entraide/cercles", "Grant", new Dictionary<string, string>
        {
            ["Pseudonym"] = "Colibri", ["Since"] = "2026-10-15", ["Training"] = "Formation pair-aidant, trois jours",
        })).ParseAsync();
        Assert.Contains("Le badge est pour les jeunes de 11 à 25 ans et les parents", child.Text());
        // Baobab wears the demo's badge already: given again, it is refused rather than overwritten.
        var again = await (await moderator.SubmitHandlerAsync("/pilotage/entraide/cercles", "Grant", new Dictionary<string, string>
        {
            ["Pseudonym"] = "baobab", ["Since"] = "2026-10-15", ["Training"] = "Formation pair-aidant, trois jours",
        })).ParseAsync();
        Assert.Contains("Baobab a déjà le badge depuis le", again.Text());
        var baobabId = await site.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == "Baobab").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync("/pilotage/entraide/cercles", "Revoke", new Dictionary<string, string> { ["MemberId"] = baobabId })).StatusCode);
        // Typed in small letters, the pseudonym is found all the same.
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync("/pilotage/entraide/cercles", "Grant", new Dictionary<string, string>
        {
            ["Pseudonym"] = "baobab", ["Since"] = "2026-10-15", ["Training"] = "Formation pair-aidant, trois jours",
        })).StatusCode);

        var baobab = await site.SignedInClientAsync("Baobab");
        // Baobab took part in the demo's circles and has accepted the rules already.
        Assert.Null((await baobab.GetDocumentAsync("/entraide/cercles/18-25")).QuerySelector("#regles"));
        var title = $"Le contrat jeune majeur {Guid.NewGuid().ToString("N")[..4]}";
        var posted = await baobab.SubmitHandlerAsync("/entraide/cercles/18-25", "Thread", new Dictionary<string, string>
        {
            ["Title"] = title, ["Text"] = "Demandez-le avant vos 18 ans, l'entretien de vos 17 ans est fait pour ça.", ["Resources"] = "droits-18-ans",
        });
        var thread = await baobab.GetDocumentAsync(posted.Headers.Location!.ToString());
        Assert.Contains("pair-aidant·e depuis octobre 2026", thread.QuerySelector(".badge-helper")!.TextContent);
        Assert.NotNull(thread.QuerySelector(".post-resources a[href='/entraide/ressources/droits-18-ans']"));
    }

    [Fact]
    public async Task The_resource_library_is_public_with_every_theme_asked_for()
    {
        var anonymous = site.CreateClient();

        var library = await anonymous.GetDocumentAsync("/entraide/ressources");
        foreach (var theme in new[] { "Se loger", "Les papiers", "Le budget", "La santé", "Les études", "Le travail", "Transports et permis", "Tes droits à 18 ans" })
        {
            Assert.Contains(theme, library.QuerySelectorAll("h2").Select(h => h.TextContent));
        }
        var rights = await anonymous.GetDocumentAsync("/entraide/ressources/droits-18-ans");
        Assert.Contains("21", rights.Text());
        Assert.Contains("25", rights.Text());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/entraide/ressources/inconnue")).StatusCode);
    }

    [Fact]
    public async Task The_safeguarding_dashboard_shows_the_networks_moderation_week_by_week_against_the_target()
    {
        var moderator = await site.SignedInClientAsync(Moderator);

        var dashboard = await moderator.GetDocumentAsync("/pilotage/vigilance/tableau");

        var section = dashboard.QuerySelectorAll("section").Single(s => s.QuerySelector("h2")!.TextContent.Contains("Réseau d'entraide"));
        Assert.Contains("moins de 30", section.TextContent.Replace('\u00a0', ' '));
    }

    private Task<PeerActionStatus> StatusAsync(int id) => site.WithDbAsync(db => db.PeerActions.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

    private async Task<int> NewSessionAsync(string facilitatorId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var result = await sessions.CreateAsync(new NewSession($"Plénière {Guid.NewGuid().ToString("N")[..4]}", SessionKind.Plenary, DateTimeOffset.UtcNow.AddDays(3), "Salle du conseil", false,
            "Entraide", AgeBandSet.From15To17 | AgeBandSet.From18To25, []), facilitatorId);
        Assert.True(result.Succeeded);
        return result.Value;
    }

    /// <summary>One ballot per participant, each for the option at the given position.</summary>
    private Task VoteAsync(Poll poll, int[] positions, bool close) => site.WithDbAsync(async db =>
    {
        var options = poll.Options.OrderBy(o => o.Position).ToList();
        await db.Polls.Where(p => p.Id == poll.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, close ? PollStatus.Closed : PollStatus.Open));
        foreach (var position in positions)
        {
            var participant = new Participant { SessionId = poll.SessionId, Pseudonym = $"Votant{Guid.NewGuid().ToString("N")[..6]}", IsGuest = true, JoinedAt = DateTimeOffset.UtcNow };
            db.Participants.Add(participant);
            await db.SaveChangesAsync();
            db.Ballots.Add(new Ballot { PollId = poll.Id, ParticipantId = participant.Id, Choice = $"{options[position].Id}", CastAt = DateTimeOffset.UtcNow });
        }
        await db.SaveChangesAsync();
        return 0;
    });
}
