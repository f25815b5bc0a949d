using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Charter;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Demo;

[Collection(SharedAppCollection.Name)]
public sealed class DemoSeederTests(ParticipationApp app)
{
    [Fact]
    public async Task The_demo_has_sixty_young_members_across_the_four_bands_and_every_role()
    {
        var year = DateTime.Now.Year;
        var members = await app.WithDbAsync(db => (
            from user in db.Users
            join link in db.UserRoles on user.Id equals link.UserId
            join role in db.Roles on link.RoleId equals role.Id
            where user.CreatedById == null
            select new { Role = role.Name, user.BirthYear }).ToListAsync());

        var young = members.Where(m => m.Role == Roles.Young).ToList();
        Assert.Equal(60, young.Count);
        var bands = young.GroupBy(m => AgeBands.ForBirthYear(m.BirthYear!.Value, year)).ToDictionary(g => g.Key!.Value, g => g.Count());
        Assert.Equal(4, bands.Count);
        Assert.All(bands.Values, count => Assert.InRange(count, 12, 18));
        foreach (var role in Roles.All)
        {
            Assert.Contains(members, m => m.Role == role);
        }
        Assert.Equal(2, await app.WithDbAsync(db => db.Establishments.CountAsync()));
    }

    [Fact]
    public async Task The_demo_has_safety_cases_the_detector_really_caught_held_out_of_the_minutes()
    {
        var cases = await app.WithDbAsync(db => db.SafetyCases.Include(c => c.Actions).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(3, cases.Count);
        Assert.All(cases, c => Assert.Matches(@"^[a-z-]+\.txt:\d+", c.Rules));
        Assert.Contains(cases, c => c.Status == Participation.Web.Safeguarding.CaseStatus.Closed && c.Actions.Count == 2);
        Assert.Contains(cases, c => c.Status == Participation.Web.Safeguarding.CaseStatus.Open && c.FirstSeenAt != null);
        // One from the peer network: its message waits, held, in the 15–17 circle.
        var peer = Assert.Single(cases, c => c.Channel == Participation.Web.Safeguarding.SafetyChannel.PeerPost);
        Assert.True(await app.WithDbAsync(db => db.PeerPosts.AnyAsync(p => p.Id == int.Parse(peer.SourceId) && p.HeldForSafety)));
        var held = cases.Where(c => c.Channel == Participation.Web.Safeguarding.SafetyChannel.CouncilIdea).Select(c => int.Parse(c.SourceId)).ToList();
        Assert.Equal(2, await app.WithDbAsync(db => db.Ideas.CountAsync(i => held.Contains(i.Id) && i.Status == Participation.Web.Council.IdeaStatus.HeldForSafety)));

        var session = await app.WithDbAsync(db => db.Ideas.Where(i => i.Id == held[0]).Select(i => i.SessionId).SingleAsync());
        var minutes = (await app.CreateBrowserlessClient().GetDocumentAsync($"/conseil/seances/{session}")).Text();
        Assert.DoesNotContain("me tape", minutes);
        Assert.DoesNotContain("envie de mourir", minutes);
    }

    [Fact]
    public async Task The_demo_charter_has_grounded_practices_in_every_chapter_a_signed_version_and_a_second_under_vote()
    {
        var now = DateTimeOffset.UtcNow;
        var versions = await app.WithDbAsync(db => db.CharterVersions.AsNoTracking().OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        var (first, second) = (versions[0], versions[1]);
        Assert.Equal(CharterVersionStatus.Adopted, first.Status);
        Assert.InRange(first.AdoptedAt!.Value, now.AddDays(-380), now.AddDays(-300));
        Assert.True(first.VoteClosesAt <= first.AdoptedAt);
        Assert.Equal(await app.WithDbAsync(db => db.Users.Where(u => u.Email == $"pilotage@{DemoSeeder.Domain}").Select(u => u.Id).SingleAsync()), first.AdoptedById);
        Assert.Equal(CharterVersionStatus.Consultation, second.Status);
        Assert.True(second.VoteOpen(now));

        var practices = await app.WithDbAsync(db => db.CharterPractices.AsNoTracking().ToListAsync());
        var before = practices.Where(p => p.VersionId == first.Id).ToList();
        var after = practices.Where(p => p.VersionId == second.Id).ToList();
        Assert.InRange(before.Count, 28, 32);
        Assert.Equal(CharterChapters.All.Order(), before.Select(p => p.Chapter).Distinct().Order());
        Assert.All(before.GroupBy(p => p.Chapter), chapter => Assert.True(chapter.Count() >= 2, $"{chapter.Key} has a single practice"));
        var changes = CharterDiff.Compare(before, after).GroupBy(c => c.Change).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((1, 2), (changes[PracticeChange.Removed], changes[PracticeChange.Added]));
        Assert.InRange(changes[PracticeChange.Reworded], 2, 3);

        // Every practice of either version rests on something that exists: a proposal at least.
        var grounds = await app.WithDbAsync(db => db.PracticeGrounds.AsNoTracking().ToListAsync());
        Assert.All(practices, practice => Assert.Contains(grounds, g => g.PracticeId == practice.Id && g.Kind == GroundKind.Proposal));
        Assert.Contains(grounds, g => g.Kind == GroundKind.Question);
        var (proposals, questions, testimonies) = (Sources(GroundKind.Proposal), Sources(GroundKind.Question), Sources(GroundKind.Testimony));
        Assert.Equal(proposals, await app.WithDbAsync(db => db.Proposals.Where(p => proposals.Contains(p.Id)).Select(p => p.Id).OrderBy(id => id).ToArrayAsync()));
        Assert.Equal(questions, await app.WithDbAsync(db => db.Questions.Where(q => questions.Contains(q.Id)).Select(q => q.Id).OrderBy(id => id).ToArrayAsync()));
        Assert.Equal(testimonies, await app.WithDbAsync(db => db.Testimonies.Where(t => testimonies.Contains(t.Id)).Select(t => t.Id).OrderBy(id => id).ToArrayAsync()));
        int[] Sources(GroundKind kind) => grounds.Where(g => g.Kind == kind).Select(g => g.SourceId).Distinct().Order().ToArray();

        // Both establishments signed version 1, each through its own representative.
        var signatures = await app.WithDbAsync(db => db.Ratifications.AsNoTracking()
            .Join(db.Users, r => r.SignedById, u => u.Id, (r, u) => new { r.VersionId, r.EstablishmentId, u.Email, Own = u.EstablishmentId, r.SignedByName }).ToListAsync());
        Assert.Equal(2, signatures.Count);
        Assert.All(signatures, s => Assert.Equal((first.Id, s.EstablishmentId), (s.VersionId, s.Own!.Value)));
        Assert.Equal(2, signatures.Select(s => s.EstablishmentId).Distinct().Count());
        Assert.All(signatures, s => Assert.Matches(@"^\S+ \S.*, (directeur|directrice)$", s.SignedByName));

        var votes = await app.WithDbAsync(db => db.PracticeVotes.AsNoTracking().ToListAsync());
        var earlier = votes.Where(v => before.Any(p => p.Id == v.PracticeId)).ToList();
        Assert.True(earlier.Count(v => v.Choice == PracticeChoice.Agree) > earlier.Count / 2);
        Assert.Contains(earlier, v => v.Choice == PracticeChoice.Change && v.Comment is not null);
        Assert.All(earlier, v => Assert.InRange(v.At, first.VoteOpensAt!.Value, first.VoteClosesAt!.Value));

        // The vote under way: some groups are big enough to be shown, others not yet.
        var current = votes.Where(v => after.Any(p => p.Id == v.PracticeId)).ToList();
        Assert.All(current, v => Assert.InRange(v.At, second.VoteOpensAt!.Value, now));
        var groups = current.GroupBy(v => (v.PracticeId, v.Band)).Select(g => g.Count()).ToList();
        Assert.Contains(groups, count => count >= 5);
        Assert.Contains(groups, count => count < 5);
        Assert.Equal(4, current.Select(v => v.Band).Distinct().Count());
        Assert.Equal(2, current.Where(v => v.EstablishmentId is not null).Select(v => v.EstablishmentId).Distinct().Count());
        var comments = await app.WithDbAsync(db => db.PracticeComments.AsNoTracking().ToListAsync());
        Assert.InRange(comments.Count, 3, 4);
        Assert.All(comments, c => Assert.Contains(after, p => p.Id == c.PracticeId));
    }

    [Fact]
    public async Task The_demo_follow_up_sets_each_establishments_rating_beside_what_its_young_people_say()
    {
        var year = CharterDemo.FollowUpYear(TimeProvider.System);
        var keys = await app.WithDbAsync(db => db.CharterPractices.Where(p => db.CharterVersions.Any(v => v.Id == p.VersionId && v.Number == 1)).Select(p => p.Key).OrderBy(k => k).ToListAsync());
        var establishments = await app.WithDbAsync(db => db.Establishments.ToDictionaryAsync(e => e.Name, e => e.Id));
        var (tilleuls, passerelle) = (establishments["MECS Les Tilleuls"], establishments["Foyer La Passerelle"]);
        var assessments = await app.WithDbAsync(db => db.SelfAssessments.AsNoTracking().Where(a => a.Year == year).ToListAsync());
        var views = await app.WithDbAsync(db => db.YouthViews.AsNoTracking().Where(v => v.Year == year).ToListAsync());
        var taken = await app.WithDbAsync(db => db.YouthViewsTaken.AsNoTracking().Where(t => t.Year == year).ToListAsync());

        foreach (var establishment in new[] { tilleuls, passerelle })
        {
            var own = assessments.Where(a => a.EstablishmentId == establishment).ToList();
            Assert.Equal(keys, own.Select(a => a.PracticeKey).Order());
            Assert.True(own.Count(a => a.Level == PracticeLevel.InPlace) > own.Count / 2);
            Assert.Contains(own, a => a.Level != PracticeLevel.InPlace);
            Assert.Contains(own, a => a.Comment is not null);
            // No more views of a practice than accounts that said they answered.
            var answered = taken.Count(t => t.EstablishmentId == establishment);
            Assert.All(views.Where(v => v.EstablishmentId == establishment).GroupBy(v => v.PracticeKey), g => Assert.True(g.Count() <= answered));
        }

        int Views(int establishment, int key) => views.Count(v => v.EstablishmentId == establishment && v.PracticeKey == key);
        Assert.All(keys, key => Assert.True(Views(tilleuls, key) >= 5, $"practice {key}: {Views(tilleuls, key)} views at Les Tilleuls"));
        Assert.Contains(keys, key => Views(passerelle, key) < 5);
        Assert.Contains(keys, key => Views(passerelle, key) >= 5);

        // Where the establishment says « en place » and most of its young people say « pas encore ».
        var disputed = assessments.Where(a => a.EstablishmentId == tilleuls && a.Level == PracticeLevel.InPlace)
            .Count(a => views.Count(v => v.EstablishmentId == tilleuls && v.PracticeKey == a.PracticeKey && v.Level == PracticeLevel.NotYet) * 2 > Views(tilleuls, a.PracticeKey));
        Assert.InRange(disputed, 3, 6);
    }

    [Fact]
    public async Task Demo_proposals_are_linked_only_to_actions_of_their_theme_and_their_french_reads_right()
    {
        // Proposals the other tests made a moment ago are left out: the demo's are at least an hour old.
        var links = (await app.WithDbAsync(db => (
                from l in db.ProposalPlanLinks
                join p in db.Proposals on l.ProposalId equals p.Id
                join n in db.PlanNodes on l.PlanNodeId equals n.Id
                select new { p.Id, p.Themes, p.CreatedAt, Action = n.Themes, n.Code })
            .ToListAsync()))
            .Where(l => l.CreatedAt < DateTimeOffset.UtcNow.AddMinutes(-30))
            .ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.True((l.Themes & l.Action) != Theme.None, $"proposal {l.Id} linked to {l.Code}"));

        var texts = await app.WithDbAsync(db => db.Proposals.Select(p => p.Text + " " + (p.OriginDetail ?? "")).ToListAsync());
        foreach (var wrong in new[] { "de Les ", "à Les ", "de Le ", "à Le " })
        {
            Assert.DoesNotContain(texts, t => t.Contains(wrong, StringComparison.Ordinal));
        }
        Assert.Contains(texts, t => t.Contains("au groupe des Tilleuls", StringComparison.Ordinal) || t.Contains("au groupe du Moulin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_readme_login_works()
    {
        foreach (var (login, _, _) in DemoSeeder.Logins)
        {
            await app.SignedInClientAsync(login);
        }
    }

    [Fact]
    public async Task The_demo_is_the_same_on_every_run_and_can_be_turned_off()
    {
        using var again = new ParticipationApp();
        using var off = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
        again.CreateClient();
        off.CreateClient();

        // Accounts the other tests create through the facilitators' pages name who created them; the demo's do not.
        var first = await app.WithDbAsync(db => db.Users.Where(u => u.CreatedById == null).OrderBy(u => u.Pseudonym).Select(u => u.Pseudonym).ToListAsync());
        var second = await again.WithDbAsync(db => db.Users.OrderBy(u => u.Pseudonym).Select(u => u.Pseudonym).ToListAsync());
        Assert.Equal(first.Where(p => !p.Contains("-Test") && !p.StartsWith("Hors-Age")), second);

        Assert.Equal(0, await off.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(Roles.All.Count, await off.WithDbAsync(db => db.Roles.CountAsync()));
        Assert.Equal(2, await off.WithDbAsync(db => db.Plans.CountAsync()));
    }
}
