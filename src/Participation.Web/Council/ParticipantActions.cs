using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Council;

/// <summary>What a participant's phone does in a live session: vote, propose an idea, support one, raise a hand, react.</summary>
public sealed class ParticipantActions(
    IServiceScopeFactory scopes, LiveSessions live, RoomBus bus, VoteWriter votes, IHubContext<CouncilHub, ICouncilClient> hub, Safeguard safeguard, TimeProvider clock,
    ILogger<ParticipantActions> logger)
{
    public const string RemovedMessage = "Tu ne fais plus partie de cette séance.";
    public const string Paused = "Tes messages sont en pause pour le moment.";
    public const string AlreadyArrived = "Ton idée était déjà arrivée.";
    public const int IdeaIntervalSeconds = 10;

    /// <summary>The reactions a phone may send, each with the words a screen reader says for it.</summary>
    public static readonly IReadOnlyList<(string Emoji, string Name)> Reactions =
        [("👍", "d'accord"), ("❤️", "j'adore"), ("😂", "c'est drôle"), ("😮", "surpris"), ("👏", "bravo"), ("🤔", "je me pose une question")];

    public async Task<Ack> VoteAsync(int sessionId, int participantId, int pollId, string choice)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        var poll = session.Poll;
        if (poll?.Id != pollId)
        {
            // The phone may have heard of the poll, through another instance, before this one did.
            poll = await OpenPollInDatabaseAsync(sessionId, pollId);
        }
        if (poll is null)
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
        if (ballot.Validate(poll.Kind, poll.OptionIds) is { } problem)
        {
            return Ack.Refused(problem);
        }
        return await votes.EnqueueAsync(sessionId, poll, participantId, ballot);
    }

    private Task<PollSnapshot?> OpenPollInDatabaseAsync(int sessionId, int pollId) => scopes.WithDbAsync(async db =>
        await db.Polls.Include(p => p.Options).AsNoTracking().SingleOrDefaultAsync(p => p.Id == pollId && p.SessionId == sessionId && p.Status == PollStatus.Open) is { } open
            ? LiveSessions.SnapshotOf(open)
            : null);

    /// <summary>An idea from a phone; <paramref name="key"/> is the phone's own id for it, so that one re-sent after a lost connection counts once.</summary>
    public async Task<Ack> PostIdeaAsync(int sessionId, int participantId, string text, string? key = null)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        var clean = (text ?? "").Trim();
        if (clean.Length == 0)
        {
            return Ack.Refused("Écris ton idée avant de l'envoyer.");
        }
        var now = clock.GetUtcNow();
        // Read before anything else: a text saying its author may be in danger is never made to wait
        // for the room's pace, nor refused during a pause or for its length; it goes to the adults at once, never to the wall.
        var screening = safeguard.Screen(clean, Writer.Young);
        var urgent = screening.Verdict == Verdict.Urgent;
        if (clean.Length > Idea.TextMaxLength && !urgent)
        {
            return Ack.Refused($"Ton idée fait {clean.Length} caractères : {Idea.TextMaxLength} au plus.");
        }
        if (session.TryTakeIdeaTurn(participantId, key, now, TimeSpan.FromSeconds(IdeaIntervalSeconds), urgent, out var known) is { } refusal)
        {
            return Ack.Refused(refusal);
        }
        try
        {
            var clientKey = key is { Length: > 0 and <= Idea.ClientKeyMaxLength } ? key : null;
            // Stored through another instance, or before this one loaded the session: the database knows,
            // and what was stored under that key, not the words sent again, decides the answer.
            var storedAs = clientKey is null ? null
                : await scopes.WithDbAsync(db => db.Ideas.Where(i => i.ParticipantId == participantId && i.ClientKey == clientKey)
                    .Select(i => new StoredIdea(db.SafetyCases.Any(c => c.Channel == SafetyChannel.CouncilIdea && c.SourceId == i.Id.ToString()),
                        db.Participants.Where(p => p.Id == participantId).Select(p => p.AgeBand).FirstOrDefault()))
                    .FirstOrDefaultAsync());
            if (known || storedAs is not null)
            {
                // A child whose words went to the adults is told again whom to call, even once a
                // moderator has looked at them: the case they opened, not the idea's status, decides.
                return storedAs is { OpenedACase: true } ? UrgentAck(storedAs.Band) : new Ack(true, AlreadyArrived);
            }
            // Checked where it is stored too: an instance that missed a removal, a pause or the end of
            // the session (Redis away for a moment) must not store what the room no longer takes.
            var (refused, mustWait) = await StandingAsync(sessionId, participantId, muteMatters: !urgent);
            if (refused is not null)
            {
                return Ack.Refused(refused);
            }
            var preModeration = mustWait;
            var author = session.PseudonymOf(participantId);
            // A possible danger or a minor's personal detail is held whatever the session's
            // pre-moderation, and never reaches the projector before a person has looked.
            var status = screening.Verdict switch
            {
                Verdict.Urgent => IdeaStatus.HeldForSafety,
                Verdict.PersonalDetails => IdeaStatus.Pending,
                _ => preModeration ? IdeaStatus.Pending : IdeaStatus.Approved,
            };
            // A long text held for safety keeps its first words as the idea; its case has all of it.
            var idea = new Idea { SessionId = sessionId, ParticipantId = participantId, Text = clean.Length <= Idea.TextMaxLength ? clean : ShortText.AtWord(clean, Idea.TextMaxLength - 1), CreatedAt = now, Status = status, ClientKey = clientKey };
            if (screening.Verdict == Verdict.Urgent)
            {
                // Stored with its case, in one transaction: if that fails, neither exists and the phone sends the idea again.
                return await HoldForSafetyAsync(session, idea, clean, author, screening, new IdeaStored(sessionId, participantId, now, clientKey));
            }
            var stored = await scopes.WithDbAsync(async db =>
            {
                db.Ideas.Add(idea);
                try
                {
                    return await db.SaveChangesAsync() > 0;
                }
                catch (DbUpdateException) when (clientKey is not null)
                {
                    // The same idea sent again at the same moment through another instance, which stored it;
                    // any other failure (a database read-only, full or gone) is no arrival, and fails the call.
                    if (await StoredUnderAsync(participantId, clientKey))
                    {
                        return false;
                    }
                    throw;
                }
            });
            if (!stored)
            {
                return new Ack(true, AlreadyArrived);
            }
            // Remembered once stored, so that a refused or failed idea can be sent again under the same id.
            await bus.PublishOrLogAsync(new IdeaStored(sessionId, participantId, now, clientKey));
            if (screening.Verdict == Verdict.PersonalDetails)
            {
                return new Ack(true, "Ton idée attend l'équipe d'animation : ne donne ici ni ton numéro, ni ton adresse, ni le nom de ton école ou de ton foyer. Tu peux la réécrire sans.");
            }
            if (preModeration)
            {
                return new Ack(true, "Merci ! Ton idée est envoyée à l'équipe d'animation.");
            }
            var shown = new IdeaView(idea.Id, idea.Text, author, 0, IdeaStatus.Approved);
            await bus.PublishOrLogAsync(new IdeaPublished(sessionId, shown));
            await TellScreensAsync(clients => clients.Group(CouncilHub.Room(sessionId)).IdeaPublished(shown));
            return new Ack(true, "Merci ! Ton idée est affichée.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not answered, most often because nothing could be stored: the phone sends it again and finds its
            // turn free rather than ten seconds away; what was stored under its id is then answered as arrived.
            session.GiveBackIdeaTurn(participantId, urgent, now);
            throw;
        }
    }

    /// <summary>
    /// An idea that may say its author is in danger: an urgent case for the moderators, a word to the
    /// adults in the room, and for the author, at once, that an adult will read it and whom to call now.
    /// </summary>
    private async Task<Ack> HoldForSafetyAsync(LiveSession session, Idea idea, string text, string author, Screening screening, IdeaStored stored)
    {
        AgeBand? band;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
            var cases = scope.ServiceProvider.GetRequiredService<SafetyCases>();
            var who = await db.Participants.Where(p => p.Id == idea.ParticipantId).Select(p => new { p.MemberId, p.AgeBand }).SingleAsync();
            band = who.AgeBand;
            SafetyCase opened;
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Ideas.Add(idea);
                await db.SaveChangesAsync();
                var age = band is { } known ? $" ({known.Label()})" : "";
                opened = cases.Stage(new HeldText(
                    SafetyChannel.CouncilIdea, idea.Id.ToString(CultureInfo.InvariantCulture), $"Séance du Conseil « {session.Title} », pseudo {author}{age}",
                    $"/conseil/seances/{session.Id}", text, who.MemberId, author), screening);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
            catch (DbUpdateException) when (idea.ClientKey is not null)
            {
                // The same text sent again at the same moment through another instance, which stored it
                // with its case: this answer tells the child whom to call all the same. Any other failure
                // stored nothing, and fails the call: the phone keeps the text and sends it again.
                if (await StoredUnderAsync(idea.ParticipantId, idea.ClientKey))
                {
                    return UrgentAck(band);
                }
                throw;
            }
            // Told side by side: with Redis away each waits a second at most, and the child hears back within that second.
            await Task.WhenAll(
                cases.AnnounceAsync(opened),
                TellScreensAsync(clients => clients.Group(CouncilHub.Console(session.Id)).IdeaHeldForSafety(new SafetyAlert(idea.CreatedAt, author))),
                bus.PublishOrLogAsync(stored));
        }
        return UrgentAck(band);
    }

    private sealed record StoredIdea(bool OpenedACase, AgeBand? Band);

    /// <summary>Read afresh, in a scope of its own: whether an idea of this participant is stored under the phone's id for it.</summary>
    private Task<bool> StoredUnderAsync(int participantId, string clientKey) =>
        scopes.WithDbAsync(db => db.Ideas.AnyAsync(i => i.ParticipantId == participantId && i.ClientKey == clientKey));

    /// <summary>To the author of a text held for safety: an adult will read it, and whom to call now (for a child, the 119 only).</summary>
    private static Ack UrgentAck(AgeBand? band) => new(true, HeldWords.Urgent(band == AgeBand.From7To10 ? Writer.Child : Writer.Young), Help: true);

    /// <summary>
    /// Tells the room's screens of what is already stored, as <see cref="RoomBus.PublishOrLogAsync"/>
    /// tells the other instances: screens that missed it read it with the session when they next load.
    /// </summary>
    private Task TellScreensAsync(Func<IHubClients<ICouncilClient>, Task> push) =>
        logger.TellOrLogAsync(() => push(hub.Clients), "A live-session change for the room's screens");

    /// <summary>Why the database says this participant may not act now (removed, paused, session over), or null.</summary>
    private async Task<string?> StandingRefusalAsync(int sessionId, int participantId, bool muteMatters) =>
        (await StandingAsync(sessionId, participantId, muteMatters)).Refused;

    /// <summary>
    /// Why the database says this participant may not act now, and whether their ideas wait for the
    /// facilitator: the session's pre-moderation as stored, or always for a guest, who has told nobody their age.
    /// </summary>
    private Task<(string? Refused, bool MustWait)> StandingAsync(int sessionId, int participantId, bool muteMatters) => scopes.WithDbAsync(async db =>
    {
        var standing = await db.Participants.Where(p => p.Id == participantId && p.SessionId == sessionId)
            .Select(p => new
            {
                p.Removed, p.Muted, p.IsGuest,
                Live = db.CouncilSessions.Any(s => s.Id == sessionId && s.Status == SessionStatus.Live),
                PreModeration = db.CouncilSessions.Any(s => s.Id == sessionId && s.PreModeration),
            })
            .SingleOrDefaultAsync();
        var refused = standing is null || standing.Removed ? RemovedMessage
            : !standing.Live ? RoomEntry.Ended
            : muteMatters && standing.Muted ? Paused
            : null;
        return (refused, standing is null || standing.IsGuest || standing.PreModeration);
    });

    public async Task<Ack> SupportIdeaAsync(int sessionId, int participantId, int ideaId)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        if (session.IsRemoved(participantId))
        {
            return Ack.Refused(RemovedMessage);
        }
        if (await StandingRefusalAsync(sessionId, participantId, muteMatters: false) is { } standing)
        {
            return Ack.Refused(standing);
        }
        var supports = await scopes.WithDbAsync(async db =>
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
            // Counted in the database, so that supports given at the same moment, on any instance, all count.
            await db.Ideas.Where(i => i.Id == ideaId).ExecuteUpdateAsync(set => set.SetProperty(i => i.Supports, i => i.Supports + 1));
            var count = await db.Ideas.Where(i => i.Id == ideaId).Select(i => i.Supports).SingleAsync();
            await transaction.CommitAsync();
            return (int?)count;
        });
        if (supports is null)
        {
            return Ack.Refused("Tu soutiens déjà cette idée.");
        }
        await bus.PublishOrLogAsync(new IdeaSupported(sessionId, ideaId, supports.Value));
        await TellScreensAsync(clients => clients.Group(CouncilHub.Room(sessionId)).IdeaSupported(ideaId, supports.Value));
        return Ack.Done;
    }

    public async Task<Ack> RaiseHandAsync(int sessionId, int participantId, bool raised)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        if (session.IsRemoved(participantId))
        {
            return Ack.Refused(RemovedMessage);
        }
        if (raised && session.IsMuted(participantId))
        {
            return Ack.Refused(Paused);
        }
        // Kept in the database, so that an instance loading the session afresh sees the same hands in the same order;
        // a hand is raised only by someone the database still has in the room, not paused.
        var now = clock.GetUtcNow();
        var changed = await scopes.WithDbAsync(db => db.Participants.Where(p => p.Id == participantId && p.SessionId == sessionId && !p.Removed && !(raised && p.Muted))
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.HandRaisedAt, p => raised ? p.HandRaisedAt ?? now : (DateTimeOffset?)null)));
        if (changed == 0)
        {
            return Ack.Refused(await StandingRefusalAsync(sessionId, participantId, muteMatters: raised) ?? RemovedMessage);
        }
        await bus.PublishOrLogAsync(new HandChanged(sessionId, participantId, raised));
        return Ack.Done;
    }

    public async Task<Ack> ReactAsync(int sessionId, int participantId, string reaction)
    {
        if (!Reactions.Any(r => r.Emoji == reaction))
        {
            return Ack.Refused("Cette réaction n'existe pas.");
        }
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        if (session.IsRemoved(participantId))
        {
            return Ack.Refused(RemovedMessage);
        }
        return session.React(participantId, reaction) ? Ack.Done : Ack.Refused(Paused);
    }
}
