using Participation.Web.Safeguarding;

namespace Participation.Web.Council;

/// <summary>What a session is made of when it is loaded from the database.</summary>
public sealed record SessionSnapshot(
    int Id, string Title, string? AgendaItem, bool PreModeration, bool GuestsAllowed, string? JoinCode,
    IReadOnlyList<(int Id, string Pseudonym, bool Muted, bool Removed)> Participants,
    IReadOnlyList<IdeaView> PublishedIdeas, PollSnapshot? Poll, IReadOnlyList<(int ParticipantId, string Choice)> Ballots,
    IReadOnlyList<int> Hands, DateTimeOffset? TimerEndsAt, TallyView? LastResult, bool ResultRevealed, IReadOnlyList<IdeaStored> RecentIdeas);

/// <summary>An open poll as every instance needs it to check and count a ballot.</summary>
public sealed record PollSnapshot(int Id, string Question, PollKind Kind, IReadOnlyList<OptionView> Options)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<int> OptionIds => Options.Select(o => o.Id).ToList();

    public PollView View(bool open) => new(Id, Question, Kind, Options, open);
}

/// <summary>What the periodic broadcast of one instance has to send for a session, once.</summary>
public sealed record PendingBroadcast(TallyView? Tally, Progress? Progress, IReadOnlyDictionary<string, int>? Reactions, bool Console);

/// <summary>
/// The live state of one session as this instance holds it. It owns its collections and its lock:
/// every change goes through <see cref="Apply"/> (an event, made here or on another instance) or
/// through one of the few checks that must be atomic here (the pace of ideas, a poll being opened).
/// Everything read from outside is a copy.
/// </summary>
public sealed class LiveSession
{
    private readonly object _gate = new();
    private readonly string _title;
    private string? _agendaItem;
    private bool _preModeration;
    private bool _guestsAllowed;
    private string? _joinCode;
    private DateTimeOffset? _timerEndsAt;
    private PollSnapshot? _poll;
    private Tally? _tally;
    private readonly Dictionary<int, BallotChoice> _ballots = [];
    private int _tallyVersion;
    private int _sentTallyVersion;
    private bool _openingPoll;
    private TallyView? _lastResult;
    private bool _resultRevealed;
    private readonly List<int> _hands = [];
    private readonly HashSet<int> _muted = [];
    private readonly HashSet<int> _removed = [];
    private readonly Dictionary<int, string> _pseudonyms = [];
    private readonly Dictionary<int, DateTimeOffset> _lastIdeaAt = [];
    private readonly Dictionary<int, DateTimeOffset> _lastUrgentAt = [];
    private readonly Dictionary<int, Queue<string>> _ideaKeys = [];
    private readonly List<IdeaView> _publishedIdeas = [];
    private readonly Dictionary<string, int> _pendingReactions = [];
    private readonly Dictionary<string, (HashSet<int> Participants, DateTimeOffset HeardAt)> _elsewhere = [];
    private (int Voted, int Connected) _sentProgress = (-1, -1);
    private bool _consoleDirty;

    /// <summary>The last ideas stored from each participant, by the phone's own id for them: a few are enough.</summary>
    public const int IdeaKeysKept = 20;

    /// <summary>An instance not heard from for this long has stopped: its phones no longer count as connected.</summary>
    public static readonly TimeSpan PresenceLifetime = TimeSpan.FromSeconds(15);

    public LiveSession(SessionSnapshot snapshot)
    {
        Id = snapshot.Id;
        _title = snapshot.Title;
        _agendaItem = snapshot.AgendaItem;
        _preModeration = snapshot.PreModeration;
        _guestsAllowed = snapshot.GuestsAllowed;
        _joinCode = snapshot.JoinCode;
        foreach (var (id, pseudonym, muted, removed) in snapshot.Participants)
        {
            _pseudonyms[id] = pseudonym;
            if (muted)
            {
                _muted.Add(id);
            }
            if (removed)
            {
                _removed.Add(id);
            }
        }
        _publishedIdeas.AddRange(snapshot.PublishedIdeas);
        _hands.AddRange(snapshot.Hands);
        _timerEndsAt = snapshot.TimerEndsAt;
        _lastResult = snapshot.LastResult;
        _resultRevealed = snapshot.ResultRevealed;
        foreach (var idea in snapshot.RecentIdeas)
        {
            RememberIdea(idea);
        }
        if (snapshot.Poll is { } poll)
        {
            StartPoll(poll);
            foreach (var (participant, choice) in snapshot.Ballots)
            {
                CountBallot(participant, BallotChoice.Parse(poll.Kind, choice));
            }
        }
    }

    public int Id { get; }

    /// <summary>Publishing and hiding ideas, one decision after another on this instance.</summary>
    public SemaphoreSlim Moderation { get; } = new(1, 1);

    public string Title
    {
        get
        {
            lock (_gate)
            {
                return _title;
            }
        }
    }

    public PollSnapshot? Poll
    {
        get
        {
            lock (_gate)
            {
                return _poll;
            }
        }
    }

    public bool PreModeration
    {
        get
        {
            lock (_gate)
            {
                return _preModeration;
            }
        }
    }

    public bool GuestsAllowed
    {
        get
        {
            lock (_gate)
            {
                return _guestsAllowed;
            }
        }
    }

    public bool IsRemoved(int participantId)
    {
        lock (_gate)
        {
            return _removed.Contains(participantId);
        }
    }

    public bool IsMuted(int participantId)
    {
        lock (_gate)
        {
            return _muted.Contains(participantId);
        }
    }

    public bool HandRaised(int participantId)
    {
        lock (_gate)
        {
            return _hands.Contains(participantId);
        }
    }

    /// <summary>Whether this instance knows the participant's pseudonym yet.</summary>
    public bool Knows(int participantId)
    {
        lock (_gate)
        {
            return _pseudonyms.ContainsKey(participantId);
        }
    }

    public string PseudonymOf(int participantId)
    {
        lock (_gate)
        {
            return _pseudonyms.GetValueOrDefault(participantId, "?");
        }
    }

    /// <summary>Whether a pseudonym in the room reads like this one once accents, case and look-alike letters are set aside.</summary>
    public bool HasPseudonymLike(string name)
    {
        var key = LookAlike.Key(name);
        lock (_gate)
        {
            return _pseudonyms.Values.Any(p => LookAlike.Key(p) == key);
        }
    }

    public bool IsShown(int ideaId)
    {
        lock (_gate)
        {
            return _publishedIdeas.Any(i => i.Id == ideaId);
        }
    }

    /// <summary>The final result of the last poll closed, while no other poll is open.</summary>
    public TallyView? ResultToReveal()
    {
        lock (_gate)
        {
            return _poll is null ? _lastResult : null;
        }
    }

    public IReadOnlyList<HandView> Hands()
    {
        lock (_gate)
        {
            return _hands.Select(h => new HandView(h, _pseudonyms.GetValueOrDefault(h, "?"))).ToList();
        }
    }

    /// <summary>
    /// Checks an idea against the room's rules and, when it may be stored, takes its place in the
    /// pace: the refusal, or null. <paramref name="known"/> is true when the phone sent this idea before.
    /// </summary>
    public string? TryTakeIdeaTurn(int participantId, string? key, DateTimeOffset now, TimeSpan interval, bool urgent, out bool known)
    {
        lock (_gate)
        {
            known = false;
            if (_removed.Contains(participantId))
            {
                return ParticipantActions.RemovedMessage;
            }
            // Sent again after a lost connection: stored before any pause began, so answered, not refused.
            if (key is not null && _ideaKeys.TryGetValue(participantId, out var stored) && stored.Contains(key))
            {
                known = true;
                return null;
            }
            // An urgent text goes to the adults even during a pause or before the room's pace allows.
            if (_muted.Contains(participantId) && !urgent)
            {
                return ParticipantActions.Paused;
            }
            // Urgent texts keep a pace of their own: the first goes at once, and a phone sending many
            // (a troll during a pause) floods neither the moderators nor the console.
            var paced = urgent ? _lastUrgentAt : _lastIdeaAt;
            if (paced.TryGetValue(participantId, out var last) && now - last < interval)
            {
                return $"Attends un peu : une idée toutes les {interval.TotalSeconds:0} secondes.";
            }
            paced[participantId] = now;
            return null;
        }
    }

    /// <summary>An idea whose turn was taken at <paramref name="at"/> could not be stored: its turn is free again.</summary>
    public void GiveBackIdeaTurn(int participantId, bool urgent, DateTimeOffset at)
    {
        lock (_gate)
        {
            var paced = urgent ? _lastUrgentAt : _lastIdeaAt;
            if (paced.TryGetValue(participantId, out var last) && last == at)
            {
                paced.Remove(participantId);
            }
        }
    }

    /// <summary>Held while a poll is being opened: two clicks at once open one poll, not two.</summary>
    public bool TryBeginOpeningPoll()
    {
        lock (_gate)
        {
            if (_poll is not null || _openingPoll)
            {
                return false;
            }
            _openingPoll = true;
            return true;
        }
    }

    public void EndOpeningPoll()
    {
        lock (_gate)
        {
            _openingPoll = false;
        }
    }

    /// <summary>A reaction from a phone here, sent to the whole room with the others of this instance at its next broadcast.</summary>
    public bool React(int participantId, string reaction)
    {
        lock (_gate)
        {
            if (_muted.Contains(participantId))
            {
                return false;
            }
            _pendingReactions[reaction] = _pendingReactions.GetValueOrDefault(reaction) + 1;
            return true;
        }
    }

    /// <summary>The console needs redrawing; the broadcaster sends it at most a few times a second.</summary>
    public void TouchConsole()
    {
        lock (_gate)
        {
            _consoleDirty = true;
        }
    }

    /// <summary>Applies a change made here or on another instance. Applying the same event twice changes nothing more.</summary>
    public void Apply(RoomEvent change)
    {
        lock (_gate)
        {
            switch (change)
            {
                case ParticipantArrived arrived:
                    _pseudonyms[arrived.ParticipantId] = arrived.Pseudonym;
                    _consoleDirty = true;
                    break;
                case AgendaChanged agenda:
                    _agendaItem = agenda.Title;
                    break;
                case PollOpened opened:
                    StartPoll(opened.Poll);
                    _lastResult = null;
                    _resultRevealed = false;
                    break;
                case PollClosed closed:
                    if (_poll?.Id == closed.PollId)
                    {
                        _poll = null;
                        _tally = null;
                        _ballots.Clear();
                    }
                    _lastResult = closed.Result;
                    _resultRevealed = false;
                    break;
                case ResultRevealed revealed:
                    _resultRevealed = _lastResult?.PollId == revealed.PollId;
                    break;
                case BallotsCounted counted when _poll?.Id == counted.PollId:
                    foreach (var (participant, choice) in counted.Ballots)
                    {
                        if (!_removed.Contains(participant))
                        {
                            CountBallot(participant, BallotChoice.Parse(_poll.Kind, choice));
                        }
                    }
                    break;
                case IdeaStored stored:
                    RememberIdea(stored);
                    _consoleDirty = true;
                    break;
                case IdeaPublished published:
                    if (!_publishedIdeas.Any(i => i.Id == published.Idea.Id))
                    {
                        _publishedIdeas.Add(published.Idea);
                    }
                    _consoleDirty = true;
                    break;
                case IdeaHidden hidden:
                    _publishedIdeas.RemoveAll(i => i.Id == hidden.IdeaId);
                    _consoleDirty = true;
                    break;
                case IdeaSupported supported:
                    var index = _publishedIdeas.FindIndex(i => i.Id == supported.IdeaId);
                    if (index >= 0 && _publishedIdeas[index].Supports < supported.Supports)
                    {
                        _publishedIdeas[index] = _publishedIdeas[index] with { Supports = supported.Supports };
                    }
                    break;
                case HandChanged hand:
                    _hands.Remove(hand.ParticipantId);
                    if (hand.Raised && !_muted.Contains(hand.ParticipantId) && !_removed.Contains(hand.ParticipantId))
                    {
                        _hands.Add(hand.ParticipantId);
                    }
                    _consoleDirty = true;
                    break;
                case MuteChanged mute:
                    if (mute.Muted)
                    {
                        _muted.Add(mute.ParticipantId);
                    }
                    else
                    {
                        _muted.Remove(mute.ParticipantId);
                    }
                    _consoleDirty = true;
                    break;
                case ParticipantRemoved removed:
                    _removed.Add(removed.ParticipantId);
                    _hands.Remove(removed.ParticipantId);
                    if (_ballots.Remove(removed.ParticipantId, out var ballot))
                    {
                        _tally!.Withdraw(ballot);
                        _tallyVersion++;
                    }
                    _consoleDirty = true;
                    break;
                case TimerStarted timer:
                    _timerEndsAt = timer.EndsAt;
                    break;
                case RoomSettingsChanged settings:
                    _preModeration = settings.PreModeration;
                    _guestsAllowed = settings.GuestsAllowed;
                    _joinCode = settings.JoinCode;
                    break;
                case ConsoleChanged:
                    _consoleDirty = true;
                    break;
                case PresenceReported presence:
                    _elsewhere[presence.Instance] = (presence.Participants.ToHashSet(), presence.At);
                    _consoleDirty = true;
                    break;
            }
        }
    }

    private void StartPoll(PollSnapshot poll)
    {
        _poll = poll;
        _tally = new Tally(poll.Kind, poll.OptionIds);
        _ballots.Clear();
        _tallyVersion = 0;
        _sentTallyVersion = -1;
        _openingPoll = false;
    }

    private void CountBallot(int participantId, BallotChoice choice)
    {
        _ballots.TryGetValue(participantId, out var previous);
        _tally!.Apply(previous, choice);
        _ballots[participantId] = choice;
        _tallyVersion++;
    }

    private void RememberIdea(IdeaStored stored)
    {
        if (!_lastIdeaAt.TryGetValue(stored.ParticipantId, out var last) || last < stored.At)
        {
            _lastIdeaAt[stored.ParticipantId] = stored.At;
        }
        if (stored.Key is { Length: > 0 and <= Idea.ClientKeyMaxLength } key)
        {
            var keys = _ideaKeys.TryGetValue(stored.ParticipantId, out var known) ? known : _ideaKeys[stored.ParticipantId] = new Queue<string>();
            if (!keys.Contains(key))
            {
                keys.Enqueue(key);
                if (keys.Count > IdeaKeysKept)
                {
                    keys.Dequeue();
                }
            }
        }
    }

    /// <summary>The participants connected now: here, and on every other instance heard from lately.</summary>
    public HashSet<int> Connected(IEnumerable<int> here, DateTimeOffset now)
    {
        var connected = here.ToHashSet();
        lock (_gate)
        {
            foreach (var (instance, (participants, heardAt)) in _elsewhere.ToList())
            {
                if (now - heardAt > PresenceLifetime)
                {
                    _elsewhere.Remove(instance);
                    _consoleDirty = true;
                }
                else
                {
                    connected.UnionWith(participants);
                }
            }
        }
        return connected;
    }

    /// <summary>
    /// « Voted / connected » for the screens: of the people connected now, how many have voted. A ballot
    /// from someone who has since left still counts in the result, but not as one of those in the room.
    /// </summary>
    public Progress ProgressOf(IReadOnlySet<int> connected)
    {
        lock (_gate)
        {
            return new Progress(VotedAmong(connected), connected.Count);
        }
    }

    /// <summary>The ballots cast in the open poll, whoever cast them.</summary>
    public int BallotCount
    {
        get
        {
            lock (_gate)
            {
                return _tally?.Ballots ?? 0;
            }
        }
    }

    private int VotedAmong(IReadOnlySet<int> connected) => _tally is null ? 0 : _ballots.Keys.Count(connected.Contains);

    /// <summary>
    /// A screen's state. A phone (<paramref name="participantId"/> set) sees its own ballot and hand;
    /// the console sees the running tally and the last result; the projector only what has been revealed.
    /// </summary>
    public SessionState StateFor(Screen screen, int? participantId, Progress? progress)
    {
        lock (_gate)
        {
            var isScreen = screen != Screen.Phone;
            string? myBallot = null;
            if (_poll is { } poll && participantId is { } id && _ballots.TryGetValue(id, out var ballot))
            {
                myBallot = ballot.Serialise(poll.Kind);
            }
            return new SessionState(
                Id, _title, _agendaItem, _poll?.View(open: true), myBallot,
                screen == Screen.Console ? TallyView() : null,
                _publishedIdeas.ToList(),
                participantId is { } pid && _hands.Contains(pid),
                _timerEndsAt,
                participantId is { } p && _muted.Contains(p),
                _preModeration,
                isScreen && _guestsAllowed ? _joinCode : null,
                _guestsAllowed,
                screen == Screen.Console || _resultRevealed ? _lastResult : null,
                _resultRevealed,
                isScreen ? progress : null,
                participantId);
        }
    }

    /// <summary>The running result of the open poll, for the console.</summary>
    private TallyView? TallyView() => _poll is { } poll && _tally is { } tally ? ViewOf(poll, tally, _tallyVersion) : null;

    /// <summary>The result of a poll from its ballots, as the database holds them once it is closed.</summary>
    public static TallyView ResultOf(PollSnapshot poll, IEnumerable<string> ballots)
    {
        var tally = new Tally(poll.Kind, poll.OptionIds);
        foreach (var ballot in ballots)
        {
            tally.Apply(null, BallotChoice.Parse(poll.Kind, ballot));
        }
        return ViewOf(poll, tally, tally.Ballots) with { Final = true };
    }

    private static TallyView ViewOf(PollSnapshot poll, Tally tally, int version)
    {
        IReadOnlyList<OptionResult> results;
        if (poll.Kind == PollKind.MajorityJudgment)
        {
            var labels = poll.Options.ToDictionary(o => o.Id, o => o.Label);
            results = MajorityJudgment.Rank(tally.Profiles).Ranking
                .Select(p => new OptionResult(p.OptionId, labels[p.OptionId], p.Total, p.Counts, p.Median?.Label()))
                .ToList();
        }
        else
        {
            results = poll.Options.Select(o => new OptionResult(o.Id, o.Label, tally.Counts[o.Id], null, null)).ToList();
        }
        return new TallyView(poll.Id, poll.Kind, tally.Ballots, results, version, poll.Question);
    }

    /// <summary>Pseudonyms for the console's queue and lists, read once under the lock.</summary>
    public IReadOnlyDictionary<int, string> PseudonymsOf(IEnumerable<int> participantIds)
    {
        lock (_gate)
        {
            return participantIds.Distinct().ToDictionary(id => id, id => _pseudonyms.GetValueOrDefault(id, "?"));
        }
    }

    /// <summary>What this instance's broadcaster has to send for this session now, each thing once.</summary>
    public PendingBroadcast TakeBroadcast(IReadOnlySet<int> connectedNow)
    {
        var connected = connectedNow.Count;
        lock (_gate)
        {
            TallyView? tally = null;
            if (_poll is not null && _tallyVersion != _sentTallyVersion)
            {
                tally = TallyView();
                _sentTallyVersion = _tallyVersion;
            }
            Progress? progress = null;
            var voted = VotedAmong(connectedNow);
            if (_sentProgress != (voted, connected))
            {
                _sentProgress = (voted, connected);
                progress = new Progress(voted, connected);
            }
            Dictionary<string, int>? reactions = null;
            if (_pendingReactions.Count > 0)
            {
                reactions = new Dictionary<string, int>(_pendingReactions);
                _pendingReactions.Clear();
            }
            var console = _consoleDirty;
            _consoleDirty = false;
            return new PendingBroadcast(tally, progress, reactions, console);
        }
    }
}
