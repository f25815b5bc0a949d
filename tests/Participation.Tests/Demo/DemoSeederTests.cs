using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
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

        var first = await app.WithDbAsync(db => db.Users.OrderBy(u => u.Pseudonym).Select(u => u.Pseudonym).ToListAsync());
        var second = await again.WithDbAsync(db => db.Users.OrderBy(u => u.Pseudonym).Select(u => u.Pseudonym).ToListAsync());
        Assert.Equal(first.Where(p => !p.Contains("-Test") && !p.StartsWith("Hors-Age")), second);

        Assert.Equal(0, await off.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(Roles.All.Count, await off.WithDbAsync(db => db.Roles.CountAsync()));
        Assert.Equal(2, await off.WithDbAsync(db => db.Plans.CountAsync()));
    }
}
