using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Participation.Web.Accounts;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

public enum CharterVersionStatus
{
    /// <summary>Staff are writing it; no one outside sees it.</summary>
    Draft,

    /// <summary>Young members vote on each practice until the window closes.</summary>
    Consultation,

    /// <summary>Frozen and public; establishments sign it.</summary>
    Adopted,
}

/// <summary>Version N of the charter: drafted, put to the young people's vote, then frozen and signed.</summary>
public sealed class CharterVersion
{
    public const int IntroMaxLength = 2000;

    public int Id { get; set; }
    public int Number { get; set; }
    public CharterVersionStatus Status { get; set; }
    public string? Intro { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? VoteOpensAt { get; set; }
    public DateTimeOffset? VoteClosesAt { get; set; }
    public DateTimeOffset? AdoptedAt { get; set; }
    public string? AdoptedById { get; set; }

    /// <summary>Votes are taken only inside the window, and only while the version is in consultation.</summary>
    public bool VoteOpen(DateTimeOffset now) =>
        Status == CharterVersionStatus.Consultation && VoteOpensAt <= now && now < VoteClosesAt;
}

/// <summary>
/// One practice of one version. <see cref="Key"/> follows the same practice from version to version,
/// so that two versions can be compared practice by practice.
/// </summary>
public sealed class CharterPractice
{
    public const int StatementMaxLength = 600;
    public const int EasyReadMaxLength = 400;

    public int Id { get; set; }
    public int VersionId { get; set; }
    public int Key { get; set; }
    public Theme Chapter { get; set; }
    public int Order { get; set; }
    public required string Statement { get; set; }

    /// <summary>The easy-to-read (FALC) version.</summary>
    public required string EasyRead { get; set; }
}

/// <summary>
/// Where a practice of a version comes from: a proposal, a testimony or a questionnaire question.
/// A new version starts with the grounds of the last one; an adopted version's never change.
/// </summary>
public sealed class PracticeGround
{
    public int Id { get; set; }
    public int PracticeId { get; set; }
    public GroundKind Kind { get; set; }
    public int SourceId { get; set; }
}

public enum PracticeChoice
{
    Agree,
    Disagree,
    Change,
}

/// <summary>
/// A young member's vote on a practice, changeable until the window closes. Their age band and
/// establishment are kept as they were at the vote, for results by group.
/// </summary>
public sealed class PracticeVote
{
    public const int CommentMaxLength = 500;

    public int Id { get; set; }
    public int PracticeId { get; set; }
    public required string MemberId { get; set; }
    public PracticeChoice Choice { get; set; }
    public string? Comment { get; set; }

    /// <summary>The comment may say the young person is in danger: kept out of the results until its case releases it.</summary>
    public bool CommentHeld { get; set; }
    public AgeBand? Band { get; set; }
    public int? EstablishmentId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A professional's or an establishment representative's comment on a practice of a version in consultation.</summary>
public sealed class PracticeComment
{
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    public int PracticeId { get; set; }
    public required string MemberId { get; set; }
    public required string Text { get; set; }

    /// <summary>Kept out of the results until its case releases it.</summary>
    public bool Held { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>An establishment's signature of an adopted version: who, when, which version. Never changed once made.</summary>
public sealed class Ratification
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public int EstablishmentId { get; set; }
    public required string SignedById { get; set; }
    public required string SignedByName { get; set; }

    /// <summary>The establishment's name and town as they were when it signed: its certificate keeps them.</summary>
    public required string EstablishmentName { get; set; }
    public required string EstablishmentTown { get; set; }
    public DateTimeOffset SignedAt { get; set; }
}

public enum PracticeLevel
{
    InPlace,
    InProgress,
    NotYet,
}

/// <summary>An establishment's own rating of a practice for a year.</summary>
public sealed class SelfAssessment
{
    public const int CommentMaxLength = 1000;

    public int Id { get; set; }
    public int EstablishmentId { get; set; }
    public int Year { get; set; }
    public int PracticeKey { get; set; }
    public PracticeLevel Level { get; set; }
    public string? Comment { get; set; }

    /// <summary>The comment says a child may be in danger: staff do not read it in the follow-up until its case releases it.</summary>
    public bool CommentHeld { get; set; }

    public required string ById { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A young person's view of a practice where they live, for a year. Anonymous: the answer keeps no
/// account, and <see cref="YouthViewTaken"/> only records that the account has answered that year.
/// </summary>
public sealed class YouthView
{
    public int Id { get; set; }
    public int EstablishmentId { get; set; }
    public int Year { get; set; }
    public int PracticeKey { get; set; }
    public PracticeLevel Level { get; set; }
}

/// <summary>That an account gave its view for an establishment and a year, kept apart from the answers.</summary>
public sealed class YouthViewTaken
{
    public int EstablishmentId { get; set; }
    public int Year { get; set; }
    public required string MemberId { get; set; }
}

public sealed class CharterConfiguration :
    IEntityTypeConfiguration<CharterVersion>, IEntityTypeConfiguration<CharterPractice>, IEntityTypeConfiguration<PracticeGround>,
    IEntityTypeConfiguration<PracticeVote>, IEntityTypeConfiguration<PracticeComment>, IEntityTypeConfiguration<Ratification>,
    IEntityTypeConfiguration<SelfAssessment>, IEntityTypeConfiguration<YouthView>, IEntityTypeConfiguration<YouthViewTaken>
{
    public void Configure(EntityTypeBuilder<CharterVersion> version)
    {
        version.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        version.Property(v => v.Intro).HasMaxLength(CharterVersion.IntroMaxLength);
        version.Property(v => v.AdoptedById).HasMaxLength(450);
        version.HasIndex(v => v.Number).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CharterPractice> practice)
    {
        practice.Property(p => p.Chapter).HasConversion<string>().HasMaxLength(30);
        practice.Property(p => p.Statement).HasMaxLength(CharterPractice.StatementMaxLength);
        practice.Property(p => p.EasyRead).HasMaxLength(CharterPractice.EasyReadMaxLength);
        practice.HasIndex(p => new { p.VersionId, p.Key }).IsUnique();
        practice.HasIndex(p => p.Key);
        practice.HasOne<CharterVersion>().WithMany().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PracticeGround> ground)
    {
        ground.Property(g => g.Kind).HasConversion<string>().HasMaxLength(20);
        ground.HasIndex(g => new { g.PracticeId, g.Kind, g.SourceId }).IsUnique();
        ground.HasIndex(g => new { g.Kind, g.SourceId });
        ground.HasOne<CharterPractice>().WithMany().HasForeignKey(g => g.PracticeId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PracticeVote> vote)
    {
        vote.Property(v => v.Choice).HasConversion<string>().HasMaxLength(20);
        vote.Property(v => v.Band).HasConversion<string>().HasMaxLength(20);
        vote.Property(v => v.Comment).HasMaxLength(PracticeVote.CommentMaxLength);
        vote.HasIndex(v => new { v.PracticeId, v.MemberId }).IsUnique();
        vote.HasOne<CharterPractice>().WithMany().HasForeignKey(v => v.PracticeId).OnDelete(DeleteBehavior.Cascade);
        vote.HasOne<Member>().WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Cascade);
        vote.HasOne<Establishment>().WithMany().HasForeignKey(v => v.EstablishmentId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<PracticeComment> comment)
    {
        comment.Property(c => c.Text).HasMaxLength(PracticeComment.TextMaxLength);
        comment.HasIndex(c => c.PracticeId);
        comment.HasOne<CharterPractice>().WithMany().HasForeignKey(c => c.PracticeId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Ratification> ratification)
    {
        ratification.Property(r => r.SignedById).HasMaxLength(450);
        ratification.Property(r => r.SignedByName).HasMaxLength(120);
        ratification.Property(r => r.EstablishmentName).HasMaxLength(120);
        ratification.Property(r => r.EstablishmentTown).HasMaxLength(80);
        ratification.HasIndex(r => new { r.VersionId, r.EstablishmentId }).IsUnique();
        ratification.HasOne<CharterVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        ratification.HasOne<Establishment>().WithMany().HasForeignKey(r => r.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<SelfAssessment> assessment)
    {
        assessment.Property(a => a.Level).HasConversion<string>().HasMaxLength(20);
        assessment.Property(a => a.Comment).HasMaxLength(SelfAssessment.CommentMaxLength);
        assessment.Property(a => a.ById).HasMaxLength(450);
        assessment.HasIndex(a => new { a.EstablishmentId, a.Year, a.PracticeKey }).IsUnique();
        assessment.HasOne<Establishment>().WithMany().HasForeignKey(a => a.EstablishmentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<YouthView> view)
    {
        view.Property(v => v.Level).HasConversion<string>().HasMaxLength(20);
        view.HasIndex(v => new { v.EstablishmentId, v.Year, v.PracticeKey });
        view.HasOne<Establishment>().WithMany().HasForeignKey(v => v.EstablishmentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<YouthViewTaken> taken)
    {
        taken.HasKey(t => new { t.EstablishmentId, t.Year, t.MemberId });
        taken.Property(t => t.MemberId).HasMaxLength(450);
        taken.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
