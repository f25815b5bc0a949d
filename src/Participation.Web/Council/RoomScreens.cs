using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Council;

/// <summary>What the screens of a session are shown: each screen's state, the console's lists, and their redrawing.</summary>
public sealed class RoomScreens(IServiceScopeFactory scopes, LiveSessions live, IHubContext<CouncilHub, ICouncilClient> hub, ThisInstance instance, TimeProvider clock)
{
    /// <summary>At most this many participants are listed on the console: the newest arrivals first.</summary>
    public const int ConsoleListLimit = 300;

    /// <summary>
    /// A group of the connections to this instance only. The figures each instance works out alike
    /// (the running tally, « voted / connected », the console) go to its own screens, once.
    /// </summary>
    public string Here(string group) => $"{group}@{instance.Name}";

    /// <summary>The participants connected now, to this instance or another.</summary>
    public HashSet<int> Connected(LiveSession session) => session.Connected(live.ConnectedHere(session.Id), clock.GetUtcNow());

    public SessionState StateFor(LiveSession session, Screen screen, int? participantId = null) =>
        session.StateFor(screen, participantId, screen == Screen.Phone ? null : session.ProgressOf(Connected(session)));

    /// <summary>The newest alerts of ideas held for safety a console is sent again with each of its states.</summary>
    public const int SafetyAlertsShown = 50;

    public async Task<ConsoleState> ConsoleStateAsync(LiveSession session)
    {
        var sessionId = session.Id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var queue = await db.Ideas.Where(i => i.SessionId == sessionId && i.Status == IdeaStatus.Pending).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Text, i.ParticipantId, i.Supports }).ToListAsync();
        var total = await db.Participants.CountAsync(p => p.SessionId == sessionId && !p.Removed);
        var participants = await db.Participants.Where(p => p.SessionId == sessionId && !p.Removed).OrderByDescending(p => p.Id).Take(ConsoleListLimit)
            .Select(p => new { p.Id, p.Pseudonym, p.AgeBand, p.IsGuest, p.Muted }).ToListAsync();
        // Named as the console's page names them, from the participants' table.
        var held = await (from i in db.Ideas
                          join p in db.Participants on i.ParticipantId equals p.Id
                          where i.SessionId == sessionId && i.Status == IdeaStatus.HeldForSafety
                          orderby i.Id descending
                          select new SafetyAlert(i.CreatedAt, p.Pseudonym)).Take(SafetyAlertsShown).ToListAsync();
        var connected = Connected(session);
        var names = session.PseudonymsOf(queue.Select(i => i.ParticipantId));
        return new ConsoleState(
            queue.Select(i => new IdeaView(i.Id, i.Text, names[i.ParticipantId], i.Supports, IdeaStatus.Pending)).ToList(),
            session.Hands(),
            participants.OrderBy(p => p.Pseudonym).Select(p => new ParticipantView(p.Id, p.Pseudonym, p.AgeBand?.Label(), p.IsGuest, p.Muted, connected.Contains(p.Id))).ToList(),
            total,
            connected.Count,
            held);
    }

    /// <summary>Redraws the console and the projector, wherever they are connected, each with what it may show.</summary>
    public async Task RefreshAsync(LiveSession session)
    {
        await hub.Clients.Group(CouncilHub.Console(session.Id)).State(StateFor(session, Screen.Console));
        await hub.Clients.Group(CouncilHub.Projector(session.Id)).State(StateFor(session, Screen.Projector));
    }
}
