using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Participation.Benchmarks;

/// <summary>The site on Kestrel, on a free loopback port, with a fresh database in a temporary folder.</summary>
public sealed class BenchmarkSite : WebApplicationFactory<global::Program>
{
    private readonly Participation.Testing.TemporaryFolder _folder = new("participation-bench");
    private readonly IReadOnlyDictionary<string, string> _settings;

    public BenchmarkSite(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        // Outside a test project the factory cannot find the site's folder by itself.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PARTICIPATION_WEB",
            Path.Combine(Participation.Web.Infrastructure.SiteLayout.FindRoot(AppContext.BaseDirectory), "src", "Participation.Web"));
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    public string BaseUrl { get; }
    public string DatabasePath => _folder.File("participation.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in Participation.Testing.KeyCertificateFile.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("ConnectionStrings:Participation", $"Data Source={DatabasePath}");
        builder.UseSetting("Media:Folder", _folder.File("media"));
        builder.UseSetting("Accounts:FreeWrongPasswords", "1000000");
        builder.UseSetting("Accounts:FreeWrongPasswordsPerAccount", "1000000");
        builder.UseSetting("Accounts:AttemptsPerMinutePerAddress", "1000000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _folder.Dispose();
    }
}
