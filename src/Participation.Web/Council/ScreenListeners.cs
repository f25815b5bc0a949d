using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Council;

/// <summary>
/// The open consoles and projectors of this instance, with the session each one shows. A screen
/// that only watches calls nothing that would notice its account signed out or was taken off the
/// session: it is closed at once on signing out, and within a minute of losing the role or the
/// session, so that a console left open on a shared computer stops showing pseudonyms and held ideas.
/// </summary>
public sealed class ScreenListeners(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScreenListeners> logger)
    : HubListeners<int>(scopes, clock, logger)
{
    public void Add(HubCallerContext screen, int sessionId) => Listen(screen, sessionId, _ => sessionId);

    protected override async Task<bool> HoldsAsync(IServiceProvider services, Member member, IList<string> roles, int sessionId) =>
        roles.Contains(Roles.Admin)
        || (Roles.Facilitation.Any(roles.Contains)
            && await services.GetRequiredService<ParticipationDb>().SessionFacilitators.AnyAsync(f => f.SessionId == sessionId && f.MemberId == member.Id));
}
