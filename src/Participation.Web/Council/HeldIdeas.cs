using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Safeguarding;

namespace Participation.Web.Council;

/// <summary>A council idea a moderator judged safe after all: it goes on as any idea of its session would, to the facilitators' queue or to the wall.</summary>
public sealed class HeldIdeas(ParticipationDb db, FacilitatorActions room) : IHeldTextChannel
{
    public SafetyChannel Channel => SafetyChannel.CouncilIdea;

    public async Task<bool> PublishAsync(string sourceId)
    {
        if (!int.TryParse(sourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var ideaId))
        {
            return false;
        }
        var idea = await db.Ideas.AsNoTracking().SingleOrDefaultAsync(i => i.Id == ideaId);
        if (idea is null)
        {
            return false;
        }
        var toQueue = await room.ReadsIdeasFirstAsync(idea.SessionId);
        var to = toQueue ? IdeaStatus.Pending : IdeaStatus.Approved;
        // Conditional: of two moderators releasing it at once, one moves it.
        var moved = await db.Ideas.Where(i => i.Id == ideaId && i.Status == IdeaStatus.HeldForSafety)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.Status, to));
        if (moved == 1)
        {
            idea.Status = to;
            await (toQueue ? room.PushConsoleAsync(idea.SessionId) : room.PublishReleasedAsync(idea));
        }
        return true;
    }
}
