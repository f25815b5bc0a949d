using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Council;

/// <summary>
/// What facilitators do from the console: the agenda, polls and their results, the ideas on the
/// wall, the floor, pauses and removals, the timer and the room's settings. Each change is stored
/// first, then announced to every instance, then sent to the screens.
/// </summary>
public sealed class FacilitatorActions(
    IServiceScopeFactory scopes, LiveSessions live, RoomBus bus, RoomScreens screens, IHubContext<CouncilHub, ICouncilClient> hub, TimeProvider clock)
{
    /// <summary>What a facilitator reads on trying to publish or hide an idea held for safety.</summary>
    public const string HeldForSafetyMessage = "Cette idée a été mise de côté pour la sécurité : l'équipe de modération s'en occupe.";

    public async Task<Ack> SetAgendaItemAsync(int sessionId, int agendaItemId)
    {
        if (await live.GetAsync(sessionId) is null)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        var title = await scopes.WithDbAsync(async db =>
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
        await bus.PublishAsync(new AgendaChanged(sessionId, title));
        await hub.Clients.Group(CouncilHub.Room(sessionId)).AgendaChanged(title);
        return Ack.Done;
    }

    public async Task<Ack> OpenPollAsync(int sessionId, int pollId)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        const string AlreadyOpen = "Un vote est déjà ouvert : fermez-le d'abord.";
        if (!session.TryBeginOpeningPoll())
        {
            return Ack.Refused(AlreadyOpen);
        }
        PollSnapshot? poll;
        try
        {
            poll = await OpenStoredPollAsync(sessionId, pollId);
        }
        finally
        {
            session.EndOpeningPoll();
        }
        if (poll is null)
        {
            return Ack.Refused("Ce vote n'existe pas, a déjà eu lieu, ou un autre vote est ouvert.");
        }
        await bus.PublishAsync(new PollOpened(sessionId, poll));
        await hub.Clients.Group(CouncilHub.Room(sessionId)).PollOpened(poll.View(open: true));
        return Ack.Done;
    }

    /// <summary>
    /// Opens the poll in the database, only if no other is open in its session: two facilitators on
    /// two instances clicking at once open one poll.
    /// </summary>
    private Task<PollSnapshot?> OpenStoredPollAsync(int sessionId, int pollId) => scopes.WithDbAsync(async db =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claimed = await db.CouncilSessions.Where(s => s.Id == sessionId && s.CurrentPollId == null).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.CurrentPollId, pollId).SetProperty(s => s.ResultPollId, (int?)null).SetProperty(s => s.ResultRevealed, false));
        var opened = await db.Polls.Where(p => p.Id == pollId && p.SessionId == sessionId && p.Status == PollStatus.Draft)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PollStatus.Open).SetProperty(p => p.OpenedAt, clock.GetUtcNow()));
        if (claimed == 0 || opened == 0)
        {
            return null;
        }
        var poll = await db.Polls.Include(p => p.Options).AsNoTracking().SingleAsync(p => p.Id == pollId);
        await transaction.CommitAsync();
        return LiveSessions.SnapshotOf(poll);
    });

    public async Task<Ack> ClosePollAsync(int sessionId)
    {
        if (await live.GetAsync(sessionId) is null)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        // Read and closed in the database: the poll open there is the one, whichever instance opened it.
        var pollId = await scopes.WithDbAsync(async db =>
        {
            var open = await db.CouncilSessions.Where(s => s.Id == sessionId).Select(s => s.CurrentPollId).SingleAsync();
            if (open is not { } id)
            {
                return (int?)null;
            }
            var closed = await db.Polls.Where(p => p.Id == id && p.Status == PollStatus.Open)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PollStatus.Closed).SetProperty(p => p.ClosedAt, clock.GetUtcNow()));
            await db.CouncilSessions.Where(s => s.Id == sessionId && s.CurrentPollId == id).ExecuteUpdateAsync(set => set
                .SetProperty(s => s.CurrentPollId, (int?)null).SetProperty(s => s.ResultPollId, id).SetProperty(s => s.ResultRevealed, false));
            return closed > 0 ? id : null;
        });
        if (pollId is not { } closedId)
        {
            return Ack.Refused("Aucun vote n'est ouvert.");
        }
        // Votes still queued are refused from now on; the final result is read back from the database.
        var final = await FinalTallyAsync(closedId);
        await bus.PublishAsync(new PollClosed(sessionId, closedId, final));
        // The room learns that voting is over; the result itself waits for « Afficher les résultats ».
        await hub.Clients.Group(CouncilHub.Room(sessionId)).PollClosed(closedId);
        await hub.Clients.Group(CouncilHub.Console(sessionId)).Tally(final);
        return Ack.Done;
    }

    /// <summary>Shows the last closed poll's result on the projector and on every phone.</summary>
    public async Task<Ack> RevealResultAsync(int sessionId)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        if (session.ResultToReveal() is not { } result)
        {
            return Ack.Refused("Fermez d'abord le vote : son résultat s'affiche une fois le vote fini.");
        }
        // Shown to the room as the database counts it, whatever the instance heard from the others.
        var counted = await FinalTallyAsync(result.PollId);
        await scopes.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId && s.ResultPollId == result.PollId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.ResultRevealed, true)));
        await bus.PublishAsync(new ResultRevealed(sessionId, result.PollId));
        await hub.Clients.Group(CouncilHub.Room(sessionId)).ResultShown(counted);
        return Ack.Done;
    }

    /// <summary>The result of a poll from its stored ballots.</summary>
    public Task<TallyView> FinalTallyAsync(int pollId) => scopes.WithDbAsync(async db =>
    {
        var poll = await db.Polls.Include(p => p.Options).AsNoTracking().SingleAsync(p => p.Id == pollId);
        var ballots = await db.Ballots.Where(b => b.PollId == pollId).Select(b => b.Choice).ToListAsync();
        return LiveSession.ResultOf(LiveSessions.SnapshotOf(poll), ballots);
    });

    public async Task<Ack> ModerateAsync(int sessionId, int ideaId, bool approve)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        // One decision at a time per session: two facilitators clicking « Publier » and « Masquer » at once
        // leave the room showing what the database says, never a hidden idea on the projector.
        await session.Moderation.WaitAsync();
        try
        {
            return await DecideAsync(session, ideaId, approve);
        }
        finally
        {
            session.Moderation.Release();
        }
    }

    private async Task<Ack> DecideAsync(LiveSession session, int ideaId, bool approve)
    {
        var idea = await scopes.WithDbAsync(async db =>
        {
            var idea = await db.Ideas.SingleOrDefaultAsync(i => i.Id == ideaId && i.SessionId == session.Id);
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
        if (approve)
        {
            await ShowOnWallAsync(session, idea);
        }
        else
        {
            await bus.PublishAsync(new IdeaHidden(session.Id, ideaId));
            await hub.Clients.Group(CouncilHub.Room(session.Id)).IdeaHidden(ideaId);
        }
        return Ack.Done;
    }

    /// <summary>Puts an approved idea on the wall once, under its author's pseudonym in the room.</summary>
    private async Task ShowOnWallAsync(LiveSession session, Idea idea)
    {
        if (session.IsShown(idea.Id))
        {
            await bus.PublishAsync(new ConsoleChanged(session.Id));
            return;
        }
        var shown = new IdeaView(idea.Id, idea.Text, session.PseudonymOf(idea.ParticipantId), idea.Supports, IdeaStatus.Approved);
        await bus.PublishAsync(new IdeaPublished(session.Id, shown));
        await hub.Clients.Group(CouncilHub.Room(session.Id)).IdeaPublished(shown);
    }

    /// <summary>
    /// Whether an idea the moderators released goes where any idea of its session would: to the
    /// facilitators' queue when the session reads ideas first, straight to the wall otherwise.
    /// </summary>
    public async Task<bool> ReadsIdeasFirstAsync(int sessionId) =>
        live.Find(sessionId) is { } session
            ? session.PreModeration
            : await scopes.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId).Select(s => s.PreModeration).SingleOrDefaultAsync());

    /// <summary>An idea released by the moderators: shown on the wall if its session is still live.</summary>
    public async Task PublishReleasedAsync(Idea idea)
    {
        if (await live.GetAsync(idea.SessionId) is { } session)
        {
            await ShowOnWallAsync(session, idea);
        }
    }

    /// <summary>Asks every console of the session to redraw soon; many changes at once make one message.</summary>
    public Task PushConsoleAsync(int sessionId) => bus.PublishAsync(new ConsoleChanged(sessionId));

    /// <summary>The facilitator gives the floor to someone whose hand is up: it comes down on every screen.</summary>
    public async Task<Ack> GiveFloorAsync(int sessionId, int participantId)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        if (!session.HandRaised(participantId))
        {
            return Ack.Refused("Cette main n'est plus levée.");
        }
        await scopes.WithDbAsync(db => db.Participants.Where(p => p.Id == participantId && p.SessionId == sessionId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.HandRaisedAt, (DateTimeOffset?)null)));
        await bus.PublishAsync(new HandChanged(sessionId, participantId, false, FloorGiven: true));
        return Ack.Done;
    }

    public async Task<Ack> MuteAsync(int sessionId, int participantId, bool muted)
    {
        if (await live.GetAsync(sessionId) is null)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        if (!await SetParticipantAsync(sessionId, participantId, p => p.Muted = muted))
        {
            return Ack.Refused("Cette personne n'est pas dans la séance.");
        }
        await bus.PublishAsync(new MuteChanged(sessionId, participantId, muted));
        return Ack.Done;
    }

    public async Task<Ack> RemoveAsync(int sessionId, int participantId)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        var wasGuest = false;
        if (!await SetParticipantAsync(sessionId, participantId, p => { p.Removed = true; p.HandRaisedAt = null; wasGuest = p.IsGuest; }))
        {
            return Ack.Refused("Cette personne n'est pas dans la séance.");
        }
        // Their ballot in the open poll goes with them; the results of polls already closed stay as the
        // room saw them, and the minutes count them among those present.
        await scopes.WithDbAsync(db => db.Ballots
            .Where(b => b.ParticipantId == participantId && db.Polls.Any(p => p.Id == b.PollId && p.Status == PollStatus.Open))
            .ExecuteDeleteAsync());
        // Every instance tells the person's phones, takes them out of the room and turns them away from now on.
        await bus.PublishAsync(new ParticipantRemoved(sessionId, participantId));
        if (wasGuest)
        {
            // A removed guest could come back under another name with the same code: the room gets a new one.
            await scopes.WithDbAsync(async db =>
            {
                var fresh = await Sessions.NewJoinCodeAsync(db);
                return await db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.JoinCode, fresh));
            });
            await PublishSettingsAsync(session);
            await screens.RefreshAsync(session);
        }
        return Ack.Done;
    }

    private Task<bool> SetParticipantAsync(int sessionId, int participantId, Action<Participant> change) => scopes.WithDbAsync(async db =>
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
        if (await live.GetAsync(sessionId) is null)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        var endsAt = clock.GetUtcNow().AddSeconds(seconds);
        await scopes.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.TimerEndsAt, endsAt)));
        await bus.PublishAsync(new TimerStarted(sessionId, endsAt));
        await hub.Clients.Group(CouncilHub.Room(sessionId)).TimerStarted(endsAt);
        return Ack.Done;
    }

    public async Task<Ack> SetPreModerationAsync(int sessionId, bool on)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        var bands = await scopes.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId).Select(s => s.AgeBands).SingleAsync());
        if (!on && bands != AgeBandSet.From18To25)
        {
            return Ack.Refused("La modération avant publication ne peut être retirée que dans une séance réservée aux 18–25 ans.");
        }
        await scopes.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.PreModeration, on)));
        await PublishSettingsAsync(session);
        return Ack.Done;
    }

    public async Task<Ack> AllowGuestsAsync(int sessionId, bool allowed)
    {
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        await scopes.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.GuestsAllowed, allowed)));
        await PublishSettingsAsync(session);
        await screens.RefreshAsync(session);
        return Ack.Done;
    }

    /// <summary>The room's settings as the database holds them now, to every instance.</summary>
    private async Task PublishSettingsAsync(LiveSession session)
    {
        var stored = await scopes.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == session.Id)
            .Select(s => new { s.PreModeration, s.GuestsAllowed, s.JoinCode }).SingleAsync());
        await bus.PublishAsync(new RoomSettingsChanged(session.Id, stored.PreModeration, stored.GuestsAllowed, stored.JoinCode));
    }

    /// <summary>
    /// The session is over: every screen is told, and every instance lets go of its state and closes
    /// the connections still open a moment later, once the message has had time to arrive.
    /// </summary>
    public async Task EndAsync(int sessionId)
    {
        await hub.Clients.Group(CouncilHub.Room(sessionId)).SessionClosed();
        await bus.PublishAsync(new SessionEnded(sessionId));
    }
}
