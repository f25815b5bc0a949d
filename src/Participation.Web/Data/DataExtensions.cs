using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Infrastructure;

namespace Participation.Web.Data;

public static class DataExtensions
{
    public const string ConnectionName = "Participation";

    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var layout = builder.Services.BuildLayout();
        var connectionString = ResolveConnectionString(
            builder.Configuration.GetConnectionString(ConnectionName) ?? "Data Source=data/participation.db",
            layout.Root);

        builder.Services.AddDbContext<ParticipationDb>(options => options.UseSqlite(connectionString).AddInterceptors(new SecureDeletion()));

        // Before the keys moved into the database, they lived in a folder beside the database file.
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        builder.Services.AddSharedKeys(builder.Configuration,
            Path.IsPathRooted(dataSource) ? Path.Combine(Path.GetDirectoryName(dataSource)!, "keys") : null);
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
    /// migrations applied. EF Core holds a lock meanwhile (a row of __EFMigrationsLock on SQLite,
    /// a lock on the history table on PostgreSQL), so two instances starting together take turns.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return pending;
    }

    private static SiteLayout BuildLayout(this IServiceCollection services) =>
        (SiteLayout)services.Single(d => d.ServiceType == typeof(SiteLayout)).ImplementationInstance!;
}
