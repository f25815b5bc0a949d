using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Participation.Web.Privacy;

public enum ErasureSource
{
    /// <summary>The person asked, themselves or through a facilitator.</summary>
    Request,

    /// <summary>The account was not used for 12 months.</summary>
    Inactivity,
}

public enum ErasureStatus
{
    Pending,
    Done,
    Refused,
    Withdrawn,
}

/// <summary>
/// One erasure: asked for and waiting, refused with a reason, or done. Once done, nothing in it
/// names the person: the pseudonym is cleared and only the kind of account and what was removed remain.
/// </summary>
public sealed class Erasure
{
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    public ErasureSource Source { get; set; }
    public ErasureStatus Status { get; set; }

    /// <summary>The account, while it exists.</summary>
    public string? MemberId { get; set; }

    /// <summary>The pseudonym, while the request waits; cleared once done.</summary>
    public string? Pseudonym { get; set; }

    /// <summary>« Jeune », « Parent »…: what kind of account it was, kept after the deletion.</summary>
    public required string AccountKind { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Who asked: the person themselves; none for the retention job.</summary>
    public string? RequestedById { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedById { get; set; }

    /// <summary>The staff member who decided, as they read, so that the log stays readable when their own account goes.</summary>
    public string? DecidedByLabel { get; set; }

    /// <summary>Why it was refused, or what was removed and made anonymous.</summary>
    public string? Outcome { get; set; }
}

public sealed class ErasureConfiguration : IEntityTypeConfiguration<Erasure>
{
    public void Configure(EntityTypeBuilder<Erasure> erasure)
    {
        erasure.Property(e => e.Source).HasConversion<string>().HasMaxLength(20);
        erasure.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        erasure.Property(e => e.Pseudonym).HasMaxLength(Accounts.Member.PseudonymMaxLength);
        erasure.Property(e => e.AccountKind).HasMaxLength(60);
        erasure.Property(e => e.DecidedByLabel).HasMaxLength(120);
        erasure.Property(e => e.Outcome).HasMaxLength(1000);
        erasure.HasIndex(e => new { e.Status, e.RequestedAt });
        erasure.HasIndex(e => e.MemberId);
    }
}
