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

    /// <summary>Starts every channel and key, so that several sites can share one Redis server.</summary>
    public string ChannelPrefix { get; set; } = "participation";
}

/// <summary>The one Redis connection of this instance, when the settings give one.</summary>
public sealed class SharedRedis(RedisOptions options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer>? _connection = string.IsNullOrWhiteSpace(options.Redis)
        ? null
        : new(() => ConnectionMultiplexer.Connect(options.Redis!));

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

public static class RedisExtensions
{
    public static WebApplicationBuilder AddRedis(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SharedRedis>();
        builder.Services.AddSingleton<ThisInstance>();
        return builder;
    }
}
