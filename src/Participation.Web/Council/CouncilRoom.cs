using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Proposals;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Council;

public sealed record ResolvedParticipant(int Id, string? Error)
{
    public static ResolvedParticipant Refused(string error) => new(0, error);
}

/// <summary>What happens in a live session, for the hub: checks, database writes, and messages to the room.</summary>
public sealed class CouncilRoom(
    IServiceScopeFactory scopes, LiveSessions live, VoteWriter votes, IHubContext<CouncilHub, ICouncilClient> hub, Safeguard safeguard, MemberNames members, TimeProvider clock)
{
    private const string RemovedMessage = "Tu ne fais plus partie de cette séance.";

    public const string GuestNameShape = "Ton pseudo fait de 2 à 20 lettres ou chiffres, en un seul mot (tu peux utiliser - ou _). Pas ton vrai nom\u00A0!";

    /// <summary>What a facilitator reads on trying to publish or hide an idea held for safety.</summary>
    public const string HeldForSafetyMessage = "Cette idée a été mise de côté pour la sécurité : l'équipe de modération s'en occupe.";
    public const string Ended = "La séance est terminée.";
    private const string Paused = "Tes messages sont en pause pour le moment.";

    public const int IdeaIntervalSeconds = 10;
    /// <summary>The reactions a phone may send, each with the words a screen reader says for it.</summary>
    public static readonly IReadOnlyList<(string Emoji, string Name)> Reactions =
        [("👍", "d'accord"), ("❤️", "j'adore"), ("😂", "c'est drôle"), ("😮", "surpris"), ("👏", "bravo"), ("🤔", "je me pose une question")];

    private async Task<T> WithDbAsync<T>(Func<ParticipationDb, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ParticipationDb>());
    }

    /// <summary>The live state of a session that has started, loaded from the database if this server just restarted.</summary>
    public LiveSession? Ensure(int sessionId)
    {
        if (live.Find(sessionId) is { } found)
        {
            return found;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var session = db.CouncilSessions.AsNoTracking().SingleOrDefault(s => s.Id == sessionId && s.Status == SessionStatus.Live);
        if (session is null)
        {
            return null;
        }
        return live.GetOrAdd(sessionId, _ =>
        {
            var state = new LiveSession(session.Id, session.Title)
            {
                PreModeration = session.PreModeration,
                GuestsAllowed = session.GuestsAllowed,
                JoinCode = session.JoinCode,
                AgendaItem = db.AgendaItems.Where(a => a.Id == session.CurrentAgendaItemId).Select(a => a.Title).SingleOrDefault(),
            };
            foreach (var p in db.Participants.Where(p => p.SessionId == sessionId).Select(p => new { p.Id, p.Pseudonym, p.Muted, p.Removed }).ToList())
            {
                state.Pseudonyms[p.Id] = p.Pseudonym;
                if (p.Muted)
                {
                    state.Muted.Add(p.Id);
                }
                if (p.Removed)
                {
                    state.Removed.Add(p.Id);
                }
            }
            state.PublishedIdeas.AddRange(db.Ideas.Where(i => i.SessionId == sessionId && i.Status == IdeaStatus.Approved).OrderBy(i => i.Id).ToList()
                .Select(i => new IdeaView(i.Id, i.Text, state.Pseudonyms.GetValueOrDefault(i.ParticipantId, "?"), i.Supports, i.Status)));
            if (session.CurrentPollId is { } pollId && db.Polls.Include(p => p.Options).SingleOrDefault(p => p.Id == pollId && p.Status == PollStatus.Open) is { } poll)
            {
                state.Poll = LoadPoll(db, poll);
            }
            return state;
        });
    }

    private static LivePoll LoadPoll(ParticipationDb db, Poll poll)
    {
        var livePoll = new LivePoll(poll.Id, poll.Question, poll.Kind, poll.Options.OrderBy(o => o.Position).Select(o => new OptionView(o.Id, o.Label)).ToList());
        foreach (var ballot in db.Ballots.Where(b => b.PollId == poll.Id).ToList())
        {
            var choice = BallotChoice.Parse(poll.Kind, ballot.Choice);
            livePoll.Tally.Apply(null, choice);
            livePoll.Ballots[ballot.ParticipantId] = choice;
        }
        livePoll.Version = livePoll.Tally.Ballots;
        return livePoll;
    }

    public Task<bool> IsFacilitatorAsync(int sessionId, ClaimsPrincipal? user) =>
        user?.MemberId() is not { } memberId || !user.IsFacilitatorOrAdmin()
            ? Task.FromResult(false)
            : user.IsInRole(Roles.Admin)
                ? Task.FromResult(true)
                : WithDbAsync(db => db.SessionFacilitators.AnyAsync(f => f.SessionId == sessionId && f.MemberId == memberId));

    /// <summary>A young member signed in, or a guest holding this session's cookie.</summary>
    public async Task<ResolvedParticipant> ResolveParticipantAsync(int sessionId, ClaimsPrincipal? user, int? guestId)
    {
        var session = Ensure(sessionId);
        if (session is null)
        {
            var ended = await WithDbAsync(db => db.CouncilSessions.AnyAsync(s => s.Id == sessionId && s.Status == SessionStatus.Closed));
            return ResolvedParticipant.Refused(ended ? Ended : "Cette séance n'a pas encore commencé.");
        }
        ResolvedParticipant result;
        if (user?.MemberId() is { } memberId && user.IsInRole(Roles.Young))
        {
            result = await WithDbAsync(async db =>
            {
                var existing = await db.Participants.Where(p => p.SessionId == sessionId && p.MemberId == memberId).SingleOrDefaultAsync();
                if (existing is null)
                {
                    var member = await db.Users.Where(u => u.Id == memberId).Select(u => new { u.Pseudonym, u.BirthYear }).SingleAsync();
                    var bands = await db.CouncilSessions.Where(s => s.Id == sessionId).Select(s => s.AgeBands).SingleAsync();
                    if (!Sessions.Invites(bands, member.BirthYear, clock.GetLocalNow().Year))
                    {
                        return ResolvedParticipant.Refused(Sessions.OtherAgeBand);
                    }
                    existing = new Participant
                    {
                        SessionId = sessionId, MemberId = memberId, Pseudonym = member.Pseudonym, JoinedAt = clock.GetUtcNow(),
                        AgeBand = member.BirthYear is { } year ? AgeBands.ForBirthYear(year, clock.GetLocalNow().Year) : null,
                    };
                    db.Participants.Add(existing);
                    try
                    {
                        await db.SaveChangesAsync();
                    }
                    catch (DbUpdateException)
                    {
                        // Joined from two screens at the same moment: the other one made the participant.
                        db.ChangeTracker.Clear();
                        existing = await db.Participants.Where(p => p.SessionId == sessionId && p.MemberId == memberId).SingleAsync();
                    }
                }
                return new ResolvedParticipant(existing.Id, null);
            });
            if (result.Error is not null)
            {
                return result;
            }
            lock (session.Gate)
            {
                session.Pseudonyms.TryAdd(result.Id, user.Pseudonym());
            }
        }
        else if (guestId is { } id)
        {
            result = new ResolvedParticipant(id, null);
        }
        else
        {
            return ResolvedParticipant.Refused("Connecte-toi, ou rejoins la séance avec son code.");
        }
        lock (session.Gate)
        {
            if (session.Removed.Contains(result.Id))
            {
                return ResolvedParticipant.Refused(RemovedMessage);
            }
        }
        return result;
    }

    /// <summary>Adds a guest who typed the code shown in the room.</summary>
    /// <param name="alreadyHere">The participant this browser already is in a session, from its guest cookie.</param>

    public async Task<(int? ParticipantId, int? SessionId, string? Error)> JoinAsGuestAsync(string? code, string? pseudonym, Func<int, int?>? alreadyHere = null)
    {
        var typed = (code ?? "").Trim().ToUpperInvariant().Replace(" ", "").Replace("-", "");
        var name = (pseudonym ?? "").Trim();
        if (typed.Length != 6)
        {
            return (null, null, "Le code de la séance a 6 caractères : il est affiché au tableau.");
        }
        // Latin letters (accents included), digits, « - » and « _ », in one word: no look-alike letters
        // from other scripts, no blank letters, no first name and surname, so that nobody passes for
        // someone else on the console or the wall.
        if (name.Length is < 2 or > 20 || !name.All(c => (char.IsLetterOrDigit(c) && c < '\u0250') || c is '-' or '_')
            || name.Count(char.IsLetterOrDigit) < 2)
        {
            return (null, null, GuestNameShape);
        }
        // Shown on the wall and the console: no phone number, no school, nothing the detector would hold.
        if (!safeguard.Screen(name, Writer.Young).Report.IsClear)
        {
            return (null, null, "Choisis un autre pseudo : pas de numéro, pas de nom d'école ou de foyer, rien qui parle de toi ou de quelqu'un.");
        }
        var session = await WithDbAsync(db => db.CouncilSessions.AsNoTracking().SingleOrDefaultAsync(s => s.JoinCode == typed && s.Status == SessionStatus.Live));
        if (session is null)
        {
            return (null, null, "Ce code ne correspond à aucune séance en cours. Vérifie-le au tableau.");
        }
        var state = Ensure(session.Id)!;
        // A browser already in the room comes back as itself: no second ballot under a new name, and no way back once removed.
        if (alreadyHere?.Invoke(session.Id) is { } previous)
        {
            return state.IsRemoved(previous) ? (null, null, RemovedMessage) : (previous, session.Id, null);
        }
        if (!state.GuestsAllowed)
        {
            return (null, null, "La séance n'est pas encore ouverte avec un code. Attends le signal de l'équipe d'animation.");
        }
        // Nobody passes for someone else: a pseudonym already in the room, or a member's, is taken.
        bool taken;
        lock (state.Gate)
        {
            // « Comete » is « Comète », « COMÈTE » and « Comètte ».
            var key = LookAlike.Key(name);
            taken = state.Pseudonyms.Values.Any(p => LookAlike.Key(p) == key);
        }
        if (taken || await members.LooksLikeAMemberAsync(name)
            || await WithDbAsync(db => db.Users.AnyAsync(u => u.Pseudonym == name || u.Pseudonym.ToUpper() == name.ToUpper())))
        {
            return (null, null, "Ce pseudo est déjà pris. Choisis-en un autre.");
        }
        var participant = new Participant { SessionId = session.Id, Pseudonym = name, IsGuest = true, JoinedAt = clock.GetUtcNow() };
        await WithDbAsync(async db =>
        {
            db.Participants.Add(participant);
            return await db.SaveChangesAsync();
        });
        lock (state.Gate)
        {
            state.Pseudonyms[participant.Id] = name;
        }
        return (participant.Id, session.Id, null);
    }

    public SessionState StateFor(int sessionId, int? participantId) => StateFor(Ensure(sessionId)!, participantId);

    /// <summary>A screen's state: the console sees the running tally and the last result; the projector only what has been revealed.</summary>
    public SessionState StateFor(LiveSession session, Screen screen)
    {
        var state = StateFor(session, participantId: null);
        return screen == Screen.Console ? state : state with { Tally = null, Result = state.ResultRevealed ? state.Result : null };
    }

    /// <summary>Redraws the console and the projector, each with what it may show.</summary>
    private async Task RefreshScreensAsync(LiveSession session)
    {
        await hub.Clients.Group(CouncilHub.Console(session.Id)).State(StateFor(session, Screen.Console));
        await hub.Clients.Group(CouncilHub.Projector(session.Id)).State(StateFor(session, Screen.Projector));
    }

    public SessionState StateFor(LiveSession session, int? participantId)
    {
        var screen = participantId is null;
        var progress = screen ? ProgressOf(session) : null;
        lock (session.Gate)
        {
            var poll = session.Poll;
            string? myBallot = null;
            if (poll is not null && participantId is { } id && poll.Ballots.TryGetValue(id, out var ballot))
            {
                myBallot = ballot.Serialise(poll.Kind);
            }
            return new SessionState(
                session.Id, session.Title, session.AgendaItem, poll?.View(open: true), myBallot,
                screen ? poll?.TallyView() : null,
                session.PublishedIdeas.ToList(),
                participantId is { } pid && session.Hands.Contains(pid),
                session.TimerEndsAt,
                participantId is { } p && session.Muted.Contains(p),
                session.PreModeration,
                screen && session.GuestsAllowed ? session.JoinCode : null,
                session.GuestsAllowed,
                screen || session.ResultRevealed ? session.LastResult : null,
                session.ResultRevealed,
                progress,
                participantId);
        }
    }

    /// <summary>Ballots in the open poll over the participants connected now, for the console and the projector.</summary>
    public Progress ProgressOf(LiveSession session)
    {
        var connected = live.ConnectedParticipants(session.Id).Count;
        lock (session.Gate)
        {
            return new Progress(session.Poll?.Tally.Ballots ?? 0, connected);
        }
    }

    /// <summary>At most this many participants are listed on the console: the newest arrivals first.</summary>
    public const int ConsoleListLimit = 300;

    public async Task<ConsoleState> ConsoleStateAsync(LiveSession session)
    {
        var sessionId = session.Id;
        var queue = await WithDbAsync(db => db.Ideas.Where(i => i.SessionId == sessionId && i.Status == IdeaStatus.Pending).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Text, i.ParticipantId, i.Supports }).ToListAsync());
        var total = await WithDbAsync(db => db.Participants.CountAsync(p => p.SessionId == sessionId && !p.Removed));
        var participants = await WithDbAsync(db => db.Participants.Where(p => p.SessionId == sessionId && !p.Removed).OrderByDescending(p => p.Id).Take(ConsoleListLimit)
            .Select(p => new { p.Id, p.Pseudonym, p.AgeBand, p.IsGuest, p.Muted }).ToListAsync());
        var connected = live.ConnectedParticipants(sessionId);
        lock (session.Gate)
        {
            return new ConsoleState(
                queue.Select(i => new IdeaView(i.Id, i.Text, session.Pseudonyms.GetValueOrDefault(i.ParticipantId, "?"), i.Supports, IdeaStatus.Pending)).ToList(),
                session.Hands.Select(h => new HandView(h, session.Pseudonyms.GetValueOrDefault(h, "?"))).ToList(),
                participants.OrderBy(p => p.Pseudonym).Select(p => new ParticipantView(p.Id, p.Pseudonym, p.AgeBand?.Label(), p.IsGuest, p.Muted, connected.Contains(p.Id))).ToList(),
                total,
                connected.Count);
        }
    }

    /// <summary>Asks for the console to be redrawn soon; many arrivals at once make one message.</summary>
    public Task PushConsoleAsync(int sessionId)
    {
        if (live.Find(sessionId) is { } session)
        {
            lock (session.Gate)
            {
                session.ConsoleDirty = true;
            }
        }
        return Task.CompletedTask;
    }

    public async Task<Ack> VoteAsync(int sessionId, int participantId, int pollId, string choice)
    {
        var session = Ensure(sessionId);
        if (session is null)
        {
            return Ack.Refused(Ended);
        }
        LivePoll? poll;
        lock (session.Gate)
        {
            poll = session.Poll;
        }
        if (poll is null || poll.Id != pollId)
        {
            return Ack.Refused("Ce vote est fermé.");
        }
        if (session.IsRemoved(participantId))
        {
            return Ack.Refused(RemovedMessage);
        }
        BallotChoice ballot;
        try
        {
            ballot = BallotChoice.Parse(poll.Kind, choice ?? "");
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException or ArgumentException)
        {
            return Ack.Refused("Ce vote n'est pas lisible.");
        }
        if (ballot.Validate(poll.Kind, poll.Options.Select(o => o.Id).ToList()) is { } problem)
        {
            return Ack.Refused(problem);
        }
        return await votes.EnqueueAsync(sessionId, pollId, participantId, ballot);
    }

    /// <summary>An idea from a phone; <paramref name="key"/> is the phone's own id for it, so that one re-sent after a lost connection counts once.</summary>
    public async Task<Ack> PostIdeaAsync(int sessionId, int participantId, string text, string? key = null)
    {
        var session = Ensure(sessionId);
        if (session is null)
        {
            return Ack.Refused(Ended);
        }
        var clean = (text ?? "").Trim();
        if (clean.Length == 0)
        {
            return Ack.Refused("Écris ton idée avant de l'envoyer.");
        }
        if (clean.Length > Idea.TextMaxLength)
        {
            return Ack.Refused($"Ton idée fait {clean.Length} caractères : {Idea.TextMaxLength} au plus.");
        }
        var now = clock.GetUtcNow();
        bool preModeration;
        string author;
        lock (session.Gate)
        {
            if (session.Removed.Contains(participantId))
            {
                return Ack.Refused(RemovedMessage);
            }
            if (session.Muted.Contains(participantId))
            {
                return Ack.Refused(Paused);
            }
            if (key is not null && session.IdeaKeys.TryGetValue(participantId, out var stored) && stored.Contains(key))
            {
                return new Ack(true, "Ton idée était déjà arrivée.");
            }
            if (session.LastIdeaAt.TryGetValue(participantId, out var last) && now - last < TimeSpan.FromSeconds(IdeaIntervalSeconds))
            {
                return Ack.Refused($"Attends un peu : une idée toutes les {IdeaIntervalSeconds} secondes.");
            }
            session.LastIdeaAt[participantId] = now;
            preModeration = session.PreModeration;
            author = session.Pseudonyms.GetValueOrDefault(participantId, "?");
        }
        // Read before it is stored: a possible danger or a minor's personal detail is held whatever
        // the session's pre-moderation, and never reaches the projector before a person has looked.
        var screening = safeguard.Screen(clean, Writer.Young);
        var status = screening.Verdict switch
        {
            Verdict.Urgent => IdeaStatus.HeldForSafety,
            Verdict.PersonalDetails => IdeaStatus.Pending,
            _ => preModeration ? IdeaStatus.Pending : IdeaStatus.Approved,
        };
        var idea = new Idea { SessionId = sessionId, ParticipantId = participantId, Text = clean, CreatedAt = now, Status = status };
        if (screening.Verdict == Verdict.Urgent)
        {
            // Stored with its case, in one transaction: if that fails, neither exists and the phone sends the idea again.
            var held = await HoldForSafetyAsync(session, idea, author, screening);
            RememberIdeaKey(session, participantId, key);
            return held;
        }
        await WithDbAsync(async db =>
        {
            db.Ideas.Add(idea);
            return await db.SaveChangesAsync();
        });
        RememberIdeaKey(session, participantId, key);
        if (screening.Verdict == Verdict.PersonalDetails)
        {
            await PushConsoleAsync(sessionId);
            return new Ack(true, "Ton idée attend l'équipe d'animation : ne donne ici ni ton numéro, ni ton adresse, ni le nom de ton école ou de ton foyer. Tu peux la réécrire sans.");
        }
        if (preModeration)
        {
            await PushConsoleAsync(sessionId);
            return new Ack(true, "Merci ! Ton idée est envoyée à l'équipe d'animation.");
        }
        await PublishAsync(session, new IdeaView(idea.Id, idea.Text, author, 0, IdeaStatus.Approved));
        return new Ack(true, "Merci ! Ton idée est affichée.");
    }

    // Remembered once stored (and, when held, once its case is open), so that a refused or failed
    // idea can be sent again under the same id.
    private static void RememberIdeaKey(LiveSession session, int participantId, string? key)
    {
        if (key is { Length: > 0 and <= 64 })
        {
            lock (session.Gate)
            {
                var keys = session.IdeaKeys.TryGetValue(participantId, out var known) ? known : session.IdeaKeys[participantId] = new Queue<string>();
                keys.Enqueue(key);
                if (keys.Count > LiveSession.IdeaKeysKept)
                {
                    keys.Dequeue();
                }
            }
        }
    }

    /// <summary>
    /// An idea that may say its author is in danger: an urgent case for the moderators, a word to the
    /// adults in the room, and for the author, at once, that an adult will read it and whom to call now.
    /// </summary>
    private async Task<Ack> HoldForSafetyAsync(LiveSession session, Idea idea, string author, Screening screening)
    {
        AgeBand? band;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
            var cases = scope.ServiceProvider.GetRequiredService<SafetyCases>();
            var who = await db.Participants.Where(p => p.Id == idea.ParticipantId).Select(p => new { p.MemberId, p.AgeBand }).SingleAsync();
            band = who.AgeBand;
            SafetyCase opened;
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Ideas.Add(idea);
                await db.SaveChangesAsync();
                var age = band is { } known ? $" ({known.Label()})" : "";
                opened = cases.Stage(new HeldText(
                    SafetyChannel.CouncilIdea, idea.Id.ToString(CultureInfo.InvariantCulture), $"Séance du Conseil « {session.Title} », pseudo {author}{age}",
                    $"/conseil/seances/{session.Id}", idea.Text, who.MemberId, author), screening);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
            await cases.AnnounceAsync(opened);
        }
        await hub.Clients.Group(CouncilHub.Console(session.Id)).IdeaHeldForSafety(author);
        return new Ack(true, HeldWords.Urgent(band == AgeBand.From7To10 ? Writer.Child : Writer.Young), Help: true);
    }

    /// <summary>An idea released by the moderators: shown on the wall if its session is still live.</summary>
    public Task PublishReleasedAsync(Idea idea) =>
        live.Find(idea.SessionId) is { } session ? ShowOnWallAsync(session, idea) : Task.CompletedTask;

    /// <summary>
    /// Whether an idea the moderators released goes where any idea of its session would: to the
    /// facilitators' queue when the session reads ideas first, straight to the wall otherwise.
    /// </summary>
    public async Task<bool> ReadsIdeasFirstAsync(int sessionId)
    {
        if (live.Find(sessionId) is { } session)
        {
            lock (session.Gate)
            {
                return session.PreModeration;
            }
        }
        return await WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId).Select(s => s.PreModeration).SingleOrDefaultAsync());
    }

    /// <summary>Puts an approved idea on the wall once, under its author's pseudonym in the room.</summary>
    private async Task ShowOnWallAsync(LiveSession session, Idea idea)
    {
        string author;
        lock (session.Gate)
        {
            if (session.PublishedIdeas.Any(i => i.Id == idea.Id))
            {
                return;
            }
            author = session.Pseudonyms.GetValueOrDefault(idea.ParticipantId, "?");
        }
        await PublishAsync(session, new IdeaView(idea.Id, idea.Text, author, idea.Supports, IdeaStatus.Approved));
    }

    private async Task PublishAsync(LiveSession session, IdeaView idea)
    {
        lock (session.Gate)
        {
            session.PublishedIdeas.Add(idea);
        }
        await hub.Clients.Group(CouncilHub.Room(session.Id)).IdeaPublished(idea);
    }

    public async Task<Ack> SupportIdeaAsync(int sessionId, int participantId, int ideaId)
    {
        var session = Ensure(sessionId);
        if (session is null)
        {
            return Ack.Refused(Ended);
        }
        if (session.IsRemoved(participantId))
        {
            return Ack.Refused(RemovedMessage);
        }
        var supports = await WithDbAsync(async db =>
        {
            if (!await db.Ideas.AnyAsync(i => i.Id == ideaId && i.SessionId == sessionId && i.Status == IdeaStatus.Approved)
                || await db.IdeaSupports.AnyAsync(s => s.IdeaId == ideaId && s.ParticipantId == participantId))
            {
                return (int?)null;
            }
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.IdeaSupports.Add(new IdeaSupport { IdeaId = ideaId, ParticipantId = participantId });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // The same support sent twice at once: the first one counts.
                return null;
            }
            // Counted in the database, so that supports given at the same moment all count.
            await db.Ideas.Where(i => i.Id == ideaId).ExecuteUpdateAsync(set => set.SetProperty(i => i.Supports, i => i.Supports + 1));
            var count = await db.Ideas.Where(i => i.Id == ideaId).Select(i => i.Supports).SingleAsync();
            await transaction.CommitAsync();
            return (int?)count;
        });
        if (supports is null)
        {
            return Ack.Refused("Tu soutiens déjà cette idée.");
        }
        lock (session.Gate)
        {
            var index = session.PublishedIdeas.FindIndex(i => i.Id == ideaId);
            if (index >= 0)
            {
                session.PublishedIdeas[index] = session.PublishedIdeas[index] with { Supports = supports.Value };
            }
        }
        await hub.Clients.Group(CouncilHub.Room(sessionId)).IdeaSupported(ideaId, supports.Value);
        return Ack.Done;
    }

    public async Task<Ack> RaiseHandAsync(int sessionId, int participantId, bool raised)
    {
        if (Ensure(sessionId) is not { } session)
        {
            return Ack.Refused(Ended);
        }
        lock (session.Gate)
        {
            if (raised && session.Muted.Contains(participantId))
            {
                return Ack.Refused(Paused);
            }
            session.Hands.Remove(participantId);
            if (raised)
            {
                session.Hands.Add(participantId);
            }
        }
        await PushConsoleAsync(sessionId);
        return Ack.Done;
    }

    /// <summary>The facilitator gives the floor to someone whose hand is up: it comes down on every screen.</summary>
    public async Task<Ack> GiveFloorAsync(int sessionId, int participantId)
    {
        if (Ensure(sessionId) is not { } session)
        {
            return Ack.Refused(Ended);
        }
        bool wasRaised;
        lock (session.Gate)
        {
            wasRaised = session.Hands.Remove(participantId);
        }
        if (!wasRaised)
        {
            return Ack.Refused("Cette main n'est plus levée.");
        }
        await PushConsoleAsync(sessionId);
        await hub.Clients.Clients(live.ConnectionsOf(sessionId, participantId).Select(c => c.ConnectionId).ToList()).FloorGiven();
        return Ack.Done;
    }

    public Ack React(int sessionId, int participantId, string reaction)
    {
        if (!Reactions.Any(r => r.Emoji == reaction))
        {
            return Ack.Refused("Cette réaction n'existe pas.");
        }
        if (Ensure(sessionId) is not { } session)
        {
            return Ack.Refused(Ended);
        }
        lock (session.Gate)
        {
            if (session.Muted.Contains(participantId))
            {
                return Ack.Refused(Paused);
            }
            session.PendingReactions[reaction] = session.PendingReactions.GetValueOrDefault(reaction) + 1;
        }
        return Ack.Done;
    }

    public async Task<Ack> SetAgendaItemAsync(int sessionId, int agendaItemId)
    {
        if (Ensure(sessionId) is not { } state)
        {
            return Ack.Refused(Ended);
        }
        var title = await WithDbAsync(async db =>
        {
            var session = await db.CouncilSessions.SingleAsync(s => s.Id == sessionId);
            var item = await db.AgendaItems.SingleOrDefaultAsync(a => a.Id == agendaItemId && a.SessionId == sessionId);
            if (item is null)
            {
                return null;
            }
            session.CurrentAgendaItemId = item.Id;
            await db.SaveChangesAsync();
            return item.Title;
        });
        if (title is null)
        {
            return Ack.Refused("Ce point n'est pas à l'ordre du jour de la séance.");
        }
        lock (state.Gate)
        {
            state.AgendaItem = title;
        }
        await hub.Clients.Group(CouncilHub.Room(sessionId)).AgendaChanged(title);
        return Ack.Done;
    }

    public async Task<Ack> OpenPollAsync(int sessionId, int pollId)
    {
        if (Ensure(sessionId) is not { } state)
        {
            return Ack.Refused(Ended);
        }
        lock (state.Gate)
        {
            if (state.Poll is not null || state.OpeningPoll)
            {
                return Ack.Refused("Un vote est déjà ouvert : fermez-le d'abord.");
            }
            // Held until the poll is open: two clicks at once open one poll, not two.
            state.OpeningPoll = true;
        }
        LivePoll? poll;
        try
        {
            poll = await OpenStoredPollAsync(sessionId, pollId);
        }
        finally
        {
            lock (state.Gate)
            {
                state.OpeningPoll = false;
            }
        }
        if (poll is null)
        {
            return Ack.Refused("Ce vote n'existe pas ou a déjà eu lieu.");
        }
        lock (state.Gate)
        {
            state.Poll = poll;
            // A new question: the last result leaves the screens.
            state.LastResult = null;
            state.ResultRevealed = false;
        }
        await hub.Clients.Group(CouncilHub.Room(sessionId)).PollOpened(poll.View(open: true));
        return Ack.Done;
    }

    private Task<LivePoll?> OpenStoredPollAsync(int sessionId, int pollId) => WithDbAsync(async db =>
        {
            var poll = await db.Polls.Include(p => p.Options).SingleOrDefaultAsync(p => p.Id == pollId && p.SessionId == sessionId && p.Status == PollStatus.Draft);
            if (poll is null)
            {
                return null;
            }
            poll.Status = PollStatus.Open;
            poll.OpenedAt = clock.GetUtcNow();
            await db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.CurrentPollId, pollId));
            await db.SaveChangesAsync();
            return (LivePoll?)LoadPoll(db, poll);
        });

    public async Task<Ack> ClosePollAsync(int sessionId)
    {
        if (Ensure(sessionId) is not { } state)
        {
            return Ack.Refused(Ended);
        }
        LivePoll? poll;
        lock (state.Gate)
        {
            poll = state.Poll;
            state.Poll = null;
        }
        if (poll is null)
        {
            return Ack.Refused("Aucun vote n'est ouvert.");
        }
        // Votes still queued are refused from now on; the final result is read back from the database.
        await WithDbAsync(async db =>
        {
            await db.Polls.Where(p => p.Id == poll.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PollStatus.Closed).SetProperty(p => p.ClosedAt, clock.GetUtcNow()));
            return await db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.CurrentPollId, (int?)null));
        });
        var final = await FinalTallyAsync(poll.Id);
        lock (state.Gate)
        {
            state.LastResult = final;
            state.ResultRevealed = false;
        }
        // The room learns that voting is over; the result itself waits for « Afficher les résultats ».
        await hub.Clients.Group(CouncilHub.Room(sessionId)).PollClosed(poll.Id);
        await hub.Clients.Group(CouncilHub.Console(sessionId)).Tally(final);
        return Ack.Done;
    }

    /// <summary>Shows the last closed poll's result on the projector and on every phone.</summary>
    public async Task<Ack> RevealResultAsync(int sessionId)
    {
        if (Ensure(sessionId) is not { } state)
        {
            return Ack.Refused(Ended);
        }
        TallyView? result;
        lock (state.Gate)
        {
            result = state.Poll is null ? state.LastResult : null;
            state.ResultRevealed = result is not null;
        }
        if (result is null)
        {
            return Ack.Refused("Fermez d'abord le vote : son résultat s'affiche une fois le vote fini.");
        }
        await hub.Clients.Group(CouncilHub.Room(sessionId)).ResultShown(result);
        return Ack.Done;
    }

    /// <summary>The result of a poll from its stored ballots.</summary>
    public Task<TallyView> FinalTallyAsync(int pollId) => WithDbAsync(async db =>
    {
        var poll = await db.Polls.Include(p => p.Options).SingleAsync(p => p.Id == pollId);
        return LoadPoll(db, poll).TallyView();
    });

    public async Task<Ack> ModerateAsync(int sessionId, int ideaId, bool approve)
    {
        if (Ensure(sessionId) is not { } live)
        {
            return Ack.Refused(Ended);
        }
        // One decision at a time per session: two facilitators clicking « Publier » and « Masquer » at once
        // leave the room showing what the database says, never a hidden idea on the projector.
        await live.Moderation.WaitAsync();
        try
        {
            return await DecideAsync(sessionId, ideaId, approve);
        }
        finally
        {
            live.Moderation.Release();
        }
    }

    private async Task<Ack> DecideAsync(int sessionId, int ideaId, bool approve)
    {
        var idea = await WithDbAsync(async db =>
        {
            var idea = await db.Ideas.SingleOrDefaultAsync(i => i.Id == ideaId && i.SessionId == sessionId);
            if (idea is null || idea.Status == IdeaStatus.HeldForSafety)
            {
                return idea;
            }
            idea.Status = approve ? IdeaStatus.Approved : IdeaStatus.Hidden;
            await db.SaveChangesAsync();
            return idea;
        });
        if (idea is null)
        {
            return Ack.Refused("Cette idée n'existe pas dans la séance.");
        }
        if (idea.Status == IdeaStatus.HeldForSafety)
        {
            return Ack.Refused(HeldForSafetyMessage);
        }
        if (Ensure(sessionId) is not { } session)
        {
            return Ack.Refused(Ended);
        }
        if (approve)
        {
            await ShowOnWallAsync(session, idea);
        }
        else
        {
            lock (session.Gate)
            {
                session.PublishedIdeas.RemoveAll(i => i.Id == ideaId);
            }
            await hub.Clients.Group(CouncilHub.Room(sessionId)).IdeaHidden(ideaId);
        }
        await PushConsoleAsync(sessionId);
        return Ack.Done;
    }

    public async Task<Ack> MuteAsync(int sessionId, int participantId, bool muted)
    {
        if (Ensure(sessionId) is not { } session)
        {
            return Ack.Refused(Ended);
        }
        if (!await SetParticipantAsync(sessionId, participantId, p => p.Muted = muted))
        {
            return Ack.Refused("Cette personne n'est pas dans la séance.");
        }
        lock (session.Gate)
        {
            if (muted)
            {
                session.Muted.Add(participantId);
            }
            else
            {
                session.Muted.Remove(participantId);
            }
        }
        await hub.Clients.Clients(live.ConnectionsOf(sessionId, participantId).Select(c => c.ConnectionId).ToList()).MutedChanged(muted);
        await PushConsoleAsync(sessionId);
        return Ack.Done;
    }

    public async Task<Ack> RemoveAsync(int sessionId, int participantId)
    {
        if (Ensure(sessionId) is not { } session)
        {
            return Ack.Refused(Ended);
        }
        var wasGuest = false;
        if (!await SetParticipantAsync(sessionId, participantId, p => { p.Removed = true; wasGuest = p.IsGuest; }))
        {
            return Ack.Refused("Cette personne n'est pas dans la séance.");
        }
        // Someone removed no longer counts anywhere: their ballots go, so that the minutes' attendance
        // is never lower than the number of voters.
        await WithDbAsync(db => db.Ballots.Where(b => b.ParticipantId == participantId).ExecuteDeleteAsync());
        lock (session.Gate)
        {
            session.Removed.Add(participantId);
            session.Hands.Remove(participantId);
            if (session.Poll is { } poll && poll.Ballots.Remove(participantId, out var ballot))
            {
                poll.Tally.Withdraw(ballot);
                poll.Version++;
            }
        }
        if (wasGuest)
        {
            // A removed guest could come back under another name with the same code: the room gets a new one.
            var code = await WithDbAsync(async db =>
            {
                var fresh = await Sessions.NewJoinCodeAsync(db);
                await db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.JoinCode, fresh));
                return fresh;
            });
            lock (session.Gate)
            {
                session.JoinCode = code;
            }
            await RefreshScreensAsync(session);
        }
        var connections = live.ConnectionsOf(sessionId, participantId).ToList();
        await hub.Clients.Clients(connections.Select(c => c.ConnectionId).ToList()).Removed();
        foreach (var connection in connections)
        {
            await hub.Groups.RemoveFromGroupAsync(connection.ConnectionId, CouncilHub.Room(sessionId));
            live.Disconnect(connection.ConnectionId);
        }
        await PushConsoleAsync(sessionId);
        return Ack.Done;
    }

    private Task<bool> SetParticipantAsync(int sessionId, int participantId, Action<Participant> change) => WithDbAsync(async db =>
    {
        var participant = await db.Participants.SingleOrDefaultAsync(p => p.Id == participantId && p.SessionId == sessionId);
        if (participant is null)
        {
            return false;
        }
        change(participant);
        await db.SaveChangesAsync();
        return true;
    });

    public async Task<Ack> StartTimerAsync(int sessionId, int seconds)
    {
        if (seconds is < 10 or > 3600)
        {
            return Ack.Refused("Le minuteur dure de 10 secondes à une heure.");
        }
        if (Ensure(sessionId) is not { } session)
        {
            return Ack.Refused(Ended);
        }
        var endsAt = clock.GetUtcNow().AddSeconds(seconds);
        lock (session.Gate)
        {
            session.TimerEndsAt = endsAt;
        }
        await hub.Clients.Group(CouncilHub.Room(sessionId)).TimerStarted(endsAt);
        return Ack.Done;
    }

    public async Task<Ack> SetPreModerationAsync(int sessionId, bool on)
    {
        if (Ensure(sessionId) is not { } session)
        {
            return Ack.Refused(Ended);
        }
        var bands = await WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId).Select(s => s.AgeBands).SingleAsync());
        if (!on && bands != AgeBandSet.From18To25)
        {
            return Ack.Refused("La modération avant publication ne peut être retirée que dans une séance réservée aux 18–25 ans.");
        }
        await WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.PreModeration, on)));
        lock (session.Gate)
        {
            session.PreModeration = on;
        }
        return Ack.Done;
    }

    public async Task<Ack> AllowGuestsAsync(int sessionId, bool allowed)
    {
        if (Ensure(sessionId) is not { } session)
        {
            return Ack.Refused(Ended);
        }
        await WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.GuestsAllowed, allowed)));
        lock (session.Gate)
        {
            session.GuestsAllowed = allowed;
        }
        await RefreshScreensAsync(session);
        return Ack.Done;
    }

    /// <summary>
    /// The session is over: every screen is told, the live state goes, and the connections still
    /// open are closed a moment later, once the message has had time to arrive.
    /// </summary>
    public async Task EndAsync(int sessionId)
    {
        await hub.Clients.Group(CouncilHub.Room(sessionId)).SessionClosed();
        live.End(sessionId);
        var open = live.ConnectionsOf(sessionId);
        _ = Task.Delay(ReleaseDelay).ContinueWith(_ =>
        {
            foreach (var connection in open)
            {
                connection.Context?.Abort();
                live.Disconnect(connection.ConnectionId);
            }
        }, TaskScheduler.Default);
    }

    public static readonly TimeSpan ReleaseDelay = TimeSpan.FromSeconds(2);
}
