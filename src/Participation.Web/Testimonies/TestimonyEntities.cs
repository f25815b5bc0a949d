using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Participation.Web.Accounts;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>One question asked in the field, for a while, to some people: « Ton foyer idéal, c'est quoi ? ».</summary>
public sealed class Campaign
{
    public const int TitleMaxLength = 100;
    public const int QuestionMaxLength = 300;
    public const int SlugMaxLength = 80;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Question { get; set; }
    public Theme Theme { get; set; }

    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>When staff closed it before its end date; the earlier of the two ends it.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The young people it asks, by age band; none when it asks only adults.</summary>
    public AgeBandSet AgeBands { get; set; }
    public bool Parents { get; set; }
    public bool Professionals { get; set; }

    public required string CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When its voice recordings and photos were deleted, the retention period over.</summary>
    public DateTimeOffset? MediaDeletedAt { get; set; }

    public DateTimeOffset EndsAt => ClosedAt is { } closed && closed < ClosesAt ? closed : ClosesAt;

    public bool IsOpenAt(DateTimeOffset now) => now >= OpensAt && now < EndsAt;
}

/// <summary>Who speaks in a testimony: it decides the words of the wall and whether a guardian must agree.</summary>
public enum Speaker
{
    Young,
    Parent,
    Professional,
}

/// <summary>What the person agreed to do with their voice.</summary>
public enum VoiceConsent
{
    /// <summary>Heard by the team only, for the schéma.</summary>
    NotPublic,
    AsRecorded,
    Disguised,
}

/// <summary>How a guardian's agreement was given, as the facilitator attests it.</summary>
public enum GuardianChannel
{
    InPerson,
    Phone,
    Written,
    CareService,
}

public enum TestimonyStatus
{
    /// <summary>Waiting for a moderator; nothing of it is public.</summary>
    Pending,

    /// <summary>On the campaign's wall, within what consent allows.</summary>
    Published,

    /// <summary>Read and kept for the schéma, never shown: the person asked for nothing public, or the moderator chose so.</summary>
    KeptPrivate,

    /// <summary>Set aside by a moderator, with a reason.</summary>
    Rejected,

    /// <summary>The person took it back: its words and files are deleted, only the fact remains.</summary>
    Withdrawn,
}

public enum MediaKind
{
    /// <summary>The voice as recorded, with tags removed.</summary>
    Voice,

    /// <summary>The voice with pitch and formants moved; the only voice kept when consent asked for it.</summary>
    DisguisedVoice,
    Photo,
}

public sealed class Testimony
{
    public const int TextMaxLength = 1000;
    public const int TranscriptMaxLength = 4000;
    public const int AltMaxLength = 300;
    public const int GuardianMaxLength = 100;
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    public int CampaignId { get; set; }
    public Campaign? Campaign { get; set; }

    /// <summary>Made by the phone before sending, so that an answer sent twice is stored once.</summary>
    public Guid ClientId { get; set; }

    /// <summary>SHA-256 of the withdrawal code the person leaves with; the code itself is never stored.</summary>
    public required string WithdrawalCodeHash { get; set; }

    public Speaker Speaker { get; set; }
    public AgeBand? AgeBand { get; set; }

    /// <summary>A member answering for themselves; null in « mode terrain ».</summary>
    public string? MemberId { get; set; }

    /// <summary>The pseudonym shown on the wall, when a member chose to sign with it.</summary>
    public string? Pseudonym { get; set; }

    /// <summary>Who sent it: the member themselves or the facilitator who collected it; cleared when a member withdraws their own.</summary>
    public string? CollectedById { get; set; }
    public bool FieldMode { get; set; }

    /// <summary>
    /// The person may be under 15, so a guardian's agreement is needed before a voice or a photo is
    /// published. Ages come from a birth year alone: whoever turns 15 this year may still be 14.
    /// </summary>
    public bool GuardianNeeded { get; set; }

    public string? Text { get; set; }
    public string? Transcript { get; set; }
    public string? PhotoAlt { get; set; }
    public Theme Themes { get; set; }

    public required string ConsentVersion { get; set; }
    public bool TextPublic { get; set; }
    public VoiceConsent Voice { get; set; }
    public bool PhotoPublic { get; set; }

    /// <summary>Who agreed for a child under 15 (« sa mère », « la référente ASE »): for the team only.</summary>
    public string? GuardianWho { get; set; }
    public GuardianChannel? GuardianHow { get; set; }
    public DateTimeOffset? GuardianAt { get; set; }
    public string? GuardianRecordedById { get; set; }

    public TestimonyStatus Status { get; set; }

    /// <summary>Its words may say someone is in danger: an urgent case holds it until a moderator releases it.</summary>
    public bool HeldForSafety { get; set; }

    /// <summary>A minor gave a phone number, an address, a school: the moderator is told and takes it out.</summary>
    public bool PersonalDetails { get; set; }

    public string? ModerationReason { get; set; }
    public string? ModeratedById { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>When its recordings and photo were deleted at the end of the retention period.</summary>
    public DateTimeOffset? MediaDeletedAt { get; set; }

    public List<TestimonyMedia> Media { get; set; } = [];
}

/// <summary>A stored file of a testimony, under a random name in the media folder.</summary>
public sealed class TestimonyMedia
{
    public int Id { get; set; }
    public int TestimonyId { get; set; }
    public MediaKind Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public int? DurationSeconds { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public bool Blurred { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum EvidenceKind
{
    /// <summary>The proposal was written from this testimony.</summary>
    Origin,

    /// <summary>The testimony backs an existing proposal.</summary>
    Evidence,
}

/// <summary>A testimony behind a proposal, shown on the proposal's page while the testimony stands.</summary>
public sealed class ProposalTestimony
{
    public int ProposalId { get; set; }
    public int TestimonyId { get; set; }
    public EvidenceKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ById { get; set; }
}

public sealed class TestimonyConfiguration :
    IEntityTypeConfiguration<Campaign>, IEntityTypeConfiguration<Testimony>, IEntityTypeConfiguration<TestimonyMedia>, IEntityTypeConfiguration<ProposalTestimony>
{
    public void Configure(EntityTypeBuilder<Campaign> campaign)
    {
        campaign.Property(c => c.Slug).HasMaxLength(Campaign.SlugMaxLength);
        campaign.HasIndex(c => c.Slug).IsUnique();
        campaign.Property(c => c.Title).HasMaxLength(Campaign.TitleMaxLength);
        campaign.Property(c => c.Question).HasMaxLength(Campaign.QuestionMaxLength);
        campaign.HasOne<Member>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
        campaign.Ignore(c => c.EndsAt);
    }

    public void Configure(EntityTypeBuilder<Testimony> testimony)
    {
        testimony.HasIndex(t => t.ClientId).IsUnique();
        testimony.Property(t => t.WithdrawalCodeHash).HasMaxLength(64);
        // Not unique: a code already in use must not be told apart from a new one when an answer arrives.
        testimony.HasIndex(t => t.WithdrawalCodeHash);
        testimony.HasIndex(t => new { t.CampaignId, t.Status, t.ReceivedAt });
        testimony.HasIndex(t => new { t.Status, t.ReceivedAt });
        testimony.HasIndex(t => t.MemberId);
        testimony.Property(t => t.Pseudonym).HasMaxLength(Member.PseudonymMaxLength);
        testimony.Property(t => t.Text).HasMaxLength(Testimony.TextMaxLength);
        testimony.Property(t => t.Transcript).HasMaxLength(Testimony.TranscriptMaxLength);
        testimony.Property(t => t.PhotoAlt).HasMaxLength(Testimony.AltMaxLength);
        testimony.Property(t => t.ConsentVersion).HasMaxLength(20);
        testimony.Property(t => t.GuardianWho).HasMaxLength(Testimony.GuardianMaxLength);
        testimony.Property(t => t.ModerationReason).HasMaxLength(Testimony.ReasonMaxLength);
        testimony.HasOne(t => t.Campaign).WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        testimony.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.SetNull);
        testimony.HasMany(t => t.Media).WithOne().HasForeignKey(m => m.TestimonyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<TestimonyMedia> media)
    {
        media.Property(m => m.FileName).HasMaxLength(40);
        media.HasIndex(m => m.FileName).IsUnique();
        media.Property(m => m.ContentType).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<ProposalTestimony> link)
    {
        link.HasKey(l => new { l.ProposalId, l.TestimonyId });
        link.HasIndex(l => l.TestimonyId);
        link.HasOne<Proposals.Proposal>().WithMany().HasForeignKey(l => l.ProposalId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Testimony>().WithMany().HasForeignKey(l => l.TestimonyId).OnDelete(DeleteBehavior.Cascade);
    }
}
