using System.Threading.Channels;
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
        var rows = latest.Select(v => new BallotSql.Row(v.PollId, v.ParticipantId, v.Choice.Serialise(v.Kind))).ToList();
        IReadOnlySet<(int PollId, int ParticipantId)> taken;
        await using (var scope = scopes.CreateAsyncScope())
        {
            taken = await BallotSql.WriteAsync(scope.ServiceProvider.GetRequiredService<ParticipationDb>(), rows, clock.GetUtcNow(), cancellation);
        }
        var stored = latest.Zip(rows).Where(pair => taken.Contains((pair.First.PollId, pair.First.ParticipantId))).ToList();
        foreach (var vote in batch.Where(v => !taken.Contains((v.PollId, v.ParticipantId))))
        {
            vote.Done.TrySetResult(Ack.Refused("Ce vote est fermé."));
        }

        // Committed: now every instance's tally counts them, and each phone hears back.
        foreach (var poll in stored.GroupBy(pair => (pair.First.SessionId, pair.First.PollId)))
        {
            await bus.PublishOrLogAsync(new BallotsCounted(poll.Key.SessionId, poll.Key.PollId,
                poll.Select(pair => new CountedBallot(pair.First.ParticipantId, pair.Second.Choice)).ToList()));
        }
        foreach (var vote in batch)
        {
            // A ballot superseded in the same batch by the participant's next one is answered as done too.
            vote.Done.TrySetResult(Ack.Done);
        }
    }
}
