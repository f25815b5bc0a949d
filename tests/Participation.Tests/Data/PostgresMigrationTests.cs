using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Participation.Tests.Infrastructure;
using Participation.Web.Data;

namespace Participation.Tests.Data;

/// <summary>The PostgreSQL migrations, applied to a database with nothing in it.</summary>
[Trait(ParticipationApp.Database, ParticipationApp.PostgresOnly)]
public sealed class PostgresMigrationTests
{
    [Fact]
    public async Task The_migrations_build_the_whole_model_on_an_empty_database()
    {
        var name = $"participation_empty_{Guid.NewGuid():N}";
        await ExecuteAsync(TestDatabase.Named("postgres"), $"""CREATE DATABASE "{name}" TEMPLATE template0""");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(TestDatabase.Named(name)) { Pooling = false }.ConnectionString;
            // As the site and its migrate command do it.
            var services = new ServiceCollection()
                .AddDbContext<ParticipationDb, PostgresParticipationDb>(options => options.UseNpgsql(connection))
                .BuildServiceProvider();
            await using (services)
            {
                Assert.NotEmpty(await DataExtensions.MigrateAsync(services));
            }
            await using (var db = new PostgresParticipationDb(new DbContextOptionsBuilder<PostgresParticipationDb>().UseNpgsql(connection).Options))
            {
                // Applying migrations ends with VACUUM (ANALYZE): a rewritten table keeps its statistics and index-only reads.
                Assert.Equal(1, await db.Database.SqlQueryRaw<int>(
                    "SELECT count(*)::int AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'Proposals' AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL").SingleAsync());

                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                // Migrations generated from an older model would leave the two apart.
                Assert.False(db.Database.HasPendingModelChanges());
                Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_extension WHERE extname = 'unaccent'").SingleAsync());
                Assert.Equal("s", await db.Database.SqlQueryRaw<string>(
                    "SELECT attgenerated::text AS \"Value\" FROM pg_attribute WHERE attrelid = '\"Proposals\"'::regclass AND attname = 'SearchVector'").SingleAsync());
                Assert.Contains("USING gin", await db.Database.SqlQueryRaw<string>(
                    "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = 'IX_Proposals_SearchVector'").SingleAsync());
                // The filters ride in the search vector as words nobody can type.
                Assert.Equal("'#a2' '#a8' '#c1' '#s4' '#t1' '#t32'", await db.Database.SqlQueryRaw<string>(
                    "SELECT proposal_filter_words(4, 1, 33, 10)::text AS \"Value\"").SingleAsync());
                Assert.Equal("timestamp with time zone", await db.Database.SqlQueryRaw<string>(
                    "SELECT data_type AS \"Value\" FROM information_schema.columns WHERE table_name = 'Ballots' AND column_name = 'CastAt'").SingleAsync());
            }
        }
        finally
        {
            await ExecuteAsync(TestDatabase.Named("postgres"), $"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
        }
    }

    [Fact]
    public async Task The_provider_setting_gives_everyone_the_PostgreSQL_context_with_its_own_migrations()
    {
        using var app = ParticipationApp.With(new Dictionary<string, string?>(ParticipationApp.OnPostgres) { ["Demo:Seed"] = "false" });

        var (type, applied, known) = await app.WithDbAsync(async db => (db.GetType(), await db.Database.GetAppliedMigrationsAsync(), db.Database.GetMigrations()));

        Assert.Equal(typeof(PostgresParticipationDb), type);
        Assert.Equal(known, applied);
        Assert.Contains(applied, m => m.EndsWith("_ProposalFullTextSearch", StringComparison.Ordinal));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
