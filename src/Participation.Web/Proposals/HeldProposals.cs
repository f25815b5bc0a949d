using System.Globalization;
using Participation.Web.Safeguarding;

namespace Participation.Web.Proposals;

/// <summary>A held proposal a moderator judged safe after all, published from its case.</summary>
public sealed class HeldProposals(ProposalService proposals) : IHeldTextChannel
{
    public SafetyChannel Channel => SafetyChannel.Proposal;

    public Task<bool> PublishAsync(string sourceId) =>
        int.TryParse(sourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? proposals.ReleaseHeldAsync(id) : Task.FromResult(false);
}
