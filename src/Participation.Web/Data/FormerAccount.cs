using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Participation.Web.Data;

/// <summary>
/// An erased account that had acted on a safety case: its pseudonym stays beside its former id, so
/// that the record of who opened a case, acted on it or read a real name still says who did.
/// </summary>
public sealed class FormerAccount
{
    public required string Id { get; set; }
    public required string Pseudonym { get; set; }
    public DateTimeOffset ErasedAt { get; set; }

    /// <summary>How the safety record names it.</summary>
    public string Label => $"{Pseudonym} (compte effacé)";
}

public sealed class FormerAccountConfiguration : IEntityTypeConfiguration<FormerAccount>
{
    public void Configure(EntityTypeBuilder<FormerAccount> former)
    {
        former.Property(f => f.Id).HasMaxLength(450);
        former.Property(f => f.Pseudonym).HasMaxLength(Accounts.Member.PseudonymMaxLength);
    }
}
