using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Participation.Web.Data;

namespace Participation.Tests.Infrastructure;

/// <summary>
/// The real site on a real SQLite file of its own, deleted afterwards. Settings can be changed
/// per instance (demo seed, rate limits, content folder).
/// </summary>
public class ParticipationApp : WebApplicationFactory<Program>
{
    private readonly Participation.Testing.TemporaryFolder _folder = new("participation-tests");

    public ParticipationApp() : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A site of its own with some settings changed.</summary>
    public static ParticipationApp With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    private ParticipationApp(IReadOnlyDictionary<string, string?> settings)
    {
        DatabasePath = _folder.File("participation.db");
        Settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Participation"] = $"Data Source={DatabasePath}",
            ["Demo:Seed"] = "true",
            // Every test client comes from one address; only the rate-limit test lowers this.
            ["Accounts:AttemptsPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings)
        {
            Settings[key] = value;
        }
    }

    public string DatabasePath { get; }
    public Dictionary<string, string?> Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<T> WithDbAsync<T>(Func<ParticipationDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ParticipationDb>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<ParticipationApp>
{
    public const string Name = "Shared site with demo data";
}
