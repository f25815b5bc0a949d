using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Participation.Web.Accounts;

/// <summary>
/// An establishment a facilitator follows: its young people's real names, and their codes, are in
/// that facilitator's care. The administrators decide who follows what.
/// </summary>
public sealed class FollowedEstablishment
{
    public required string FacilitatorId { get; set; }
    public int EstablishmentId { get; set; }
}

public sealed class FollowedEstablishmentConfiguration : IEntityTypeConfiguration<FollowedEstablishment>
{
    public void Configure(EntityTypeBuilder<FollowedEstablishment> follow)
    {
        follow.HasKey(f => new { f.FacilitatorId, f.EstablishmentId });
        follow.HasOne<Member>().WithMany().HasForeignKey(f => f.FacilitatorId).OnDelete(DeleteBehavior.Cascade);
        follow.HasOne<Establishment>().WithMany().HasForeignKey(f => f.EstablishmentId).OnDelete(DeleteBehavior.Cascade);
        follow.HasIndex(f => f.EstablishmentId);
    }
}
