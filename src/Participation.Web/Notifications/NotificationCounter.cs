using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Notifications;

/// <summary>The unread count shown in the header of every page.</summary>
public sealed class NotificationCounter(ParticipationDb db)
{
    public Task<int> UnreadAsync(ClaimsPrincipal user) =>
        user.MemberId() is { } id
            ? db.Notifications.CountAsync(n => n.MemberId == id && n.ReadAt == null)
            : Task.FromResult(0);
}
