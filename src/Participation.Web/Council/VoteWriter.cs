using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Council;

public sealed record VoteCommand(int SessionId, int PollId, PollKind Kind, int ParticipantId, BallotChoice Choice, TaskCompletionSource<Ack> Done);

/// <summary>
/// The single writer of ballots: votes queue up, are written in batched transactions, and each
/// is acknowledged only once its transaction has committed and every instance has been told to
/// count it. The database keeps one ballot per participant and poll, whichever instance it came through.
/// </summary>
public sealed class VoteWriter(IServiceScopeFactory scopes, RoomBus bus, TimeProvider clock, ILogger<VoteWriter> logger) : BackgroundService
{
    private const int MaxBatch = 1000;

    private readonly Channel<VoteCommand> _queue = Channel.CreateUnbounded<VoteCommand>(new UnboundedChannelOptions { SingleReader = true });

    public Task<Ack> EnqueueAsync(int sessionId, PollSnapshot poll, int participantId, BallotChoice choice)
    {
        var done = new TaskCompletionSource<Ack>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new VoteCommand(sessionId, poll.Id, poll.Kind, participantId, choice, done)))
        {
            done.SetResult(Ack.Refused("Le vote n'a pas pu être enregistré. Réessaie."));
        }
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<VoteCommand>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var vote))
            {
                batch.Add(vote);
            }
            try
            {
                await WriteAsync(batch, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Writing {Count} ballots failed", batch.Count);
                foreach (var vote in batch)
                {
                    vote.Done.TrySetResult(Ack.Refused("Le vote n'a pas pu être enregistré. Réessaie."));
                }
            }
        }
    }

    private async Task WriteAsync(List<VoteCommand> batch, CancellationToken cancellation)
    {
        // The last ballot of a participant in a batch is the one that counts.
        var latest = batch.GroupBy(v => (v.PollId, v.ParticipantId)).Select(g => g.Last()).ToList();
        var accepted = latest.Select(v => (Vote: v, v.Kind)).ToList();

        if (accepted.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellation);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellation);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // Only while the poll is open in the database and the participant still in the room: a poll closed,
            // or a person removed, while these ballots waited takes none of them.
            command.CommandText = """
                INSERT INTO Ballots (PollId, ParticipantId, Choice, CastAt)
                SELECT $poll, $participant, $choice, $at WHERE EXISTS (SELECT 1 FROM Polls WHERE Id = $poll AND Status = $open)
                  AND NOT EXISTS (SELECT 1 FROM Participants WHERE Id = $participant AND Removed)
                ON CONFLICT (PollId, ParticipantId) DO UPDATE SET Choice = excluded.Choice, CastAt = excluded.CastAt
                """;
            command.Parameters.AddWithValue("$open", (int)PollStatus.Open);
            var pollParameter = command.Parameters.Add("$poll", SqliteType.Integer);
            var participantParameter = command.Parameters.Add("$participant", SqliteType.Integer);
            var choiceParameter = command.Parameters.Add("$choice", SqliteType.Text);
            var atParameter = command.Parameters.Add("$at", SqliteType.Integer);
            var at = (long)new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(clock.GetUtcNow())!;
            var stored = new List<(VoteCommand Vote, PollKind Kind)>();
            foreach (var (vote, kind) in accepted)
            {
                pollParameter.Value = vote.PollId;
                participantParameter.Value = vote.ParticipantId;
                choiceParameter.Value = vote.Choice.Serialise(kind);
                atParameter.Value = at;
                if (await command.ExecuteNonQueryAsync(cancellation) > 0)
                {
                    stored.Add((vote, kind));
                }
                else
                {
                    vote.Done.TrySetResult(Ack.Refused("Ce vote est fermé."));
                }
            }
            await transaction.CommitAsync(cancellation);
            accepted = stored;
        }

        // Committed: now every instance's tally counts them, and each phone hears back.
        foreach (var poll in accepted.GroupBy(a => (a.Vote.SessionId, a.Vote.PollId)))
        {
            await bus.PublishAsync(new BallotsCounted(poll.Key.SessionId, poll.Key.PollId,
                poll.Select(a => new CountedBallot(a.Vote.ParticipantId, a.Vote.Choice.Serialise(a.Kind))).ToList()));
        }
        foreach (var (vote, _) in accepted)
        {
            vote.Done.TrySetResult(Ack.Done);
        }
        foreach (var superseded in batch.Except(latest))
        {
            superseded.Done.TrySetResult(Ack.Done);
        }
    }
}
