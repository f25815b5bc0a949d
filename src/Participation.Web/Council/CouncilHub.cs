using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Participation.Web.Shared;

namespace Participation.Web.Council;

/// <summary>
/// The live session hub: thin and stateless. It works out who is calling (a member, a guest with
/// their cookie, or a facilitator), checks they may do what they ask in that session, and hands
/// over to the room's entry, the participants' actions or the facilitators' actions.
/// </summary>
[AllowAnonymous]
public sealed class CouncilHub(
    RoomEntry entry, ParticipantActions participants, FacilitatorActions facilitators, RoomScreens screens, LiveSessions live, GuestPasses guests, ScreenListeners listeners)
    : Hub<ICouncilClient>
{
    public const string Path = "/hubs/council";

    public static string Room(int sessionId) => $"session-{sessionId}";
    /// <summary>The console and the projector: the join code and the « voted / connected » figures.</summary>
    public static string Screens(int sessionId) => $"session-{sessionId}-screens";
    /// <summary>The console alone: running results and the moderation queue, which the room does not see.</summary>
    public static string Console(int sessionId) => $"session-{sessionId}-console";
    /// <summary>The projector alone: what the room sees, never a result before it is revealed.</summary>
    public static string Projector(int sessionId) => $"session-{sessionId}-projector";

    /// <summary>A participant's phone joins (or comes back to) a live session.</summary>
    public async Task<Ack> Join(int sessionId)
    {
        var participant = await entry.ResolveParticipantAsync(sessionId, Context.User, guests.Read(Context.GetHttpContext(), sessionId));
        if (participant.Error is { } error)
        {
            return Ack.Refused(error);
        }
        if (live.Find(sessionId) is not { } session)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        await LeaveCurrentAsync();
        live.Connect(new Connection(Context.ConnectionId, sessionId, participant.Id, Screen.Phone, Context));
        await Groups.AddToGroupAsync(Context.ConnectionId, Room(sessionId));
        // A removal applied while this phone was coming in found it connected, or is seen now.
        if (session.IsRemoved(participant.Id))
        {
            await LeaveCurrentAsync();
            return Ack.Refused(ParticipantActions.RemovedMessage);
        }
        await Clients.Caller.State(screens.StateFor(session, Screen.Phone, participant.Id));
        session.TouchConsole();
        return Ack.Done;
    }

    /// <summary>The facilitator's console joins a session it runs.</summary>
    public Task<Ack> JoinAsFacilitator(int sessionId) => JoinScreenAsync(sessionId, Screen.Console);

    /// <summary>The projector joins: it shows the room what the facilitator chooses, never the running results.</summary>
    public Task<Ack> JoinAsProjector(int sessionId) => JoinScreenAsync(sessionId, Screen.Projector);

    private async Task<Ack> JoinScreenAsync(int sessionId, Screen screen)
    {
        if (!await entry.IsFacilitatorAsync(sessionId, Context.User))
        {
            return Ack.Refused("Seuls les animateur·rices de cette séance peuvent l'animer.");
        }
        if (await live.GetAsync(sessionId) is not { } session)
        {
            return Ack.Refused("La séance n'est pas en cours.");
        }
        await LeaveCurrentAsync();
        live.Connect(new Connection(Context.ConnectionId, sessionId, null, screen, Context));
        listeners.Add(Context, sessionId);
        var own = screen == Screen.Console ? Console(sessionId) : Projector(sessionId);
        foreach (var group in new[] { Room(sessionId), Screens(sessionId), own, screens.Here(Screens(sessionId)), screens.Here(own) })
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }
        await Clients.Caller.State(screens.StateFor(session, screen));
        if (screen == Screen.Console)
        {
            await Clients.Caller.Console(await screens.ConsoleStateAsync(session));
        }
        return Ack.Done;
    }

    public Task<Ack> Vote(int pollId, string choice) => AsParticipant((session, participant) => participants.VoteAsync(session, participant, pollId, choice));

    public Task<Ack> PostIdea(string text, string? key) => AsParticipant((session, participant) => participants.PostIdeaAsync(session, participant, text, key));

    public Task<Ack> SupportIdea(int ideaId) => AsParticipant((session, participant) => participants.SupportIdeaAsync(session, participant, ideaId));

    public Task<Ack> RaiseHand(bool raised) => AsParticipant((session, participant) => participants.RaiseHandAsync(session, participant, raised));

    public Task<Ack> React(string reaction) => AsParticipant((session, participant) => participants.ReactAsync(session, participant, reaction));

    public Task<Ack> SetAgendaItem(int agendaItemId) => AsFacilitator(session => facilitators.SetAgendaItemAsync(session, agendaItemId));

    public Task<Ack> OpenPoll(int pollId) => AsFacilitator(session => facilitators.OpenPollAsync(session, pollId));

    public Task<Ack> ClosePoll() => AsFacilitator(facilitators.ClosePollAsync);

    public Task<Ack> RevealResult() => AsFacilitator(facilitators.RevealResultAsync);

    public Task<Ack> Moderate(int ideaId, bool approve) => AsFacilitator(session => facilitators.ModerateAsync(session, ideaId, approve));

    public Task<Ack> LowerHand(int participantId) => AsFacilitator(session => facilitators.GiveFloorAsync(session, participantId));

    public Task<Ack> Mute(int participantId, bool muted) => AsFacilitator(session => facilitators.MuteAsync(session, participantId, muted));

    public Task<Ack> Remove(int participantId) => AsFacilitator(session => facilitators.RemoveAsync(session, participantId));

    public Task<Ack> StartTimer(int seconds) => AsFacilitator(session => facilitators.StartTimerAsync(session, seconds));

    public Task<Ack> SetPreModeration(bool on) => AsFacilitator(session => facilitators.SetPreModerationAsync(session, on));

    public Task<Ack> AllowGuests(bool allowed) => AsFacilitator(session => facilitators.AllowGuestsAsync(session, allowed));

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var connection = live.Connection(Context.ConnectionId);
        live.Disconnect(Context.ConnectionId);
        listeners.Remove(Context.ConnectionId);
        if (connection is { IsFacilitator: false })
        {
            live.Find(connection.SessionId)?.TouchConsole();
        }
        return Task.CompletedTask;
    }

    private async Task<Ack> AsParticipant(Func<int, int, Task<Ack>> act)
    {
        if (live.Connection(Context.ConnectionId) is not { ParticipantId: { } participant } connection)
        {
            return Ack.Refused("Rejoins d'abord la séance.");
        }
        if (await live.GetAsync(connection.SessionId) is null)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        return await act(connection.SessionId, participant);
    }

    private async Task<Ack> AsFacilitator(Func<int, Task<Ack>> act)
    {
        // Checked at every call, not only on joining: a role can be taken away mid-session.
        // The projector's connection shows; only the console acts.
        if (live.Connection(Context.ConnectionId) is not { Screen: Screen.Console } connection
            || !await entry.IsFacilitatorAsync(connection.SessionId, Context.User))
        {
            return Ack.Refused("Réservé aux animateur·rices de la séance.");
        }
        if (await live.GetAsync(connection.SessionId) is null)
        {
            return Ack.Refused(RoomEntry.Ended);
        }
        return await act(connection.SessionId);
    }

    private async Task LeaveCurrentAsync()
    {
        if (live.Connection(Context.ConnectionId) is { } current)
        {
            var sessionId = current.SessionId;
            var groups = new List<string> { Room(sessionId), Screens(sessionId), Console(sessionId), Projector(sessionId) };
            groups.AddRange(groups.Select(screens.Here).ToList());
            foreach (var group in groups)
            {
                await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
            }
            live.Disconnect(Context.ConnectionId);
            listeners.Remove(Context.ConnectionId);
        }
    }
}

public static class ClaimsExtensions
{
    public static bool IsFacilitatorOrAdmin(this ClaimsPrincipal? user) =>
        user is not null && user.IsInAny(Roles.Facilitation);
}
