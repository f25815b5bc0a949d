using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Participation.Web.Accounts;
using Participation.Web.Shared;

namespace Participation.Web.Council;

public enum SessionKind
{
    Plenary,
    WorkingGroup,
}

public enum SessionStatus
{
    Planned,
    Live,
    Closed,
}

/// <summary>A meeting of the youth council: in a room, remote, or both.</summary>
public sealed class CouncilSession
{
    public const int TitleMaxLength = 120;

    public int Id { get; set; }
    public required string Title { get; set; }
    public SessionKind Kind { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public string? Place { get; set; }
    public bool IsRemote { get; set; }
    public required string Theme { get; set; }
    public AgeBandSet AgeBands { get; set; }
    public SessionStatus Status { get; set; }

    /// <summary>Six characters shown on the projector; set when the session starts.</summary>
    public string? JoinCode { get; set; }
    public bool GuestsAllowed { get; set; }

    /// <summary>Ideas wait for a facilitator unless turned off, which only an 18–25 session may do.</summary>
    public bool PreModeration { get; set; } = true;

    public int? CurrentAgendaItemId { get; set; }
    public int? CurrentPollId { get; set; }

    /// <summary>The last poll closed, whose result the room may be shown, until the next one opens.</summary>
    public int? ResultPollId { get; set; }
    public bool ResultRevealed { get; set; }
    public DateTimeOffset? TimerEndsAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public List<AgendaItem> Agenda { get; set; } = [];
    public List<SessionFacilitator> Facilitators { get; set; } = [];
    public List<Poll> Polls { get; set; } = [];
}

public sealed class AgendaItem
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
}

public sealed class SessionFacilitator
{
    public int SessionId { get; set; }
    public required string MemberId { get; set; }
}

public sealed class Registration
{
    public int SessionId { get; set; }
    public required string MemberId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Someone in a live session: a member, or a guest in the room known only by a pseudonym.</summary>
public sealed class Participant
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public string? MemberId { get; set; }
    public required string Pseudonym { get; set; }
    public AgeBand? AgeBand { get; set; }
    public bool IsGuest { get; set; }
    public bool Muted { get; set; }
    public bool Removed { get; set; }
    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>When their hand went up, while it is up: hands are given the floor in that order.</summary>
    public DateTimeOffset? HandRaisedAt { get; set; }
}

public enum PollStatus
{
    Draft,
    Open,
    Closed,
}

public sealed class Poll
{
    public const int QuestionMaxLength = 200;

    public int Id { get; set; }
    public int SessionId { get; set; }
    public required string Question { get; set; }
    public PollKind Kind { get; set; }
    public PollStatus Status { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<PollOption> Options { get; set; } = [];
}

public sealed class PollOption
{
    public int Id { get; set; }
    public int PollId { get; set; }
    public int Position { get; set; }
    public required string Label { get; set; }
}

/// <summary>One participant's vote in one poll; replaced when they change it before the close.</summary>
public sealed class Ballot
{
    public int PollId { get; set; }
    public int ParticipantId { get; set; }
    public required string Choice { get; set; }
    public DateTimeOffset CastAt { get; set; }
}

public enum IdeaStatus
{
    Pending,
    Approved,
    Hidden,

    /// <summary>Read as a possible danger: held for the moderators, whom the facilitators cannot overrule.</summary>
    HeldForSafety,
}

public sealed class Idea
{
    public const int TextMaxLength = 500;
    public const int ClientKeyMaxLength = 64;

    public int Id { get; set; }
    public int SessionId { get; set; }
    public int ParticipantId { get; set; }
    public required string Text { get; set; }
    public IdeaStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Supports { get; set; }

    /// <summary>The phone's own id for the idea, so that one sent again after a lost connection is stored once.</summary>
    public string? ClientKey { get; set; }

    /// <summary>Set when a facilitator retains the idea: it then lives on as this proposal.</summary>
    public int? ProposalId { get; set; }
}

public sealed class IdeaSupport
{
    public int IdeaId { get; set; }
    public int ParticipantId { get; set; }
}

public sealed class CouncilConfiguration :
    IEntityTypeConfiguration<CouncilSession>, IEntityTypeConfiguration<AgendaItem>, IEntityTypeConfiguration<SessionFacilitator>,
    IEntityTypeConfiguration<Registration>, IEntityTypeConfiguration<Participant>, IEntityTypeConfiguration<Poll>,
    IEntityTypeConfiguration<PollOption>, IEntityTypeConfiguration<Ballot>, IEntityTypeConfiguration<Idea>, IEntityTypeConfiguration<IdeaSupport>
{
    public void Configure(EntityTypeBuilder<CouncilSession> session)
    {
        session.ToTable("CouncilSessions");
        session.Property(s => s.Title).HasMaxLength(CouncilSession.TitleMaxLength);
        session.Property(s => s.Place).HasMaxLength(120);
        session.Property(s => s.Theme).HasMaxLength(80);
        session.Property(s => s.JoinCode).HasMaxLength(6);
        session.HasIndex(s => s.JoinCode).IsUnique();
        session.HasIndex(s => s.StartsAt);
        session.HasMany(s => s.Agenda).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        session.HasMany(s => s.Facilitators).WithOne().HasForeignKey(f => f.SessionId).OnDelete(DeleteBehavior.Cascade);
        session.HasMany(s => s.Polls).WithOne().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AgendaItem> item) => item.Property(i => i.Title).HasMaxLength(120);

    public void Configure(EntityTypeBuilder<SessionFacilitator> facilitator)
    {
        facilitator.HasKey(f => new { f.SessionId, f.MemberId });
        facilitator.HasOne<Member>().WithMany().HasForeignKey(f => f.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Registration> registration)
    {
        registration.HasKey(r => new { r.SessionId, r.MemberId });
        registration.HasOne<CouncilSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        registration.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Participant> participant)
    {
        participant.Property(p => p.Pseudonym).HasMaxLength(Member.PseudonymMaxLength);
        // One participant per member and session: two first joins at once make one, not two.
        participant.HasIndex(p => new { p.SessionId, p.MemberId }).IsUnique().HasFilter("MemberId IS NOT NULL");
        participant.HasOne<CouncilSession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Poll> poll)
    {
        poll.Property(p => p.Question).HasMaxLength(Poll.QuestionMaxLength);
        poll.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.PollId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PollOption> option) => option.Property(o => o.Label).HasMaxLength(80);

    public void Configure(EntityTypeBuilder<Ballot> ballot)
    {
        ballot.HasKey(b => new { b.PollId, b.ParticipantId });
        ballot.Property(b => b.Choice).HasMaxLength(400);
        ballot.HasOne<Poll>().WithMany().HasForeignKey(b => b.PollId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Idea> idea)
    {
        idea.Property(i => i.Text).HasMaxLength(Idea.TextMaxLength);
        idea.HasIndex(i => new { i.SessionId, i.Status });
        // One idea per phone id, whichever instance it is sent to again.
        idea.Property(i => i.ClientKey).HasMaxLength(Idea.ClientKeyMaxLength);
        idea.HasIndex(i => new { i.ParticipantId, i.ClientKey }).IsUnique();
        idea.HasOne<CouncilSession>().WithMany().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<IdeaSupport> support)
    {
        support.HasKey(s => new { s.IdeaId, s.ParticipantId });
        support.HasOne<Idea>().WithMany().HasForeignKey(s => s.IdeaId).OnDelete(DeleteBehavior.Cascade);
    }
}
