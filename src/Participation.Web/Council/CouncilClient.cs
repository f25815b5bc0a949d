namespace Participation.Web.Council;

public sealed record OptionView(int Id, string Label);

public sealed record PollView(int Id, string Question, PollKind Kind, IReadOnlyList<OptionView> Options, bool IsOpen);

public sealed record IdeaView(int Id, string Text, string Author, int Supports, IdeaStatus Status);

public sealed record OptionResult(int OptionId, string Label, int Count, IReadOnlyList<int>? Grades, string? Median);

/// <summary>
/// The running or final result of a poll; for majority judgment, options come ranked.
/// <paramref name="Final"/>: counted from the database once the poll is closed, never replaced by a running tally.
/// </summary>
public sealed record TallyView(int PollId, PollKind Kind, int Ballots, IReadOnlyList<OptionResult> Results, int Version, string Question = "", bool Final = false);

public sealed record HandView(int ParticipantId, string Pseudonym);

public sealed record ParticipantView(int Id, string Pseudonym, string? AgeBand, bool IsGuest, bool Muted, bool Connected);

/// <summary>How many have voted in the open poll, over the participants connected now.</summary>
public sealed record Progress(int Voted, int Connected);

/// <summary>
/// Everything a screen needs to draw itself, sent on joining and after a reconnection. The running
/// tally goes to the console only; the last result goes to everyone once the facilitator reveals it.
/// </summary>
public sealed record SessionState(
    int SessionId, string Title, string? AgendaItem, PollView? Poll, string? MyBallot, TallyView? Tally,
    IReadOnlyList<IdeaView> Ideas, bool HandRaised, DateTimeOffset? TimerEndsAt, bool Muted, bool PreModeration, string? JoinCode, bool GuestsAllowed,
    TallyView? Result, bool ResultRevealed, Progress? Progress, int? Me = null);

/// <summary>
/// What the facilitator's console sees on top of the room's state. <paramref name="HeldForSafety"/>: the
/// session's ideas held for safety, newest first, so that a console that missed the alert (Redis away,
/// another instance) still tells the adult in the room.
/// </summary>
public sealed record ConsoleState(
    IReadOnlyList<IdeaView> Queue, IReadOnlyList<HandView> Hands, IReadOnlyList<ParticipantView> Participants, int ParticipantCount, int ConnectedCount,
    IReadOnlyList<SafetyAlert> HeldForSafety);

/// <summary>An idea held for safety, as the console tells the adult in the room: when, and whose (a pseudonym).</summary>
public sealed record SafetyAlert(DateTimeOffset At, string Pseudonym);

/// <summary>A hub method's answer. <paramref name="Help"/>: the screen shows the numbers to call now, beside the message.</summary>
public sealed record Ack(bool Ok, string? Message = null, bool Help = false)
{
    public static readonly Ack Done = new(true);
    public static Ack Refused(string message) => new(false, message);
}

/// <summary>Messages the server sends to the screens of a live session.</summary>
public interface ICouncilClient
{
    Task State(SessionState state);
    Task Console(ConsoleState state);
    Task AgendaChanged(string? item);
    Task PollOpened(PollView poll);
    Task PollClosed(int pollId);
    Task ResultShown(TallyView result);
    Task Progress(Progress progress);
    Task Tally(TallyView tally);
    Task IdeaPublished(IdeaView idea);
    Task IdeaHidden(int ideaId);
    Task IdeaSupported(int ideaId, int supports);
    Task Reactions(IReadOnlyDictionary<string, int> counts);
    Task TimerStarted(DateTimeOffset endsAt);
    Task MutedChanged(bool muted);
    /// <summary>The facilitator gave this person the floor: their hand comes down and their phone tells them.</summary>
    Task FloorGiven();
    Task Removed();
    Task SessionClosed();
    /// <summary>To the console: an idea was held for safety; the adult in the room goes to speak with its author.</summary>
    Task IdeaHeldForSafety(SafetyAlert alert);
}
