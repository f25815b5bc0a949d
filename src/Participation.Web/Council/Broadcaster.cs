using Microsoft.AspNetCore.SignalR;

namespace Participation.Web.Council;

/// <summary>
/// Sends each open poll's tally and the room's reactions a few times a second at most: with
/// thousands of phones voting, one message per vote to everyone would drown the server.
/// </summary>
public sealed class Broadcaster(LiveSessions live, CouncilRoom room, IHubContext<CouncilHub, ICouncilClient> hub, ILogger<Broadcaster> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

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
        foreach (var session in live.All)
        {
            TallyView? tally = null;
            Dictionary<string, int>? reactions = null;
            bool console;
            Progress? progress = room.ProgressOf(session);
            lock (session.Gate)
            {
                if (session.SentProgress == (progress.Voted, progress.Connected))
                {
                    progress = null;
                }
                else
                {
                    session.SentProgress = (progress.Voted, progress.Connected);
                }
                console = session.ConsoleDirty;
                session.ConsoleDirty = false;
                if (session.Poll is { } poll && poll.Version != poll.SentVersion)
                {
                    tally = poll.TallyView();
                    poll.SentVersion = poll.Version;
                }
                if (session.PendingReactions.Count > 0)
                {
                    reactions = new Dictionary<string, int>(session.PendingReactions);
                    session.PendingReactions.Clear();
                }
            }
            if (tally is not null)
            {
                // Running results go to the console only, so that they do not sway the room still voting.
                await hub.Clients.Group(CouncilHub.Console(session.Id)).Tally(tally);
            }
            if (progress is not null)
            {
                await hub.Clients.Group(CouncilHub.Screens(session.Id)).Progress(progress);
            }
            if (reactions is not null)
            {
                await hub.Clients.Group(CouncilHub.Room(session.Id)).Reactions(reactions);
            }
            if (console)
            {
                await hub.Clients.Group(CouncilHub.Console(session.Id)).Console(await room.ConsoleStateAsync(session));
            }
        }
    }
}
