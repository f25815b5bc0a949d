using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Participation.Web.Data;

/// <summary>
/// SQLite keeps a deleted row's bytes in the file's free pages and in its write-ahead log until
/// they happen to be overwritten. An erased account or a draft that knew its invitation must not
/// be readable from a copy of the files: every connection overwrites what it deletes, and
/// <see cref="SecureDeletionExtensions.ForgetDeletedRowsAsync"/> empties the log after such deletions.
/// </summary>
public sealed class SecureDeletion : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA secure_delete = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

public static class SecureDeletionExtensions
{
    /// <summary>Copies the write-ahead log into the file and empties it, so that the old versions of deleted rows go too.</summary>
    public static async Task ForgetDeletedRowsAsync(this DatabaseFacade database, CancellationToken cancellation = default)
    {
        if (database.IsSqlite())
        {
            await database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellation);
        }
    }
}
