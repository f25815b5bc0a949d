using System.Collections.Concurrent;

namespace Participation.Web.Shared;

/// <summary>
/// One write of each member at a time: what a member sends in parallel is taken in turn, so a limit
/// counted before the write holds, and a retry finds the send it repeats already stored.
/// </summary>
public class MemberTurns
{
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _members = new();

    /// <summary>The member's turn, or null when their earlier sends kept it for too long.</summary>
    public async Task<IDisposable?> EnterAsync(string memberId, CancellationToken cancellation = default)
    {
        var turn = _members.GetOrAdd(memberId, _ => new SemaphoreSlim(1, 1));
        return await turn.WaitAsync(LongestWait, cancellation) ? new Turn(turn) : null;
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }
}
