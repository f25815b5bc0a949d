using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
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

    private static readonly DateTimeOffsetToBinaryConverter Instant = new();

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
        var connection = (SqliteConnection)scope.ServiceProvider.GetRequiredService<ParticipationDb>().Database.GetDbConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellation);

        // Two prepared statements for the whole batch: far cheaper than a tracked entity per row.
        await using var insertResponse = connection.CreateCommand();
        insertResponse.Transaction = transaction;
        insertResponse.CommandText = """
            INSERT INTO Responses (QuestionnaireId, Status, Channel, Language, UpdatedAt, SubmittedAt, EnteredById)
            VALUES ($questionnaire, $status, $channel, $language, $at, $at, $enteredBy) RETURNING Id
            """;
        var questionnaire = insertResponse.Parameters.Add("$questionnaire", SqliteType.Integer);
        var status = insertResponse.Parameters.Add("$status", SqliteType.Integer);
        var channel = insertResponse.Parameters.Add("$channel", SqliteType.Integer);
        var language = insertResponse.Parameters.Add("$language", SqliteType.Text);
        var at = insertResponse.Parameters.Add("$at", SqliteType.Integer);
        var enteredBy = insertResponse.Parameters.Add("$enteredBy", SqliteType.Text);
        await using var insertAnswer = connection.CreateCommand();
        insertAnswer.Transaction = transaction;
        insertAnswer.CommandText = """
            INSERT INTO Answers (ResponseId, QuestionId, OptionId, Rank, Text, Themes)
            VALUES ($response, $question, $option, $rank, $text, 0)
            """;
        var responseId = insertAnswer.Parameters.Add("$response", SqliteType.Integer);
        var question = insertAnswer.Parameters.Add("$question", SqliteType.Integer);
        var option = insertAnswer.Parameters.Add("$option", SqliteType.Integer);
        var rank = insertAnswer.Parameters.Add("$rank", SqliteType.Integer);
        var text = insertAnswer.Parameters.Add("$text", SqliteType.Text);

        foreach (var (response, _) in batch)
        {
            questionnaire.Value = response.QuestionnaireId;
            status.Value = (int)response.Status;
            channel.Value = (int)response.Channel;
            language.Value = response.Language;
            at.Value = Instant.ConvertToProvider(response.SubmittedAt ?? response.UpdatedAt);
            enteredBy.Value = (object?)response.EnteredById ?? DBNull.Value;
            responseId.Value = (long)(await insertResponse.ExecuteScalarAsync(cancellation))!;
            foreach (var answer in response.Answers)
            {
                question.Value = answer.QuestionId;
                option.Value = (object?)answer.OptionId ?? DBNull.Value;
                rank.Value = (object?)answer.Rank ?? DBNull.Value;
                text.Value = (object?)answer.Text ?? DBNull.Value;
                await insertAnswer.ExecuteNonQueryAsync(cancellation);
            }
        }
        await transaction.CommitAsync(cancellation);
    }
}
