using Npgsql;

namespace Participation.Web.Data;

/// <summary>
/// PostgreSQL's advisory lock the migrations are applied under, so that instances started together
/// on a new database take turns the whole migration long. It is held on an unpooled connection of
/// its own: closing that connection ends its session and the lock with it, as does the instance dying.
/// </summary>
public sealed class PostgresMigrationLock : IAsyncDisposable
{
    private const long Key = 7_302_612_026;

    private readonly NpgsqlConnection _connection;

    private PostgresMigrationLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Returns once this instance holds the lock, waiting for another's migration as long as that takes.</summary>
    public static async Task<PostgresMigrationLock> TakeAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            CommandTimeout = (int)DataExtensions.MigrationTimeout.TotalSeconds,
        }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await command.ExecuteNonQueryAsync();
            return new PostgresMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
