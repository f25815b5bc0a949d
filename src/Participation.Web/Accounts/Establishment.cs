using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Participation.Web.Accounts;

/// <summary>A care home (MECS, foyer, lieu de vie...) that ratifies the charter and reports on it.</summary>
public sealed class Establishment
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public required string Town { get; set; }
}

public sealed class EstablishmentConfiguration : IEntityTypeConfiguration<Establishment>
{
    public void Configure(EntityTypeBuilder<Establishment> establishment)
    {
        establishment.Property(e => e.Name).HasMaxLength(120);
        establishment.Property(e => e.Kind).HasMaxLength(60);
        establishment.Property(e => e.Town).HasMaxLength(80);
        establishment.HasIndex(e => e.Name).IsUnique();
    }
}
