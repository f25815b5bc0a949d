using System.Collections.Concurrent;

namespace Participation.Web.Council;

/// <summary>An open poll's live state: its options, every ballot and the running tally.</summary>
public sealed class LivePoll(int id, string question, PollKind kind, IReadOnlyList<OptionView> options)
{
    public int Id { get; } = id;
    public string Question { get; } = question;
    public PollKind Kind { get; } = kind;
    public IReadOnlyList<OptionView> Options { get; } = options;
    public Tally Tally { get; } = new(kind, options.Select(o => o.Id).ToList());
    public Dictionary<int, BallotChoice> Ballots { get; } = [];

    /// <summary>Bumped at each counted ballot; the broadcaster sends a tally when it moved.</summary>
    public int Version { get; set; }
    public int SentVersion { get; set; }

    public PollView View(bool open) => new(Id, Question, Kind, Options, open);

    public TallyView TallyView()
    {
        IReadOnlyList<OptionResult> results;
        if (Kind == PollKind.MajorityJudgment)
        {
            var labels = Options.ToDictionary(o => o.Id, o => o.Label);
            results = MajorityJudgment.Rank(Tally.Profiles).Ranking
                .Select(p => new OptionResult(p.OptionId, labels[p.OptionId], p.Total, p.Counts, p.Median?.Label()))
                .ToList();
        }
        else
        {
            results = Options.Select(o => new OptionResult(o.Id, o.Label, Tally.Counts[o.Id], null, null)).ToList();
        }
        return new TallyView(Id, Kind, Tally.Ballots, results, Version, Question);
    }
}

public enum Screen
{
    Phone,
    Console,
    Projector,
}

/// <summary>One open connection to a live session; its context lets the server close it when the session ends.</summary>
public sealed record Connection(string ConnectionId, int SessionId, int? ParticipantId, Screen Screen, Microsoft.AspNetCore.SignalR.HubCallerContext? Context = null)
{
    public bool IsFacilitator => Screen != Screen.Phone;
}

/// <summary>
/// The live state of one session, shared by every connection to it. All changes go through its
/// lock: a session is a room of at most a few thousand people, so one lock per session is plenty.
/// </summary>
public sealed class LiveSession(int id, string title)
{
    public object Gate { get; } = new();
    public int Id { get; } = id;
    public string Title { get; set; } = title;
    public string? AgendaItem { get; set; }
    public LivePoll? Poll { get; set; }
    /// <summary>Publishing and hiding ideas, one decision after another.</summary>
    public SemaphoreSlim Moderation { get; } = new(1, 1);
    /// <summary>A poll is being opened: no other may open meanwhile.</summary>
    public bool OpeningPoll { get; set; }
    public bool PreModeration { get; set; } = true;
    public bool GuestsAllowed { get; set; }
    public string? JoinCode { get; set; }
    public DateTimeOffset? TimerEndsAt { get; set; }
    public List<int> Hands { get; } = [];
    public HashSet<int> Muted { get; } = [];
    public HashSet<int> Removed { get; } = [];
    public Dictionary<int, string> Pseudonyms { get; } = [];
    public Dictionary<int, DateTimeOffset> LastIdeaAt { get; } = [];
    public Dictionary<string, int> PendingReactions { get; } = [];
    public List<IdeaView> PublishedIdeas { get; } = [];

    /// <summary>The final result of the last poll closed, shown to the room only once the facilitator reveals it.</summary>
    public TallyView? LastResult { get; set; }
    public bool ResultRevealed { get; set; }

    /// <summary>
    /// The last ideas stored from each participant, by the phone's own id for them: an idea re-sent
    /// after a lost connection is stored once. A few per participant are enough and keep memory bounded.
    /// </summary>
    public Dictionary<int, Queue<string>> IdeaKeys { get; } = [];

    public const int IdeaKeysKept = 20;

    /// <summary>The « voted / connected » figures last sent to the screens.</summary>
    public (int Voted, int Connected) SentProgress { get; set; } = (-1, -1);

    public bool IsRemoved(int participantId)
    {
        lock (Gate)
        {
            return Removed.Contains(participantId);
        }
    }

    /// <summary>The console needs redrawing; the broadcaster sends it at most twice a second.</summary>
    public bool ConsoleDirty { get; set; }
}

/// <summary>Every live session and every connection, in memory.</summary>
public sealed class LiveSessions
{
    private readonly ConcurrentDictionary<int, LiveSession> _sessions = new();
    private readonly ConcurrentDictionary<string, Connection> _connections = new();

    public LiveSession? Find(int sessionId) => _sessions.GetValueOrDefault(sessionId);

    public LiveSession GetOrAdd(int sessionId, Func<int, LiveSession> load) => _sessions.GetOrAdd(sessionId, load);

    public void End(int sessionId) => _sessions.TryRemove(sessionId, out _);

    public IEnumerable<LiveSession> All => _sessions.Values;

    public void Connect(Connection connection) => _connections[connection.ConnectionId] = connection;

    public Connection? Connection(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public void Disconnect(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IEnumerable<Connection> ConnectionsOf(int sessionId, int participantId) =>
        _connections.Values.Where(c => c.SessionId == sessionId && c.ParticipantId == participantId);

    public IReadOnlyList<Connection> ConnectionsOf(int sessionId) => _connections.Values.Where(c => c.SessionId == sessionId).ToList();

    public HashSet<int> ConnectedParticipants(int sessionId) =>
        _connections.Values.Where(c => c.SessionId == sessionId && c.ParticipantId is not null).Select(c => c.ParticipantId!.Value).ToHashSet();
}
