using Microsoft.AspNetCore.SignalR;
using Participation.Web.Accounts;
using Participation.Web.Shared;

namespace Participation.Web.Safeguarding;

/// <summary>The open urgent queues: each closes within a minute of its account signing out or losing its role.</summary>
public sealed class CaseListeners(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CaseListeners> logger)
    : HubListeners<bool>(scopes, clock, logger)
{
    public void Add(HubCallerContext listener) => Listen(listener, true, _ => true);

    protected override Task<bool> HoldsAsync(IServiceProvider services, Member member, IList<string> roles, bool listening) =>
        Task.FromResult(Roles.Moderation.Any(roles.Contains));
}
