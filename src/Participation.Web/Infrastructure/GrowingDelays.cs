using System.Collections.Concurrent;

namespace Participation.Web.Infrastructure;

/// <summary>
/// How long to wait after a number of failures: nothing for the first <see cref="Free"/>, then
/// <see cref="First"/>, doubling at each failure up to <see cref="Longest"/>.
/// </summary>
public sealed record DelaySchedule(int Free, TimeSpan First, TimeSpan Longest)
{
    public TimeSpan After(int failures)
    {
        if (failures <= Free)
        {
            return TimeSpan.Zero;
        }
        var grown = First.Ticks * Math.Pow(2, Math.Min(failures - Free - 1, 62));
        return grown >= Longest.Ticks ? Longest : TimeSpan.FromTicks((long)grown);
    }
}

/// <summary>
/// Counts failures per key (an account from one place, an account from everywhere) and makes the
/// key wait after each one as its <see cref="DelaySchedule"/> says, from the time of that failure.
/// A try is counted as a failure when it is taken, so that tries sent all at once cannot slip
/// through together; a try that turns out right is given back with <see cref="Undo"/>, or clears
/// the key with <see cref="Forget"/>. A quiet spell of <paramref name="forgetAfter"/> without a
/// failure forgets the key too (never shorter than the longest wait, which would be cut short).
/// Unlike a lockout, a wait ends by itself and grows only as fast as someone keeps failing.
/// Given <paramref name="shared"/>, the failures are kept in Redis, for all the instances of the site.
/// </summary>
public sealed class GrowingDelays(DelaySchedule schedule, TimeSpan forgetAfter, TimeProvider clock, RedisAttempts? shared = null)
{
    // TryTake as below, in one step in Redis: ARGV are now, forgetAfter, Free, First, Longest (in
    // milliseconds) and the most counted; returns the wait, or -1 when the try is taken.
    private const string TakeScript = """
        local now = tonumber(ARGV[1])
        local count = tonumber(redis.call('HGET', KEYS[1], 'c'))
        local last = tonumber(redis.call('HGET', KEYS[1], 'l'))
        if count == nil or last == nil or now >= last + tonumber(ARGV[2]) then
          count = 1
        else
          local free = tonumber(ARGV[3])
          local wait = 0
          if count > free then
            wait = math.min(tonumber(ARGV[4]) * 2 ^ math.min(count - free - 1, 62), tonumber(ARGV[5]))
          end
          if now < last + wait then
            return math.ceil(last + wait - now)
          end
          count = math.min(count + 1, tonumber(ARGV[6]))
        end
        redis.call('HSET', KEYS[1], 'c', count, 'l', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return -1
        """;

    private const string UndoScript = """
        local count = tonumber(redis.call('HGET', KEYS[1], 'c'))
        if count == nil then
          return 0
        end
        if count <= 1 then
          redis.call('DEL', KEYS[1])
        else
          redis.call('HSET', KEYS[1], 'c', count - 1)
        end
        return 1
        """;

    private sealed record Failures(int Count, DateTimeOffset Last);

    private readonly TimeSpan _forgetAfter = forgetAfter > schedule.Longest ? forgetAfter : schedule.Longest;
    private readonly ConcurrentDictionary<string, Failures> _failures = new();
    private long _nextSweep;

    // Past this the wait is at its longest anyway; the cap keeps the count from growing without end.
    private int MostCounted => schedule.Free + 64;

    /// <summary>Takes a try, counted as a failure from now: null when the key may try, otherwise how long it must still wait (and nothing is counted).</summary>
    public TimeSpan? TryTake(string key)
    {
        var now = clock.GetUtcNow();
        if (shared?.Run(TakeScript, shared.Key(key), RedisAttempts.Milliseconds(now), RedisAttempts.Milliseconds(_forgetAfter),
                schedule.Free, RedisAttempts.Milliseconds(schedule.First), RedisAttempts.Milliseconds(schedule.Longest), MostCounted) is { } result)
        {
            return (long)result is var wait && wait < 0 ? null : TimeSpan.FromMilliseconds(wait);
        }
        Sweep(now);
        while (true)
        {
            if (!_failures.TryGetValue(key, out var old))
            {
                if (_failures.TryAdd(key, new Failures(1, now)))
                {
                    return null;
                }
                continue;
            }
            if (!IsForgotten(old, now) && old.Last + schedule.After(old.Count) is var end && now < end)
            {
                return end - now;
            }
            var counted = IsForgotten(old, now) ? new Failures(1, now) : new Failures(Math.Min(old.Count + 1, MostCounted), now);
            if (_failures.TryUpdate(key, counted, old))
            {
                return null;
            }
        }
    }

    /// <summary>Gives back a try that was not a failure after all.</summary>
    public void Undo(string key)
    {
        if (shared?.Run(UndoScript, shared.Key(key)) is not null)
        {
            return;
        }
        while (_failures.TryGetValue(key, out var old))
        {
            if (old.Count <= 1 ? _failures.TryRemove(new KeyValuePair<string, Failures>(key, old)) : _failures.TryUpdate(key, old with { Count = old.Count - 1 }, old))
            {
                return;
            }
        }
    }

    public void Forget(string key)
    {
        if (shared?.Delete(shared.Key(key)) is true)
        {
            return;
        }
        _failures.TryRemove(key, out _);
    }

    private bool IsForgotten(Failures failures, DateTimeOffset now) => now >= failures.Last + _forgetAfter;

    // Once per quiet spell, drop the keys forgotten by then, so that sprayed keys do not pile up.
    private void Sweep(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweep, (now + _forgetAfter).UtcTicks, due) != due)
        {
            return;
        }
        foreach (var (key, failures) in _failures)
        {
            if (IsForgotten(failures, now))
            {
                _failures.TryRemove(new KeyValuePair<string, Failures>(key, failures));
            }
        }
    }
}
