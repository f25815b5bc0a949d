using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Testing;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Infrastructure;

/// <summary>
/// Two instances of the site on one database and one Redis, behind nginx run from the production
/// example (tests/Deployment/participation.conf): round robin, no sticky sessions, WebSockets
/// upgraded, and the other instance taking over when one stops.
/// </summary>
public sealed class NginxTests : IAsyncLifetime
{
    private readonly ParticipationApp _first;
    private readonly ParticipationApp _second;
    private Nginx _nginx = null!;
    private readonly List<HubConnection> _connections = [];
    private int _session;
    private int _poll;
    private string _code = "";

    public NginxTests()
    {
        var settings = new Dictionary<string, string?>(TestServices.OnRedis($"test-nginx-{Guid.NewGuid():N}"))
        {
            ["Demo:Proposals"] = "0",
            // nginx on this machine: its X-Forwarded-For and X-Forwarded-Proto are believed.
            ["Site:KnownProxies:0"] = "127.0.0.1",
        };
        _first = ParticipationApp.With(settings).OnLoopbackPort();
        _second = ParticipationApp.Beside(_first, settings).OnLoopbackPort();
    }

    public async Task InitializeAsync()
    {
        // One after the other: the first creates the database and the demo, the second finds them.
        var instances = new[] { _first.NetworkAddress, _second.NetworkAddress };
        _nginx = await Nginx.StartAsync(RepoPaths.Root, instances);

        await using var scope = _first.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = (await _first.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
        var created = await sessions.CreateAsync(new NewSession("Plénière derrière nginx", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Salle du conseil", false, "Bien manger",
            AgeBandSet.From11To14 | AgeBandSet.From15To17 | AgeBandSet.From18To25, ["Accueil"], GuestsAllowed: true), facilitator);
        _session = created.Value;
        _poll = (await sessions.AddPollAsync(_session, new NewPoll("Quel goûter ?", PollKind.SingleChoice, ["Fruits", "Gâteau", "Pain"]))).Value;
        Assert.True((await sessions.StartAsync(_session)).Succeeded);
        _code = await _first.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());
    }

    /// <summary>A browser through nginx, over https, trusting only nginx's certificate of this run.</summary>
    private HttpClient Browser(CookieContainer cookies) =>
        new(new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = _nginx.Trusts },
        })
        { BaseAddress = _nginx.Address };

    private static int Count(ParticipationApp instance, string request) => instance.Served.Count(served => served == request);

    /// <summary>A screen connected through nginx: its connection, the instance that took it, and how many times it joined.</summary>
    private sealed class Screen(HubConnection connection, ParticipationApp instance)
    {
        public HubConnection Connection { get; } = connection;
        public ParticipationApp Instance { get; } = instance;
        public int Joins;
    }

    private const string Socket = $"WebSocket {CouncilHub.Path}";

    /// <summary>
    /// A screen's WebSocket through nginx, opened straight away without negotiating, as the pages
    /// open it; after a drop it reconnects through nginx and joins again, as the pages do.
    /// </summary>
    private async Task<Screen> ConnectAsync(CookieContainer cookies, Func<HubConnection, Task<Ack>> join)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_nginx.Address, CouncilHub.Path), options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.Cookies = cookies;
                options.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = _nginx.Trusts;
            })
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)])
            .Build();
        _connections.Add(connection);
        var before = Count(_first, Socket);
        await connection.StartAsync();
        var screen = new Screen(connection, Count(_first, Socket) > before ? _first : _second);
        async Task JoinAsync()
        {
            var ack = await join(connection);
            Assert.True(ack.Ok, ack.Message);
            Interlocked.Increment(ref screen.Joins);
        }
        connection.Reconnected += _ => JoinAsync();
        await JoinAsync();
        return screen;
    }

    private async Task<Screen> ConsoleAsync(ConcurrentQueue<TallyView> tallies)
    {
        var cookies = new CookieContainer();
        Assert.Equal(HttpStatusCode.Redirect, (await Browser(cookies).SignInAsync($"animation@{DemoSeeder.Domain}")).StatusCode);
        var console = await ConnectAsync(cookies, c => c.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), _session));
        console.Connection.On<TallyView>(nameof(ICouncilClient.Tally), tallies.Enqueue);
        return console;
    }

    /// <summary>A guest's phone: the join form through nginx, the code and a pseudonym, then its WebSocket.</summary>
    private async Task<Screen> GuestAsync(string pseudonym)
    {
        var cookies = new CookieContainer();
        var joined = await Browser(cookies).PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = _code, ["Pseudonym"] = pseudonym });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        return await ConnectAsync(cookies, c => c.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session));
    }

    private async Task<string> OptionAsync(ParticipationApp instance, int index) =>
        $"{await instance.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).OrderBy(o => o.Position).Select(o => o.Id).Skip(index).FirstAsync())}";

    [Fact]
    public async Task Requests_go_round_robin_to_both_instances_over_https_and_the_health_check_answers_through_nginx()
    {
        var browser = Browser(new CookieContainer());
        for (var i = 0; i < 10; i++)
        {
            var health = await browser.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        }
        Assert.Equal(5, Count(_first, "GET /healthz"));
        Assert.Equal(5, Count(_second, "GET /healthz"));

        // The instances believe nginx that the phone came over https: their cookies are secure.
        var page = await browser.GetAsync("/compte/connexion");
        Assert.Contains("secure", page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("participation.antiforgery=")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_guest_joins_by_code_through_nginx_votes_over_its_WebSocket_and_the_console_sees_the_vote()
    {
        var tallies = new ConcurrentQueue<TallyView>();
        var console = (await ConsoleAsync(tallies)).Connection;
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);

        var phone = (await GuestAsync("Comete")).Connection;
        // The join form came from one instance and was posted to the other, which read its antiforgery cookie.
        Assert.True(Count(_first, "GET /rejoindre") + Count(_second, "GET /rejoindre") == 1 && Count(_first, "POST /rejoindre") + Count(_second, "POST /rejoindre") == 1);
        Assert.NotEqual(Count(_first, "GET /rejoindre"), Count(_first, "POST /rejoindre"));

        var vote = await phone.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, await OptionAsync(_first, 1));
        Assert.True(vote.Ok, vote.Message);
        await Wait.Until(() => tallies.LastOrDefault() is { Ballots: 1 } last && last.Results.Single(r => r.Label == "Gâteau").Count == 1);
        Assert.Equal(1, await _second.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == _poll)));
    }

    [Fact]
    public async Task When_an_instance_stops_its_phones_come_back_through_nginx_to_the_other_and_every_ballot_stays_counted_once()
    {
        var tallies = new ConcurrentQueue<TallyView>();
        var console = (await ConsoleAsync(tallies)).Connection;
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        var nebuleuse = await GuestAsync("Nebuleuse");
        var meteore = (await GuestAsync("Meteore")).Connection;
        var stopping = nebuleuse.Instance;
        var staying = stopping == _first ? _second : _first;
        Assert.True((await nebuleuse.Connection.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, await OptionAsync(staying, 0))).Ok);
        Assert.True((await meteore.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, await OptionAsync(staying, 1))).Ok);
        await Wait.Until(() => tallies.LastOrDefault() is { Ballots: 2 });

        // The instance holding Nebuleuse's WebSocket stops.
        var served = Count(staying, Socket);
        // It stops at once: the phones it held come back elsewhere, none is kept waiting here.
        var stopped = Stopwatch.StartNew();
        await stopping.DisposeAsync();
        Assert.InRange(stopped.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));

        // Nebuleuse's phone reconnects through nginx, to the other instance, joins again and changes their mind there.
        await Wait.Until(() => nebuleuse.Joins == 2);
        Assert.True(Count(staying, Socket) > served);
        var vote = await nebuleuse.Connection.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, await OptionAsync(staying, 2));
        Assert.True(vote.Ok, vote.Message);

        // One ballot each: Meteore's, cast before the stop, and Nebuleuse's latest; the console sees both.
        await Wait.Until(() => tallies.LastOrDefault() is { Ballots: 2 } last
            && last.Results.Single(r => r.Label == "Gâteau").Count == 1 && last.Results.Single(r => r.Label == "Pain").Count == 1);
        Assert.Equal(2, await staying.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == _poll)));

        // Pages and the health check go on through nginx, every request to the instance left.
        var browser = Browser(new CookieContainer());
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = _code, ["Pseudonym"] = "Aurore" })).StatusCode);
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
        _nginx?.Dispose();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }
}
