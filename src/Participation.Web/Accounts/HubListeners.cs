using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Participation.Web.Accounts;

/// <summary>Live pages that only listen, closed at once when their account signs out.</summary>
public interface ILiveListeners
{
    /// <summary>Closes every listening connection of the member; returns how many.</summary>
    int CloseFor(string memberId);
}

/// <summary>
/// Live pages that only listen (an urgent queue, a circle). A listening connection makes no call
/// of its own that would notice its account signed out, changed password, lost a role or left an
/// age band: once a minute each one is checked against its account and closed when what it
/// listens to no longer holds.
/// </summary>
public abstract class HubListeners<TListening>(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService, ILiveListeners
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (HubCallerContext Context, TListening Listening)> _open = new();

    protected TimeProvider Clock { get; } = clock;

    public int Count => _open.Count;

    /// <summary>Records what a connection listens to, adding to what it listened to already.</summary>
    protected void Listen(HubCallerContext context, TListening first, Func<TListening, TListening> more) =>
        _open.AddOrUpdate(context.ConnectionId, _ => (context, first), (_, old) => (context, more(old.Listening)));

    public void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    public int CloseFor(string memberId)
    {
        var closed = 0;
        foreach (var (context, _) in _open.Values.Where(l => l.Context.UserIdentifier == memberId))
        {
            Remove(context.ConnectionId);
            context.Abort();
            closed++;
        }
        return closed;
    }

    /// <summary>Whether the account, as it is now, may still hear what the connection listens to.</summary>
    protected abstract Task<bool> HoldsAsync(IServiceProvider services, Member member, IList<string> roles, TListening listening);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Every, Clock);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                await CloseExpiredAsync();
            }
            catch (Exception fault) when (fault is not OperationCanceledException)
            {
                logger.LogError(fault, "Checking the open live pages failed; it is tried again in a minute.");
            }
        }
    }

    /// <summary>Closes every connection whose account no longer holds what it listens to; returns how many.</summary>
    public async Task<int> CloseExpiredAsync()
    {
        var closed = 0;
        foreach (var (context, listening) in _open.Values)
        {
            await using var scope = scopes.CreateAsyncScope();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<Member>>();
            var member = context.User is { } principal ? await signIn.ValidateSecurityStampAsync(principal) : null;
            if (member is null || !await HoldsAsync(scope.ServiceProvider, member, await signIn.UserManager.GetRolesAsync(member), listening))
            {
                Remove(context.ConnectionId);
                context.Abort();
                closed++;
            }
        }
        return closed;
    }
}
