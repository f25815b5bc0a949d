using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;
using StackExchange.Redis;

namespace Participation.Tests.Council;

/// <summary>
/// Two départements' sites on one Redis server, each under its own prefix: their sessions have the
/// same numbers, and neither hears the other's room.
/// </summary>
public sealed class SharedRedisTests : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N");
    private readonly ParticipationApp _bellerive;
    private readonly ParticipationApp _montclair;
    private readonly List<HubConnection> _connections = [];

    public SharedRedisTests()
    {
        _bellerive = ParticipationApp.With(new Dictionary<string, string?>(TestServices.OnRedis($"test-bellerive-{_run}")) { ["Demo:Proposals"] = "0" });
        _montclair = ParticipationApp.With(new Dictionary<string, string?>(TestServices.OnRedis($"test-montclair-{_run}")) { ["Demo:Proposals"] = "0" });
    }

    public Task InitializeAsync()
    {
        _bellerive.CreateClient();
        _montclair.CreateClient();
        return Task.CompletedTask;
    }

    private static async Task<(int Session, int Poll)> StartSessionAsync(ParticipationApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = (await app.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
        var created = await sessions.CreateAsync(new NewSession("Plénière", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Salle du conseil", false, "Bien manger",
            AgeBandSet.From11To14 | AgeBandSet.From15To17, ["Accueil"]), facilitator);
        var poll = await sessions.AddPollAsync(created.Value, new NewPoll("Quel goûter ?", PollKind.SingleChoice, ["Fruits", "Gâteau"]));
        Assert.True((await sessions.StartAsync(created.Value)).Succeeded);
        return (created.Value, poll.Value);
    }

    private async Task<HubConnection> ConsoleAsync(ParticipationApp app, int session)
    {
        var cookies = new CookieContainerHandler();
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateDefaultClient(new Uri("http://localhost"), cookies).SignInAsync($"animation@{DemoSeeder.Domain}")).StatusCode);
        var connection = app.Hub(CouncilHub.Path, cookies);
        _connections.Add(connection);
        await connection.StartAsync();
        Assert.True((await connection.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), session)).Ok);
        return connection;
    }

    [Fact]
    public async Task A_poll_opened_in_one_site_reaches_its_own_console_and_never_the_other_site_s_session_of_the_same_number()
    {
        var (inBellerive, _) = await StartSessionAsync(_bellerive);
        var (inMontclair, montclairPoll) = await StartSessionAsync(_montclair);
        Assert.Equal(inBellerive, inMontclair);

        var bellerive = await ConsoleAsync(_bellerive, inBellerive);
        var montclair = await ConsoleAsync(_montclair, inMontclair);
        var heardInBellerive = new List<string>();
        var heardInMontclair = new TaskCompletionSource<PollView>(TaskCreationOptions.RunContinuationsAsynchronously);
        bellerive.On<PollView>(nameof(ICouncilClient.PollOpened), poll => { lock (heardInBellerive) { heardInBellerive.Add(poll.Question); } });
        montclair.On<PollView>(nameof(ICouncilClient.PollOpened), poll => heardInMontclair.TrySetResult(poll));

        // SignalR's own channels on the Redis server carry each site's prefix.
        var server = _bellerive.Services.GetRequiredService<SharedRedis>().Connection.GetServers().First();
        foreach (var site in new[] { "bellerive", "montclair" })
        {
            var pattern = RedisChannel.Pattern($"test-{site}-{_run}:signalr:*");
            await Wait.Until(() => server.SubscriptionChannels(pattern).Length > 0);
        }

        Assert.True((await montclair.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), montclairPoll)).Ok);
        Assert.Equal(montclairPoll, (await heardInMontclair.Task.WaitAsync(TimeSpan.FromSeconds(10))).Id);
        await Task.Delay(500);
        lock (heardInBellerive)
        {
            Assert.Empty(heardInBellerive);
        }
        Assert.Null(_bellerive.Services.GetRequiredService<LiveSessions>().Find(inBellerive)!.Poll);
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
        _montclair.Dispose();
        _bellerive.Dispose();
    }
}
