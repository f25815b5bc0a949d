using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Data;
using Participation.Web.Demo;

namespace Participation.Tests.Demo;

/// <summary>Two instances started together on a new database (empty, on PostgreSQL), both migrating it and asked to seed the demo, as the README's two-instance example with <c>Demo__Seed=true</c>.</summary>
public sealed class DemoSeededOnceTests : IDisposable
{
    private readonly ParticipationApp _first;
    private readonly ParticipationApp _second;

    // On PostgreSQL, a database with nothing in it yet, which both instances migrate as they start.
    private readonly PostgresTestDatabase? _empty = TestDatabase.OnPostgres ? TestDatabase.CreateEmpty() : null;

    public DemoSeededOnceTests()
    {
        var first = new Dictionary<string, string?> { ["Demo:Proposals"] = "0" };
        if (_empty is not null)
        {
            first["Database:Provider"] = nameof(DatabaseProvider.Postgres);
            first["ConnectionStrings:Participation"] = _empty.ConnectionString;
        }
        _first = ParticipationApp.With(first);
        _second = ParticipationApp.With(new Dictionary<string, string?>
        {
            ["Demo:Proposals"] = "0",
            ["ConnectionStrings:Participation"] = _first.Settings["ConnectionStrings:Participation"],
            ["Media:Folder"] = _first.MediaFolder,
        });
    }

    [Fact]
    public async Task Two_instances_starting_together_both_start_and_the_demo_is_there_once()
    {
        await Task.WhenAll(Task.Run(() => _first.CreateClient()), Task.Run(() => _second.CreateClient()));

        Assert.Equal(2, await _first.WithDbAsync(db => db.Establishments.CountAsync()));
        Assert.Equal(1, await _second.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == $"animation@{DemoSeeder.Domain}")));
        var titles = await _second.WithDbAsync(db => db.CouncilSessions.Select(s => s.Title).ToListAsync());
        Assert.NotEmpty(titles);
        Assert.Equal(titles.Distinct().Count(), titles.Count);
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
        _empty?.Dispose();
    }
}
