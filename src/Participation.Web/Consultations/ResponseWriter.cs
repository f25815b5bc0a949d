using System.Threading.Channels;
using Participation.Web.Data;

namespace Participation.Web.Consultations;

/// <summary>
/// The single writer of new responses: they queue up and are written in batched transactions,
/// each sender answered only once its transaction has committed. Parents sending at the same
/// moment then share one commit instead of each request fighting for SQLite's write lock, where
/// the driver waits by blocking a thread for 150 ms at a time.
/// </summary>
public sealed class ResponseWriter(IServiceScopeFactory scopes, ILogger<ResponseWriter> logger) : BackgroundService
{
    private const int MaxBatch = 500;

    private sealed record Pending(Response Response, TaskCompletionSource<bool> Done);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Pending> _batch = new(MaxBatch);

    /// <summary>Stores a new response and its answers; true once committed, false if it could not be.</summary>
    public Task<bool> WriteAsync(Response response)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(response, done)))
        {
            done.SetResult(false);
        }
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WriteBatchesAsync(stoppingToken);
        }
        finally
        {
            // The site is stopping: whoever still waits is told their answers were not stored, so the page can say so.
            _queue.Writer.TryComplete();
            _batch.ForEach(p => p.Done.TrySetResult(false));
            while (_queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetResult(false);
            }
        }
    }

    private async Task WriteBatchesAsync(CancellationToken stoppingToken)
    {
        var batch = _batch;
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                await StoreAsync(batch, stoppingToken);
                batch.ForEach(p => p.Done.TrySetResult(true));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A response the database refuses must not cost the others theirs: each is tried alone.
                logger.LogWarning(e, "Writing {Count} responses together failed; writing them one by one", batch.Count);
                foreach (var pending in batch)
                {
                    try
                    {
                        await StoreAsync([pending], stoppingToken);
                        pending.Done.TrySetResult(true);
                    }
                    catch (Exception alone) when (alone is not OperationCanceledException)
                    {
                        logger.LogError(alone, "A response to questionnaire {Questionnaire} could not be written", pending.Response.QuestionnaireId);
                        pending.Done.TrySetResult(false);
                    }
                }
            }
        }
    }

    private async Task StoreAsync(IReadOnlyList<Pending> batch, CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ResponseSql.WriteAsync(scope.ServiceProvider.GetRequiredService<ParticipationDb>(), batch.Select(p => p.Response).ToList(), cancellation);
    }
}
