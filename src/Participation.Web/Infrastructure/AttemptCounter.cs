using System.Collections.Concurrent;

namespace Participation.Web.Infrastructure;

/// <summary>
/// Counts attempts per key (an address, a login name) over a fixed window that starts at the
/// key's first attempt, and says how long a key that used them all has to wait. Counted inside a
/// page's handler rather than by the rate-limiting middleware, so that a refusal is the page
/// itself, with what was typed and a wait in words, not a bare error. Given <paramref name="shared"/>,
/// the counts are kept in Redis, for all the instances of the site (see <see cref="AttemptLimits"/>).
/// </summary>
public sealed class AttemptCounter(int limit, TimeProvider clock, TimeSpan? window = null, RedisAttempts? shared = null)
{
    // The same rule as in memory below: a window starts at the key's first attempt; the count stops at limit + 1.
    private const string TakeScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local limit = tonumber(ARGV[3])
        local start = tonumber(redis.call('HGET', KEYS[1], 's'))
        local count = tonumber(redis.call('HGET', KEYS[1], 'c'))
        if start == nil or count == nil or now >= start + window then
          start = now
          count = 1
          redis.call('HSET', KEYS[1], 's', ARGV[1], 'c', 1)
        else
          count = math.min(count + 1, limit + 1)
          redis.call('HSET', KEYS[1], 'c', count)
        end
        redis.call('PEXPIRE', KEYS[1], math.max(1, start + window - now))
        return {start, count}
        """;

    private sealed record Window(DateTimeOffset Start, int Count);

    private readonly int _limit = Math.Max(1, limit);
    private readonly TimeSpan _window = window ?? TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private long _nextSweep;

    public int Limit => _limit;

    /// <summary>How long the key must wait before its next attempt; null while it has some left.</summary>
    public TimeSpan? WaitFor(string key)
    {
        var now = clock.GetUtcNow();
        return shared?.Read(shared.Key(key), "s", "c") is { } values ? SharedWait(values, now) : WaitHere(key, now);
    }

    /// <summary><see cref="WaitFor"/> without holding a thread while Redis answers.</summary>
    public async Task<TimeSpan?> WaitForAsync(string key)
    {
        var now = clock.GetUtcNow();
        return shared is not null && await shared.ReadAsync(shared.Key(key), "s", "c") is { } values ? SharedWait(values, now) : WaitHere(key, now);
    }

    private TimeSpan? SharedWait(StackExchange.Redis.RedisValue[] values, DateTimeOffset now) =>
        values is [{ IsNull: false } first, { IsNull: false } count]
            && DateTimeOffset.FromUnixTimeMilliseconds((long)first) + _window is var end && now < end && (int)count >= _limit
            ? end - now
            : null;

    private TimeSpan? WaitHere(string key, DateTimeOffset now) =>
        _windows.TryGetValue(key, out var current) && now < current.Start + _window && current.Count >= _limit
            ? current.Start + _window - now
            : null;

    /// <summary>Uses one attempt; null when it was allowed, otherwise how long to wait.</summary>
    public TimeSpan? TryTake(string key)
    {
        var now = clock.GetUtcNow();
        return shared?.Run(TakeScript, shared.Key(key), RedisAttempts.Milliseconds(now), RedisAttempts.Milliseconds(_window), _limit) is { } result
            ? SharedTake(result, now)
            : TakeHere(key, now);
    }

    /// <summary><see cref="TryTake"/> without holding a thread while Redis answers.</summary>
    public async Task<TimeSpan?> TryTakeAsync(string key)
    {
        var now = clock.GetUtcNow();
        return shared is not null && await shared.RunAsync(TakeScript, shared.Key(key), RedisAttempts.Milliseconds(now), RedisAttempts.Milliseconds(_window), _limit) is { } result
            ? SharedTake(result, now)
            : TakeHere(key, now);
    }

    private TimeSpan? SharedTake(StackExchange.Redis.RedisResult result, DateTimeOffset now)
    {
        var counted = (StackExchange.Redis.RedisResult[])result!;
        var end = DateTimeOffset.FromUnixTimeMilliseconds((long)counted[0]) + _window;
        return (int)counted[1] <= _limit ? null : end - now;
    }

    private TimeSpan? TakeHere(string key, DateTimeOffset now)
    {
        Sweep(now);
        // Refused attempts are counted too but never lengthen the window; the cap keeps the count bounded.
        var current = _windows.AddOrUpdate(key,
            _ => new Window(now, 1),
            (_, old) => now >= old.Start + _window ? new Window(now, 1) : old with { Count = Math.Min(old.Count + 1, _limit + 1) });
        return current.Count <= _limit ? null : current.Start + _window - now;
    }

    /// <summary>Counts one attempt, for counters of failures only: the caller checked <see cref="WaitFor"/> first.</summary>
    public void Count(string key) => TryTake(key);

    public Task CountAsync(string key) => TryTakeAsync(key);

    // Once a window, forget the keys whose window has ended, so that sprayed keys do not pile up.
    private void Sweep(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweep, (now + _window).UtcTicks, due) != due)
        {
            return;
        }
        foreach (var (key, current) in _windows)
        {
            if (now >= current.Start + _window)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, current));
            }
        }
    }

    /// <summary>The wait in French words, rounded up: « 40 secondes », « 1 minute ».</summary>
    public static string InFrench(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        if (seconds < 60)
        {
            return $"{seconds}\u00A0seconde{Plural.S(seconds)}";
        }
        var minutes = (int)Math.Ceiling(seconds / 60.0);
        return $"{minutes}\u00A0minute{Plural.S(minutes)}";
    }

    /// <summary>
    /// The caller's address, the key of per-address counters. An IPv6 address counts by its /64, the
    /// block one home or one phone is given, or a single device could change address at every try.
    /// </summary>
    public static string Address(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "inconnue";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || System.Net.IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }
}
