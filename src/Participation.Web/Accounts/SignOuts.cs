using System.Text.Json;
using Participation.Web.Infrastructure;
using StackExchange.Redis;

namespace Participation.Web.Accounts;

/// <summary>
/// Signing out closes the account's listening pages (consoles, projectors, circles, urgent queues)
/// at once on every instance: here directly, and through Redis on the others, each of which holds
/// its own connections. Should Redis be away, the others close them at their next check, within a minute.
/// </summary>
public sealed class SignOuts(IEnumerable<ILiveListeners> listeners, SharedRedis redis, ThisInstance instance, ILogger<SignOuts> logger) : IHostedService
{
    private sealed record SignedOut(string Instance, string MemberId);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ChannelMessageQueue? _subscription;

    private RedisChannel Channel => redis.Channel("signed-out");

    public async Task CloseEverywhereAsync(string memberId)
    {
        CloseHere(memberId);
        if (!redis.IsOn)
        {
            return;
        }
        try
        {
            await redis.Connection.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new SignedOut(instance.Name, memberId), Json));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "The other instances could not be told of a sign-out; they close its pages at their next check");
        }
    }

    private int CloseHere(string memberId) => listeners.Sum(open => open.CloseFor(memberId));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsOn)
        {
            return;
        }
        _subscription = await redis.Connection.GetSubscriber().SubscribeAsync(Channel);
        _subscription.OnMessage(message =>
        {
            try
            {
                if (JsonSerializer.Deserialize<SignedOut>((string)message.Message!, Json) is { } signedOut && signedOut.Instance != instance.Name)
                {
                    CloseHere(signedOut.MemberId);
                }
            }
            catch (JsonException e)
            {
                logger.LogWarning(e, "A sign-out from another instance could not be read");
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
