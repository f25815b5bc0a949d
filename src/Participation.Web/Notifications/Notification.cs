using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Participation.Web.Accounts;

namespace Participation.Web.Notifications;

/// <summary>A short message to one member, say that their proposal moved on; it may lead to the proposal.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string MemberId { get; set; }
    public int? ProposalId { get; set; }

    /// <summary>A page of the site the notification opens, when it is not a proposal's.</summary>
    public string? Link { get; set; }

    public required string Text { get; set; }

    /// <summary>For a proposal that moved along its road: the step it reached, and how many steps the road has.</summary>
    public int? Step { get; set; }
    public int? StepCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Text).HasMaxLength(300);
        notification.Property(n => n.Link).HasMaxLength(200);
        notification.HasIndex(n => new { n.MemberId, n.ReadAt });
        notification.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
