using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Council;
using Participation.Web.Data;
using Participation.Web.Demo;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Tests.Council;

/// <summary>
/// Redis dies in the middle of a live session of a site that runs on it. What a phone does is
/// stored by this instance, so it stands and is acknowledged; a child who writes that they are
/// in danger still hears whom to call; the other instances read it with the session once Redis is back.
/// </summary>
public sealed class RedisCutTests : IAsyncLifetime
{
    private OwnRedis _redis = null!;
    private ParticipationApp _app = null!;
    private readonly List<HubConnection> _connections = [];
    private int _session;
    private int _poll;

    public async Task InitializeAsync()
    {
        _redis = await OwnRedis.StartAsync();
        _app = ParticipationApp.With(new Dictionary<string, string?>
        {
            ["SignalR:Redis"] = _redis.Address,
            ["SignalR:ChannelPrefix"] = $"test-{Guid.NewGuid():N}",
            ["Demo:Proposals"] = "0",
        });
        try
        {
            _app.CreateClient();
        }
        catch
        {
            // A site that does not start leaves no redis-server behind.
            await DisposeAsync();
            throw;
        }
        await using var scope = _app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = (await _app.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
        var created = await sessions.CreateAsync(new NewSession("Plénière sans Redis", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Salle du conseil", false, "Bien manger",
            AgeBandSet.From7To10 | AgeBandSet.From11To14, ["Accueil"]), facilitator);
        _poll = (await sessions.AddPollAsync(created.Value, new NewPoll("Quel goûter ?", PollKind.SingleChoice, ["Fruits", "Gâteau"]))).Value;
        _session = created.Value;
        Assert.True((await sessions.StartAsync(_session)).Succeeded);
    }

    private async Task<HubConnection> ConnectAsync(string login, string join)
    {
        var cookies = new CookieContainerHandler();
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateDefaultClient(new Uri("http://localhost"), cookies).SignInAsync(login)).StatusCode);
        var connection = _app.Hub(CouncilHub.Path, cookies);
        await connection.StartAsync();
        _connections.Add(connection);
        var joined = await connection.InvokeAsync<Ack>(join, _session);
        Assert.True(joined.Ok, joined.Message);
        return connection;
    }

    [Fact]
    public async Task A_vote_and_a_child_s_call_for_help_made_after_Redis_died_are_stored_and_answered()
    {
        var console = await ConnectAsync($"animation@{DemoSeeder.Domain}", nameof(CouncilHub.JoinAsFacilitator));
        var consoleStates = new ConcurrentQueue<ConsoleState>();
        console.On<ConsoleState>(nameof(ICouncilClient.Console), consoleStates.Enqueue);
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        var colibri = await ConnectAsync("Colibri", nameof(CouncilHub.Join));
        var loutre = await ConnectAsync("Loutre", nameof(CouncilHub.Join));
        // An idea of the room's, shown before Redis dies.
        Assert.True((await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des fruits frais au goûter", "k1")).Ok);
        var ideaId = await _app.WithDbAsync(db => db.Ideas.Where(i => i.SessionId == _session && i.ClientKey == "k1").Select(i => i.Id).SingleAsync());
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.Moderate), ideaId, true)).Ok);
        var fruits = await _app.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).OrderBy(o => o.Position).Select(o => o.Id).FirstAsync());

        var casesBefore = await _app.WithDbAsync(db => db.SafetyCases.CountAsync());
        _redis.Kill();
        var redis = _app.Services.GetRequiredService<SharedRedis>().Connection;
        await Wait.Until(() => !redis.IsConnected);

        var vote = await colibri.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{fruits}");
        Assert.True(vote.Ok, vote.Message);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == _poll)));

        var support = await colibri.InvokeAsync<Ack>(nameof(CouncilHub.SupportIdea), ideaId);
        Assert.True(support.Ok, support.Message);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Ideas.Where(i => i.Id == ideaId).Select(i => i.Supports).SingleAsync()));

        const string danger = "il me frappe tous les soirs et j'ai peur de rentrer";
        var urgent = await colibri.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), danger, "k2");
        Assert.True(urgent.Ok, urgent.Message);
        Assert.True(urgent.Help);
        Assert.Contains("119", urgent.Message);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session && i.Status == IdeaStatus.HeldForSafety)));
        Assert.Equal(casesBefore + 1, await _app.WithDbAsync(db => db.SafetyCases.CountAsync()));
        // The answer was slow to come and the phone sent it again: stored once, and whom to call is said again.
        var again = await colibri.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), danger, "k2");
        Assert.True(again.Help);
        Assert.Equal(urgent.Message, again.Message);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session && i.Status == IdeaStatus.HeldForSafety)));
        Assert.Equal(casesBefore + 1, await _app.WithDbAsync(db => db.SafetyCases.CountAsync()));

        // The console, which could not be told while Redis was away, is told once it is back.
        await _redis.StartAgainAsync();
        await Wait.Until(() => consoleStates.Any(state => state.HeldForSafety.Any(alert => alert.Pseudonym == "Colibri")), TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
        _app?.Dispose();
        _redis?.Dispose();
    }
}
