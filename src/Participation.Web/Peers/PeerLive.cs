using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;
using Participation.Web.Accounts;

namespace Participation.Web.Peers;

public sealed record LiveResource(string Slug, string Title);

/// <summary>A message as a circle's page shows it, sent to the circle the moment it is published.</summary>
public sealed record LivePost(
    int Id, int CircleId, int ThreadId, bool IsThread, string? Title, string Text, string Author, string? Badge, DateTimeOffset At,
    IReadOnlyList<LiveResource> Resources, int Replies);

/// <summary>What the moderators' queue shows of a message waiting, live.</summary>
public sealed record QueueEntry(int PostId, string Circle, string Reason, string Excerpt, DateTimeOffset At, int Reports, bool Urgent = false);

public interface IPeerClient
{
    Task PostPublished(LivePost post);

    Task PostRemoved(int postId);

    Task QueueChanged(QueueEntry entry);
}

/// <summary>
/// Circles live. A connection joins a circle's group only after the hub has checked, from the
/// account, that the person belongs to that circle; moderators join the queue's group. Nothing is
/// ever sent to everyone.
/// </summary>
[Authorize]
public sealed class PeerHub(PeerBoard board, ParticipationDb db, PeerListeners listeners) : Hub<IPeerClient>
{
    public const string Path = "/hubs/entraide";
    public const string Moderators = "moderation";

    public static string CircleGroup(int circleId) => $"cercle-{circleId}";

    /// <summary>Receives the circle's new messages; false when the person is not of that circle.</summary>
    public async Task<bool> Follow(int circleId)
    {
        var circle = await db.PeerCircles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == circleId);
        if (circle is null || !(await board.StandingAsync(Context.User!)).MayRead(circle))
        {
            return false;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, CircleGroup(circleId));
        listeners.Follows(Context, circleId);
        return true;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        listeners.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }

    public async Task<bool> WatchQueue()
    {
        if (!Context.User!.WatchesOverSafety())
        {
            return false;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Moderators);
        listeners.Follows(Context, null);
        return true;
    }
}

/// <summary>The open circle pages and moderators' queues: each closes within a minute of its account no longer belonging there.</summary>
public sealed class PeerListeners(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PeerListeners> logger)
    : HubListeners<PeerListeners.Listening>(scopes, clock, logger)
{
    public sealed record Listening(IReadOnlySet<int> Circles, bool Queue);

    /// <summary>Records what a connection listens to: a circle, or the moderators' queue (null).</summary>
    public void Follows(HubCallerContext context, int? circleId) =>
        Listen(context,
            new Listening(circleId is { } c ? new HashSet<int> { c } : new HashSet<int>(), circleId is null),
            old => new Listening(circleId is { } c ? new HashSet<int>(old.Circles) { c } : old.Circles, old.Queue || circleId is null));

    protected override async Task<bool> HoldsAsync(IServiceProvider services, Member member, IList<string> roles, Listening listening)
    {
        var standing = PeerRules.Standing(roles.Contains, member.BirthYear, Clock.GetLocalNow().Year);
        var audiences = await services.GetRequiredService<ParticipationDb>().PeerCircles.Where(c => listening.Circles.Contains(c.Id)).Select(c => c.Audience).ToListAsync();
        return audiences.All(standing.MayRead) && (!listening.Queue || standing.Team);
    }
}

/// <summary>Tells circles and moderators what changed, once it is stored.</summary>
public sealed class PeerLive(IHubContext<PeerHub, IPeerClient> hub, IServiceScopeFactory scopes, ILogger<PeerLive> logger)
{
    public async Task PublishedAsync(int postId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var reader = scope.ServiceProvider.GetRequiredService<PeerReader>();
            if (await reader.LiveAsync(postId) is { } post)
            {
                await hub.Clients.Group(PeerHub.CircleGroup(post.CircleId)).PostPublished(post);
            }
        }
        catch (Exception fault)
        {
            // The message is stored and shows on the next load: a failed push loses nothing.
            logger.LogError(fault, "Could not push message {Post} to its circle.", postId);
        }
    }

    public async Task RemovedAsync(int circleId, int postId) =>
        await hub.Clients.Group(PeerHub.CircleGroup(circleId)).PostRemoved(postId);

    public async Task QueueChangedAsync(int postId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var reader = scope.ServiceProvider.GetRequiredService<PeerReader>();
            if (await reader.QueueEntryAsync(postId) is { } entry)
            {
                await hub.Clients.Group(PeerHub.Moderators).QueueChanged(entry);
            }
        }
        catch (Exception fault)
        {
            logger.LogError(fault, "Could not tell the moderators of message {Post}.", postId);
        }
    }
}
