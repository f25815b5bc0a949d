using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using Participation.Web.Data;

namespace Participation.Web.Council;

/// <summary>
/// How a batch of ballots reaches the database, in each provider's dialect: one ballot per
/// participant and poll (a new one replaces the old), taken only while the poll is open in the
/// database and the participant still in the room.
/// </summary>
public static class BallotSql
{
    public sealed record Row(int PollId, int ParticipantId, string Choice);

    private static readonly DateTimeOffsetToBinaryConverter Instant = new();

    /// <summary>Writes the rows in one committed transaction and returns those that were taken.</summary>
    public static async Task<IReadOnlySet<(int PollId, int ParticipantId)>> WriteAsync(
        ParticipationDb db, IReadOnlyList<Row> rows, DateTimeOffset at, CancellationToken cancellation)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var stored = connection is NpgsqlConnection postgres
            ? await PostgresAsync(postgres, (NpgsqlTransaction)transaction, rows, at, cancellation)
            : await SqliteAsync((SqliteConnection)connection, (SqliteTransaction)transaction, rows, at, cancellation);
        await transaction.CommitAsync(cancellation);
        return stored;
    }

    // One prepared statement run per ballot: in-process, SQLite's cost is the commit, not the statement.
    private static async Task<HashSet<(int, int)>> SqliteAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Row> rows, DateTimeOffset at, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO Ballots (PollId, ParticipantId, Choice, CastAt)
            SELECT $poll, $participant, $choice, $at WHERE EXISTS (SELECT 1 FROM Polls WHERE Id = $poll AND Status = $open)
              AND NOT EXISTS (SELECT 1 FROM Participants WHERE Id = $participant AND Removed)
            ON CONFLICT (PollId, ParticipantId) DO UPDATE SET Choice = excluded.Choice, CastAt = excluded.CastAt
            """;
        command.Parameters.AddWithValue("$open", (int)PollStatus.Open);
        command.Parameters.AddWithValue("$at", (long)Instant.ConvertToProvider(at)!);
        var poll = command.Parameters.Add("$poll", SqliteType.Integer);
        var participant = command.Parameters.Add("$participant", SqliteType.Integer);
        var choice = command.Parameters.Add("$choice", SqliteType.Text);
        var stored = new HashSet<(int, int)>();
        foreach (var row in rows)
        {
            poll.Value = row.PollId;
            participant.Value = row.ParticipantId;
            choice.Value = row.Choice;
            if (await command.ExecuteNonQueryAsync(cancellation) > 0)
            {
                stored.Add((row.PollId, row.ParticipantId));
            }
        }
        return stored;
    }

    // Over the network each statement costs a round trip: the whole batch goes as arrays in one.
    // The open poll's row is share-locked until the batch commits, so that a facilitator closing it on
    // another instance waits for these ballots, and its final result counts them all or none. Each
    // voter's row is share-locked too: a removal committed meanwhile is seen (the row is read again
    // once locked), and one still to come waits for the batch, then deletes its ballot with the rest.
    private static async Task<HashSet<(int, int)>> PostgresAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Row> rows, DateTimeOffset at, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO "Ballots" ("PollId", "ParticipantId", "Choice", "CastAt")
            SELECT v.poll, v.participant, v.choice, @at
            FROM unnest(@polls, @participants, @choices) AS v(poll, participant, choice)
            WHERE EXISTS (SELECT 1 FROM "Polls" WHERE "Id" = v.poll AND "Status" = @open FOR SHARE)
              AND EXISTS (SELECT 1 FROM "Participants" WHERE "Id" = v.participant AND NOT "Removed" FOR SHARE)
            ON CONFLICT ("PollId", "ParticipantId") DO UPDATE SET "Choice" = excluded."Choice", "CastAt" = excluded."CastAt"
            RETURNING "PollId", "ParticipantId"
            """, connection, transaction);
        command.Parameters.AddWithValue("open", (int)PollStatus.Open);
        command.Parameters.AddWithValue("at", NpgsqlDbType.TimestampTz, at.ToUniversalTime());
        command.Parameters.AddWithValue("polls", rows.Select(r => r.PollId).ToArray());
        command.Parameters.AddWithValue("participants", rows.Select(r => r.ParticipantId).ToArray());
        command.Parameters.AddWithValue("choices", rows.Select(r => r.Choice).ToArray());
        var stored = new HashSet<(int, int)>();
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            stored.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }
        return stored;
    }
}
