using StackExchange.Redis;

namespace Participation.Web.Infrastructure;

/// <summary>
/// Makes the attempt counters of the site. When Redis is set, several instances serve it behind
/// one address, and a client must not get as many tries as there are instances: the counts are
/// then kept in Redis, each change one script run there, so that tries sent together to two
/// instances are counted one after the other. Otherwise they stay in this process.
/// </summary>
public sealed class AttemptLimits(SharedRedis redis, TimeProvider clock, ILogger<AttemptLimits> logger)
{
    /// <summary>A counter of <paramref name="limit"/> attempts per key over a window; <paramref name="name"/> keeps its keys apart in Redis.</summary>
    public AttemptCounter Counter(string name, int limit, TimeSpan? window = null) =>
        new(limit, clock, window, Shared(name));

    public GrowingDelays Delays(string name, DelaySchedule schedule, TimeSpan forgetAfter) =>
        new(schedule, forgetAfter, clock, Shared(name));

    private RedisAttempts? Shared(string name) => redis.IsOn ? new RedisAttempts(redis, name, logger) : null;
}

/// <summary>
/// One counter's keys in Redis. Times are the site's clock in milliseconds, given to each script,
/// so that every instance counts the same way; Redis forgets a key once it can no longer matter.
/// While Redis cannot be reached, the counter counts in this process, as a single instance would.
/// </summary>
public sealed class RedisAttempts(SharedRedis redis, string name, ILogger logger)
{
    private static long _lastWarning;

    public RedisKey Key(string key) => redis.Key($"attempts:{name}:{key}");

    /// <summary>Runs a script, or says null when Redis does not answer, so that the caller counts in memory.</summary>
    public RedisResult? Run(string script, RedisKey key, params RedisValue[] values)
    {
        var connection = redis.Connection;
        if (!connection.IsConnected)
        {
            Warn(null);
            return null;
        }
        try
        {
            return connection.GetDatabase().ScriptEvaluate(script, [key], values);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn(e);
            return null;
        }
    }

    /// <summary>
    /// The same, without holding a thread while Redis answers: for the pages a whole room reaches at
    /// once (joining by code), where thousands of threads waiting would starve the site.
    /// </summary>
    public async Task<RedisResult?> RunAsync(string script, RedisKey key, params RedisValue[] values)
    {
        var connection = redis.Connection;
        if (!connection.IsConnected)
        {
            Warn(null);
            return null;
        }
        try
        {
            return await connection.GetDatabase().ScriptEvaluateAsync(script, [key], values);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn(e);
            return null;
        }
    }

    public async Task<RedisValue[]?> ReadAsync(RedisKey key, params RedisValue[] fields)
    {
        var connection = redis.Connection;
        if (!connection.IsConnected)
        {
            Warn(null);
            return null;
        }
        try
        {
            return await connection.GetDatabase().HashGetAsync(key, fields);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn(e);
            return null;
        }
    }

    public RedisValue[]? Read(RedisKey key, params RedisValue[] fields)
    {
        var connection = redis.Connection;
        if (!connection.IsConnected)
        {
            Warn(null);
            return null;
        }
        try
        {
            return connection.GetDatabase().HashGet(key, fields);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn(e);
            return null;
        }
    }

    public bool Delete(RedisKey key)
    {
        var connection = redis.Connection;
        if (!connection.IsConnected)
        {
            return false;
        }
        try
        {
            connection.GetDatabase().KeyDelete(key);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn(e);
            return false;
        }
    }

    // Once a minute at most, or an outage would fill the log with one line per try.
    private void Warn(Exception? fault)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastWarning);
        if (now - last < 60_000 && last != 0 || Interlocked.CompareExchange(ref _lastWarning, now, last) != last)
        {
            return;
        }
        logger.LogWarning(fault, "Redis does not answer: attempts are counted in this instance only until it does");
    }

    public static long Milliseconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static long Milliseconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalMilliseconds));
}
