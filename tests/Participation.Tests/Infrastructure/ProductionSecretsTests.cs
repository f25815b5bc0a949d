using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Participation.Testing;

namespace Participation.Tests.Infrastructure;

/// <summary>Keys at rest, the server's name, and the warnings a production start gives.</summary>
public sealed class ProductionSecretsTests
{
    [Fact]
    public async Task With_a_certificate_the_keys_that_sign_cookies_are_stored_encrypted()
    {
        using var folder = new Participation.Testing.TemporaryFolder("participation-keys");
        var pfx = folder.File("cles.pfx");
        Participation.Testing.KeyCertificateFile.Write(pfx, "secret-des-cles");
        // The keys are files beside the SQLite database: this site stays on SQLite on every run.
        using var app = ParticipationApp.With(new Dictionary<string, string?>(ParticipationApp.OnSqliteFile)
        {
            ["DataProtection:Certificate"] = pfx,
            ["DataProtection:CertificatePassword"] = "secret-des-cles",
        });
        // Signing in makes the site write its first key and use it.
        var client = await app.SignedInClientAsync("Colibri");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/compte")).StatusCode);

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        foreach (var xml in keys)
        {
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("unencrypted", xml);
        }
    }

    [Fact]
    public void Without_a_certificate_a_production_site_refuses_to_start_and_says_what_to_set()
    {
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["environment"] = "Production" });
        var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var reasons = string.Join(" | ", Causes(refused).Select(e => e.Message));
        Assert.Contains("DataProtection:Certificate n'est pas réglé", reasons);
        Assert.Contains("DataProtection__CertificatePassword", reasons);
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_readable_and_a_staging_start_says_what_to_set()
    {
        var logs = new CapturedLogs();
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["environment"] = "Staging" });
        using var logged = app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        Assert.Equal(HttpStatusCode.OK, (await logged.CreateClient().GetAsync("/")).StatusCode);

        var warning = Assert.Single(logs.Warnings, w => w.Contains("DataProtection:Certificate"));
        Assert.Contains("DataProtection:CertificatePassword", warning);
        Assert.Single(logs.Warnings, w => w.Contains("Site:PublicAddress"));
        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.Contains(keys, xml => !xml.Contains("EncryptedData"));
    }

    [Fact]
    public async Task A_development_start_gives_no_such_warning()
    {
        var logs = new CapturedLogs();
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["environment"] = "Development" });
        using var logged = app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        Assert.Equal(HttpStatusCode.OK, (await logged.CreateClient().GetAsync("/")).StatusCode);
        Assert.DoesNotContain(logs.Warnings, w => w.Contains("DataProtection:Certificate") || w.Contains("Site:PublicAddress"));
    }

    private static async Task<IReadOnlyCollection<string>> ProductionStartAsync(Dictionary<string, string?> settings)
    {
        var logs = new CapturedLogs();
        using var app = ParticipationApp.With(new Dictionary<string, string?>(settings) { ["environment"] = "Production" }.WithKeyCertificate());
        using var logged = app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        // With AllowedHosts set, only a request to that name is answered.
        var client = logged.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"http://{settings.GetValueOrDefault("AllowedHosts") ?? "localhost"}"),
        });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        return logs.Warnings;
    }

    [Fact]
    public async Task An_https_address_without_a_known_proxy_and_any_host_allowed_are_each_said_once_with_what_to_set()
    {
        var warnings = await ProductionStartAsync(new() { ["Site:PublicAddress"] = "https://participation.bellerive.example/" });

        var proxy = Assert.Single(warnings, w => w.Contains("Site:KnownProxies"));
        Assert.Contains("Site:KnownNetworks", proxy);
        Assert.Contains("127.0.0.1", proxy);
        var hosts = Assert.Single(warnings, w => w.Contains("AllowedHosts"));
        Assert.Contains("Réglez AllowedHosts à participation.bellerive.example", hosts);
    }

    [Theory]
    [InlineData("Site:KnownProxies:0", "127.0.0.1")]
    [InlineData("Site:KnownNetworks:0", "10.0.0.0/24")]
    [InlineData("Kestrel:Endpoints:Https:Url", "https://0.0.0.0:443")]
    public async Task A_named_proxy_or_https_served_by_the_site_and_its_own_host_name_give_no_such_warning(string setting, string value)
    {
        var warnings = await ProductionStartAsync(new()
        {
            ["Site:PublicAddress"] = "https://participation.bellerive.example",
            ["AllowedHosts"] = "participation.bellerive.example",
            [setting] = value,
        });
        Assert.DoesNotContain(warnings, w => w.Contains("Site:KnownProxies") || w.Contains("AllowedHosts"));
    }

    [Fact]
    public async Task A_plain_http_address_needs_no_proxy_and_no_address_leaves_allowed_hosts_alone()
    {
        Assert.DoesNotContain(await ProductionStartAsync(new() { ["Site:PublicAddress"] = "http://participation.local", ["AllowedHosts"] = "participation.local" }),
            w => w.Contains("Site:KnownProxies") || w.Contains("AllowedHosts"));
        Assert.DoesNotContain(await ProductionStartAsync([]), w => w.Contains("Site:KnownProxies") || w.Contains("AllowedHosts"));
    }

    [Theory]
    [InlineData("redis.interne:6379", true)]
    [InlineData("redis.interne:6379,password=secret", true)]
    [InlineData("redis.interne:6380,password=secret,ssl=true", false)]
    [InlineData("127.0.0.1:6379", false)]
    [InlineData("localhost:6379", false)]
    public void A_redis_server_on_the_network_without_a_password_over_tls_is_said(string setting, bool said)
    {
        var warnings = Participation.Web.Infrastructure.ProductionChecks.RedisWarnings(setting).ToList();
        Assert.Equal(said, warnings.Any(w => w.Contains("sans mot de passe ou sans TLS")));
    }

    [Fact]
    public void Without_redis_nothing_is_said() =>
        Assert.Empty(Participation.Web.Infrastructure.ProductionChecks.RedisWarnings(null));

    [Theory]
    [InlineData(null)]
    [InlineData("participation")]
    [InlineData(" ")]
    public void A_production_site_with_redis_and_no_prefix_of_its_own_refuses_to_start_and_says_what_to_set(string? prefix)
    {
        using var app = ParticipationApp.With(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["SignalR:Redis"] = "127.0.0.1:1",
            ["SignalR:ChannelPrefix"] = prefix,
        }.WithKeyCertificate());
        var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var reasons = string.Join(" | ", Causes(refused).Select(e => e.Message));
        Assert.Contains("SignalR:ChannelPrefix garde sa valeur par défaut", reasons);
        Assert.Contains("SignalR__ChannelPrefix=participation-bellerive", reasons);
    }

    private static IEnumerable<Exception> Causes(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }

    [Fact]
    public async Task The_former_on_call_address_setting_is_named_with_where_it_moved()
    {
        var logs = new CapturedLogs();
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["Safeguarding:PublicAddress"] = "https://ancienne.bellerive.example" });
        using var logged = app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        Assert.Equal(HttpStatusCode.OK, (await logged.CreateClient().GetAsync("/")).StatusCode);
        var warning = Assert.Single(logs.Warnings, w => w.Contains("Safeguarding:PublicAddress"));
        Assert.Contains("Site:PublicAddress", warning);
        Assert.Contains("https://ancienne.bellerive.example", warning);
    }

    [Fact]
    public async Task Responses_from_the_real_server_do_not_name_its_software()
    {
        using var app = new ParticipationApp();
        app.UseKestrel(0);
        app.StartServer();
        var response = await app.CreateClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("Server"));
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _warnings = new();

        public IReadOnlyCollection<string> Warnings => _warnings;

        public ILogger CreateLogger(string categoryName) => new Logger(_warnings);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel == LogLevel.Warning)
                {
                    warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
