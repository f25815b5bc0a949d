using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Council;

public enum Screen
{
    Phone,
    Console,
    Projector,
}

/// <summary>One open connection to this instance; its context lets the server close it when the session ends.</summary>
public sealed record Connection(string ConnectionId, int SessionId, int? ParticipantId, Screen Screen, HubCallerContext? Context = null)
{
    public bool IsFacilitator => Screen != Screen.Phone;
}

/// <summary>
/// The live sessions this instance serves, each loaded once from the database however many phones
/// ask for it at the same moment, and the connections open here.
/// </summary>
public sealed class LiveSessions(IServiceScopeFactory scopes, IHubContext<CouncilHub, ICouncilClient> hub, TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<LiveSession?>>> _sessions = new();
    private readonly ConcurrentDictionary<string, Connection> _connections = new();

    /// <summary>How long the screens have to hear that the session closed before their connections are.</summary>
    public static readonly TimeSpan ReleaseDelay = TimeSpan.FromSeconds(2);

    /// <summary>The session if it is live, loaded from the database the first time this instance needs it.</summary>
    public async Task<LiveSession?> GetAsync(int sessionId)
    {
        var loading = _sessions.GetOrAdd(sessionId, id => new Lazy<Task<LiveSession?>>(() => LoadAsync(id)));
        LiveSession? session;
        try
        {
            session = await loading.Value;
        }
        catch
        {
            // A failed load is tried again by the next caller, not remembered.
            _sessions.TryRemove(new KeyValuePair<int, Lazy<Task<LiveSession?>>>(sessionId, loading));
            throw;
        }
        if (session is null)
        {
            // Not live (yet): asking again later reads the database again.
            _sessions.TryRemove(new KeyValuePair<int, Lazy<Task<LiveSession?>>>(sessionId, loading));
        }
        return session;
    }

    /// <summary>
    /// Reads every session held here afresh from the database, e.g. once Redis is back after changes
    /// from other instances may have been missed, then brings the screens connected here up to date:
    /// a phone removed meanwhile is put out, a session ended meanwhile closes, and every other screen
    /// is drawn again as the room now is (a poll opened, an idea published, a pause on the other side).
    /// </summary>
    public async Task ReloadAllAsync()
    {
        // Redis tells of each of its connections' return (the site's and SignalR's, commands and
        // subscriptions): asked again before a waiting reading has started, it is that same reading.
        if (Interlocked.Exchange(ref _reloadAsked, 1) == 1)
        {
            return;
        }
        await _reloading.WaitAsync();
        Interlocked.Exchange(ref _reloadAsked, 0);
        try
        {
            await ReloadEachAsync();
        }
        finally
        {
            _reloading.Release();
        }
    }

    private readonly SemaphoreSlim _reloading = new(1, 1);
    private int _reloadAsked;

    private async Task ReloadEachAsync()
    {
        foreach (var id in _sessions.Keys.ToList())
        {
            _sessions[id] = new Lazy<Task<LiveSession?>>(() => LoadAsync(id));
            LiveSession? session;
            try
            {
                session = await GetAsync(id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Read again by the next screen that asks for it.
                continue;
            }
            await ResyncAsync(id, session);
        }
    }

    private async Task ResyncAsync(int sessionId, LiveSession? session)
    {
        var open = ConnectionsOf(sessionId);
        if (session is null)
        {
            await hub.Clients.Clients(open.Select(c => c.ConnectionId).ToList()).SessionClosed();
            End(sessionId);
            return;
        }
        var progress = session.ProgressOf(session.Connected(ConnectedHere(sessionId), clock.GetUtcNow()));
        foreach (var connection in open)
        {
            var screen = hub.Clients.Client(connection.ConnectionId);
            if (connection.ParticipantId is { } participant && session.IsRemoved(participant))
            {
                await screen.Removed();
                await hub.Groups.RemoveFromGroupAsync(connection.ConnectionId, CouncilHub.Room(sessionId));
                Disconnect(connection.ConnectionId);
                continue;
            }
            await screen.State(session.StateFor(connection.Screen, connection.ParticipantId, connection.IsFacilitator ? progress : null));
        }
        session.TouchConsole();
    }

    /// <summary>The session if this instance already holds it.</summary>
    public LiveSession? Find(int sessionId) =>
        _sessions.TryGetValue(sessionId, out var loading) && loading.IsValueCreated && loading.Value.IsCompletedSuccessfully ? loading.Value.Result : null;

    public IEnumerable<LiveSession> All => _sessions.Keys.Select(Find).OfType<LiveSession>();

    private async Task<LiveSession?> LoadAsync(int sessionId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var session = await db.CouncilSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.Status == SessionStatus.Live);
        if (session is null)
        {
            return null;
        }
        var agenda = await db.AgendaItems.Where(a => a.Id == session.CurrentAgendaItemId).Select(a => a.Title).SingleOrDefaultAsync();
        var participants = (await db.Participants.Where(p => p.SessionId == sessionId).Select(p => new { p.Id, p.Pseudonym, p.Muted, p.Removed }).ToListAsync())
            .Select(p => (p.Id, p.Pseudonym, p.Muted, p.Removed)).ToList();
        var names = participants.ToDictionary(p => p.Id, p => p.Pseudonym);
        var ideas = (await db.Ideas.Where(i => i.SessionId == sessionId && i.Status == IdeaStatus.Approved).OrderBy(i => i.Id).ToListAsync())
            .Select(i => new IdeaView(i.Id, i.Text, names.GetValueOrDefault(i.ParticipantId, "?"), i.Supports, i.Status)).ToList();
        PollSnapshot? poll = null;
        List<(int, string)> ballots = [];
        if (session.CurrentPollId is { } pollId && await db.Polls.Include(p => p.Options).SingleOrDefaultAsync(p => p.Id == pollId && p.Status == PollStatus.Open) is { } open)
        {
            poll = SnapshotOf(open);
            ballots = (await db.Ballots.Where(b => b.PollId == pollId).Select(b => new { b.ParticipantId, b.Choice }).ToListAsync())
                .Select(b => (b.ParticipantId, b.Choice)).ToList();
        }
        // Hands, the timer, the result on show and the phones' ids for their last ideas, as the room left them.
        var hands = (await db.Participants.Where(p => p.SessionId == sessionId && p.HandRaisedAt != null && !p.Removed && !p.Muted)
                .Select(p => new { p.Id, p.HandRaisedAt }).ToListAsync())
            .OrderBy(p => p.HandRaisedAt).ThenBy(p => p.Id).Select(p => p.Id).ToList();
        TallyView? result = null;
        if (poll is null && session.ResultPollId is { } shown
            && await db.Polls.Include(p => p.Options).AsNoTracking().SingleOrDefaultAsync(p => p.Id == shown && p.Status == PollStatus.Closed) is { } closed)
        {
            var choices = await db.Ballots.Where(b => b.PollId == shown).Select(b => b.Choice).ToListAsync();
            result = LiveSession.ResultOf(SnapshotOf(closed), choices);
        }
        var recent = (await db.Ideas.Where(i => i.SessionId == sessionId)
                .Select(i => new { i.Id, i.ParticipantId, i.CreatedAt, i.ClientKey }).ToListAsync())
            .GroupBy(i => i.ParticipantId)
            .SelectMany(ideas => ideas.OrderBy(i => i.Id).TakeLast(LiveSession.IdeaKeysKept))
            .Select(i => new IdeaStored(sessionId, i.ParticipantId, i.CreatedAt, i.ClientKey))
            .ToList();
        return new LiveSession(new SessionSnapshot(session.Id, session.Title, agenda, session.PreModeration, session.GuestsAllowed, session.JoinCode,
            participants, ideas, poll, ballots, hands, session.TimerEndsAt, result, result is not null && session.ResultRevealed, recent));
    }

    /// <summary>A poll as the screens show it: its question spaced as French wants, so that its « ? » never wraps alone on the projector.</summary>
    public static PollSnapshot SnapshotOf(Poll poll) =>
        new(poll.Id, FrenchTypography.Space(poll.Question), poll.Kind, poll.Options.OrderBy(o => o.Position).Select(o => new OptionView(o.Id, o.Label)).ToList());

    /// <summary>Applies a change to the session as this instance holds it, once it is loaded; a session not held here is read fresh when needed.</summary>
    public async Task ApplyAsync(RoomEvent change)
    {
        if (change is SessionEnded)
        {
            End(change.SessionId);
            return;
        }
        if (!_sessions.TryGetValue(change.SessionId, out var loading))
        {
            return;
        }
        LiveSession? session;
        try
        {
            session = await loading.Value;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return;
        }
        session?.Apply(change);
        // What concerns one person goes to their phones connected here; each instance tells its own.
        // (A SignalR group per person would cost a Redis subscription per phone, one after another,
        // just when a whole room reconnects.)
        switch (change)
        {
            case MuteChanged muted:
                await ToPhonesAsync(muted.SessionId, muted.ParticipantId, phones => phones.MutedChanged(muted.Muted));
                break;
            case HandChanged { FloorGiven: true } given:
                await ToPhonesAsync(given.SessionId, given.ParticipantId, phones => phones.FloorGiven());
                break;
            case ParticipantRemoved removed:
                await ToPhonesAsync(removed.SessionId, removed.ParticipantId, phones => phones.Removed());
                // Their phones leave the room here; on other instances, there.
                foreach (var connection in ConnectionsOf(removed.SessionId, removed.ParticipantId).ToList())
                {
                    await hub.Groups.RemoveFromGroupAsync(connection.ConnectionId, CouncilHub.Room(removed.SessionId));
                    Disconnect(connection.ConnectionId);
                }
                break;
        }
    }

    /// <summary>The session is over here: its state goes, and its connections close once the screens have heard.</summary>
    private void End(int sessionId)
    {
        _sessions.TryRemove(sessionId, out _);
        var open = ConnectionsOf(sessionId);
        _ = Task.Delay(ReleaseDelay).ContinueWith(_ =>
        {
            foreach (var connection in open)
            {
                connection.Context?.Abort();
                Disconnect(connection.ConnectionId);
            }
        }, TaskScheduler.Default);
    }

    private async Task ToPhonesAsync(int sessionId, int participantId, Func<ICouncilClient, Task> send)
    {
        var phones = ConnectionsOf(sessionId, participantId).Where(c => c.Screen == Screen.Phone).Select(c => c.ConnectionId).ToList();
        if (phones.Count > 0)
        {
            await send(hub.Clients.Clients(phones));
        }
    }

    public void Connect(Connection connection) => _connections[connection.ConnectionId] = connection;

    public Connection? Connection(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public void Disconnect(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IEnumerable<Connection> ConnectionsOf(int sessionId, int participantId) =>
        _connections.Values.Where(c => c.SessionId == sessionId && c.ParticipantId == participantId);

    public IReadOnlyList<Connection> ConnectionsOf(int sessionId) => _connections.Values.Where(c => c.SessionId == sessionId).ToList();

    /// <summary>The participants whose phones are connected to this instance.</summary>
    public HashSet<int> ConnectedHere(int sessionId) =>
        _connections.Values.Where(c => c.SessionId == sessionId && c.ParticipantId is not null).Select(c => c.ParticipantId!.Value).ToHashSet();
}
