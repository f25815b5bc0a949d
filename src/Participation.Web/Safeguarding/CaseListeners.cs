using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Participation.Web.Accounts;

namespace Participation.Web.Safeguarding;

/// <summary>
/// The open urgent queues. A queue only listens, so no call of its own would notice that its
/// account signed out, changed password or lost its role: once a minute each one is checked
/// against its account and closed when it no longer holds.
/// </summary>
public sealed class CaseListeners(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CaseListeners> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();

    public void Add(HubCallerContext listener) => _open[listener.ConnectionId] = listener;

    public void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    public int Count => _open.Count;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                await CloseExpiredAsync();
            }
            catch (Exception fault) when (fault is not OperationCanceledException)
            {
                logger.LogError(fault, "Checking the open urgent queues failed; it is tried again in a minute.");
            }
        }
    }

    /// <summary>Closes every queue whose account no longer holds; returns how many.</summary>
    public async Task<int> CloseExpiredAsync()
    {
        var closed = 0;
        foreach (var listener in _open.Values)
        {
            await using var scope = scopes.CreateAsyncScope();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<Member>>();
            var user = listener.User is { } principal ? await signIn.ValidateSecurityStampAsync(principal) : null;
            if (user is null || !(await signIn.UserManager.IsInRoleAsync(user, Roles.Moderator) || await signIn.UserManager.IsInRoleAsync(user, Roles.Admin)))
            {
                Remove(listener.ConnectionId);
                listener.Abort();
                closed++;
            }
        }
        return closed;
    }
}
