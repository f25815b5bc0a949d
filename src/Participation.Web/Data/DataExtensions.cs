using Microsoft.AspNetCore.DataProtection;
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

        // The application name is fixed, so that keys still read after the site moves folder.
        var protection = builder.Services.AddDataProtection().SetApplicationName("Participation");
        // Sign-in cookies survive a restart: on SQLite the keys live beside the database file.
        if (dataSource is not null && Path.IsPathRooted(dataSource))
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(dataSource)!, "keys")));
        }
        // At rest, the keys are encrypted with the certificate the settings give, so that a copy of
        // the data folder (a backup, a stolen disk) does not let anyone forge a sign-in cookie.
        if (KeyCertificate.Load(builder.Configuration) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate);
        }
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

    /// <summary>Applies the committed migrations of the provider; a SQLite file switches to write-ahead logging.</summary>
    public static async Task PrepareDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    private static SiteLayout BuildLayout(this IServiceCollection services) =>
        (SiteLayout)services.Single(d => d.ServiceType == typeof(SiteLayout)).ImplementationInstance!;
}
