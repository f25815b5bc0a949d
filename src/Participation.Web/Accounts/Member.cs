using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Participation.Web.Accounts;

/// <summary>
/// Anyone with an account. Young members sign in with their pseudonym (their user name) and
/// need no e-mail; adults sign in with their e-mail.
/// </summary>
public sealed class Member : IdentityUser
{
    public const int PseudonymMaxLength = 24;
    public const int NameMaxLength = 60;

    /// <summary>The only name shown publicly for anyone.</summary>
    public required string Pseudonym { get; set; }

    /// <summary>Young members only: the age band follows from it.</summary>
    public int? BirthYear { get; set; }

    /// <summary>The person's real name, if the team chose to record it; shown to staff only.</summary>
    public string? RealName { get; set; }

    public int? EstablishmentId { get; set; }
    public Establishment? Establishment { get; set; }

    /// <summary>SHA-256 of the pending one-time activation code; null once used.</summary>
    public string? ActivationCodeHash { get; set; }
    public DateTimeOffset? ActivationCodeExpiresAt { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }

    /// <summary>The last time the person signed in; the account is deleted 12 months after it.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>When the person, or the facilitators who follow them, were told the account would soon be deleted; cleared by a sign-in.</summary>
    public DateTimeOffset? DeletionWarnedAt { get; set; }
}

public sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.Property(m => m.Pseudonym).HasMaxLength(Member.PseudonymMaxLength);
        member.HasIndex(m => m.Pseudonym).IsUnique();
        member.Property(m => m.RealName).HasMaxLength(Member.NameMaxLength);
        member.Property(m => m.ActivationCodeHash).HasMaxLength(64);
        member.HasIndex(m => m.ActivationCodeHash).IsUnique();
        member.HasOne(m => m.Establishment).WithMany().HasForeignKey(m => m.EstablishmentId).OnDelete(DeleteBehavior.SetNull);
    }
}
