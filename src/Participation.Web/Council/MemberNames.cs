using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Safeguarding;

namespace Participation.Web.Council;

/// <summary>
/// The members' pseudonyms as they read (<see cref="LookAlike.Key"/>), so that a guest cannot take
/// a name that passes for a member's. Read from the database at most every half-minute, since a
/// room of guests joins at once; a pseudonym newer than that is still caught by the exact check
/// the room makes against the database.
/// </summary>
public sealed class MemberNames(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _reading = new(1, 1);
    // Replaced whole, never changed: a reader sees an old set or the new one, never half of either.
    private sealed record Known(HashSet<string> Keys, DateTimeOffset ReadAt);

    private volatile Known? _known;

    public async Task<bool> LooksLikeAMemberAsync(string name)
    {
        var key = LookAlike.Key(name);
        return (await KeysAsync()).Contains(key);
    }

    private async Task<HashSet<string>> KeysAsync()
    {
        if (_known is { } known && clock.GetUtcNow() - known.ReadAt < Freshness)
        {
            return known.Keys;
        }
        await _reading.WaitAsync();
        try
        {
            if (_known is { } fresh && clock.GetUtcNow() - fresh.ReadAt < Freshness)
            {
                return fresh.Keys;
            }
            await using var scope = scopes.CreateAsyncScope();
            var pseudonyms = await scope.ServiceProvider.GetRequiredService<ParticipationDb>().Users.Select(u => u.Pseudonym).ToListAsync();
            var keys = pseudonyms.Select(LookAlike.Key).ToHashSet();
            _known = new Known(keys, clock.GetUtcNow());
            return keys;
        }
        finally
        {
            _reading.Release();
        }
    }
}
