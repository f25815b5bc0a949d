using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Participation.Web.Data;

namespace Participation.Tests.Infrastructure;

/// <summary>
/// The real site on a real database of its own, deleted afterwards: a SQLite file, or a PostgreSQL
/// database when the run asks for it (see <see cref="TestDatabase"/>). Settings can be changed
/// per instance (demo seed, rate limits, content folder); a setting given as null is the shipped one.
/// </summary>
public class ParticipationApp : WebApplicationFactory<Program>
{
    private readonly Participation.Testing.TemporaryFolder _folder = new("participation-tests");

    public ParticipationApp() : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A site of its own with some settings changed.</summary>
    public static ParticipationApp With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>A site of its own whose clock the test moves, e.g. a <c>FakeTimeProvider</c> set to now.</summary>
    public static ParticipationApp With(IReadOnlyDictionary<string, string?> settings, TimeProvider clock) => new(settings) { _clock = clock };

    /// <summary>
    /// Another instance of the site <paramref name="first"/> runs, as behind a load balancer: the same
    /// database and media folder, its own process state. Start <paramref name="first"/> before it.
    /// </summary>
    public static ParticipationApp Beside(ParticipationApp first, IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var shared = new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings:Participation"] = first.Settings["ConnectionStrings:Participation"],
            ["Database:Provider"] = first.Settings.GetValueOrDefault("Database:Provider"),
            ["Media:Folder"] = first.MediaFolder,
        };
        Interlocked.Increment(ref first._folderUsers);
        return new(shared) { _clock = clock, DatabasePath = first.DatabasePath, _folderOwner = first };
    }

    // The instances beside this one use its folder: the last of them to stop deletes it.
    private ParticipationApp? _folderOwner;
    private int _folderUsers = 1;
    private int _disposed;

    private void LeaveFolder()
    {
        if (Interlocked.Decrement(ref _folderUsers) == 0)
        {
            _postgres?.Dispose();
            _folder.Dispose();
        }
    }

    private TimeProvider? _clock;

    protected ParticipationApp(IReadOnlyDictionary<string, string?> settings)
    {
        DatabasePath = _folder.File("participation.db");
        Settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = TestDatabase.Provider.ToString(),
            ["ConnectionStrings:Participation"] = $"Data Source={DatabasePath}",
            ["Demo:Seed"] = "true",
            // Photos and recordings stay in the test's own folder. The demo micro-trottoirs run
            // ffmpeg at start-up: only the tests of that channel ask for them.
            ["Media:Folder"] = _folder.File("media"),
            ["Demo:Testimonies"] = "false",
            // Every test signs in from one address, often as the same demo account, some with a
            // wrong password on purpose; the tests of the limits themselves bring back the shipped settings.
            ["Accounts:AttemptsPerMinutePerAddress"] = "100000",
            ["Consultations:OpenLinkAnswersPerHourPerAddress"] = "100000",
            ["Consultations:OpenLinkDraftsPerHourPerAddress"] = "100000",
            ["Accounts:FreeWrongPasswords"] = "100000",
            ["Accounts:FreeWrongPasswordsPerAccount"] = "100000",
        };
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                Settings.Remove(key);
            }
            else
            {
                Settings[key] = value;
            }
        }
        // A site given another's database shares it (several instances of one site); otherwise it gets its own.
        if (Settings.GetValueOrDefault("Database:Provider") == nameof(DatabaseProvider.Postgres) && !settings.ContainsKey("ConnectionStrings:Participation"))
        {
            _postgres = TestDatabase.Create();
            Settings["ConnectionStrings:Participation"] = _postgres.ConnectionString;
        }
    }

    private readonly PostgresTestDatabase? _postgres;

    /// <summary>
    /// For the tests of what only PostgreSQL has (French stemming, its migrations): their site is on
    /// PostgreSQL whatever the run, and fails with the way to start a server when there is none.
    /// They carry <see cref="PostgresOnly"/>, so that the SQLite run leaves them to the PostgreSQL one.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> OnPostgres = new Dictionary<string, string?>
    {
        ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
    };

    /// <summary>The trait of the tests that need PostgreSQL: <c>[Trait(ParticipationApp.Database, ParticipationApp.PostgresOnly)]</c>.</summary>
    public const string Database = "Database";
    public const string PostgresOnly = "Postgres";

    /// <summary>
    /// For the tests of what only a SQLite file has (its journal, the keys beside it): their site
    /// stays on SQLite when the run puts the others on PostgreSQL.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> OnSqliteFile = new Dictionary<string, string?>
    {
        ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
    };

    /// <summary>The settings that raise the limits for the other tests, back to the shipped ones.</summary>
    public static readonly IReadOnlyDictionary<string, string?> ShippedLimits = new Dictionary<string, string?>
    {
        ["Accounts:AttemptsPerMinutePerAddress"] = null,
        ["Consultations:OpenLinkAnswersPerHourPerAddress"] = null,
        ["Consultations:OpenLinkDraftsPerHourPerAddress"] = null,
        ["Accounts:FreeWrongPasswords"] = null,
        ["Accounts:FreeWrongPasswordsPerAccount"] = null,
    };

    public string DatabasePath { get; private init; }

    public string MediaFolder => Settings["Media:Folder"]!;
    public Dictionary<string, string?> Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestAddresses>();
            services.AddSingleton<IStartupFilter>(new ServedRequests(_served));
        });
        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>The site behind Kestrel on a free port, for what only a real server does: its own limits and refusals.</summary>
    public static ParticipationApp OnKestrel()
    {
        var app = new ParticipationApp();
        app.UseKestrel(0);
        return app;
    }

    /// <summary>
    /// This site behind Kestrel at 127.0.0.1 on a free port, for what stands in front of it over the
    /// network (nginx); <see cref="NetworkAddress"/> once started.
    /// </summary>
    public ParticipationApp OnLoopbackPort()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        return this;
    }

    /// <summary>Where a site on Kestrel listens (« http://127.0.0.1:41234 »); starts it if need be.</summary>
    public Uri NetworkAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        }
    }

    private readonly ConcurrentQueue<string> _served = new();

    /// <summary>
    /// What this instance has served, in order (« GET /rejoindre », « POST /rejoindre », « WebSocket
    /// /hubs/council »): where several instances stand behind a balancer, which of them took what.
    /// </summary>
    public IReadOnlyCollection<string> Served => _served;

    private sealed class ServedRequests(ConcurrentQueue<string> served) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                // Before the WebSocket middleware has run: the request's own header says what it asks for.
                var upgrade = string.Equals(context.Request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase);
                served.Enqueue($"{(upgrade ? "WebSocket" : context.Request.Method)} {context.Request.Path}");
                return following(context);
            });
            next(app);
        };
    }

    /// <summary>A client over the network to a site <see cref="OnKestrel"/>: cookies kept, redirects not followed.</summary>
    public HttpClient CreateNetworkClient(TimeSpan? expectContinueWait = null)
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        if (expectContinueWait is { } wait)
        {
            handler.Expect100ContinueTimeout = wait;
        }
        return new HttpClient(handler) { BaseAddress = new Uri(address) };
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client that keeps its cookies in <paramref name="cookies"/>, which clients of other instances may share, as one browser would.</summary>
    public HttpClient CreateBrowserlessClient(CookieContainer cookies, string? from = null)
    {
        var client = new HttpClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies) { InnerHandler = Server.CreateHandler() })
        {
            BaseAddress = ClientOptions.BaseAddress,
        };
        if (from is not null)
        {
            client.DefaultRequestHeaders.Add(TestAddresses.Header, from);
        }
        return client;
    }

    /// <summary>A client whose requests come from the given address, say another Wi-Fi.</summary>
    public HttpClient CreateBrowserlessClient(string from)
    {
        var client = CreateBrowserlessClient();
        client.DefaultRequestHeaders.Add(TestAddresses.Header, from);
        return client;
    }

    /// <summary>The test server gives every request the same address; this lets a test pick another.</summary>
    private sealed class TestAddresses : IStartupFilter
    {
        public const string Header = "X-Test-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }
                return following(context);
            });
            next(app);
        };
    }

    /// <summary>
    /// A connection, not yet started, to one of this site's hubs over long polling through the test
    /// server, carrying the cookies a browser got here or on another instance of the same site.
    /// </summary>
    public HubConnection Hub(string path, CookieContainerHandler cookies, string? origin = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, path), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies.Container) { InnerHandler = Server.CreateHandler() };
            if (origin is not null)
            {
                options.Headers["Origin"] = origin;
            }
        })
        .Build();

    public async Task<T> WithDbAsync<T>(Func<ParticipationDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ParticipationDb>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_folderOwner is { } owner)
        {
            owner.LeaveFolder();
            _folder.Dispose();
        }
        else
        {
            LeaveFolder();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<ParticipationApp>
{
    public const string Name = "Shared site with demo data";
}
