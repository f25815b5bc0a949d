using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Safeguarding;

namespace Participation.Web.Council;

/// <summary>A council idea a moderator judged safe after all: approved, and on the wall if its session is still live.</summary>
public sealed class HeldIdeas(ParticipationDb db, CouncilRoom room) : IHeldTextChannel
{
    public SafetyChannel Channel => SafetyChannel.CouncilIdea;

    public async Task<bool> PublishAsync(string sourceId)
    {
        if (!int.TryParse(sourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var ideaId))
        {
            return false;
        }
        var idea = await db.Ideas.SingleOrDefaultAsync(i => i.Id == ideaId);
        if (idea is null)
        {
            return false;
        }
        if (idea.Status == IdeaStatus.HeldForSafety)
        {
            idea.Status = IdeaStatus.Approved;
            await db.SaveChangesAsync();
            await room.PublishReleasedAsync(idea);
        }
        return true;
    }
}
