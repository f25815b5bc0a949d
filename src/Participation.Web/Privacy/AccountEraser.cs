using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Privacy;

/// <summary>What an erasure removed and what it left unsigned, in figures.</summary>
public sealed record ErasureSummary(int Proposals, int Testimonies, int Seats, int Posts, int Supports)
{
    public string InFrench()
    {
        var kept = new List<string>();
        if (Proposals > 0) kept.Add(Infrastructure.Plural.Count(Proposals, "proposition", "propositions", ""));
        if (Seats > 0) kept.Add(Infrastructure.Plural.Count(Seats, "présence en séance", "présences en séance", ""));
        var removed = new List<string> { "le compte" };
        if (Posts > 0) removed.Add(Infrastructure.Plural.Count(Posts, "message d'entraide", "messages d'entraide", ""));
        if (Supports > 0) removed.Add(Infrastructure.Plural.Count(Supports, "soutien", "soutiens", ""));
        if (Testimonies > 0) removed.Add(Infrastructure.Plural.Count(Testimonies, "témoignage retiré", "témoignages retirés", ""));
        var said = $"Effacé : {string.Join(", ", removed)}.";
        return kept.Count == 0 ? said : $"{said} Gardé sans nom : {string.Join(", ", kept)}.";
    }
}

/// <summary>
/// Deletes an account and everything that is only its own. What others read and build on
/// (proposals, a seat in a past session) stays, signed « un·e jeune » or « un parent ».
/// Testimonies are withdrawn as with their code: a photo or a voice points to a person without
/// any name. Safety cases stay with the team, no longer linked to the account.
/// </summary>
public sealed class AccountEraser(ParticipationDb db, UserManager<Member> users, Testimonies.TestimonyWithdrawal testimonies, TimeProvider clock, ILogger<AccountEraser> logger)
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
    public async Task<ErasureSummary?> EraseAsync(string memberId, string? heirId, CancellationToken cancellation = default) =>
        await EraseAsync(memberId, heirId, stillDue: null, cancellation);

    /// <summary>
    /// As above, once <paramref name="stillDue"/> holds for the account as it is read inside the
    /// transaction: the retention job erases no one who signed in since it looked, and staff erase
    /// no one who took their request back meanwhile.
    /// </summary>
    public async Task<ErasureSummary?> EraseAsync(string memberId, string? heirId, Func<Member, Task<bool>>? stillDue, CancellationToken cancellation = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var member = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == memberId, cancellation);
        if (member is null || (stillDue is not null && !await stillDue(member)))
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

        if (heirId is not null)
        {
            await campaigns.ExecuteUpdateAsync(set => set.SetProperty(c => c.CreatedById, heirId), cancellation);
        }
        var authored = db.ProposalAuthors.Where(a => a.MemberId == memberId);
        var proposals = await authored.CountAsync(cancellation);
        // Their steps on their proposals' trails, and those that name them without an id: an idea of a
        // session they sat in, signed there with their pseudonym.
        var fromTheirIdeas = db.Ideas.Where(i => i.ProposalId != null && db.Participants.Any(p => p.Id == i.ParticipantId && p.MemberId == memberId)).Select(i => i.ProposalId!.Value);
        await db.ProposalEvents
            .Where(e => e.ActorLabel == member.Pseudonym && (e.ActorId == memberId || authored.Any(a => a.ProposalId == e.ProposalId) || fromTheirIdeas.Contains(e.ProposalId)))
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

        var given = await db.Testimonies.Include(t => t.Media).Where(t => t.MemberId == memberId).ToListAsync(cancellation);
        foreach (var testimony in given)
        {
            await testimonies.EraseAsync(testimony);
        }
        await db.Testimonies.Where(t => t.CollectedById == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.CollectedById, (string?)null), cancellation);
        var seats = await db.Participants.Where(p => p.MemberId == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.MemberId, (string?)null).SetProperty(p => p.Pseudonym, label), cancellation);
        // Staff who acted on a safety case stay named in its record: accountability outlives the account.
        if (await db.CaseActions.AnyAsync(a => a.ById == memberId, cancellation) || await db.RealNameViews.AnyAsync(v => v.ById == memberId, cancellation)
            || await db.SafetyCases.AnyAsync(c => c.FirstSeenById == memberId, cancellation))
        {
            db.FormerAccounts.Add(new FormerAccount { Id = memberId, Pseudonym = member.Pseudonym, ErasedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellation);
        }
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
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, ErasureStatus.Done), cancellation);
        await db.Erasures.Where(e => e.MemberId == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.MemberId, (string?)null).SetProperty(e => e.Pseudonym, (string?)null).SetProperty(e => e.RequestedById, (string?)null), cancellation);
        await transaction.CommitAsync(cancellation);
        await db.Database.ForgetDeletedRowsAsync(cancellation);
        return new ErasureSummary(proposals, given.Count, seats, posts, supports);
    }
}
