using System.Net;
using System.Net.Sockets;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Participation.Web.Data;
using Participation.Web.Demo;
using Participation.Web.Infrastructure;
using Participation.Web.Peers;

namespace Participation.Tests.Infrastructure;

/// <summary>
/// Several instances of one site behind a load balancer that sends each request anywhere: they
/// read each other's cookies, run each periodic job once between them, and share the limits.
/// </summary>
public sealed class InstancesTests
{
    private static readonly string[] Jobs = ["consultations.brouillons", "vigilance.escalade", "comptes.conservation", "temoignages.conservation"];

    private static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Demo:Proposals"] = "0" };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    private static ParticipationApp Started(ParticipationApp app)
    {
        app.CreateClient().Dispose();
        return app;
    }


    [Fact]
    public async Task A_form_made_by_one_instance_is_sent_to_the_other_and_the_sign_in_holds_on_both()
    {
        using var first = Started(ParticipationApp.With(Settings()));
        using var second = Started(ParticipationApp.Beside(first, Settings()));
        var browser = new CookieContainer();
        var onFirst = first.CreateBrowserlessClient(browser);
        var onSecond = second.CreateBrowserlessClient(browser);

        // The form and its antiforgery cookie come from the first; the second accepts them and signs in.
        var form = await onFirst.GetDocumentAsync("/compte/connexion");
        var token = form.QuerySelector<IHtmlInputElement>("main form[method=post] input[name=__RequestVerificationToken]")!.Value;
        var signedIn = await onSecond.PostAsync("/compte/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = "Colibri",
            ["Password"] = DemoSeeder.Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        // The sign-in cookie the second made opens the account page on the first.
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync("/compte")).StatusCode);
        Assert.Equal(1, await first.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task The_keys_of_the_former_key_folder_are_copied_once_so_that_cookies_made_before_the_upgrade_still_read()
    {
        // The former key folder sat beside the SQLite file: a site on PostgreSQL never had one.
        using var app = ParticipationApp.With(Settings(ParticipationApp.OnSqliteFile));
        // Before the upgrade, a single site kept its keys in a folder beside the database file.
        var former = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "keys")),
            protection => protection.SetApplicationName("Participation"));
        var cookie = former.CreateProtector("essai").Protect("Colibri");

        Started(app);
        Assert.Equal("Colibri", app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("essai").Unprotect(cookie));

        // A second instance, or a restart, finds the key there and copies nothing again.
        using var second = Started(ParticipationApp.Beside(app, Settings()));
        Assert.Equal("Colibri", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("essai").Unprotect(cookie));
        Assert.Equal(1, await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public void An_instance_that_does_not_migrate_refuses_to_start_on_a_database_left_behind_and_names_the_command()
    {
        // A new SQLite file is a database left behind; on PostgreSQL every test site starts from a migrated copy.
        using var app = ParticipationApp.With(Settings(new Dictionary<string, string?>(ParticipationApp.OnSqliteFile) { ["Database:MigrateOnStart"] = "false" }));
        var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var reasons = string.Join(" | ", Causes(refused).Select(e => e.Message));
        Assert.Contains("lancez d'abord la commande « migrate »", reasons);
    }

    [Fact]
    public async Task The_migrate_command_brings_the_database_up_to_date_then_says_there_is_nothing_left()
    {
        using var app = Started(ParticipationApp.With(Settings()));
        var output = new StringWriter();
        Assert.Equal(0, await MigrateCommand.RunAsync(app.Services, output));
        Assert.Equal("La base de données est déjà à jour.", output.ToString().Trim());

        // Started beside it without migrating, an instance finds nothing pending and serves.
        using var second = ParticipationApp.Beside(app, Settings(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" }));
        Assert.Equal(HttpStatusCode.OK, (await second.CreateBrowserlessClient().GetAsync("/healthz")).StatusCode);
    }

    private static IEnumerable<Exception> Causes(Exception fault)
    {
        for (Exception? e = fault; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes))
                {
                    yield return inner;
                }
            }
        }
    }

    [Fact]
    public async Task A_lease_is_kept_by_its_holder_and_taken_by_another_instance_once_it_is_no_longer_renewed()
    {
        using var app = Started(ParticipationApp.With(Settings()));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var first = new JobLeases(new ThisInstance(), scopes, clock, NullLogger<JobLeases>.Instance);
        var second = new JobLeases(new ThisInstance(), scopes, clock, NullLogger<JobLeases>.Instance);

        Assert.True(await first.TryTakeAsync("essai"));
        Assert.False(await second.TryTakeAsync("essai"));
        clock.Advance(JobLeases.Lasts - TimeSpan.FromSeconds(1));
        Assert.False(await second.TryTakeAsync("essai"));
        Assert.True(await first.TryTakeAsync("essai"));
        clock.Advance(JobLeases.Lasts - TimeSpan.FromSeconds(1));
        Assert.False(await second.TryTakeAsync("essai"));

        // The holder renews no more, as when its instance died: once the lease has run out, the other takes it.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await second.TryTakeAsync("essai"));
        Assert.False(await first.TryTakeAsync("essai"));
        Assert.True(second.Holds("essai"));
        Assert.False(first.Holds("essai"));
    }

    [Fact]
    public async Task A_lease_given_back_is_taken_at_once_by_an_instance_whose_clock_is_a_little_behind()
    {
        using var app = Started(ParticipationApp.With(Settings()));
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var ahead = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var behind = new FakeTimeProvider(ahead.GetUtcNow() - TimeSpan.FromSeconds(5));
        var first = new JobLeases(new ThisInstance(), scopes, ahead, NullLogger<JobLeases>.Instance);
        var second = new JobLeases(new ThisInstance(), scopes, behind, NullLogger<JobLeases>.Instance);

        Assert.True(await first.TryTakeAsync("essai"));
        Assert.False(await second.TryTakeAsync("essai"));
        await first.ReleaseAsync("essai");

        Assert.True(await second.TryTakeAsync("essai"));
        Assert.False(await first.TryTakeAsync("essai"));
    }

    [Fact]
    public async Task Two_instances_on_one_database_run_each_periodic_job_in_one_of_them_and_the_other_takes_over_when_it_stops()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var first = Started(ParticipationApp.With(Settings(), clock));
        var leasesOfFirst = first.Services.GetRequiredService<JobLeases>();
        await Wait.Until(() => Jobs.All(leasesOfFirst.Holds));
        using var second = Started(ParticipationApp.Beside(first, Settings(), clock));
        var leasesOfSecond = second.Services.GetRequiredService<JobLeases>();

        // Three minutes, longer than a lease: the first renews, the second never gets a job.
        var start = clock.GetUtcNow();
        for (var step = 0; step < 18; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(100);
            Assert.DoesNotContain(Jobs, leasesOfSecond.Holds);
            Assert.All(Jobs, job => Assert.True(leasesOfFirst.Holds(job), job));
        }
        // The periodic jobs' leases; the start-up's is taken and given back by each instance as it starts.
        var leases = await first.WithDbAsync(db => db.JobLeases.Where(l => l.Job != JobLeases.StartUp).ToListAsync());
        Assert.Equal(Jobs.Order(), leases.Select(l => l.Job).Order());
        Assert.All(leases, lease => Assert.Equal(leasesOfFirst.Instance, lease.Holder));
        Assert.All(leases, lease => Assert.True(lease.ExpiresAt > start + JobLeases.Lasts, lease.Job));

        // The first stops: the second runs the jobs from its next look.
        first.Dispose();
        for (var step = 0; step < 6 && !Jobs.All(leasesOfSecond.Holds); step++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(200);
        }
        Assert.All(Jobs, job => Assert.True(leasesOfSecond.Holds(job), job));
        Assert.All(await second.WithDbAsync(db => db.JobLeases.Where(l => l.Job != JobLeases.StartUp).ToListAsync()), lease => Assert.Equal(leasesOfSecond.Instance, lease.Holder));
    }

    [Fact]
    public async Task Two_instances_on_one_Redis_share_the_sign_ins_allowed_from_an_address()
    {
        var settings = Settings(ParticipationApp.ShippedLimits);
        settings["Accounts:AttemptsPerMinutePerAddress"] = "3";
        foreach (var (key, value) in TestServices.OnRedis($"test-sign-in-{Guid.NewGuid():N}"))
        {
            settings[key] = value;
        }
        using var first = Started(ParticipationApp.With(settings));
        using var second = Started(ParticipationApp.Beside(first, settings));
        ParticipationApp[] instances = [first, second];

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await instances[attempt % 2].CreateBrowserlessClient("203.0.113.7").SignInAsync("Colibri")).StatusCode);
        }
        var refused = await second.CreateBrowserlessClient("203.0.113.7").SignInAsync("Colibri");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.StartsWith("Trop d'essais depuis ce réseau. Réessayez dans ", (await refused.ParseAsync()).QuerySelector("#erreur-login")!.TextContent);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.CreateBrowserlessClient("203.0.113.7").SignInAsync("Colibri")).StatusCode);

        // Another network is not held back.
        Assert.Equal(HttpStatusCode.Redirect, (await first.CreateBrowserlessClient("203.0.113.8").SignInAsync("Colibri")).StatusCode);
    }

    [Fact]
    public async Task Two_instances_on_one_Redis_share_the_wrong_passwords_of_an_account_from_one_place()
    {
        var settings = Settings(ParticipationApp.ShippedLimits);
        foreach (var (key, value) in TestServices.OnRedis($"test-passwords-{Guid.NewGuid():N}"))
        {
            settings[key] = value;
        }
        using var first = Started(ParticipationApp.With(settings));
        using var second = Started(ParticipationApp.Beside(first, settings));
        ParticipationApp[] instances = [first, second];

        // Five wrong passwords are free and the sixth is checked, as on a single instance; then the place waits.
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var answered = await instances[attempt % 2].CreateBrowserlessClient("203.0.113.9").SignInAsync("Baobab", "au hasard");
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        var refused = await instances[0].CreateBrowserlessClient("203.0.113.9").SignInAsync("Baobab", "au hasard");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var message = (await refused.ParseAsync()).QuerySelector("#erreur-login")!.TextContent;
        Assert.StartsWith("Trop d'essais pour cet identifiant. Réessayez dans ", message);
        // The first wait is fifteen seconds, said as what is left of it when the page is made.
        Assert.InRange(refused.NamedWait(message), TimeSpan.FromSeconds(13), TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await instances[1].CreateBrowserlessClient("203.0.113.9").SignInAsync("Baobab")).StatusCode);
    }

    [Fact]
    public async Task What_one_member_sends_to_two_instances_at_once_is_taken_in_turn()
    {
        var options = new RedisOptions { Redis = TestServices.Redis, ChannelPrefix = $"test-turns-{Guid.NewGuid():N}" };
        using var redisOfFirst = new SharedRedis(options);
        using var redisOfSecond = new SharedRedis(options);
        var onFirst = new PeerTurns(redisOfFirst);
        var onSecond = new PeerTurns(redisOfSecond);

        var held = await onFirst.EnterAsync("membre");
        Assert.NotNull(held);
        var waiting = onSecond.EnterAsync("membre");
        using (var other = await onSecond.EnterAsync("autre membre"))
        {
            Assert.NotNull(other);
        }
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        held.Dispose();
        using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(next);
    }

    [Fact]
    public async Task The_health_check_answers_with_the_database_and_Redis()
    {
        using var app = ParticipationApp.With(Settings(TestServices.OnRedis($"test-health-{Guid.NewGuid():N}")));
        var response = await app.CreateBrowserlessClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_health_check_fails_while_Redis_does_not_answer_and_people_still_sign_in()
    {
        // The site reaches Redis through a door the test closes: Redis goes away while the site runs.
        var door = new RedisDoor(TestServices.Redis);
        using var app = Started(ParticipationApp.With(Settings(new Dictionary<string, string?>
        {
            ["SignalR:Redis"] = door.Address,
            ["SignalR:ChannelPrefix"] = $"test-down-{Guid.NewGuid():N}",
        })));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().GetAsync("/healthz")).StatusCode);

        door.Dispose();
        await Wait.Until(() => !app.Services.GetRequiredService<SharedRedis>().Connection.IsConnected);
        var response = await app.CreateBrowserlessClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());

        // Meanwhile the limits count in this instance: signing in works.
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("Colibri")).StatusCode);
    }

    /// <summary>A port that forwards to Redis until it is disposed, then refuses every connection.</summary>
    private sealed class RedisDoor : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _closing = new();
        private readonly List<TcpClient> _open = [];

        public RedisDoor(string redis)
        {
            _listener.Start();
            var target = redis.Split(',')[0].Split(':');
            _ = ForwardAsync(target[0], int.Parse(target[1]));
        }

        public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        private async Task ForwardAsync(string host, int port)
        {
            try
            {
                while (true)
                {
                    var inbound = await _listener.AcceptTcpClientAsync(_closing.Token);
                    var outbound = new TcpClient();
                    await outbound.ConnectAsync(host, port, _closing.Token);
                    lock (_open)
                    {
                        _open.Add(inbound);
                        _open.Add(outbound);
                    }
                    _ = inbound.GetStream().CopyToAsync(outbound.GetStream(), _closing.Token).ContinueWith(_ => outbound.Close(), TaskScheduler.Default);
                    _ = outbound.GetStream().CopyToAsync(inbound.GetStream(), _closing.Token).ContinueWith(_ => inbound.Close(), TaskScheduler.Default);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _closing.Cancel();
            _listener.Stop();
            lock (_open)
            {
                _open.ForEach(connection => connection.Close());
            }
        }
    }
}
