using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Participation.Web.Infrastructure;

/// <summary>
/// Redis, when several instances of the site serve one département: SignalR's messages, the live
/// sessions' events and the shared limits go through it. Without it the site runs as one process.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "SignalR";

    /// <summary>The StackExchange.Redis configuration string (« 127.0.0.1:6379 »); empty for a single instance.</summary>
    public string? Redis { get; set; }

    public const string DefaultPrefix = "participation";

    /// <summary>
    /// Starts every channel and key, so that several sites can share one Redis server. Outside
    /// Development a site with Redis must set its own.
    /// </summary>
    public string ChannelPrefix { get; set; } = DefaultPrefix;
}

/// <summary>The one Redis connection of this instance, when the settings give one.</summary>
public sealed class SharedRedis(RedisOptions options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer>? _connection = string.IsNullOrWhiteSpace(options.Redis)
        ? null
        : new(() => ConnectionMultiplexer.Connect(Configuration(options.Redis!)));

    // A Redis down at start-up, or restarting, is waited for rather than fatal: the connection
    // comes back by itself, and meanwhile /healthz says so.
    public static ConfigurationOptions Configuration(string setting)
    {
        var configuration = ConfigurationOptions.Parse(setting);
        configuration.AbortOnConnectFail = false;
        return configuration;
    }

    /// <summary>Whether other instances may be serving the same site.</summary>
    public bool IsOn => _connection is not null;

    public string Prefix => options.ChannelPrefix;

    public IConnectionMultiplexer Connection =>
        _connection?.Value ?? throw new InvalidOperationException("SignalR:Redis is not set: this site runs as a single instance.");

    public RedisChannel Channel(string name) => RedisChannel.Literal($"{options.ChannelPrefix}:{name}");

    public RedisKey Key(string name) => $"{options.ChannelPrefix}:{name}";

    public void Dispose()
    {
        if (_connection is { IsValueCreated: true })
        {
            _connection.Value.Dispose();
        }
    }
}

/// <summary>
/// What follows an action already stored: telling the other instances, or the screens, of it, which
/// goes through Redis when several instances run. If Redis fails, or has not answered within a
/// second, the failure is logged and the action stands; the person hears back at once, and the
/// instances and screens read it afresh once Redis is back.
/// </summary>
public static class AfterStoring
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    public static async Task TellOrLogAsync(this ILogger logger, Func<Task> tell, string what)
    {
        try
        {
            await tell().WaitAsync(Patience);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning(e, "{What} could not be told; what was stored stands", what);
        }
    }
}

public static class RedisExtensions
{
    public static WebApplicationBuilder AddRedis(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        // Two sites on one Redis under the same prefix would apply each other's removals and show
        // each other's ideas: outside Development a shared Redis needs the site's own prefix.
        if (!string.IsNullOrWhiteSpace(options.Redis) && !builder.Environment.IsDevelopment()
            && (string.IsNullOrWhiteSpace(options.ChannelPrefix) || options.ChannelPrefix == RedisOptions.DefaultPrefix))
        {
            throw new InvalidOperationException(
                "SignalR:Redis est réglé mais SignalR:ChannelPrefix garde sa valeur par défaut : deux sites qui partageraient ce " +
                "serveur Redis mêleraient leurs séances (idées, votes, exclusions) et leurs limites. Donnez à ce site un préfixe à lui, " +
                "le même pour toutes ses instances, par exemple SignalR__ChannelPrefix=participation-bellerive.");
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SharedRedis>();
        builder.Services.AddSingleton<AttemptLimits>();
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", timeout: TimeSpan.FromSeconds(5));
        }
        builder.Services.AddSingleton<ThisInstance>();
        return builder;
    }
}

public sealed class RedisHealthCheck(SharedRedis redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connection = redis.Connection;
        if (!connection.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Redis ne répond pas.");
        }
        try
        {
            await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis ne répond pas.", e);
        }
    }
}
