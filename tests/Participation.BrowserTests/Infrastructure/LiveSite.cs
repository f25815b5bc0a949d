using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Participation.Web.Infrastructure;

namespace Participation.BrowserTests.Infrastructure;

/// <summary>The real site on Kestrel, on a free loopback port, with a fresh demo database.</summary>
public sealed class LiveSite : WebApplicationFactory<Program>
{
    private readonly Participation.Testing.TemporaryFolder _folder = new("participation-browser");
    private readonly IReadOnlyDictionary<string, string> _settings;

    public LiveSite() : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A site with some settings changed; given another's database and media folder, another instance of it.</summary>
    public LiveSite(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Single().TrimEnd('/');
    }

    public string BaseUrl { get; }

    public string ConnectionString => _settings.TryGetValue("ConnectionStrings:Participation", out var shared) ? shared : $"Data Source={_folder.File("participation.db")}";
    public string MediaFolder => _settings.GetValueOrDefault("Media:Folder") ?? _folder.File("media");

    public async Task<T> WithDbAsync<T>(Func<Participation.Web.Data.ParticipationDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<Participation.Web.Data.ParticipationDb>());
    }

    public static string RepoRoot { get; } = SiteLayout.FindRoot(AppContext.BaseDirectory);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Participation", $"Data Source={_folder.File("participation.db")}");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Media:Folder", _folder.File("media"));
        // The journeys sign in again and again as the same demo accounts, all from 127.0.0.1.
        builder.UseSetting("Accounts:FreeWrongPasswords", "1000");
        builder.UseSetting("Accounts:FreeWrongPasswordsPerAccount", "1000");
        builder.UseSetting("Accounts:AttemptsPerMinutePerAddress", "1000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _folder.Dispose();
    }
}
