namespace Participation.Web.Shared;

/// <summary>
/// A voice behind a proposal, as its page shows it: where it came from and, while the person lets it
/// stand and consent allows, their words, voice or photo. Channels that hold such voices provide
/// them, so the proposals feature depends on none of them.
/// </summary>
public sealed record EvidenceItem(
    bool IsOrigin, string Source, string? SourceUrl, string Speaker, DateTimeOffset At, bool Withdrawn)
{
    public string? Quote { get; init; }
    public string? VoiceUrl { get; init; }
    public string? Transcript { get; init; }
    public string? PhotoUrl { get; init; }
    public string? PhotoAlt { get; init; }
    public int? PhotoWidth { get; init; }
    public int? PhotoHeight { get; init; }

    /// <summary>Kept for the schéma without being published: the proposal says it exists, nothing more.</summary>
    public bool Private { get; init; }
}

public interface IProposalEvidence
{
    Task<IReadOnlyList<EvidenceItem>> ForProposalAsync(int proposalId);
}
