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
        var layout = builder.Services.BuildLayout();
        var connectionString = ResolveConnectionString(
            builder.Configuration.GetConnectionString(ConnectionName) ?? "Data Source=data/participation.db",
            layout.Root);

        builder.Services.AddDbContext<ParticipationDb>(options => options.UseSqlite(connectionString).AddInterceptors(new SecureDeletion()));

        // Sign-in cookies survive a restart: the keys live beside the database file.
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        // The application name is fixed, so that keys still read after the site moves folder.
        var protection = builder.Services.AddDataProtection().SetApplicationName("Participation");
        if (Path.IsPathRooted(dataSource))
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

    /// <summary>Applies the committed migrations and switches the file to write-ahead logging.</summary>
    public static async Task PrepareDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    private static SiteLayout BuildLayout(this IServiceCollection services) =>
        (SiteLayout)services.Single(d => d.ServiceType == typeof(SiteLayout)).ImplementationInstance!;
}
