using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Council;
using Participation.Web.Data;

namespace Participation.Tests.Council;

/// <summary>The vote writer's SQL on the run's database: one ballot per participant, only in an open poll.</summary>
public sealed class BallotSqlTests : IDisposable
{
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Seed"] = "false" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_participant_voting_again_replaces_their_ballot()
    {
        var (poll, participants) = await PollAsync(PollStatus.Open, 3);
        // To the second: PostgreSQL keeps microseconds, .NET ticks of a tenth of one.
        var at = new DateTimeOffset(2026, 12, 3, 18, 30, 0, TimeSpan.Zero);

        var first = await WriteAsync(participants.Select(p => new BallotSql.Row(poll, p, "1")).ToList(), at);
        var second = await WriteAsync([new BallotSql.Row(poll, participants[0], "2")], at.AddSeconds(5));

        Assert.Equal(participants.Select(p => (poll, p)).ToHashSet(), first.ToHashSet());
        Assert.Equal([(poll, participants[0])], second);
        var ballots = await _app.WithDbAsync(db => db.Ballots.Where(b => b.PollId == poll).OrderBy(b => b.ParticipantId).ToListAsync());
        Assert.Equal(["2", "1", "1"], ballots.Select(b => b.Choice));
        Assert.Equal(at.AddSeconds(5), ballots[0].CastAt);
    }

    [Fact]
    public async Task A_closed_poll_or_a_removed_participant_takes_no_ballot()
    {
        var (closed, inClosed) = await PollAsync(PollStatus.Closed, 1);
        var (open, inOpen) = await PollAsync(PollStatus.Open, 2);
        await _app.WithDbAsync(db => db.Participants.Where(p => p.Id == inOpen[1]).ExecuteUpdateAsync(s => s.SetProperty(p => p.Removed, true)));

        var taken = await WriteAsync([new(closed, inClosed[0], "1"), new(open, inOpen[0], "1"), new(open, inOpen[1], "1")], DateTimeOffset.UtcNow);

        Assert.Equal([(open, inOpen[0])], taken);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == open || b.PollId == closed)));
    }

    private Task<IReadOnlySet<(int PollId, int ParticipantId)>> WriteAsync(IReadOnlyList<BallotSql.Row> rows, DateTimeOffset at) =>
        _app.WithDbAsync(db => BallotSql.WriteAsync(db, rows, at, CancellationToken.None));

    private Task<(int Poll, int[] Participants)> PollAsync(PollStatus status, int participants) => _app.WithDbAsync(async db =>
    {
        var session = new CouncilSession { Title = "Séance d'essai", Theme = "Bien manger", Status = SessionStatus.Live, StartsAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow };
        db.CouncilSessions.Add(session);
        await db.SaveChangesAsync();
        var poll = new Poll { SessionId = session.Id, Question = "On cuisine le samedi ?", Kind = PollKind.SingleChoice, Status = status };
        var people = Enumerable.Range(1, participants).Select(i => new Participant { SessionId = session.Id, Pseudonym = $"Jeune{i}", IsGuest = true, JoinedAt = DateTimeOffset.UtcNow }).ToList();
        db.Polls.Add(poll);
        db.Participants.AddRange(people);
        await db.SaveChangesAsync();
        return (poll.Id, people.Select(p => p.Id).ToArray());
    });
}

/// <summary>What PostgreSQL's row locks add: a ballot and its voter's removal, sent at the same moment from two instances.</summary>
[Trait(ParticipationApp.Database, ParticipationApp.PostgresOnly)]
public sealed class BallotRemovalRaceTests : IDisposable
{
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?>(ParticipationApp.OnPostgres) { ["Demo:Seed"] = "false" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_ballot_written_while_its_voter_is_being_removed_waits_for_the_removal_and_is_not_taken()
    {
        var (poll, participants) = await _app.WithDbAsync(async db =>
        {
            var session = new CouncilSession { Title = "Séance d'essai", Theme = "Bien manger", Status = SessionStatus.Live, StartsAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow };
            db.CouncilSessions.Add(session);
            await db.SaveChangesAsync();
            var open = new Poll { SessionId = session.Id, Question = "On cuisine le samedi ?", Kind = PollKind.SingleChoice, Status = PollStatus.Open };
            var people = Enumerable.Range(1, 2).Select(i => new Participant { SessionId = session.Id, Pseudonym = $"Jeune{i}", IsGuest = true, JoinedAt = DateTimeOffset.UtcNow }).ToList();
            db.Polls.Add(open);
            db.Participants.AddRange(people);
            await db.SaveChangesAsync();
            return (open.Id, people.Select(p => p.Id).ToArray());
        });

        // The removal, on one instance, has changed the row and not committed yet.
        await using var scope = _app.Services.CreateAsyncScope();
        var removal = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        await using var transaction = await removal.Database.BeginTransactionAsync();
        await removal.Participants.Where(p => p.Id == participants[1]).ExecuteUpdateAsync(set => set.SetProperty(p => p.Removed, true));

        // The other instance's batch, with that voter's ballot in it, waits for it...
        var batch = _app.WithDbAsync(db => BallotSql.WriteAsync(db, [new(poll, participants[0], "1"), new(poll, participants[1], "1")], DateTimeOffset.UtcNow, CancellationToken.None));
        await Task.Delay(500);
        Assert.False(batch.IsCompleted);

        // ...and once the removal is committed, takes every ballot but the removed voter's.
        await transaction.CommitAsync();
        Assert.Equal([(poll, participants[0])], await batch.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([participants[0]], await _app.WithDbAsync(db => db.Ballots.Where(b => b.PollId == poll).Select(b => b.ParticipantId).ToListAsync()));
    }
}
