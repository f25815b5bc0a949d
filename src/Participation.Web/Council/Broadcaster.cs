using Microsoft.AspNetCore.SignalR;
using Participation.Web.Infrastructure;

namespace Participation.Web.Council;

/// <summary>
/// Sends each open poll's tally, the « voted / connected » figures, the room's reactions and the
/// console a few times a second at most: with thousands of phones voting, one message per vote to
/// everyone would drown the server. Each instance sends what it works out to its own screens, and
/// tells the others which phones are connected to it.
/// </summary>
public sealed class Broadcaster(
    LiveSessions live, RoomScreens screens, RoomBus bus, ThisInstance instance, IHubContext<CouncilHub, ICouncilClient> hub, TimeProvider clock, ILogger<Broadcaster> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an instance says which phones it holds even when nothing changed, so that the others know it is alive.</summary>
    public static readonly TimeSpan PresenceInterval = TimeSpan.FromSeconds(5);

    private readonly Dictionary<int, (HashSet<int> Participants, DateTimeOffset At)> _reported = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Broadcasting live results failed");
            }
        }
    }

    public async Task FlushAsync()
    {
        var now = clock.GetUtcNow();
        var sessions = live.All.ToList();
        foreach (var gone in _reported.Keys.Except(sessions.Select(s => s.Id)).ToList())
        {
            _reported.Remove(gone);
        }
        foreach (var session in sessions)
        {
            var here = live.ConnectedHere(session.Id);
            if (!_reported.TryGetValue(session.Id, out var last) || !last.Participants.SetEquals(here) || now - last.At >= PresenceInterval)
            {
                _reported[session.Id] = (here, now);
                await bus.TellOthersAsync(new PresenceReported(session.Id, instance.Name, here.ToList(), now));
            }
            var pending = session.TakeBroadcast(screens.Connected(session));
            if (pending.Tally is { } tally)
            {
                // Running results go to the console only, so that they do not sway the room still voting.
                await hub.Clients.Group(screens.Here(CouncilHub.Console(session.Id))).Tally(tally);
            }
            if (pending.Progress is { } progress)
            {
                await hub.Clients.Group(screens.Here(CouncilHub.Screens(session.Id))).Progress(progress);
            }
            if (pending.Reactions is { } reactions)
            {
                // The reactions of the phones here, to the whole room: each instance sends its own.
                await hub.Clients.Group(CouncilHub.Room(session.Id)).Reactions(reactions);
            }
            if (pending.Console)
            {
                await hub.Clients.Group(screens.Here(CouncilHub.Console(session.Id))).Console(await screens.ConsoleStateAsync(session));
            }
        }
    }
}
