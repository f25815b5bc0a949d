using System.Collections.Concurrent;
using System.Diagnostics;
using Participation.Web.Infrastructure;
using StackExchange.Redis;

namespace Participation.Web.Shared;

/// <summary>
/// One write of each member at a time: what a member sends in parallel is taken in turn, so a limit
/// counted before the write holds, and a retry finds the send it repeats already stored. Where
/// several instances serve the site, the turn is also a lock in Redis, since two sends of one
/// member may reach two instances; while Redis does not answer, each instance keeps its own turns.
/// </summary>
public class MemberTurns(SharedRedis redis)
{
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _members = new();

    /// <summary>The member's turn, or null when their earlier sends kept it for too long.</summary>
    public async Task<IDisposable?> EnterAsync(string memberId, CancellationToken cancellation = default)
    {
        var started = Stopwatch.GetTimestamp();
        var turn = _members.GetOrAdd(memberId, _ => new SemaphoreSlim(1, 1));
        if (!await turn.WaitAsync(LongestWait, cancellation))
        {
            return null;
        }
        if (!redis.IsOn || !redis.Connection.IsConnected)
        {
            return new Turn(turn, null);
        }
        var key = redis.Key($"turns:{GetType().Name}:{memberId}");
        var holder = Guid.NewGuid().ToString("N");
        var database = redis.Connection.GetDatabase();
        try
        {
            // The lock lasts no longer than a wait would: a send that outlives it no longer holds the others back.
            while (!await database.LockTakeAsync(key, holder, LongestWait))
            {
                if (Stopwatch.GetElapsedTime(started) >= LongestWait)
                {
                    turn.Release();
                    return null;
                }
                await Task.Delay(LockPoll, cancellation);
            }
            return new Turn(turn, () => database.LockRelease(key, holder));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new Turn(turn, null);
        }
        catch
        {
            turn.Release();
            throw;
        }
    }

    private sealed class Turn(SemaphoreSlim turn, Action? unlock) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                unlock?.Invoke();
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // The lock then ends by itself, LongestWait at most after it was taken.
            }
            finally
            {
                turn.Release();
            }
        }
    }
}
