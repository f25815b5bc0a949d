using Microsoft.EntityFrameworkCore;
using Npgsql;
using Participation.Web.Data;

namespace Participation.Tests.Infrastructure;

/// <summary>
/// Which database the test sites run on. <c>PARTICIPATION_TEST_DATABASE=Postgres</c> puts every
/// test site on a PostgreSQL database of its own, on the server named by
/// <c>PARTICIPATION_TEST_POSTGRES</c> (tests/run.sh starts one and sets both); otherwise SQLite.
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "PARTICIPATION_TEST_DATABASE";
    public const string ServerVariable = "PARTICIPATION_TEST_POSTGRES";

    public static DatabaseProvider Provider { get; } =
        Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } value
            ? Enum.Parse<DatabaseProvider>(value, ignoreCase: true)
            : DatabaseProvider.Sqlite;

    public static bool OnPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>The server's connection string, as a user allowed to create databases.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ProviderVariable}=Postgres needs a PostgreSQL server: set {ServerVariable} to a connection string whose user may " +
                "CREATE DATABASE (e.g. \"Host=127.0.0.1;Port=5432;Username=postgres\"), or run tests/run.sh, which starts one.");

    // Migrating takes seconds, copying a database a fraction of one: every site copies one
    // migrated template, made once per test run and dropped when the run ends.
    private static readonly Lazy<string> Template = new(CreateTemplate);

    /// <summary>A new database copied from the migrated template; its connection string.</summary>
    public static PostgresTestDatabase Create()
    {
        var name = $"participation_test_{Guid.NewGuid():N}";
        Execute($"""CREATE DATABASE "{name}" TEMPLATE "{Template.Value}" """);
        return new PostgresTestDatabase(name, Named(name));
    }

    /// <summary>A new database with nothing in it, as an operator creates one before the first start.</summary>
    public static PostgresTestDatabase CreateEmpty()
    {
        var name = $"participation_test_{Guid.NewGuid():N}";
        Execute($"""CREATE DATABASE "{name}" """);
        return new PostgresTestDatabase(name, Named(name));
    }

    internal static void Drop(string name) => Execute($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");

    internal static string Named(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    private static string CreateTemplate()
    {
        var name = $"participation_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..50];
        Execute($"""CREATE DATABASE "{name}" """);
        // Unpooled, so that no connection stays open on the template: PostgreSQL copies only an idle database.
        var connection = new NpgsqlConnectionStringBuilder(Named(name)) { Pooling = false }.ConnectionString;
        using (var db = new PostgresParticipationDb(new DbContextOptionsBuilder<PostgresParticipationDb>().UseNpgsql(connection).Options))
        {
            db.Database.Migrate();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Drop(name);
            }
            catch (NpgsqlException)
            {
                // The server may already be stopping with the run; its folder goes with it.
            }
        };
        return name;
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>One test site's PostgreSQL database, dropped with the site.</summary>
public sealed class PostgresTestDatabase(string name, string connectionString) : IDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;

    public void Dispose()
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        TestDatabase.Drop(Name);
    }
}
