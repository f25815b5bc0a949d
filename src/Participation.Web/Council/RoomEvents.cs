using System.Text.Json.Serialization;

namespace Participation.Web.Council;

/// <summary>
/// A change to a live session, made durable first (in the database) where it must outlive the
/// instances, then announced to every instance serving the session so that each applies it to the
/// state it holds. Applying an event twice, or one already read from the database, changes nothing more.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(ParticipantArrived), "arrived")]
[JsonDerivedType(typeof(AgendaChanged), "agenda")]
[JsonDerivedType(typeof(PollOpened), "poll-opened")]
[JsonDerivedType(typeof(PollClosed), "poll-closed")]
[JsonDerivedType(typeof(ResultRevealed), "result-revealed")]
[JsonDerivedType(typeof(BallotsCounted), "ballots")]
[JsonDerivedType(typeof(IdeaStored), "idea-stored")]
[JsonDerivedType(typeof(IdeaPublished), "idea-published")]
[JsonDerivedType(typeof(IdeaHidden), "idea-hidden")]
[JsonDerivedType(typeof(IdeaSupported), "idea-supported")]
[JsonDerivedType(typeof(HandChanged), "hand")]
[JsonDerivedType(typeof(MuteChanged), "mute")]
[JsonDerivedType(typeof(ParticipantRemoved), "removed")]
[JsonDerivedType(typeof(TimerStarted), "timer")]
[JsonDerivedType(typeof(RoomSettingsChanged), "settings")]
[JsonDerivedType(typeof(ConsoleChanged), "console")]
[JsonDerivedType(typeof(PresenceReported), "presence")]
[JsonDerivedType(typeof(SessionEnded), "ended")]
public abstract record RoomEvent(int SessionId);

public sealed record ParticipantArrived(int SessionId, int ParticipantId, string Pseudonym) : RoomEvent(SessionId);

public sealed record AgendaChanged(int SessionId, string? Title) : RoomEvent(SessionId);

public sealed record PollOpened(int SessionId, PollSnapshot Poll) : RoomEvent(SessionId);

public sealed record PollClosed(int SessionId, int PollId, TallyView Result) : RoomEvent(SessionId);

public sealed record ResultRevealed(int SessionId, int PollId) : RoomEvent(SessionId);

public sealed record CountedBallot(int ParticipantId, string Choice);

/// <summary>Ballots committed to the database by one instance's vote writer, in one batch.</summary>
public sealed record BallotsCounted(int SessionId, int PollId, IReadOnlyList<CountedBallot> Ballots) : RoomEvent(SessionId);

/// <summary>An idea stored, whatever became of it: its author's pace and the phone's id for it follow it everywhere.</summary>
public sealed record IdeaStored(int SessionId, int ParticipantId, DateTimeOffset At, string? Key) : RoomEvent(SessionId);

public sealed record IdeaPublished(int SessionId, IdeaView Idea) : RoomEvent(SessionId);

public sealed record IdeaHidden(int SessionId, int IdeaId) : RoomEvent(SessionId);

public sealed record IdeaSupported(int SessionId, int IdeaId, int Supports) : RoomEvent(SessionId);

/// <param name="FloorGiven">The hand came down because the facilitator gave them the floor, which their phones say.</param>
public sealed record HandChanged(int SessionId, int ParticipantId, bool Raised, bool FloorGiven = false) : RoomEvent(SessionId);

public sealed record MuteChanged(int SessionId, int ParticipantId, bool Muted) : RoomEvent(SessionId);

public sealed record ParticipantRemoved(int SessionId, int ParticipantId) : RoomEvent(SessionId);

public sealed record TimerStarted(int SessionId, DateTimeOffset EndsAt) : RoomEvent(SessionId);

public sealed record RoomSettingsChanged(int SessionId, bool PreModeration, bool GuestsAllowed, string? JoinCode) : RoomEvent(SessionId);

/// <summary>Something only the console shows changed, e.g. an idea waiting to be read.</summary>
public sealed record ConsoleChanged(int SessionId) : RoomEvent(SessionId);

/// <summary>The participants connected to one instance, sent by it a few times a second when they change and every few seconds anyway.</summary>
public sealed record PresenceReported(int SessionId, string Instance, IReadOnlyList<int> Participants, DateTimeOffset At) : RoomEvent(SessionId);

public sealed record SessionEnded(int SessionId) : RoomEvent(SessionId);
