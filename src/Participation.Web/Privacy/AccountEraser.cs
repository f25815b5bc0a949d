using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Proposals;

namespace Participation.Web.Privacy;

/// <summary>What an erasure removed and what it left unsigned, in figures.</summary>
public sealed record ErasureSummary(int Proposals, int Testimonies, int Seats, int Posts, int Supports)
{
    public string InFrench()
    {
        var kept = new List<string>();
        if (Proposals > 0) kept.Add(Infrastructure.Plural.Count(Proposals, "proposition", "propositions", ""));
        if (Testimonies > 0) kept.Add(Infrastructure.Plural.Count(Testimonies, "témoignage", "témoignages", ""));
        if (Seats > 0) kept.Add(Infrastructure.Plural.Count(Seats, "présence en séance", "présences en séance", ""));
        var removed = new List<string> { "le compte" };
        if (Posts > 0) removed.Add(Infrastructure.Plural.Count(Posts, "message d'entraide", "messages d'entraide", ""));
        if (Supports > 0) removed.Add(Infrastructure.Plural.Count(Supports, "soutien", "soutiens", ""));
        var said = $"Effacé : {string.Join(", ", removed)}.";
        return kept.Count == 0 ? said : $"{said} Gardé sans nom : {string.Join(", ", kept)}.";
    }
}

/// <summary>
/// Deletes an account and everything that is only its own. What others read and build on
/// (proposals, testimonies, a seat in a past session) stays, signed « un·e jeune » or « un parent ».
/// Safety cases stay with the team, no longer linked to the account.
/// </summary>
public sealed class AccountEraser(ParticipationDb db, UserManager<Member> users, ILogger<AccountEraser> logger)
{
    /// <summary>How an erased person's contributions are signed, from the kind of account they had.</summary>
    public static string AnonymousLabel(IEnumerable<string> roles)
    {
        var held = roles.ToList();
        return held.Contains(Roles.Young) ? AuthorKind.YoungMember.Label()
            : held.Contains(Roles.Parent) ? AuthorKind.Parent.Label()
            : AuthorKind.Professional.Label();
    }

    /// <summary>The kind of account, as the log of erasures keeps it.</summary>
    public static string AccountKind(IEnumerable<string> roles)
    {
        var held = roles.ToList();
        return held.Count == 0 ? "Compte" : string.Join(", ", held.Select(Roles.Label));
    }

    /// <summary>
    /// Erases the account in one transaction, or returns null when it cannot: it no longer exists,
    /// or it started micro-trottoirs that <paramref name="heirId"/> must take over and none was given.
    /// </summary>
    public async Task<ErasureSummary?> EraseAsync(string memberId, string? heirId, CancellationToken cancellation = default)
    {
        var member = await db.Users.SingleOrDefaultAsync(u => u.Id == memberId, cancellation);
        if (member is null)
        {
            return null;
        }
        var roles = await users.GetRolesAsync(member);
        var label = AnonymousLabel(roles);
        var campaigns = db.Campaigns.Where(c => c.CreatedById == memberId);
        if (heirId is null && await campaigns.AnyAsync(cancellation))
        {
            logger.LogWarning("An account that started micro-trottoirs was not erased: someone must take them over.");
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        if (heirId is not null)
        {
            await campaigns.ExecuteUpdateAsync(set => set.SetProperty(c => c.CreatedById, heirId), cancellation);
        }
        var authored = db.ProposalAuthors.Where(a => a.MemberId == memberId);
        var proposals = await authored.CountAsync(cancellation);
        await db.ProposalEvents.Where(e => e.ActorId == memberId && e.ActorLabel == member.Pseudonym)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ActorLabel, label).SetProperty(e => e.ActorId, (string?)null), cancellation);
        await db.ProposalEvents.Where(e => e.ActorId == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ActorId, (string?)null), cancellation);
        await authored.ExecuteUpdateAsync(set => set.SetProperty(a => a.MemberId, (string?)null), cancellation);

        // A support goes with the account: the proposals it backed count one less.
        var supported = db.Supports.Where(s => s.MemberId == memberId);
        var supports = await supported.CountAsync(cancellation);
        await db.Proposals.Where(p => supported.Any(s => s.ProposalId == p.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.SupportCount, p => p.SupportCount - 1), cancellation);
        await supported.ExecuteDeleteAsync(cancellation);

        var testimonies = await db.Testimonies.Where(t => t.MemberId == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.MemberId, (string?)null).SetProperty(t => t.Pseudonym, (string?)null), cancellation);
        await db.Testimonies.Where(t => t.CollectedById == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.CollectedById, (string?)null), cancellation);
        var seats = await db.Participants.Where(p => p.MemberId == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.MemberId, (string?)null).SetProperty(p => p.Pseudonym, label), cancellation);
        await db.SafetyCases.Where(c => c.AuthorMemberId == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.AuthorMemberId, (string?)null), cancellation);
        await db.Users.Where(u => u.CreatedById == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.CreatedById, (string?)null), cancellation);
        var posts = await db.PeerPosts.CountAsync(p => p.AuthorId == memberId, cancellation);

        // Whatever else is only the account's own (notifications, registrations, votes, messages, mutes) goes with it.
        db.ChangeTracker.Clear();
        var fresh = await db.Users.SingleAsync(u => u.Id == memberId, cancellation);
        var deleted = await users.DeleteAsync(fresh);
        if (!deleted.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", deleted.Errors.Select(e => e.Description)));
        }
        await db.Erasures.Where(e => e.MemberId == memberId && e.Status == ErasureStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, ErasureStatus.Done).SetProperty(e => e.Note, (string?)null), cancellation);
        await db.Erasures.Where(e => e.MemberId == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.MemberId, (string?)null).SetProperty(e => e.Pseudonym, (string?)null), cancellation);
        await transaction.CommitAsync(cancellation);
        return new ErasureSummary(proposals, testimonies, seats, posts, supports);
    }
}
