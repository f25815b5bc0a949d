using System.Text.Json;
using Participation.Web.Infrastructure;
using StackExchange.Redis;

namespace Participation.Web.Council;

/// <summary>
/// Carries the changes of every live session to every instance: here at once, and through Redis to
/// the others when the site runs as several instances. Each instance applies the changes to the
/// state it holds; messages to phones and screens go through SignalR (and its Redis backplane).
/// </summary>
public sealed class RoomBus(LiveSessions live, SharedRedis redis, ThisInstance instance, IHostApplicationLifetime lifetime, ILogger<RoomBus> logger) : IHostedService
{
    private sealed record Envelope(string Instance, RoomEvent Change);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ChannelMessageQueue? _subscription;

    private RedisChannel Channel => redis.Channel("council");

    /// <summary>Applies the change here, then sends it to the other instances.</summary>
    public async Task PublishAsync(RoomEvent change)
    {
        await live.ApplyAsync(change);
        await TellOthersAsync(change);
    }

    /// <summary>Sends to the other instances only what this one already knows, such as the phones connected to it.</summary>
    public async Task TellOthersAsync(RoomEvent change)
    {
        if (!redis.IsOn)
        {
            return;
        }
        var message = JsonSerializer.Serialize(new Envelope(instance.Name, change), Json);
        await redis.Connection.GetSubscriber().PublishAsync(Channel, message);
    }

    /// <summary>
    /// For what a participant did, already stored (an arrival, a ballot, an idea, a support, a hand):
    /// the other instances read it with the session once Redis is back, so a failure to tell them is
    /// logged and the person's action stands; a child who wrote that they are in danger still hears
    /// whom to call. A facilitator's action, by contrast, fails and is tried again.
    /// </summary>
    public Task PublishOrLogAsync(RoomEvent change) => logger.TellOrLogAsync(() => PublishAsync(change), "A live-session change for the other instances");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsOn)
        {
            return;
        }
        // Back after a cut, this instance may have missed changes: its sessions are read afresh.
        AfterRedisCut.ReadSessionsAfresh(redis.Connection, () => live, logger, lifetime.ApplicationStopping, "Redis");
        // One queue, read in order: the changes of one instance are applied here in the order it made them.
        _subscription = await redis.Connection.GetSubscriber().SubscribeAsync(Channel);
        _subscription.OnMessage(async message =>
        {
            try
            {
                var envelope = JsonSerializer.Deserialize<Envelope>((string)message.Message!, Json);
                if (envelope is not null && envelope.Instance != instance.Name)
                {
                    await live.ApplyAsync(envelope.Change);
                }
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A live-session change from another instance could not be applied");
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
        }
    }
}
