using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Tests.Council;

/// <summary>The live session hub through the real .NET SignalR client, against the real host.</summary>
public sealed class CouncilHubTests : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new();
    private readonly ParticipationApp _app;

    public CouncilHubTests() => _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Proposals"] = "0" }, _clock);
    private readonly List<HubConnection> _connections = [];
    private int _session;
    private int _poll;

    public async Task InitializeAsync()
    {
        _app.CreateClient();
        (_session, _poll) = await StartSessionAsync(AgeBandSet.From7To10 | AgeBandSet.From11To14 | AgeBandSet.From15To17 | AgeBandSet.From18To25);
    }

    private async Task<(int Session, int Poll)> StartSessionAsync(AgeBandSet bands)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = (await _app.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
        var created = await sessions.CreateAsync(new NewSession("Plénière de test", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Salle du conseil", false, "Bien manger", bands, ["Accueil", "Les repas"]), facilitator);
        var poll = await sessions.AddPollAsync(created.Value, new NewPoll("Quel goûter ?", PollKind.SingleChoice, ["Fruits", "Gâteau", "Pain"]));
        await sessions.AddPollAsync(created.Value, new NewPoll("Les repas ?", PollKind.MajorityJudgment, ["Midi", "Soir"]));
        Assert.True((await sessions.StartAsync(created.Value)).Succeeded);
        return (created.Value, poll.Value);
    }

    /// <summary>A signed-in browser's cookies, or a guest's after joining with the code.</summary>
    private async Task<CookieContainerHandler> CookiesForAsync(string? login)
    {
        var cookies = new CookieContainerHandler();
        if (login is not null)
        {
            var client = _app.CreateDefaultClient(new Uri("http://localhost"), cookies);
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(login)).StatusCode);
        }
        return cookies;
    }

    private async Task<HubConnection> ConnectAsync(CookieContainerHandler cookies, string? origin = null)
    {
        var connection = _app.Hub(CouncilHub.Path, cookies, origin);
        await connection.StartAsync();
        _connections.Add(connection);
        return connection;
    }

    private async Task<(HubConnection Connection, ConcurrentQueue<SessionState> States)> JoinAsync(string login, int? session = null)
    {
        var connection = await ConnectAsync(await CookiesForAsync(login));
        var states = new ConcurrentQueue<SessionState>();
        connection.On<SessionState>(nameof(ICouncilClient.State), states.Enqueue);
        var ack = await connection.InvokeAsync<Ack>(nameof(CouncilHub.Join), session ?? _session);
        Assert.True(ack.Ok, ack.Message);
        return (connection, states);
    }

    private async Task<HubConnection> FacilitateAsync(int? session = null)
    {
        var connection = await ConnectAsync(await CookiesForAsync($"animation@{DemoSeeder.Domain}"));
        var ack = await connection.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), session ?? _session);
        Assert.True(ack.Ok, ack.Message);
        return connection;
    }

    private Task<T> DbAsync<T>(Func<Participation.Web.Data.ParticipationDb, Task<T>> query) => _app.WithDbAsync(query);

    [Fact]
    public async Task A_participant_calling_a_facilitator_method_gets_an_error_and_nothing_changes()
    {
        var (young, _) = await JoinAsync("Loutre");
        foreach (var (method, args) in new (string, object[])[]
        {
            (nameof(CouncilHub.OpenPoll), [_poll]), (nameof(CouncilHub.ClosePoll), []), (nameof(CouncilHub.StartTimer), [60]),
            (nameof(CouncilHub.AllowGuests), [true]), (nameof(CouncilHub.Mute), [1, true]), (nameof(CouncilHub.Remove), [1]),
            (nameof(CouncilHub.Moderate), [1, true]), (nameof(CouncilHub.SetAgendaItem), [1]), (nameof(CouncilHub.SetPreModeration), [false]),
        })
        {
            var ack = await young.InvokeCoreAsync<Ack>(method, args);
            Assert.False(ack.Ok, method);
            Assert.Equal("Réservé aux animateur·rices de la séance.", ack.Message);
        }
        var session = await DbAsync(db => db.CouncilSessions.SingleAsync(s => s.Id == _session));
        Assert.False(session.GuestsAllowed);
        Assert.Equal(PollStatus.Draft, await DbAsync(db => db.Polls.Where(p => p.Id == _poll).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Only_the_session_s_facilitators_may_facilitate()
    {
        var young = await ConnectAsync(await CookiesForAsync("Faucon"));
        Assert.False((await young.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), _session)).Ok);
        var otherFacilitator = await ConnectAsync(await CookiesForAsync($"animation2@{DemoSeeder.Domain}"));
        Assert.False((await otherFacilitator.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), _session)).Ok);
        var admin = await ConnectAsync(await CookiesForAsync($"pilotage@{DemoSeeder.Domain}"));
        Assert.True((await admin.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), _session)).Ok);
    }

    [Fact]
    public async Task A_facilitator_added_to_the_team_may_then_facilitate()
    {
        var colleague = (await _app.ActorAsync($"animation2@{DemoSeeder.Domain}")).MemberId!;
        var young = (await _app.ActorAsync("Colibri")).MemberId!;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
            Assert.Equal("Choisissez un·e animateur·rice.", (await sessions.AddFacilitatorAsync(_session, young)).Errors["MemberId"]);
            Assert.True((await sessions.AddFacilitatorAsync(_session, colleague)).Succeeded);
            Assert.False((await sessions.AddFacilitatorAsync(_session, colleague)).Succeeded);
        }
        var connection = await ConnectAsync(await CookiesForAsync($"animation2@{DemoSeeder.Domain}"));
        Assert.True((await connection.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), _session)).Ok);
    }

    [Fact]
    public async Task A_console_left_open_closes_when_its_facilitator_signs_out_and_a_projector_when_taken_off_the_session()
    {
        var consoleCookies = new CookieContainerHandler();
        var browser = _app.CreateDefaultClient(new Uri("http://localhost"), consoleCookies);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync($"animation@{DemoSeeder.Domain}")).StatusCode);
        var console = await ConnectAsync(consoleCookies);
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), _session)).Ok);
        var consoleClosed = new TaskCompletionSource();
        console.Closed += _ => { consoleClosed.TrySetResult(); return Task.CompletedTask; };

        var colleague = (await _app.ActorAsync($"animation2@{DemoSeeder.Domain}")).MemberId!;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<Sessions>().AddFacilitatorAsync(_session, colleague)).Succeeded);
        }
        var projector = await ConnectAsync(await CookiesForAsync($"animation2@{DemoSeeder.Domain}"));
        Assert.True((await projector.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsProjector), _session)).Ok);
        var projectorClosed = new TaskCompletionSource();
        projector.Closed += _ => { projectorClosed.TrySetResult(); return Task.CompletedTask; };
        var listeners = _app.Services.GetRequiredService<ScreenListeners>();
        Assert.Equal(2, listeners.Count);
        Assert.Equal(0, await listeners.CloseExpiredAsync());

        // Signing out on the shared computer stops the console at once: no more pseudonyms or held ideas on it.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/compte/deconnexion", new Dictionary<string, string>(), formIndex: 0)).StatusCode);
        await consoleClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, listeners.Count);

        // Taken off the session's team, the projector stops at the next check.
        await _app.WithDbAsync(db => db.SessionFacilitators.Where(f => f.SessionId == _session && f.MemberId == colleague).ExecuteDeleteAsync());
        Assert.Equal(1, await listeners.CloseExpiredAsync());
        await projectorClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, listeners.Count);
    }

    [Fact]
    public async Task One_ballot_per_participant_changeable_until_the_poll_closes()
    {
        var facilitator = await FacilitateAsync();
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        var options = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync());
        var (young, _) = await JoinAsync("Colibri");
        var (other, _) = await JoinAsync("Baobab");

        Assert.True((await young.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{options[0]}")).Ok);
        Assert.True((await young.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{options[1]}")).Ok);
        Assert.True((await other.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{options[1]}")).Ok);
        var twoChoices = await young.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{options[0]},{options[1]}");
        Assert.Equal("Choisis une seule réponse.", twoChoices.Message);
        var foreign = await young.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, "999999");
        Assert.False(foreign.Ok);

        var ballots = await DbAsync(db => db.Ballots.Where(b => b.PollId == _poll).ToListAsync());
        Assert.Equal(2, ballots.Count);
        Assert.All(ballots, b => Assert.Equal($"{options[1]}", b.Choice));

        int? closed = null;
        TallyView? final = null;
        young.On<int>(nameof(ICouncilClient.PollClosed), id => closed = id);
        young.On<TallyView>(nameof(ICouncilClient.ResultShown), t => final = t);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);
        var late = await young.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{options[0]}");
        Assert.Equal("Ce vote est fermé.", late.Message);
        await Wait.Until(() => closed == _poll);
        Assert.Null(final);

        // The phones see the result only once the facilitator reveals it on the projector.
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.RevealResult))).Ok);
        await Wait.Until(() => final is not null);
        Assert.Equal(2, final!.Ballots);
        Assert.Equal(2, final.Results.Single(r => r.OptionId == options[1]).Count);
        Assert.Equal("Quel goûter\u00A0?", final.Question);
    }

    [Fact]
    public async Task A_result_is_revealed_only_once_its_poll_has_closed_and_a_phone_that_comes_back_sees_it()
    {
        var facilitator = await FacilitateAsync();
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        var option = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).OrderBy(o => o.Position).Select(o => o.Id).FirstAsync());
        var (phone, _) = await JoinAsync("Loutre");
        Assert.True((await phone.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{option}")).Ok);
        var early = await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.RevealResult));
        Assert.False(early.Ok);
        Assert.Contains("Fermez d'abord le vote", early.Message);

        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);
        var (hidden, hiddenStates) = await JoinAsync("Faucon");
        await Wait.Until(() => !hiddenStates.IsEmpty);
        Assert.Null(hiddenStates.Last().Result);

        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.RevealResult))).Ok);
        var (back, states) = await JoinAsync("Baobab");
        await Wait.Until(() => !states.IsEmpty);
        Assert.Equal(1, states.Last().Result!.Ballots);
        Assert.True(states.Last().ResultRevealed);
        Assert.Null(states.Last().Tally);
    }

    [Fact]
    public async Task The_projector_never_receives_running_results_but_the_console_does_and_both_see_who_voted()
    {
        var console = await FacilitateAsync();
        var projector = await ConnectAsync(await CookiesForAsync($"animation@{DemoSeeder.Domain}"));
        var projected = new ConcurrentQueue<TallyView>();
        var consoleTallies = new ConcurrentQueue<TallyView>();
        var progress = new ConcurrentQueue<Progress>();
        var projectorStates = new ConcurrentQueue<SessionState>();
        projector.On<TallyView>(nameof(ICouncilClient.Tally), projected.Enqueue);
        projector.On<Progress>(nameof(ICouncilClient.Progress), progress.Enqueue);
        projector.On<SessionState>(nameof(ICouncilClient.State), projectorStates.Enqueue);
        console.On<TallyView>(nameof(ICouncilClient.Tally), consoleTallies.Enqueue);
        Assert.True((await projector.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsProjector), _session)).Ok);
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        var option = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).Select(o => o.Id).FirstAsync());
        var (first, _) = await JoinAsync("Loutre");
        await JoinAsync("Faucon");
        Assert.True((await first.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{option}")).Ok);

        await Wait.Until(() => progress.Any(p => p == new Progress(1, 2)));
        await Wait.Until(() => consoleTallies.Any(t => t.Ballots == 1));

        // Someone who voted and left still counts in the result, never as more voters than people in the room.
        await first.StopAsync();
        await Wait.Until(() => progress.LastOrDefault() == new Progress(0, 1));
        Assert.Equal(1, consoleTallies.Last().Ballots);
        Assert.All(progress, p => Assert.True(p.Voted <= p.Connected, $"{p.Voted}/{p.Connected} ont voté"));

        // Switching guests on, or removing one, redraws the screens: the projector still learns no result.
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), true)).Ok);
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);
        Assert.True((await console.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), false)).Ok);
        await Wait.Until(() => projectorStates.Count >= 3);
        Assert.Empty(projected);
        Assert.All(projectorStates, s => Assert.Null(s.Tally));
        Assert.All(projectorStates, s => Assert.Null(s.Result));

        // The projector shows; it cannot act.
        var acting = await projector.InvokeAsync<Ack>(nameof(CouncilHub.RevealResult));
        Assert.False(acting.Ok);
        Assert.Empty(projected);
    }

    [Fact]
    public async Task An_idea_refused_for_its_pace_can_be_sent_again_under_the_same_id()
    {
        var (young, _) = await JoinAsync("Loutre");
        Assert.True((await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Première idée pour les repas", "a")).Ok);
        var tooSoon = await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Deuxième idée pour les sorties", "b");
        Assert.False(tooSoon.Ok);
        _clock.Shift(TimeSpan.FromSeconds(ParticipantActions.IdeaIntervalSeconds));
        Assert.Equal("Merci\u00a0! Ton idée est envoyée à l'équipe d'animation.", (await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Deuxième idée pour les sorties", "b")).Message);
        Assert.Equal(2, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session)));
    }

    [Fact]
    public async Task A_guest_s_browser_joining_again_is_the_same_guest_and_cannot_come_back_once_removed()
    {
        var facilitator = await FacilitateAsync();
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), true)).Ok);
        var code = await DbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());
        var browser = _app.CreateDefaultClient(new Uri("http://localhost"), await CookiesForAsync(null));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = "Mésange" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = "Autre-nom" })).StatusCode);
        var guests = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.IsGuest).Select(p => p.Id).ToListAsync());
        Assert.Single(guests);

        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Remove), guests[0])).Ok);
        code = await DbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());
        var again = await (await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = "Troisième" })).ParseAsync();
        Assert.Contains("Tu ne fais plus partie de cette séance.", again.QuerySelector("main")!.TextContent);
        Assert.Single(await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.IsGuest).Select(p => p.Id).ToListAsync()));
    }

    [Fact]
    public async Task A_page_of_another_site_cannot_speak_in_the_session_with_a_young_persons_cookies()
    {
        var cookies = await CookiesForAsync("Loutre");
        var refused = await Record.ExceptionAsync(async () =>
        {
            var foreign = await ConnectAsync(cookies, origin: "https://autre-site.example");
            await foreign.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session);
        });
        Assert.NotNull(refused);
        Assert.False(await _app.WithDbAsync(db => db.Participants.AnyAsync(p => p.SessionId == _session && p.Pseudonym == "Loutre")));

        // The site's own page, which sends its origin too, joins as usual.
        var own = await ConnectAsync(cookies, origin: "http://localhost");
        Assert.True((await own.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session)).Ok);
    }

    [Fact]
    public async Task A_connection_opened_before_the_account_changed_is_refused_and_closed()
    {
        var cookies = await CookiesForAsync("Loutre");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Member>>();
            // A facilitator gives a new code for a lost phone: the old one must stop acting as the child.
            await users.UpdateSecurityStampAsync((await users.FindByNameAsync("Loutre"))!);
        }
        var phone = await ConnectAsync(cookies);
        var closed = new TaskCompletionSource();
        phone.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        var ack = await phone.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session);
        Assert.False(ack.Ok);
        Assert.Equal(LiveAccountCheck.Expired, ack.Message);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task After_the_session_closes_every_method_is_refused_clearly_and_the_connections_are_released()
    {
        var facilitator = await FacilitateAsync();
        var (young, _) = await JoinAsync("Loutre");
        var ended = false;
        young.On(nameof(ICouncilClient.SessionClosed), () => ended = true);
        var closedByServer = new TaskCompletionSource();
        young.Closed += _ => { closedByServer.TrySetResult(); return Task.CompletedTask; };
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<Sessions>().CloseAsync(_session)).Succeeded);
        }
        await Wait.Until(() => ended);

        foreach (var (connection, method, args) in new (HubConnection, string, object?[])[]
        {
            (young, nameof(CouncilHub.Vote), [_poll, "1"]), (young, nameof(CouncilHub.PostIdea), ["Une idée pour la fin", null]),
            (young, nameof(CouncilHub.SupportIdea), [1]), (young, nameof(CouncilHub.RaiseHand), [true]), (young, nameof(CouncilHub.React), ["👍"]),
            (facilitator, nameof(CouncilHub.OpenPoll), [_poll]), (facilitator, nameof(CouncilHub.ClosePoll), []), (facilitator, nameof(CouncilHub.RevealResult), []),
            (facilitator, nameof(CouncilHub.StartTimer), [60]), (facilitator, nameof(CouncilHub.AllowGuests), [true]), (facilitator, nameof(CouncilHub.Mute), [1, true]),
            (facilitator, nameof(CouncilHub.Remove), [1]), (facilitator, nameof(CouncilHub.Moderate), [1, true]), (facilitator, nameof(CouncilHub.SetAgendaItem), [1]),
            (facilitator, nameof(CouncilHub.SetPreModeration), [false]), (facilitator, nameof(CouncilHub.LowerHand), [1]),
            (young, nameof(CouncilHub.Join), [_session]), (facilitator, nameof(CouncilHub.JoinAsFacilitator), [_session]),
        })
        {
            var ack = await connection.InvokeCoreAsync<Ack>(method, args);
            Assert.False(ack.Ok, method);
            Assert.False(string.IsNullOrEmpty(ack.Message), method);
        }
        Assert.Equal(RoomEntry.Ended, (await young.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session)).Message);

        await closedByServer.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var live = _app.Services.GetRequiredService<LiveSessions>();
        await Wait.Until(() => live.ConnectionsOf(_session).Count == 0);
        Assert.Null(live.Find(_session));
    }

    [Fact]
    public async Task Giving_the_floor_lowers_the_hand_on_the_console_and_tells_the_phone()
    {
        var facilitator = await FacilitateAsync();
        var consoles = new ConcurrentQueue<ConsoleState>();
        facilitator.On<ConsoleState>(nameof(ICouncilClient.Console), consoles.Enqueue);
        var (phone, states) = await JoinAsync("Loutre");
        var floor = 0;
        phone.On(nameof(ICouncilClient.FloorGiven), () => Interlocked.Increment(ref floor));
        Assert.True((await phone.InvokeAsync<Ack>(nameof(CouncilHub.RaiseHand), true)).Ok);
        await Wait.Until(() => consoles.LastOrDefault()?.Hands.Any(h => h.Pseudonym == "Loutre") == true);
        var hand = consoles.Last().Hands.Single(h => h.Pseudonym == "Loutre");

        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.LowerHand), hand.ParticipantId)).Ok);
        await Wait.Until(() => Volatile.Read(ref floor) == 1);
        await Wait.Until(() => consoles.Last().Hands.Count == 0);

        // A second tap on a hand already down changes nothing and says so.
        var again = await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.LowerHand), hand.ParticipantId);
        Assert.False(again.Ok);
        Assert.Equal("Cette main n'est plus levée.", again.Message);
        Assert.Equal(1, Volatile.Read(ref floor));

        // Coming back, the phone finds its hand down.
        await phone.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session);
        await Wait.Until(() => states.Count >= 2);
        Assert.False(states.Last().HandRaised);
    }

    [Fact]
    public async Task A_participant_who_drops_comes_back_to_the_current_state_with_their_ballot()
    {
        var facilitator = await FacilitateAsync();
        await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.SetAgendaItem), await DbAsync(db => db.AgendaItems.Where(a => a.SessionId == _session && a.Position == 1).Select(a => a.Id).SingleAsync()));
        await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll);
        var option = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).OrderBy(o => o.Position).Select(o => o.Id).LastAsync());
        var (phone, _) = await JoinAsync("Faucon");
        Assert.True((await phone.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{option}")).Ok);
        await phone.DisposeAsync();

        var (back, states) = await JoinAsync("Faucon");
        await Wait.Until(() => !states.IsEmpty);
        var state = states.Last();
        Assert.Equal("Les repas", state.AgendaItem);
        Assert.Equal(_poll, state.Poll!.Id);
        Assert.Equal($"{option}", state.MyBallot);
        Assert.Null(state.Tally);
        Assert.Equal(1, await DbAsync(db => db.Participants.CountAsync(p => p.SessionId == _session && p.Pseudonym == "Faucon")));
    }

    [Fact]
    public async Task A_participant_only_receives_their_own_session_s_messages()
    {
        var (otherSession, otherPoll) = await StartSessionAsync(AgeBandSet.From15To17);
        var (young, _) = await JoinAsync("Loutre");
        var opened = new ConcurrentQueue<PollView>();
        young.On<PollView>(nameof(ICouncilClient.PollOpened), opened.Enqueue);

        var otherFacilitator = await FacilitateAsync(otherSession);
        Assert.True((await otherFacilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), otherPoll)).Ok);
        var facilitator = await FacilitateAsync();
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);

        await Wait.Until(() => !opened.IsEmpty);
        await Task.Delay(300);
        Assert.Equal([_poll], opened.Select(p => p.Id));
    }

    [Fact]
    public async Task An_idea_sent_again_under_its_key_is_answered_from_what_was_stored_not_from_the_words_sent_again()
    {
        var (loutre, _) = await JoinAsync("Loutre");
        Assert.True((await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des fruits au goûter", "cle-1")).Ok);
        var again = await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "il me frappe tous les soirs et j'ai peur de rentrer", "cle-1");
        Assert.Equal(ParticipantActions.AlreadyArrived, again.Message);
        Assert.False(again.Help);
        Assert.Equal(1, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session)));
    }

    [Fact]
    public async Task A_child_s_urgent_idea_sent_again_after_a_moderator_released_it_is_still_answered_with_whom_to_call()
    {
        var (loutre, _) = await JoinAsync("Loutre");
        var first = await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "il me frappe tous les soirs et j'ai peur de rentrer", "cle-1");
        Assert.True(first.Help);
        var idea = await DbAsync(db => db.Ideas.Where(i => i.SessionId == _session).Select(i => i.Id).SingleAsync());
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetServices<IHeldTextChannel>().Single(c => c.Channel == SafetyChannel.CouncilIdea).PublishAsync(idea.ToString(CultureInfo.InvariantCulture)));
        }
        Assert.NotEqual(IdeaStatus.HeldForSafety, await DbAsync(db => db.Ideas.Where(i => i.Id == idea).Select(i => i.Status).SingleAsync()));

        // The phone lost its connection before the answer came, and sends the text again.
        var again = await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "il me frappe tous les soirs et j'ai peur de rentrer", "cle-1");
        Assert.True(again.Help);
        Assert.Equal(first.Message, again.Message);
        Assert.Equal(1, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session)));
    }

    [Fact]
    public async Task An_idea_stored_before_a_pause_and_sent_again_during_it_is_answered_as_arrived_not_refused()
    {
        var facilitator = await FacilitateAsync();
        var (loutre, _) = await JoinAsync("Loutre");
        Assert.True((await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des fruits au goûter", "cle-1")).Ok);
        var id = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Loutre").Select(p => p.Id).SingleAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Mute), id, true)).Ok);

        // Refused, the phone would put the words back in its box, and send them again after the pause.
        Assert.Equal(ParticipantActions.AlreadyArrived, (await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des fruits au goûter", "cle-1")).Message);
        Assert.Equal(ParticipantActions.Paused, (await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des fruits au goûter", "cle-2")).Message);
        Assert.Equal(1, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session)));
    }

    [Fact]
    public async Task A_long_message_saying_its_author_is_hurt_goes_to_the_adults_whole_however_long()
    {
        var (loutre, _) = await JoinAsync("Loutre");
        var text = "il me frappe tous les soirs et j'ai peur de rentrer. " + string.Concat(Enumerable.Repeat("Je ne sais pas à qui le dire, alors je l'écris ici. ", 12));
        Assert.True(text.Length > Idea.TextMaxLength);

        var ack = await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), text, "cle-1");
        Assert.True(ack.Help);
        var idea = await DbAsync(db => db.Ideas.SingleAsync(i => i.SessionId == _session));
        Assert.Equal(IdeaStatus.HeldForSafety, idea.Status);
        Assert.True(idea.Text.Length <= Idea.TextMaxLength);
        Assert.Equal(text.Trim(), await DbAsync(db => db.SafetyCases.Where(c => c.Channel == SafetyChannel.CouncilIdea && c.SourceId == idea.Id.ToString()).Select(c => c.Text).SingleAsync()));

        // One with no space to cut at, and emoji where it is cut: stored whole in its case, on PostgreSQL too.
        _clock.Shift(TimeSpan.FromSeconds(ParticipantActions.IdeaIntervalSeconds));
        const string words = "aidez-moi, il me frappe ";
        Assert.Equal(0, words.Length % 2);
        var cried = await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), words + string.Concat(Enumerable.Repeat("😭", 300)), "cle-3");
        Assert.True(cried.Help, cried.Message);

        // An idea of exactly the length allowed is stored as written, its line breaks kept.
        _clock.Shift(TimeSpan.FromSeconds(ParticipantActions.IdeaIntervalSeconds));
        var full = "Des goûters\n" + new string('a', Idea.TextMaxLength - 12);
        Assert.True((await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), full, "cle-4")).Ok);
        Assert.Equal(full, await DbAsync(db => db.Ideas.Where(i => i.ClientKey == "cle-4").Select(i => i.Text).SingleAsync()));

        // Any other text that long is refused for its length, as before.
        var refused = await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), new string('a', Idea.TextMaxLength + 1), "cle-2");
        Assert.Equal($"Ton idée fait {Idea.TextMaxLength + 1} caractères\u00a0: {Idea.TextMaxLength} au plus.", refused.Message);
    }

    [Fact]
    public async Task An_idea_the_database_fails_to_store_is_not_answered_as_arrived_and_is_stored_when_sent_again_at_once()
    {
        var (loutre, _) = await JoinAsync("Loutre");
        const string danger = "il me frappe tous les soirs et j'ai peur de rentrer";
        // A database that takes no idea for now (full, read-only, gone for a moment).
        await DbAsync(async db =>
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("""CREATE TRIGGER "ideas_refused" BEFORE INSERT ON "Ideas" BEGIN SELECT RAISE(ABORT, 'plus de place'); END;""");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("""CREATE FUNCTION ideas_refused() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'plus de place'; END $$ LANGUAGE plpgsql""");
                await db.Database.ExecuteSqlRawAsync("""CREATE TRIGGER "ideas_refused" BEFORE INSERT ON "Ideas" FOR EACH ROW EXECUTE FUNCTION ideas_refused()""");
            }
            return 0;
        });
        try
        {
            await Assert.ThrowsAsync<HubException>(() => loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), danger, "cle-1"));
            await Assert.ThrowsAsync<HubException>(() => loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des fruits au goûter", "cle-2"));
        }
        finally
        {
            await DbAsync(async db =>
            {
                await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? """DROP TRIGGER "ideas_refused" """ : """DROP FUNCTION ideas_refused() CASCADE""");
                return 0;
            });
        }
        Assert.Equal(0, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session)));

        // The phone sends them again at once: their turn was given back, and both are stored, the first with its case.
        var fruits = await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des fruits au goûter", "cle-2");
        Assert.True(fruits.Ok, fruits.Message);
        var again = await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), danger, "cle-1");
        Assert.True(again.Help);
        Assert.Equal(2, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session)));
        Assert.Equal(1, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session && i.Status == IdeaStatus.HeldForSafety)));
    }

    [Fact]
    public async Task Ideas_are_moderated_first_limited_in_length_and_pace()
    {
        var facilitator = await FacilitateAsync();
        var consoles = new ConcurrentQueue<ConsoleState>();
        facilitator.On<ConsoleState>(nameof(ICouncilClient.Console), consoles.Enqueue);
        var (young, _) = await JoinAsync("Colibri");
        var (friend, _) = await JoinAsync("Loutre");
        var published = new ConcurrentQueue<IdeaView>();
        friend.On<IdeaView>(nameof(ICouncilClient.IdeaPublished), published.Enqueue);

        var tooLong = await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), new string('a', 501), null);
        Assert.Equal("Ton idée fait 501 caractères : 500 au plus.", tooLong.Message);
        var first = await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des fruits frais à chaque goûter", null);
        Assert.True(first.Ok);
        var second = await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Une autre idée tout de suite", null);
        Assert.Equal("Attends un peu : une idée toutes les 10 secondes.", second.Message);
        // A child who may be in danger is never told to wait: the text goes to the adults at once.
        var urgent = await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "il me frappe tous les soirs et j'ai peur de rentrer", null);
        Assert.True(urgent.Ok);
        Assert.True(urgent.Help);
        // Nor during a pause; urgent texts keep a pace of their own, so that a phone cannot flood the adults with them.
        var colibri = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Colibri").Select(p => p.Id).SingleAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Mute), colibri, true)).Ok);
        Assert.Equal(ParticipantActions.Paused, (await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Encore une idée", null)).Message);
        Assert.StartsWith("Attends un peu", (await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "je veux mourir", null)).Message);
        _clock.Shift(TimeSpan.FromSeconds(ParticipantActions.IdeaIntervalSeconds));
        Assert.True((await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "je veux mourir", null)).Help);
        Assert.Equal(2, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session && i.Status == IdeaStatus.HeldForSafety)));
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Mute), colibri, false)).Ok);

        await Wait.Until(() => consoles.Any(c => c.Queue.Count == 1));
        var pending = consoles.Last(c => c.Queue.Count == 1).Queue.Single();
        Assert.Equal("Colibri", pending.Author);
        await Task.Delay(200);
        Assert.Empty(published);

        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Moderate), pending.Id, true)).Ok);
        await Wait.Until(() => !published.IsEmpty);
        Assert.Equal("Des fruits frais à chaque goûter", published.Single().Text);
        Assert.Equal(1, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session && i.Status != IdeaStatus.HeldForSafety)));

        Assert.True((await friend.InvokeAsync<Ack>(nameof(CouncilHub.SupportIdea), pending.Id)).Ok);
        Assert.False((await friend.InvokeAsync<Ack>(nameof(CouncilHub.SupportIdea), pending.Id)).Ok);
    }

    [Fact]
    public async Task An_idea_reaches_the_console_and_the_room_without_bidi_controls_or_zero_width_spaces_and_keeps_its_emoji()
    {
        var facilitator = await FacilitateAsync();
        var consoles = new ConcurrentQueue<ConsoleState>();
        facilitator.On<ConsoleState>(nameof(ICouncilClient.Console), consoles.Enqueue);
        var (young, _) = await JoinAsync("Colibri");
        var published = new ConcurrentQueue<IdeaView>();
        young.On<IdeaView>(nameof(ICouncilClient.IdeaPublished), published.Enqueue);
        const string family = "👨\u200D👩\u200D👧";

        var ack = await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "\u202EDes sor\u200Bties en fa\u2066mille\u2069 " + family + " le dimanche\u200F", null);
        Assert.True(ack.Ok, ack.Message);

        const string clean = "Des sorties en famille " + family + " le dimanche";
        await Wait.Until(() => consoles.Any(c => c.Queue.Count == 1));
        var pending = consoles.Last(c => c.Queue.Count == 1).Queue.Single();
        Assert.Equal(clean, pending.Text);
        Assert.Equal(clean, await DbAsync(db => db.Ideas.Where(i => i.Id == pending.Id).Select(i => i.Text).SingleAsync()));
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Moderate), pending.Id, true)).Ok);
        await Wait.Until(() => !published.IsEmpty);
        Assert.Equal(clean, published.Single().Text);
        // A reaction's variation selector is part of it: « ❤️ » is still a reaction of the list.
        Assert.True((await young.InvokeAsync<Ack>(nameof(CouncilHub.React), "❤\uFE0F")).Ok);
    }

    [Fact]
    public async Task Pre_moderation_can_only_be_switched_off_for_18_to_25()
    {
        var facilitator = await FacilitateAsync();
        var refused = await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.SetPreModeration), false);
        Assert.Contains("18–25", refused.Message);

        var (adults, _) = await StartSessionAsync(AgeBandSet.From18To25);
        var adultsFacilitator = await FacilitateAsync(adults);
        Assert.True((await adultsFacilitator.InvokeAsync<Ack>(nameof(CouncilHub.SetPreModeration), false)).Ok);
        var (baobab, _) = await JoinAsync("Baobab", adults);
        var ack = await baobab.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Un atelier budget pour les jeunes majeurs", null);
        Assert.Equal("Merci ! Ton idée est affichée.", ack.Message);
    }

    [Fact]
    public async Task Without_pre_moderation_a_member_s_idea_goes_to_the_wall_and_a_guest_s_still_waits()
    {
        var (adults, _) = await StartSessionAsync(AgeBandSet.From18To25);
        var facilitator = await FacilitateAsync(adults);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.SetPreModeration), false)).Ok);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), true)).Ok);
        var code = await DbAsync(db => db.CouncilSessions.Where(s => s.Id == adults).Select(s => s.JoinCode!).SingleAsync());
        var (guest, _, error) = await _app.Services.GetRequiredService<RoomEntry>().JoinAsGuestAsync(code, "Voyageur");
        Assert.Null(error);
        var (baobab, _) = await JoinAsync("Baobab", adults);

        Assert.Equal("Merci\u00a0! Ton idée est affichée.", (await baobab.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Un repas partagé chaque mois", null)).Message);
        // A guest has told nobody their age: their idea waits for the facilitator.
        var actions = _app.Services.GetRequiredService<ParticipantActions>();
        Assert.Equal("Merci\u00a0! Ton idée est envoyée à l'équipe d'animation.", (await actions.PostIdeaAsync(adults, guest!.Value, "Des sorties au lac l'été")).Message);
        var statuses = await DbAsync(db => db.Ideas.Where(i => i.SessionId == adults).OrderBy(i => i.Id).Select(i => i.Status).ToListAsync());
        Assert.Equal([IdeaStatus.Approved, IdeaStatus.Pending], statuses);
    }

    [Fact]
    public async Task A_risky_idea_is_held_even_without_pre_moderation_opens_a_case_tells_the_console_and_gives_the_author_help()
    {
        var (adults, _) = await StartSessionAsync(AgeBandSet.From18To25);
        var facilitator = await FacilitateAsync(adults);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.SetPreModeration), false)).Ok);
        var held = new ConcurrentQueue<string>();
        facilitator.On<SafetyAlert>(nameof(ICouncilClient.IdeaHeldForSafety), alert => held.Enqueue(alert.Pseudonym));
        var consoles = new ConcurrentQueue<ConsoleState>();
        facilitator.On<ConsoleState>(nameof(ICouncilClient.Console), consoles.Enqueue);
        var projector = await ConnectAsync(await CookiesForAsync($"animation@{DemoSeeder.Domain}"));
        var onTheWall = new ConcurrentQueue<IdeaView>();
        projector.On<IdeaView>(nameof(ICouncilClient.IdeaPublished), onTheWall.Enqueue);
        Assert.True((await projector.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsProjector), adults)).Ok);
        var (baobab, _) = await JoinAsync("Baobab", adults);

        var ack = await baobab.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Je veux mourir, mon éducateur me frappe", null);
        Assert.True(ack.Ok);
        Assert.True(ack.Help);
        Assert.StartsWith("Merci de nous l'avoir écrit. Un adulte de l'équipe va lire ton message très vite.", ack.Message);
        Assert.DoesNotContain("bloqué", ack.Message);

        await Wait.Until(() => held.Contains("Baobab"));
        var idea = await DbAsync(db => db.Ideas.SingleAsync(i => i.SessionId == adults));
        Assert.Equal(IdeaStatus.HeldForSafety, idea.Status);
        var safetyCase = await DbAsync(db => db.SafetyCases.SingleAsync(c => c.SourceId == idea.Id.ToString()));
        Assert.Equal(SafetyChannel.CouncilIdea, safetyCase.Channel);
        Assert.Equal($"{idea.Id}", safetyCase.SourceId);
        Assert.Equal("Baobab", safetyCase.AuthorPseudonym);
        Assert.Equal(await DbAsync(db => db.Users.Where(u => u.UserName == "Baobab").Select(u => u.Id).SingleAsync()), safetyCase.AuthorMemberId);
        Assert.Contains("Suicide", safetyCase.Categories);
        Assert.Contains("Violence", safetyCase.Categories);
        Assert.Contains("Baobab", safetyCase.Origin);
        Assert.Null(safetyCase.FirstSeenAt);

        // The facilitators cannot publish it, nor see it among the ideas to review; the wall never shows it.
        var refused = await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Moderate), idea.Id, true);
        Assert.Equal(FacilitatorActions.HeldForSafetyMessage, refused.Message);
        await Task.Delay(300);
        Assert.Empty(onTheWall);
        Assert.DoesNotContain(consoles, c => c.Queue.Any(i => i.Id == idea.Id));
        Assert.Equal(IdeaStatus.HeldForSafety, await DbAsync(db => db.Ideas.Where(i => i.Id == idea.Id).Select(i => i.Status).SingleAsync()));

        // A console that missed the moment (Redis away, another instance) is told with its state.
        var late = await ConnectAsync(await CookiesForAsync($"animation@{DemoSeeder.Domain}"));
        var lateStates = new ConcurrentQueue<ConsoleState>();
        late.On<ConsoleState>(nameof(ICouncilClient.Console), lateStates.Enqueue);
        Assert.True((await late.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), adults)).Ok);
        await Wait.Until(() => !lateStates.IsEmpty);
        var alert = Assert.Single(lateStates.First().HeldForSafety);
        Assert.Equal("Baobab", alert.Pseudonym);
        Assert.Equal(idea.CreatedAt.ToUnixTimeSeconds(), alert.At.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_personal_detail_waits_for_the_facilitator_even_without_pre_moderation_and_opens_no_case()
    {
        var (adults, _) = await StartSessionAsync(AgeBandSet.From18To25);
        var facilitator = await FacilitateAsync(adults);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.SetPreModeration), false)).Ok);
        var consoles = new ConcurrentQueue<ConsoleState>();
        facilitator.On<ConsoleState>(nameof(ICouncilClient.Console), consoles.Enqueue);
        var (baobab, _) = await JoinAsync("Baobab", adults);

        var ack = await baobab.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Pour le groupe de parole appelez moi au 06 12 34 56 78", null);
        Assert.True(ack.Ok);
        Assert.False(ack.Help);
        Assert.Contains("ne donne ici ni ton numéro", ack.Message);
        await Wait.Until(() => consoles.Any(c => c.Queue.Count == 1));
        var idea = await DbAsync(db => db.Ideas.SingleAsync(i => i.SessionId == adults));
        Assert.Equal(IdeaStatus.Pending, idea.Status);
        Assert.Equal(0, await DbAsync(db => db.SafetyCases.CountAsync(c => c.SourceId == idea.Id.ToString())));
    }

    [Fact]
    public async Task Muted_and_removed_participants_are_held_back()
    {
        var facilitator = await FacilitateAsync();
        var (young, _) = await JoinAsync("Faucon");
        var participant = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Faucon").Select(p => p.Id).SingleAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Mute), participant, true)).Ok);
        Assert.Contains("pause", (await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Une idée", null)).Message);

        var removed = false;
        young.On(nameof(ICouncilClient.Removed), () => removed = true);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Remove), participant)).Ok);
        await Wait.Until(() => removed);
        var again = await ConnectAsync(await CookiesForAsync("Faucon"));
        var ack = await again.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session);
        Assert.Equal("Tu ne fais plus partie de cette séance.", ack.Message);
    }

    [Fact]
    public async Task Guests_join_with_the_code_only_when_the_facilitator_allows_it()
    {
        var code = await DbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());
        var cookies = await CookiesForAsync(null);
        var browser = _app.CreateDefaultClient(new Uri("http://localhost"), cookies);

        var closed = await (await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = "Étoile" })).ParseAsync();
        Assert.Contains("pas encore ouvert", closed.QuerySelector("#erreur-code")!.TextContent);
        var wrong = await (await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = "ZZZZZZ", ["Pseudonym"] = "Étoile" })).ParseAsync();
        Assert.Contains("aucune séance en cours", wrong.QuerySelector("#erreur-code")!.TextContent);

        var facilitator = await FacilitateAsync();
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), true)).Ok);
        var joined = await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code.ToLowerInvariant(), ["Pseudonym"] = "Étoile" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/conseil/seances/{_session}/participer", joined.Headers.Location!.OriginalString);

        var guest = await ConnectAsync(cookies);
        Assert.True((await guest.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session)).Ok);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        var option = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).Select(o => o.Id).FirstAsync());
        Assert.True((await guest.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{option}")).Ok);
        Assert.True(await DbAsync(db => db.Participants.AnyAsync(p => p.SessionId == _session && p.IsGuest && p.Pseudonym == "Étoile")));

        var stranger = await ConnectAsync(await CookiesForAsync(null));
        Assert.False((await stranger.InvokeAsync<Ack>(nameof(CouncilHub.Join), _session)).Ok);
    }

    [Fact]
    public async Task A_removed_guest_cannot_come_back_with_the_old_code_nor_take_a_pseudonym_in_use()
    {
        var code = await DbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());
        var facilitator = await FacilitateAsync();
        var codes = new ConcurrentQueue<string?>();
        facilitator.On<SessionState>(nameof(ICouncilClient.State), state => codes.Enqueue(state.JoinCode));
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), true)).Ok);
        await JoinAsync("Faucon");

        var cookies = await CookiesForAsync(null);
        var browser = _app.CreateDefaultClient(new Uri("http://localhost"), cookies);
        foreach (var taken in new[] { "faucon", "Colibri", "anim-nadia" })
        {
            var refused = await (await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = taken })).ParseAsync();
            Assert.Equal("Ce pseudo est déjà pris. Choisis-en un autre.", refused.QuerySelector("#erreur-pseudonym")!.TextContent);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = "Comète" })).StatusCode);
        var guest = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Comète").Select(p => p.Id).SingleAsync());

        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Remove), guest)).Ok);
        var fresh = await DbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());
        Assert.NotEqual(code, fresh);
        await Wait.Until(() => codes.Contains(fresh));
        var back = await (await _app.CreateDefaultClient(new Uri("http://localhost"), await CookiesForAsync(null))
            .PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = "Astre" })).ParseAsync();
        Assert.Contains("aucune séance en cours", back.QuerySelector("#erreur-code")!.TextContent);
    }

    [Fact]
    public async Task A_young_member_joins_only_a_session_for_their_age()
    {
        var (session, _) = await StartSessionAsync(AgeBandSet.From18To25);
        var young = await ConnectAsync(await CookiesForAsync("Colibri"));
        var ack = await young.InvokeAsync<Ack>(nameof(CouncilHub.Join), session);
        Assert.Equal(Sessions.OtherAgeBand, ack.Message);
        Assert.False(await DbAsync(db => db.Participants.AnyAsync(p => p.SessionId == session && p.Pseudonym == "Colibri")));
        var page = await (await _app.SignedInClientAsync("Colibri")).GetDocumentAsync($"/conseil/seances/{session}");
        Assert.Empty(page.QuerySelectorAll($"a[href='/conseil/seances/{session}/participer']"));
        await JoinAsync("Baobab", session);
    }

    [Fact]
    public async Task The_join_code_and_the_meeting_place_are_not_shown_to_visitors()
    {
        var code = await DbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());
        var visitor = _app.CreateBrowserlessClient();
        var details = await visitor.GetDocumentAsync($"/conseil/seances/{_session}?done=commencee");
        Assert.DoesNotContain(code, details.Text());
        Assert.DoesNotContain("Salle du conseil", details.Text());
        Assert.DoesNotContain("Salle du conseil", (await visitor.GetDocumentAsync("/conseil")).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync($"/conseil/seances/{_session}/qr")).StatusCode);

        var facilitator = await _app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        Assert.Contains(code, (await facilitator.GetDocumentAsync($"/conseil/seances/{_session}?done=commencee")).Text());
        Assert.Contains("Salle du conseil", (await facilitator.GetDocumentAsync($"/conseil/seances/{_session}")).Text());
        var colleague = await _app.SignedInClientAsync($"animation2@{DemoSeeder.Domain}");
        // Another facilitator, not on this session's team, is turned away; the session's own gets the QR code.
        Assert.NotEqual(HttpStatusCode.OK, (await colleague.GetAsync($"/conseil/seances/{_session}/qr")).StatusCode);
        var qr = await facilitator.GetAsync($"/conseil/seances/{_session}/qr");
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_ballot_reaching_the_database_after_its_poll_closed_is_refused()
    {
        var facilitator = await FacilitateAsync();
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        var option = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).Select(o => o.Id).FirstAsync());
        var (young, _) = await JoinAsync("Colibri");
        // The poll is closed in the database while the room still has it open: the moment a close and a vote cross.
        await DbAsync(db => db.Polls.Where(p => p.Id == _poll).ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PollStatus.Closed)));
        var ack = await young.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{option}");
        Assert.Equal("Ce vote est fermé.", ack.Message);
        Assert.Equal(0, await DbAsync(db => db.Ballots.CountAsync(b => b.PollId == _poll)));
    }

    [Fact]
    public async Task Two_clicks_at_once_open_one_poll()
    {
        // Two screens, as two facilitators would have: one connection's calls would queue one behind the other.
        var facilitator = await FacilitateAsync();
        var colleague = await FacilitateAsync();
        var second = await DbAsync(db => db.Polls.Where(p => p.SessionId == _session && p.Id != _poll).Select(p => p.Id).SingleAsync());
        var acks = await Task.WhenAll(
            facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll),
            colleague.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), second));
        Assert.Single(acks, a => a.Ok);
        Assert.Equal(1, await DbAsync(db => db.Polls.CountAsync(p => p.SessionId == _session && p.Status == PollStatus.Open)));
    }

    [Fact]
    public async Task Results_reach_the_screens_a_few_times_a_second_not_once_per_vote()
    {
        var facilitator = await FacilitateAsync();
        var tallies = new ConcurrentQueue<TallyView>();
        facilitator.On<TallyView>(nameof(ICouncilClient.Tally), tallies.Enqueue);
        await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll);
        var option = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).Select(o => o.Id).FirstAsync());

        var room = _app.Services.GetRequiredService<ParticipantActions>();
        var participants = new List<int>();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Participation.Web.Data.ParticipationDb>();
            for (var i = 0; i < 60; i++)
            {
                var p = new Participant { SessionId = _session, Pseudonym = $"Invite-{i}", IsGuest = true, JoinedAt = DateTimeOffset.UtcNow };
                db.Participants.Add(p);
                await db.SaveChangesAsync();
                participants.Add(p.Id);
            }
        }
        var acks = await Task.WhenAll(participants.Select(p => room.VoteAsync(_session, p, _poll, $"{option}")));
        Assert.All(acks, a => Assert.True(a.Ok));

        await Wait.Until(() => tallies.Any(t => t.Ballots == 60));
        Assert.InRange(tallies.Count, 1, 10);
        Assert.Equal(60, tallies.Last().Results.Single(r => r.OptionId == option).Count);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_ends_the_connection()
    {
        var (young, _) = await JoinAsync("Loutre");
        var closed = new TaskCompletionSource();
        young.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await Assert.ThrowsAnyAsync<Exception>(() => young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), new string('x', 20_000), null));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_idea_sent_again_after_a_lost_connection_is_stored_once()
    {
        var (young, _) = await JoinAsync("Loutre");
        Assert.True((await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des jeux de société le soir", "cle-1")).Ok);
        var again = await young.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Des jeux de société le soir", "cle-1");
        Assert.True(again.Ok);
        Assert.Equal(1, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session)));
    }

    [Fact]
    public async Task The_minutes_count_everyone_who_came_never_fewer_than_the_voters_and_keep_a_scale_in_order()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var scale = (await sessions.AddPollAsync(_session, new NewPoll("Le repas du soir ?", PollKind.EmojiScale, []))).Value;
        var facilitator = await FacilitateAsync();
        var faces = await DbAsync(db => db.PollOptions.Where(o => o.PollId == scale).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), scale)).Ok);
        var voters = new[] { ("Colibri", 4), ("Loutre", 4), ("Faucon", 0), ("Baobab", 2) };
        foreach (var (login, face) in voters)
        {
            var (phone, _) = await JoinAsync(login);
            Assert.True((await phone.InvokeAsync<Ack>(nameof(CouncilHub.Vote), scale, $"{faces[face]}")).Ok);
        }
        // A guest came in with the code and did not vote; one who voted is then removed.
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), true)).Ok);
        var code = await DbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).Select(s => s.JoinCode!).SingleAsync());
        var browser = _app.CreateDefaultClient(new Uri("http://localhost"), await CookiesForAsync(null));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = "Comète" })).StatusCode);
        var baobab = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Baobab").Select(p => p.Id).SingleAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Remove), baobab)).Ok);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);
        Assert.True((await sessions.CloseAsync(_session)).Succeeded);

        var minutes = await sessions.MinutesAsync(_session);
        var result = minutes.Polls.Single(p => p.Question == "Le repas du soir ?").Result;
        Assert.Equal(3, result.Ballots);
        Assert.Equal(4, minutes.Participants);
        Assert.True(minutes.Participants >= minutes.Polls.Max(p => p.Result.Ballots));
        Assert.Equal(minutes.Participants, minutes.Attendance.Sum(a => a.Count));
        Assert.Equal(1, minutes.Attendance.Single(a => a.Band.Contains("invité")).Count);
        Assert.Equal(PollKinds.EmojiScaleOptions, result.Results.Select(r => r.Label));
        Assert.Equal([1, 0, 0, 0, 2], result.Results.Select(r => r.Count));
    }


    [Fact]
    public async Task Removing_someone_takes_back_their_ballot_in_the_open_poll_only_and_a_closed_result_stays_as_the_room_saw_it()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var second = (await sessions.AddPollAsync(_session, new NewPoll("Et le dessert ?", PollKind.SingleChoice, ["Oui", "Non"]))).Value;
        var facilitator = await FacilitateAsync();
        var (faucon, _) = await JoinAsync("Faucon");
        var (loutre, _) = await JoinAsync("Loutre");
        var first = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).OrderBy(o => o.Position).Select(o => o.Id).FirstAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        Assert.True((await faucon.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{first}")).Ok);
        Assert.True((await loutre.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{first}")).Ok);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);

        var yes = await DbAsync(db => db.PollOptions.Where(o => o.PollId == second).OrderBy(o => o.Position).Select(o => o.Id).FirstAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), second)).Ok);
        Assert.True((await faucon.InvokeAsync<Ack>(nameof(CouncilHub.Vote), second, $"{yes}")).Ok);
        Assert.True((await loutre.InvokeAsync<Ack>(nameof(CouncilHub.Vote), second, $"{yes}")).Ok);
        var fauconId = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Faucon").Select(p => p.Id).SingleAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.Remove), fauconId)).Ok);

        Assert.Equal(2, await DbAsync(db => db.Ballots.CountAsync(b => b.PollId == _poll)));
        Assert.Equal(1, await DbAsync(db => db.Ballots.CountAsync(b => b.PollId == second)));
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);
        Assert.True((await sessions.CloseAsync(_session)).Succeeded);
        var minutes = await sessions.MinutesAsync(_session);
        // In the order they were put to the room.
        Assert.Equal([2, 1], minutes.Polls.Select(p => p.Result.Ballots));
        Assert.Equal(2, minutes.Participants);
    }

    [Fact]
    public async Task The_result_shown_to_the_room_is_counted_from_the_stored_ballots()
    {
        var facilitator = await FacilitateAsync();
        var (faucon, _) = await JoinAsync("Faucon");
        var shown = new TaskCompletionSource<TallyView>(TaskCreationOptions.RunContinuationsAsynchronously);
        faucon.On<TallyView>(nameof(ICouncilClient.ResultShown), result => shown.TrySetResult(result));
        var first = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).OrderBy(o => o.Position).Select(o => o.Id).FirstAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        Assert.True((await faucon.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{first}")).Ok);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);

        // A ballot the instance never heard of, as if written by another instance whose message was lost.
        var stranger = await DbAsync(async db =>
        {
            var participant = new Participant { SessionId = _session, Pseudonym = "Autre", IsGuest = true, JoinedAt = DateTimeOffset.UtcNow };
            db.Participants.Add(participant);
            await db.SaveChangesAsync();
            db.Ballots.Add(new Ballot { PollId = _poll, ParticipantId = participant.Id, Choice = $"{first}", CastAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.RevealResult))).Ok);
        var result = await shown.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, result.Ballots);
    }

    [Fact]
    public async Task A_session_read_afresh_keeps_its_hands_in_order_its_timer_its_shown_result_and_the_phones_idea_ids()
    {
        var facilitator = await FacilitateAsync();
        var (faucon, _) = await JoinAsync("Faucon");
        var (loutre, _) = await JoinAsync("Loutre");
        var (colibri, _) = await JoinAsync("Colibri");
        Assert.True((await loutre.InvokeAsync<Ack>(nameof(CouncilHub.RaiseHand), true)).Ok);
        Assert.True((await faucon.InvokeAsync<Ack>(nameof(CouncilHub.RaiseHand), true)).Ok);
        Assert.True((await colibri.InvokeAsync<Ack>(nameof(CouncilHub.RaiseHand), true)).Ok);
        var colibriId = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Colibri").Select(p => p.Id).SingleAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.LowerHand), colibriId)).Ok);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.StartTimer), 120)).Ok);
        var first = await DbAsync(db => db.PollOptions.Where(o => o.PollId == _poll).OrderBy(o => o.Position).Select(o => o.Id).FirstAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), _poll)).Ok);
        Assert.True((await faucon.InvokeAsync<Ack>(nameof(CouncilHub.Vote), _poll, $"{first}")).Ok);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.RevealResult))).Ok);
        Assert.Contains("Ton idée est envoyée", (await faucon.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Plus de sorties le week-end", "idee-1")).Message);

        // As an instance that restarts, or one whose Redis came back, reads it.
        var live = _app.Services.GetRequiredService<LiveSessions>();
        await live.ReloadAllAsync();
        var session = (await live.GetAsync(_session))!;
        Assert.Equal(["Loutre", "Faucon"], session.Hands().Select(h => h.Pseudonym));
        var state = session.StateFor(Screen.Projector, null, null);
        Assert.NotNull(state.TimerEndsAt);
        Assert.InRange(state.TimerEndsAt.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(121));
        Assert.True(state.ResultRevealed);
        Assert.Equal(1, state.Result!.Ballots);

        // The phone sends its idea again after a lost connection: stored once.
        Assert.Equal(ParticipantActions.AlreadyArrived, (await faucon.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Plus de sorties le week-end", "idee-1")).Message);
        Assert.Equal(1, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session)));

        // The next poll takes the result off; a reload then shows none.
        var second = await DbAsync(db => db.Polls.Where(p => p.SessionId == _session && p.Id != _poll).Select(p => p.Id).FirstAsync());
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), second)).Ok);
        Assert.True((await facilitator.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll))).Ok);
        await live.ReloadAllAsync();
        var closed = (await live.GetAsync(_session))!.StateFor(Screen.Projector, null, null);
        Assert.False(closed.ResultRevealed);
        Assert.Null(closed.Result);
    }

    [Fact]
    public async Task What_an_instance_missed_is_refused_where_it_is_stored_and_reading_the_session_afresh_brings_its_screens_up_to_date()
    {
        // As an instance that missed the room's changes while Redis was away: the database has them, its memory not.
        var (loutre, loutreStates) = await JoinAsync("Loutre");
        var (faucon, _) = await JoinAsync("Faucon");
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        faucon.On(nameof(ICouncilClient.Removed), () => removed.TrySetResult());
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loutre.On(nameof(ICouncilClient.SessionClosed), () => closed.TrySetResult());
        var loutreId = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Loutre").Select(p => p.Id).SingleAsync());
        var fauconId = await DbAsync(db => db.Participants.Where(p => p.SessionId == _session && p.Pseudonym == "Faucon").Select(p => p.Id).SingleAsync());
        await DbAsync(db => db.Participants.Where(p => p.Id == loutreId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Muted, true)));
        await DbAsync(db => db.Participants.Where(p => p.Id == fauconId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Removed, true)));

        Assert.Equal(ParticipantActions.Paused, (await loutre.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Une idée pendant la pause", "k1")).Message);
        Assert.Equal(ParticipantActions.Paused, (await loutre.InvokeAsync<Ack>(nameof(CouncilHub.RaiseHand), true)).Message);
        Assert.Equal(ParticipantActions.RemovedMessage, (await faucon.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), "Une idée après être sorti", "k2")).Message);
        Assert.Equal(ParticipantActions.RemovedMessage, (await faucon.InvokeAsync<Ack>(nameof(CouncilHub.RaiseHand), true)).Message);
        Assert.Equal(0, await DbAsync(db => db.Ideas.CountAsync(i => i.SessionId == _session)));
        Assert.Equal(0, await DbAsync(db => db.Participants.CountAsync(p => p.SessionId == _session && p.HandRaisedAt != null)));

        // Read afresh, as once Redis is back: the removed phone is put out, the paused one is drawn paused.
        var live = _app.Services.GetRequiredService<LiveSessions>();
        var drawn = loutreStates.Count;
        await live.ReloadAllAsync();
        await removed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Wait.Until(() => loutreStates.Count > drawn && loutreStates.Last().Muted);
        Assert.Equal("Rejoins d'abord la séance.", (await faucon.InvokeAsync<Ack>(nameof(CouncilHub.React), ParticipantActions.Reactions[0].Emoji)).Message);

        // Ended meanwhile: its phones hear that it is over.
        await DbAsync(db => db.CouncilSessions.Where(s => s.Id == _session).ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SessionStatus.Closed)));
        await live.ReloadAllAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(live.Find(_session));
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
        _app.Dispose();
    }
}
