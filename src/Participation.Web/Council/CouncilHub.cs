using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Participation.Web.Shared;

namespace Participation.Web.Council;

/// <summary>
/// The live session hub: thin and stateless. It works out who is calling (a member, a guest with
/// their cookie, or a facilitator), checks they may do what they ask in that session, and hands
/// over to <see cref="CouncilRoom"/>.
/// </summary>
[AllowAnonymous]
public sealed class CouncilHub(CouncilRoom room, LiveSessions live, GuestPasses guests) : Hub<ICouncilClient>
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
        var participant = await room.ResolveParticipantAsync(sessionId, Context.User, guests.Read(Context.GetHttpContext(), sessionId));
        if (participant.Error is { } error)
        {
            return Ack.Refused(error);
        }
        await LeaveCurrentAsync();
        live.Connect(new Connection(Context.ConnectionId, sessionId, participant.Id, Screen.Phone, Context));
        await Groups.AddToGroupAsync(Context.ConnectionId, Room(sessionId));
        await Clients.Caller.State(room.StateFor(sessionId, participant.Id));
        await room.PushConsoleAsync(sessionId);
        return Ack.Done;
    }

    /// <summary>The facilitator's console joins a session it runs.</summary>
    public Task<Ack> JoinAsFacilitator(int sessionId) => JoinScreenAsync(sessionId, Screen.Console);

    /// <summary>The projector joins: it shows the room what the facilitator chooses, never the running results.</summary>
    public Task<Ack> JoinAsProjector(int sessionId) => JoinScreenAsync(sessionId, Screen.Projector);

    private async Task<Ack> JoinScreenAsync(int sessionId, Screen screen)
    {
        if (!await room.IsFacilitatorAsync(sessionId, Context.User))
        {
            return Ack.Refused("Seuls les animateur·rices de cette séance peuvent l'animer.");
        }
        if (room.Ensure(sessionId) is not { } session)
        {
            return Ack.Refused("La séance n'est pas en cours.");
        }
        await LeaveCurrentAsync();
        live.Connect(new Connection(Context.ConnectionId, sessionId, null, screen, Context));
        await Groups.AddToGroupAsync(Context.ConnectionId, Room(sessionId));
        await Groups.AddToGroupAsync(Context.ConnectionId, Screens(sessionId));
        await Groups.AddToGroupAsync(Context.ConnectionId, screen == Screen.Console ? Console(sessionId) : Projector(sessionId));
        await Clients.Caller.State(room.StateFor(session, screen));
        if (screen == Screen.Console)
        {
            await Clients.Caller.Console(await room.ConsoleStateAsync(session));
        }
        return Ack.Done;
    }

    public Task<Ack> Vote(int pollId, string choice) => AsParticipant((session, participant) => room.VoteAsync(session, participant, pollId, choice));

    public Task<Ack> PostIdea(string text, string? key) => AsParticipant((session, participant) => room.PostIdeaAsync(session, participant, text, key));

    public Task<Ack> SupportIdea(int ideaId) => AsParticipant((session, participant) => room.SupportIdeaAsync(session, participant, ideaId));

    public Task<Ack> RaiseHand(bool raised) => AsParticipant((session, participant) => room.RaiseHandAsync(session, participant, raised));

    public Task<Ack> React(string reaction) => AsParticipant((session, participant) => Task.FromResult(room.React(session, participant, reaction)));

    public Task<Ack> SetAgendaItem(int agendaItemId) => AsFacilitator(session => room.SetAgendaItemAsync(session, agendaItemId));

    public Task<Ack> OpenPoll(int pollId) => AsFacilitator(session => room.OpenPollAsync(session, pollId));

    public Task<Ack> ClosePoll() => AsFacilitator(room.ClosePollAsync);

    public Task<Ack> RevealResult() => AsFacilitator(room.RevealResultAsync);

    public Task<Ack> Moderate(int ideaId, bool approve) => AsFacilitator(session => room.ModerateAsync(session, ideaId, approve));

    public Task<Ack> LowerHand(int participantId) => AsFacilitator(session => room.GiveFloorAsync(session, participantId));

    public Task<Ack> Mute(int participantId, bool muted) => AsFacilitator(session => room.MuteAsync(session, participantId, muted));

    public Task<Ack> Remove(int participantId) => AsFacilitator(session => room.RemoveAsync(session, participantId));

    public Task<Ack> StartTimer(int seconds) => AsFacilitator(session => room.StartTimerAsync(session, seconds));

    public Task<Ack> SetPreModeration(bool on) => AsFacilitator(session => room.SetPreModerationAsync(session, on));

    public Task<Ack> AllowGuests(bool allowed) => AsFacilitator(session => room.AllowGuestsAsync(session, allowed));

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var connection = live.Connection(Context.ConnectionId);
        live.Disconnect(Context.ConnectionId);
        return connection is { IsFacilitator: false } ? room.PushConsoleAsync(connection.SessionId) : Task.CompletedTask;
    }

    private async Task<Ack> AsParticipant(Func<int, int, Task<Ack>> act)
    {
        if (live.Connection(Context.ConnectionId) is not { ParticipantId: { } participant } connection)
        {
            return Ack.Refused("Rejoins d'abord la séance.");
        }
        if (room.Ensure(connection.SessionId) is null)
        {
            return Ack.Refused(CouncilRoom.Ended);
        }
        return await act(connection.SessionId, participant);
    }

    private async Task<Ack> AsFacilitator(Func<int, Task<Ack>> act)
    {
        // Checked at every call, not only on joining: a role can be taken away mid-session.
        // The projector's connection shows; only the console acts.
        if (live.Connection(Context.ConnectionId) is not { Screen: Screen.Console } connection
            || !await room.IsFacilitatorAsync(connection.SessionId, Context.User))
        {
            return Ack.Refused("Réservé aux animateur·rices de la séance.");
        }
        if (room.Ensure(connection.SessionId) is null)
        {
            return Ack.Refused(CouncilRoom.Ended);
        }
        return await act(connection.SessionId);
    }

    private async Task LeaveCurrentAsync()
    {
        if (live.Connection(Context.ConnectionId) is { } current)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Room(current.SessionId));
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Screens(current.SessionId));
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Console(current.SessionId));
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Projector(current.SessionId));
            live.Disconnect(Context.ConnectionId);
        }
    }
}

public static class ClaimsExtensions
{
    public static bool IsFacilitatorOrAdmin(this ClaimsPrincipal? user) =>
        user is not null && user.IsInAny(Roles.Facilitation);
}
