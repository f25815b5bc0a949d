using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Participation.Web.Accounts;

namespace Participation.Web.Peers;

/// <summary>Who a circle is for. Minors and adults never share one, apart from the team.</summary>
public enum Audience
{
    From11To14,
    From15To17,
    From18To25,

    /// <summary>Pairs-parents: parents of children in care, among themselves.</summary>
    Parents,
}

/// <summary>
/// A safe space for one audience: its general circle, or a topic circle the team opened inside it
/// (« études », « parents d'ados »), open to all of that audience.
/// </summary>
public sealed class Circle
{
    public const int NameMaxLength = 80;
    public const int DescriptionMaxLength = 300;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public Audience Audience { get; set; }

    /// <summary>The audience's own circle, which every member of it finds first.</summary>
    public bool General { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
}

public enum PostStatus
{
    /// <summary>Waiting for a moderator: a minor's message, or one held for a detail or a risk.</summary>
    Pending,
    Published,

    /// <summary>Read by a moderator and not published; the author is told why.</summary>
    Rejected,

    /// <summary>Published, then taken down by a moderator; the author is told why.</summary>
    Hidden,
}

/// <summary>Why a message waits for a moderator, as the author is told it.</summary>
public enum HoldReason
{
    None,

    /// <summary>A minor's message: every one is read before it is published.</summary>
    ReadFirst,

    /// <summary>A phone number, an e-mail, an address, a school or a handle.</summary>
    PersonalDetails,

    /// <summary>A proposal to meet: a place, a time, « on se voit ».</summary>
    MeetUp,

    /// <summary>A risk for the author or someone else: an urgent case is open.</summary>
    Safety,
}

/// <summary>A thread's first message (with a title) or a reply in it (with its thread).</summary>
public sealed class PeerPost
{
    public const int TitleMinLength = 5;
    public const int TitleMaxLength = 120;
    public const int TextMaxLength = 2000;
    public const int ResourcesMax = 3;

    public int Id { get; set; }
    public int CircleId { get; set; }

    /// <summary>The thread a reply belongs to; null for a thread's first message.</summary>
    public int? ThreadId { get; set; }

    public string? Title { get; set; }
    public required string Text { get; set; }
    public required string AuthorId { get; set; }
    public PostStatus Status { get; set; }
    public HoldReason Hold { get; set; }

    /// <summary>Its words may say someone is in danger: only its case can publish it.</summary>
    public bool HeldForSafety { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When a moderator first decided about it, for the pre-moderation wait.</summary>
    public DateTimeOffset? ModeratedAt { get; set; }

    /// <summary>Resource slugs from content/ressources, comma-separated.</summary>
    public string? Resources { get; set; }

    /// <summary>A thread's published replies, kept with each publication for the circle's list.</summary>
    public int Replies { get; set; }

    /// <summary>A thread's last published message, for ordering the circle by activity.</summary>
    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>The proposal the author turned this message into.</summary>
    public int? ProposalId { get; set; }

    /// <summary>Everything a message says, its thread's title first: what the detector reads.</summary>
    public static string Words(string? title, string text) => title is null ? text : $"{title}\n{text}";
}

public enum ReactionKind
{
    Support,
    Thanks,
    MeToo,
}

public sealed class PeerReaction
{
    public int PostId { get; set; }
    public required string MemberId { get; set; }
    public ReactionKind Kind { get; set; }
}

/// <summary>A member tells the moderators that a message breaks the rules. Once per member and message.</summary>
public sealed class PeerReport
{
    public const int ReasonMaxLength = 300;

    public int Id { get; set; }
    public int PostId { get; set; }
    public required string ReporterId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public string? HandledById { get; set; }
}

/// <summary>A member no longer sees another member's messages. Only for themselves; the other is not told.</summary>
public sealed class PeerMute
{
    public required string MemberId { get; set; }
    public required string MutedId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ModerationKind
{
    Approved,
    Rejected,
    Hidden,
    Restored,
    ReportsDismissed,

    /// <summary>Published from its urgent case, by a moderator who read it there.</summary>
    PublishedFromCase,

    /// <summary>The author was invited to turn the message into a proposal.</summary>
    ProposalSuggested,
}

/// <summary>Every decision a moderator takes about a message: what, why, who, when, and what the author was told.</summary>
public sealed class PeerModerationEntry
{
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    public int PostId { get; set; }
    public ModerationKind Kind { get; set; }
    public required string Reason { get; set; }
    public required string ById { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The words sent to the author, as they read them in their notifications.</summary>
    public string? ToldAuthor { get; set; }
}

/// <summary>What the network knows of a member beyond their account: the rules they accepted, their badge.</summary>
public sealed class PeerProfile
{
    public const int TrainingMaxLength = 120;

    public required string MemberId { get; set; }
    public string? RulesVersion { get; set; }
    public DateTimeOffset? RulesAcceptedAt { get; set; }

    /// <summary>« pair-aidant·e » since this day, after this training; granted by the team.</summary>
    public DateOnly? HelperSince { get; set; }
    public string? HelperTraining { get; set; }
    public string? HelperGrantedById { get; set; }
}

public enum PeerActionStatus
{
    /// <summary>Put forward by a circle; the team prepares it for the council.</summary>
    Proposed,

    /// <summary>A poll « pour / contre / à revoir » waits in a session of the Conseil des jeunes.</summary>
    InCouncilVote,

    Adopted,
    ToRevise,
    Rejected,

    /// <summary>Adopted and under way.</summary>
    Started,
    Done,
}

/// <summary>
/// Something young people or parents will do for their peers (a welcome buddy, a guide to leaving
/// care): put forward by a circle, adopted by the Conseil des jeunes, then carried on the roadmap.
/// </summary>
public sealed class PeerAction
{
    public const int TitleMaxLength = 120;
    public const int TextMaxLength = 1000;
    public const int CarriersMaxLength = 200;
    public const int NoteMaxLength = 500;

    public int Id { get; set; }
    public int CircleId { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    public PeerActionStatus Status { get; set; }
    public string? ProposedById { get; set; }

    /// <summary>The thread of the circle where it was first put forward.</summary>
    public int? FromThreadId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The council poll that decides it.</summary>
    public int? PollId { get; set; }

    public int? VotesFor { get; set; }
    public int? VotesAgainst { get; set; }
    public int? VotesRevise { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedById { get; set; }

    /// <summary>Who carries it, in public words: « les pairs-aidants du cercle 18–25 et le service jeunes majeurs ».</summary>
    public string? Carriers { get; set; }

    /// <summary>Where it stands, for the roadmap: the last news, in public words.</summary>
    public string? Progress { get; set; }
}

public sealed class PeerConfiguration :
    IEntityTypeConfiguration<Circle>, IEntityTypeConfiguration<PeerPost>, IEntityTypeConfiguration<PeerReaction>,
    IEntityTypeConfiguration<PeerReport>, IEntityTypeConfiguration<PeerMute>, IEntityTypeConfiguration<PeerModerationEntry>,
    IEntityTypeConfiguration<PeerProfile>, IEntityTypeConfiguration<PeerAction>
{
    public void Configure(EntityTypeBuilder<Circle> circle)
    {
        circle.ToTable("PeerCircles");
        circle.Property(c => c.Slug).HasMaxLength(60);
        circle.HasIndex(c => c.Slug).IsUnique();
        circle.Property(c => c.Name).HasMaxLength(Circle.NameMaxLength);
        circle.Property(c => c.Description).HasMaxLength(Circle.DescriptionMaxLength);
        circle.Property(c => c.Audience).HasConversion<string>().HasMaxLength(20);
        circle.Property(c => c.CreatedById).HasMaxLength(450);
    }

    public void Configure(EntityTypeBuilder<PeerPost> post)
    {
        post.Property(p => p.Title).HasMaxLength(PeerPost.TitleMaxLength);
        post.Property(p => p.Text).HasMaxLength(PeerPost.TextMaxLength);
        post.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        post.Property(p => p.Hold).HasConversion<string>().HasMaxLength(20);
        post.Property(p => p.Resources).HasMaxLength(200);
        post.HasOne<Circle>().WithMany().HasForeignKey(p => p.CircleId).OnDelete(DeleteBehavior.Cascade);
        post.HasOne<Member>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Cascade);
        post.HasOne<PeerPost>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
        // A circle's threads by activity, a thread's replies in order, the moderators' queue.
        post.HasIndex(p => new { p.CircleId, p.ThreadId, p.Status, p.LastActivityAt });
        post.HasIndex(p => new { p.ThreadId, p.Status, p.CreatedAt });
        post.HasIndex(p => new { p.Status, p.CreatedAt });
        post.HasIndex(p => p.AuthorId);
    }

    public void Configure(EntityTypeBuilder<PeerReaction> reaction)
    {
        reaction.HasKey(r => new { r.PostId, r.MemberId, r.Kind });
        reaction.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        reaction.HasOne<PeerPost>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        reaction.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PeerReport> report)
    {
        report.Property(r => r.Reason).HasMaxLength(PeerReport.ReasonMaxLength);
        report.Property(r => r.HandledById).HasMaxLength(450);
        report.HasIndex(r => new { r.PostId, r.ReporterId }).IsUnique();
        report.HasIndex(r => new { r.HandledAt, r.CreatedAt });
        report.HasOne<PeerPost>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        report.HasOne<Member>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PeerMute> mute)
    {
        mute.HasKey(m => new { m.MemberId, m.MutedId });
        mute.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
        mute.HasOne<Member>().WithMany().HasForeignKey(m => m.MutedId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PeerModerationEntry> entry)
    {
        entry.ToTable("PeerModerationLog");
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        entry.Property(e => e.Reason).HasMaxLength(PeerModerationEntry.ReasonMaxLength);
        entry.Property(e => e.ById).HasMaxLength(450);
        entry.Property(e => e.ToldAuthor).HasMaxLength(300);
        entry.HasIndex(e => e.PostId);
        entry.HasIndex(e => e.At);
        entry.HasOne<PeerPost>().WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PeerProfile> profile)
    {
        profile.HasKey(p => p.MemberId);
        profile.Property(p => p.RulesVersion).HasMaxLength(20);
        profile.Property(p => p.HelperTraining).HasMaxLength(PeerProfile.TrainingMaxLength);
        profile.Property(p => p.HelperGrantedById).HasMaxLength(450);
        profile.HasOne<Member>().WithOne().HasForeignKey<PeerProfile>(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PeerAction> action)
    {
        action.Property(a => a.Title).HasMaxLength(PeerAction.TitleMaxLength);
        action.Property(a => a.Text).HasMaxLength(PeerAction.TextMaxLength);
        action.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        action.Property(a => a.ProposedById).HasMaxLength(450);
        action.Property(a => a.DecidedById).HasMaxLength(450);
        action.Property(a => a.Carriers).HasMaxLength(PeerAction.CarriersMaxLength);
        action.Property(a => a.Progress).HasMaxLength(PeerAction.NoteMaxLength);
        action.HasIndex(a => a.Status);
        action.HasIndex(a => a.PollId);
        action.HasOne<Circle>().WithMany().HasForeignKey(a => a.CircleId).OnDelete(DeleteBehavior.Cascade);
        action.HasOne<Council.Poll>().WithMany().HasForeignKey(a => a.PollId).OnDelete(DeleteBehavior.SetNull);
        action.HasOne<PeerPost>().WithMany().HasForeignKey(a => a.FromThreadId).OnDelete(DeleteBehavior.SetNull);
    }
}
