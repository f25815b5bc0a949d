using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Participation.Web.Accounts;
using Participation.Web.Plan;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

public sealed class Proposal
{
    public const int TitleMinLength = 5;
    public const int TitleMaxLength = 120;
    public const int TextMinLength = 20;
    public const int TextMaxLength = 2000;
    public const int OriginDetailMaxLength = 200;

    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    public ProposalStatus Status { get; set; }
    public Channel Channel { get; set; }

    /// <summary>The exact source item, e.g. "session:12", "answer:345"; null for an online proposal.</summary>
    public string? OriginReference { get; set; }

    /// <summary>What to show of the source, e.g. "Séance plénière du 12 mars" or "Permanence de Saint-Aubin".</summary>
    public string? OriginDetail { get; set; }

    public Theme Themes { get; set; }
    public AgeBandSet AgeBands { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The staff member who typed it in for someone else (paper, phone).</summary>
    public string? EnteredById { get; set; }

    public int? MergedIntoId { get; set; }
    public Proposal? MergedInto { get; set; }

    public int SupportCount { get; set; }

    /// <summary>
    /// Its words may say someone is in danger: it waits for a moderator in the urgent queue, and no
    /// change of status moves it until its case publishes it.
    /// </summary>
    public bool HeldForSafety { get; set; }

    public List<ProposalAuthor> Authors { get; set; } = [];
    public List<ProposalPlanLink> PlanLinks { get; set; } = [];
    public List<ProposalEvent> Events { get; set; } = [];
}

public sealed class ProposalAuthor
{
    public int Id { get; set; }
    public int ProposalId { get; set; }
    public string? MemberId { get; set; }
    public Member? Member { get; set; }
    public AuthorKind Kind { get; set; }

    /// <summary>A young guest of a council session, without an account: never named on a public page.</summary>
    public bool IsGuest { get; set; }

    public const string GuestLabel = "un·e jeune invité·e";

    /// <summary>How the author reads on the proposal: a young member's pseudonym, otherwise who they are in words.</summary>
    public string PublicLabel => IsGuest ? GuestLabel : Kind == AuthorKind.YoungMember && Member is not null ? Member.Pseudonym : Kind.Label();
}

public sealed class ProposalPlanLink
{
    public int ProposalId { get; set; }
    public int PlanNodeId { get; set; }
    public PlanNode? PlanNode { get; set; }
}

public enum EventKind
{
    Submitted,
    StatusChanged,
    Linked,
    Unlinked,
    Answered,
    MergedIn,

    /// <summary>A testimony was joined to back the proposal.</summary>
    EvidenceAttached,
}

/// <summary>One step of a proposal's public trail: who, when, what, why.</summary>
public sealed class ProposalEvent
{
    public long Id { get; set; }
    public int ProposalId { get; set; }
    public DateTimeOffset At { get; set; }
    public EventKind Kind { get; set; }
    public string? ActorId { get; set; }

    /// <summary>How the actor is shown publicly: a pseudonym or a role, never a staff member's name.</summary>
    public required string ActorLabel { get; set; }

    public ProposalStatus? FromStatus { get; set; }
    public ProposalStatus? ToStatus { get; set; }
    public string? Reason { get; set; }

    /// <summary>For « réalisée »: an optional public link to see what was done (an article, a rule, a photo album).</summary>
    public string? Link { get; set; }

    /// <summary>For « réalisée »: an optional public photo of what was done, stored without its metadata under a random name.</summary>
    public string? PhotoFile { get; set; }

    /// <summary>What the photo shows, in words, for whoever cannot see it.</summary>
    public string? PhotoAlt { get; set; }

    public int? PhotoWidth { get; set; }
    public int? PhotoHeight { get; set; }
}

public sealed class Support
{
    public int ProposalId { get; set; }
    public required string MemberId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ProposalConfiguration :
    IEntityTypeConfiguration<Proposal>, IEntityTypeConfiguration<ProposalAuthor>, IEntityTypeConfiguration<ProposalPlanLink>,
    IEntityTypeConfiguration<ProposalEvent>, IEntityTypeConfiguration<Support>
{
    public void Configure(EntityTypeBuilder<Proposal> proposal)
    {
        proposal.Property(p => p.Title).HasMaxLength(Proposal.TitleMaxLength);
        proposal.Property(p => p.Text).HasMaxLength(Proposal.TextMaxLength);
        proposal.Property(p => p.OriginReference).HasMaxLength(80);
        proposal.Property(p => p.OriginDetail).HasMaxLength(Proposal.OriginDetailMaxLength);
        proposal.HasIndex(p => new { p.Status, p.CreatedAt });
        proposal.HasIndex(p => new { p.Channel, p.CreatedAt });
        proposal.HasIndex(p => p.CreatedAt);
        proposal.HasIndex(p => p.OriginReference);
        proposal.HasOne(p => p.MergedInto).WithMany().HasForeignKey(p => p.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        proposal.HasMany(p => p.Authors).WithOne().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasMany(p => p.PlanLinks).WithOne().HasForeignKey(l => l.ProposalId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasMany(p => p.Events).WithOne().HasForeignKey(e => e.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProposalAuthor> author)
    {
        author.HasOne(a => a.Member).WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.SetNull);
        author.HasIndex(a => a.MemberId);
    }

    public void Configure(EntityTypeBuilder<ProposalPlanLink> link)
    {
        link.HasKey(l => new { l.ProposalId, l.PlanNodeId });
        link.HasIndex(l => l.PlanNodeId);
        link.HasOne(l => l.PlanNode).WithMany().HasForeignKey(l => l.PlanNodeId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProposalEvent> e)
    {
        e.Property(x => x.ActorLabel).HasMaxLength(80);
        e.Property(x => x.Reason).HasMaxLength(Lifecycle.ReasonMaxLength);
        e.Property(x => x.Link).HasMaxLength(Lifecycle.LinkMaxLength);
        e.Property(x => x.PhotoFile).HasMaxLength(80);
        e.Property(x => x.PhotoAlt).HasMaxLength(Lifecycle.PhotoAltMaxLength);
        e.HasIndex(x => x.PhotoFile).IsUnique().HasFilter("PhotoFile IS NOT NULL");
        e.HasIndex(x => new { x.ProposalId, x.At });
    }

    public void Configure(EntityTypeBuilder<Support> support)
    {
        support.HasKey(s => new { s.ProposalId, s.MemberId });
        support.HasIndex(s => s.MemberId);
        support.HasOne<Proposal>().WithMany().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
        support.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
