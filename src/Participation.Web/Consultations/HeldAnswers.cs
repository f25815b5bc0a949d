using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Safeguarding;

namespace Participation.Web.Consultations;

/// <summary>A written answer a moderator judged safe after all: counted and shown in the results from now on.</summary>
public sealed class HeldAnswers(ParticipationDb db) : IHeldTextChannel
{
    public SafetyChannel Channel => SafetyChannel.QuestionnaireAnswer;

    public async Task<bool> PublishAsync(string sourceId)
    {
        if (!int.TryParse(sourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var answerId))
        {
            return false;
        }
        if (!await db.Answers.AnyAsync(a => a.Id == answerId))
        {
            return false;
        }
        await db.Answers.Where(a => a.Id == answerId).ExecuteUpdateAsync(set => set.SetProperty(a => a.HeldForSafety, false));
        return true;
    }
}
