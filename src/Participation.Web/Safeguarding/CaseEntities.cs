using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Participation.Web.Safeguarding;

/// <summary>Where a held text was written. Each channel that screens its texts has one.</summary>
public enum SafetyChannel
{
    CouncilIdea,
    Proposal,
    QuestionnaireAnswer,
    Testimony,
    PeerPost,

    /// <summary>The reason someone gave when reporting a message of the peer network.</summary>
    PeerReport,

    /// <summary>A comment on a practice of the charter: a young person's with their vote, or an adult's.</summary>
    CharterComment,
}

public enum CaseStatus
{
    /// <summary>Waiting for a moderator, or being dealt with.</summary>
    Open,

    /// <summary>An action closed it: referral made, false alarm, published after all.</summary>
    Closed,
}

/// <summary>What a moderator did about a case. Each is recorded with its time, who did it and why.</summary>
public enum CaseActionKind
{
    /// <summary>Talked with the young person's referent (educator, social worker).</summary>
    ReferentContacted,

    /// <summary>An « information préoccupante » sent to the CRIP.</summary>
    CripReferral,

    /// <summary>Emergency services called (15, 17, 112).</summary>
    EmergencyServices,

    /// <summary>Not a risk after all: the text stays held unless it is also published.</summary>
    FalseAlarm,

    /// <summary>The text is published where it was written, as if never held.</summary>
    Published,

    /// <summary>A note for the team, without closing the case.</summary>
    Note,
}

/// <summary>
/// A text that may say a young person is in danger, held before anyone but the team sees it. The
/// case keeps a copy of the text and where it came from, so that it survives the text's channel.
/// </summary>
public sealed class SafetyCase
{
    public const int TextMaxLength = 4000;
    public const int OriginMaxLength = 300;

    public int Id { get; set; }
    public SafetyChannel Channel { get; set; }

    /// <summary>The held item in its channel (an idea's id, a proposal's, an answer's).</summary>
    public required string SourceId { get; set; }

    /// <summary>Where it came from, in words for the team: « Séance « Plénière » — pseudo Comète ».</summary>
    public required string Origin { get; set; }

    /// <summary>The staff page of the source, when there is one.</summary>
    public string? OriginUrl { get; set; }

    public required string Text { get; set; }

    /// <summary>The author's account, when the site knows it; a guest or an anonymous answer has none.</summary>
    public string? AuthorMemberId { get; set; }

    /// <summary>The name the author is known by where they wrote: a pseudonym, never a real name.</summary>
    public string? AuthorPseudonym { get; set; }

    /// <summary>The categories found, comma-separated (Suicide, Violence, Danger, Bullying), or « Failure ».</summary>
    public required string Categories { get; set; }

    /// <summary>The list entries that caught it (file:line), comma-separated.</summary>
    public required string Rules { get; set; }

    public DateTimeOffset FlaggedAt { get; set; }
    public DateTimeOffset? FirstSeenAt { get; set; }
    public string? FirstSeenById { get; set; }
    public DateTimeOffset? FirstActionAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>When the administrators were told that the case, opened, still had no action recorded.</summary>
    public DateTimeOffset? StalledAt { get; set; }
    public CaseStatus Status { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public List<CaseAction> Actions { get; } = [];
}

public sealed class CaseAction
{
    public const int ReasonMaxLength = 2000;

    public int Id { get; set; }
    public int CaseId { get; set; }
    public CaseActionKind Kind { get; set; }
    public required string Reason { get; set; }
    public required string ById { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>Each time someone on the team reads the real name behind a case, with why.</summary>
public sealed class RealNameView
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public required string ById { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class SafeguardingConfiguration :
    IEntityTypeConfiguration<SafetyCase>, IEntityTypeConfiguration<CaseAction>, IEntityTypeConfiguration<RealNameView>
{
    public void Configure(EntityTypeBuilder<SafetyCase> safetyCase)
    {
        safetyCase.Property(c => c.Channel).HasConversion<string>().HasMaxLength(30);
        safetyCase.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        safetyCase.Property(c => c.SourceId).HasMaxLength(60);
        safetyCase.Property(c => c.Origin).HasMaxLength(SafetyCase.OriginMaxLength);
        safetyCase.Property(c => c.OriginUrl).HasMaxLength(300);
        safetyCase.Property(c => c.Text).HasMaxLength(SafetyCase.TextMaxLength);
        safetyCase.Property(c => c.AuthorMemberId).HasMaxLength(450);
        safetyCase.Property(c => c.AuthorPseudonym).HasMaxLength(80);
        safetyCase.Property(c => c.Categories).HasMaxLength(120);
        safetyCase.Property(c => c.Rules).HasMaxLength(1000);
        safetyCase.Property(c => c.FirstSeenById).HasMaxLength(450);
        safetyCase.HasIndex(c => new { c.Status, c.FlaggedAt });
        safetyCase.HasIndex(c => new { c.Channel, c.SourceId });
        safetyCase.HasIndex(c => c.FlaggedAt);
        safetyCase.HasMany(c => c.Actions).WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CaseAction> action)
    {
        action.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        action.Property(a => a.Reason).HasMaxLength(CaseAction.ReasonMaxLength);
        action.Property(a => a.ById).HasMaxLength(450);
    }

    public void Configure(EntityTypeBuilder<RealNameView> view)
    {
        view.Property(v => v.ById).HasMaxLength(450);
        view.Property(v => v.Reason).HasMaxLength(CaseAction.ReasonMaxLength);
        view.HasIndex(v => v.CaseId);
        view.HasOne<SafetyCase>().WithMany().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
