using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using Participation.Web.Data;

namespace Participation.Web.Consultations;

/// <summary>
/// How a batch of new responses and their answers reaches the database, in each provider's
/// dialect, far cheaper than a tracked entity per row.
/// </summary>
public static class ResponseSql
{
    private static readonly DateTimeOffsetToBinaryConverter Instant = new();

    /// <summary>Writes the responses and their answers in one committed transaction.</summary>
    public static async Task WriteAsync(ParticipationDb db, IReadOnlyList<Response> responses, CancellationToken cancellation)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        if (connection is NpgsqlConnection postgres)
        {
            await PostgresAsync(postgres, (NpgsqlTransaction)transaction, responses, cancellation);
        }
        else
        {
            await SqliteAsync((SqliteConnection)connection, (SqliteTransaction)transaction, responses, cancellation);
        }
        await transaction.CommitAsync(cancellation);
    }

    // Two prepared statements for the whole batch: in-process, SQLite's cost is the commit, not the statement.
    private static async Task SqliteAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Response> responses, CancellationToken cancellation)
    {
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

        foreach (var response in responses)
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
    }

    // Over the network each statement costs a round trip: the batch goes as arrays, in three.
    private static async Task PostgresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Response> responses, CancellationToken cancellation)
    {
        // The responses' ids are taken first, so that their answers can name them in the same round trip.
        var ids = new List<int>(responses.Count);
        await using (var reserve = new NpgsqlCommand(
            """SELECT nextval(pg_get_serial_sequence('"Responses"', 'Id'))::int FROM generate_series(1, @count)""", connection, transaction))
        {
            reserve.Parameters.AddWithValue("count", responses.Count);
            await using var reader = await reserve.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        await using (var insertResponses = new NpgsqlCommand("""
            INSERT INTO "Responses" ("Id", "QuestionnaireId", "Status", "Channel", "Language", "UpdatedAt", "SubmittedAt", "EnteredById")
            SELECT r.id, r.questionnaire, r.status, r.channel, r.language, r.at, r.at, r.entered_by
            FROM unnest(@ids, @questionnaires, @statuses, @channels, @languages, @ats, @entered_by)
              AS r(id, questionnaire, status, channel, language, at, entered_by)
            """, connection, transaction))
        {
            insertResponses.Parameters.AddWithValue("ids", ids.ToArray());
            insertResponses.Parameters.AddWithValue("questionnaires", responses.Select(r => r.QuestionnaireId).ToArray());
            insertResponses.Parameters.AddWithValue("statuses", responses.Select(r => (int)r.Status).ToArray());
            insertResponses.Parameters.AddWithValue("channels", responses.Select(r => (int)r.Channel).ToArray());
            insertResponses.Parameters.AddWithValue("languages", responses.Select(r => r.Language).ToArray());
            insertResponses.Parameters.AddWithValue("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
                responses.Select(r => (r.SubmittedAt ?? r.UpdatedAt).ToUniversalTime()).ToArray());
            insertResponses.Parameters.AddWithValue("entered_by", NpgsqlDbType.Array | NpgsqlDbType.Text, responses.Select(r => r.EnteredById).ToArray());
            await insertResponses.ExecuteNonQueryAsync(cancellation);
        }

        var answers = responses.Zip(ids).SelectMany(pair => pair.First.Answers.Select(a => (ResponseId: pair.Second, Answer: a))).ToList();
        if (answers.Count == 0)
        {
            return;
        }
        await using var insertAnswers = new NpgsqlCommand("""
            INSERT INTO "Answers" ("ResponseId", "QuestionId", "OptionId", "Rank", "Text", "Themes", "HeldForSafety")
            SELECT a.response, a.question, a.option, a.rank, a.text, 0, a.held
            FROM unnest(@responses, @questions, @options, @ranks, @texts, @held) AS a(response, question, option, rank, text, held)
            """, connection, transaction);
        insertAnswers.Parameters.AddWithValue("responses", answers.Select(a => a.ResponseId).ToArray());
        insertAnswers.Parameters.AddWithValue("questions", answers.Select(a => a.Answer.QuestionId).ToArray());
        insertAnswers.Parameters.AddWithValue("options", NpgsqlDbType.Array | NpgsqlDbType.Integer, answers.Select(a => a.Answer.OptionId).ToArray());
        insertAnswers.Parameters.AddWithValue("ranks", NpgsqlDbType.Array | NpgsqlDbType.Integer, answers.Select(a => a.Answer.Rank).ToArray());
        insertAnswers.Parameters.AddWithValue("texts", NpgsqlDbType.Array | NpgsqlDbType.Text, answers.Select(a => a.Answer.Text).ToArray());
        insertAnswers.Parameters.AddWithValue("held", answers.Select(a => a.Answer.HeldForSafety).ToArray());
        await insertAnswers.ExecuteNonQueryAsync(cancellation);
    }
}
