using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Council;

/// <summary>
/// One live session served by two instances of the site on the same database and the same Redis:
/// phones on one, the facilitator's console on the other, and the room behaves as on one instance.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private readonly ParticipationApp _first;
    private readonly ParticipationApp _second;
    private readonly List<HubConnection> _connections = [];
    private int _session;
    private int _poll;

    public TwoInstancesTests()
    {
        var prefix = $"test-{Guid.NewGuid():N}";
        _first = ParticipationApp.With(new Dictionary<string, string?>(TestServices.OnRedis(prefix)) { ["Demo:Proposals"] = "0" });
        _second = ParticipationApp.With(new Dictionary<string, string?>(TestServices.OnRedis(prefix))
        {
            ["Demo:Proposals"] = "0",
            ["ConnectionStrings:Participation"] = _first.Settings["ConnectionStrings:Participation"],
            ["Media:Folder"] = _first.MediaFolder,
        });
    }

    public async Task InitializeAsync()
    {
        // One after the other: the first creates the database and the demo, the second finds them.
        _first.CreateClient();
        _second.CreateClient();
        await using var scope = _first.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = (await _first.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
        var created = await sessions.CreateAsync(new NewSession("Plénière sur deux serveurs", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Salle du conseil", false, "Bien manger",
            AgeBandSet.From11To14 | AgeBandSet.From15To17 | AgeBandSet.From18To25, ["Accueil"]), facilitator);
        _poll = (await sessions.AddPollAsync(created.Value, new NewPoll("Quel goûter ?", PollKind.SingleChoice, ["Fruits", "Gâteau", "Pain"]))).Value;
        _session = created.Value;
        Assert.True((await sessions.StartAsync(_session)).Succeeded);
    }

    private async Task<HubConnection> ConnectAsync(ParticipationApp app, string login)
    {
        var cookies = new CookieContainerHandler();
        var client = app.CreateDefaultClient(new Uri("http://localhost"), cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(login)).StatusCode);
        var connection = app.Hub(CouncilHub.Path, cookies);
        await connection.StartAsync();
        _connections.Add(connection);
        return connection;
    }

    private async Task<HubConnection> JoinAsync(ParticipationApp app, string login)
    {
        var phone = await ConnectAsync(app, login);
        var ack = await phone.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session);
        Assert.True(ack.Ok, ack.Message);
        return phone;
    }

    private async Task<int> OptionAsync(int index) =>
        await _first.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).OrderBy(o => o.Position).Select(o => o.Id).Skip(index).FirstAsync());

    [Fact]
    public async Task Phones_on_one_instance_and_the_console_on_the_other_make_one_room()
    {
        var console = await ConnectAsync(_second, $"animation@{DemoSeeder.Domain}");
        var tallies = new ConcurrentQueue<TallyView>();
        var progress = new ConcurrentQueue<Progress>();
        var consoles = new ConcurrentQueue<ConsoleState>();
        console.On<TallyView>(nameof(ICouncilClient.Tally), tallies.Enqueue);
        console.On<Progress>(nameof(ICouncilClient.Progress), progress.Enqueue);
        console.On<ConsoleState>(nameof(ICouncilClient.Console), consoles.Enqueue);
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), _session)).Ok);

        var loutre = await JoinAsync(_first, "Loutre");
        var opened = new TaskCompletionSource<PollView>(TaskCreationOptions.RunContinuationsAsynchronously);
        var muted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        loutre.On<PollView>(nameof(ICouncilClient.PollOpened), poll => opened.TrySetResult(poll));
        loutre.On<bool>(nameof(ICouncilClient.MutedChanged), on => muted.TrySetResult(on));
        loutre.On(nameof(ICouncilClient.Removed), () => removed.TrySetResult());
        loutre.On<DateTimeOffset>(nameof(ICouncilClient.TimerStarted), endsAt => timer.TrySetResult(endsAt));
        var faucon = await JoinAsync(_second, "Faucon");

        // Both phones count as connected on the console, one of them through the other instance.
        await Wait.Until(() => progress.LastOrDefault() is { Connected: 2 });

        // The poll opened on the second instance reaches the phone on the first, which votes there.
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        Assert.Equal(_poll, (await opened.Task.WaitAsync(TimeSpan.FromSeconds(10))).Id);
        Assert.True((await loutre.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{await OptionAsync(0)}")).Ok);
        Assert.True((await faucon.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{await OptionAsync(1)}")).Ok);
        await Wait.Until(() => tallies.LastOrDefault() is { Ballots: 2 } && progress.LastOrDefault() is { Voted: 2, Connected: 2 });

        // One ballot per participant, whichever instance it comes through: Loutre changes their mind on the second one.
        var again = await JoinAsync(_second, "Loutre");
        Assert.True((await again.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{await OptionAsync(1)}")).Ok);
        await Wait.Until(() => tallies.LastOrDefault() is { Ballots: 2 } last && last.Results.Single(r => r.Label == "Gâteau").Count == 2);
        Assert.Equal(2, await _first.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == _poll)));
        await Wait.Until(() => _first.Services.GetRequiredService<LiveSessions>().Find(_session)!.StateFor(Screen.Console, null, null).Tally is { Ballots: 2 } here
            && here.Results.Single(r => r.Label == "Gâteau").Count == 2);
        await again.StopAsync();

        // A hand raised on the first instance shows on the console of the second; the timer started there reaches the phone here.
        Assert.True((await loutre.InvokeAsync<Ack>(nameof(CouncilHub.RaiseHand), true)).Ok);
        await Wait.Until(() => consoles.LastOrDefault()?.Hands.Any(h => h.Pseudonym == "Loutre") == true);
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.StartTimer), 60)).Ok);
        await timer.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Paused from the second instance: the phone on the first hears it, and its ideas wait.
        var loutreId = await _first.WithDbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Loutre").Select(p => p.Id).SingleAsync());
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.Mute), loutreId, true)).Ok);
        Assert.True(await muted.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Wait.Until(() => _first.Services.GetRequiredService<LiveSessions>().Find(_session)!.IsMuted(loutreId));
        Assert.Equal(ParticipantActions.Paused, (await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Une idée pendant la pause", "k1")).Message);

        // Removed from the second instance: held back on both.
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.Remove), loutreId)).Ok);
        await removed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Wait.Until(() => _first.Services.GetRequiredService<LiveSessions>().Find(_session)!.IsRemoved(loutreId));
        foreach (var app in new[] { _first, _second })
        {
            var back = await ConnectAsync(app, "Loutre");
            Assert.Equal(ParticipantActions.RemovedMessage, (await back.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session)).Message);
        }
        await Wait.Until(() => tallies.LastOrDefault() is { Ballots: 1 });

        // Closed on the second instance: a late ballot on the first is refused.
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);
        Assert.False((await faucon.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{await OptionAsync(2)}")).Ok);
    }

    [Fact]
    public async Task Guests_let_in_on_one_instance_join_on_the_other_and_a_removed_guest_s_code_changes_on_both()
    {
        var console = await ConnectAsync(_second, $"animation@{DemoSeeder.Domain}");
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), _session)).Ok);
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), true)).Ok);
        var code = await _first.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());

        var entry = _first.Services.GetRequiredService<RoomEntry>();
        await Wait.Until(() => _first.Services.GetRequiredService<LiveSessions>().Find(_session)?.GuestsAllowed == true);
        var (guest, _, error) = await entry.JoinAsGuestAsync(code, "Comete");
        Assert.Null(error);
        // The name is taken on the other instance too, look-alikes included.
        await Wait.Until(() => _second.Services.GetRequiredService<LiveSessions>().Find(_session)!.HasPseudonymLike("Comète"));

        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.Remove), guest!.Value)).Ok);
        var fresh = await _first.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());
        Assert.NotEqual(code, fresh);
        Assert.NotNull((await entry.JoinAsGuestAsync(code, "Autre")).Error);
        Assert.Null((await entry.JoinAsGuestAsync(fresh, "Autre")).Error);
    }

    [Fact]
    public async Task Signing_out_on_one_instance_closes_the_console_held_by_the_other_at_once()
    {
        // The shared computer's browser signs in through the first instance; its console's connection landed on the second.
        var cookies = new CookieContainerHandler();
        var browser = _first.CreateDefaultClient(new Uri("http://localhost"), cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync($"animation@{DemoSeeder.Domain}")).StatusCode);
        var console = _second.Hub(CouncilHub.Path, cookies);
        _connections.Add(console);
        await console.StartAsync();
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), _session)).Ok);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        console.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        var screens = _second.Services.GetRequiredService<ScreenListeners>();
        Assert.Equal(1, screens.Count);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/compte/deconnexion", new Dictionary<string, string>(), formIndex: 0)).StatusCode);
        // Well before the second instance's own check, a minute apart: no more pseudonyms or held ideas on that screen.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, screens.Count);
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
        _second.Dispose();
        _first.Dispose();
    }
}
