using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Infrastructure;

namespace Participation.Web.Data;

public static class DataExtensions
{
    public const string ConnectionName = "Participation";

    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var provider = DatabaseSettings.Provider(builder.Configuration);
        var configured = builder.Configuration.GetConnectionString(ConnectionName);
        string? dataSource = null;
        if (provider == DatabaseProvider.Postgres)
        {
            var connectionString = string.IsNullOrWhiteSpace(configured) || configured.Contains("Data Source", StringComparison.OrdinalIgnoreCase)
                ? throw new InvalidOperationException(
                    "Database:Provider vaut Postgres : donnez la base dans ConnectionStrings:Participation, par exemple « Host=127.0.0.1;Port=5432;Database=participation;Username=participation;Password=… ».")
                : configured;
            // Every service asking for a ParticipationDb gets the PostgreSQL one, with its own migrations.
            builder.Services.AddDbContext<ParticipationDb, PostgresParticipationDb>(options => options.UseNpgsql(connectionString));
        }
        else
        {
            var connectionString = ResolveConnectionString(configured ?? "Data Source=data/participation.db", builder.Services.BuildLayout().Root);
            builder.Services.AddDbContext<ParticipationDb>(options => options.UseSqlite(connectionString).AddInterceptors(new SecureDeletion()));
            dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        }

        // A production site keeps the keys that sign its cookies encrypted: a copy of the database
        // (a backup, a replica) must not be enough to sign in as anyone.
        if (builder.Environment.IsProduction() && string.IsNullOrWhiteSpace(builder.Configuration[KeyCertificate.PathSetting]))
        {
            throw new InvalidOperationException(KeyCertificate.Missing);
        }
        // Before the keys moved into the database, they lived in a folder beside the SQLite file.
        builder.Services.AddSharedKeys(builder.Configuration,
            dataSource is not null && Path.IsPathRooted(dataSource) ? Path.Combine(Path.GetDirectoryName(dataSource)!, "keys") : null);
        builder.Services.AddSingleton<JobLeases>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>
    /// A relative database file is placed under the repository root, whatever folder the site
    /// was started from, and its folder is created.
    /// </summary>
    public static string ResolveConnectionString(string connectionString, string root)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:")
        {
            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.GetFullPath(Path.Combine(root, csb.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        return csb.ToString();
    }

    /// <summary>Whether each instance applies the migrations as it starts; off where several instances start together (see <see cref="MigrateCommand"/>).</summary>
    public const string MigrateOnStartSetting = "Database:MigrateOnStart";

    /// <summary>Applies the migrations unless the settings leave them to <see cref="MigrateCommand"/>, and brings in the former key folder.</summary>
    public static async Task PrepareDataAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue(MigrateOnStartSetting, true))
        {
            await MigrateAsync(app.Services);
        }
        else if (await PendingMigrationsAsync(app.Services) is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"La base de données attend {pending.Count} migration(s) ({string.Join(", ", pending)}) et {MigrateOnStartSetting} est désactivé : " +
                "lancez d'abord la commande « migrate » avec les mêmes réglages.");
        }
        await app.Services.PrepareKeysAsync();
    }

    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return [.. await scope.ServiceProvider.GetRequiredService<ParticipationDb>().Database.GetPendingMigrationsAsync()];
    }

    /// <summary>
    /// Applies the committed migrations and switches the file to write-ahead logging; returns the
    /// migrations applied. Two instances starting together take turns: EF Core holds a row of
    /// __EFMigrationsLock on SQLite, and on PostgreSQL the site holds an advisory lock of its own.
    /// </summary>
    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(30);

    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        // A migration may rewrite a table of a million proposals: it is given the time that takes.
        db.Database.SetCommandTimeout(MigrationTimeout);
        // Instances started together on a new database take turns, the whole migration long: EF's own
        // lock on PostgreSQL leaves two of them creating the same objects at once. The lock is held on a
        // connection of its own, unpooled, so that it goes with the connection (or the instance) and EF
        // keeps its own connection as it likes.
        await using var migrationLock = db.Database.IsNpgsql() ? await PostgresMigrationLock.TakeAsync(db.Database.GetConnectionString()!) : null;
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        else if (pending.Count > 0)
        {
            // A rewritten table has lost its statistics and the map of its pages all visible, which
            // the lists' index-only reads need; autovacuum would not see it as changed.
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)");
        }
        return pending;
    }

    private static SiteLayout BuildLayout(this IServiceCollection services) =>
        (SiteLayout)services.Single(d => d.ServiceType == typeof(SiteLayout)).ImplementationInstance!;
}
