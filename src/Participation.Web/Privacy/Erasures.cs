using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Notifications;
using Participation.Web.Shared;

namespace Participation.Web.Privacy;

/// <summary>Requests to erase an account, and the staff's decisions on them.</summary>
public sealed class Erasures(ParticipationDb db, UserManager<Member> users, AccountEraser eraser, TimeProvider clock)
{
    public const string ErasurePage = "/pilotage/effacements";

    public Task<Erasure?> PendingForAsync(string memberId) =>
        db.Erasures.AsNoTracking().FirstOrDefaultAsync(e => e.MemberId == memberId && e.Status == ErasureStatus.Pending);

    /// <summary>The person's last request, if staff refused it: its reason stays on the page where they would ask again.</summary>
    public async Task<Erasure?> LastRefusedForAsync(string memberId) =>
        await db.Erasures.AsNoTracking().Where(e => e.MemberId == memberId).OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.Id).FirstOrDefaultAsync()
            is { Status: ErasureStatus.Refused } refused ? refused : null;

    /// <summary>How a refusal reads to the person: what was decided, the team's words, and what they can do.</summary>
    public static string RefusalText(string reason, bool young) => young
        ? $"L'équipe n'a pas effacé ton compte. Elle explique : « {reason} » Tu peux en parler à ton animateur ou à ton animatrice, et redemander quand tu veux."
        : $"L'équipe n'a pas effacé votre compte. Elle explique : « {reason} » Vous pouvez redemander quand vous voulez, ou écrire au délégué à la protection des données.";

    /// <summary>
    /// The person asks; every administrator is told, once a day at most whatever the person does.
    /// Asking twice keeps the first request. No message is asked for: no one need say why.
    /// </summary>
    public async Task<CommandResult> RequestAsync(string memberId)
    {
        if (await PendingForAsync(memberId) is { } already)
        {
            return CommandResult.Ok();
        }
        var member = await db.Users.SingleOrDefaultAsync(u => u.Id == memberId);
        if (member is null)
        {
            return CommandResult.Fail("", "Ce compte n'existe plus.");
        }
        var roles = await users.GetRolesAsync(member);
        var now = clock.GetUtcNow();
        // Asking again soon after taking a request back revives that request: going back and forth
        // makes one line in the staff's log, not one per click.
        var recent = await db.Erasures.Where(e => e.MemberId == memberId && e.Status == ErasureStatus.Withdrawn && e.RequestedAt > now.AddDays(-1))
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync();
        if (recent is not null)
        {
            recent.Status = ErasureStatus.Pending;
            recent.DecidedAt = null;
            recent.Outcome = null;
            await db.SaveChangesAsync();
            return CommandResult.Ok();
        }
        var erasure = new Erasure
        {
            Source = ErasureSource.Request, Status = ErasureStatus.Pending, MemberId = memberId, Pseudonym = member.Pseudonym,
            AccountKind = AccountEraser.AccountKind(roles), RequestedAt = now, RequestedById = memberId,
        };
        db.Erasures.Add(erasure);
        var toldToday = await db.Erasures.AnyAsync(e => e.RequestedById == memberId && e.RequestedAt > now.AddDays(-1));
        var admins = toldToday ? [] : await db.MembersInRole(Roles.Admin).Where(a => a.Id != memberId).Select(a => a.Id).ToListAsync();
        db.Notifications.AddRange(admins.Select(admin => new Notification
        {
            MemberId = admin, Text = "Une personne demande l'effacement de son compte.", Link = ErasurePage, CreatedAt = now,
        }));
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>The person changes their mind before staff decide.</summary>
    public async Task<bool> WithdrawAsync(string memberId)
    {
        var now = clock.GetUtcNow();
        return await db.Erasures.Where(e => e.MemberId == memberId && e.Status == ErasureStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, ErasureStatus.Withdrawn).SetProperty(e => e.DecidedAt, now)
                .SetProperty(e => e.Outcome, "La personne a retiré sa demande.")) > 0;
    }

    private const string TakenBack = "La personne a retiré sa demande : son compte n'a pas été effacé.";

    /// <summary>Staff confirm: the account is erased and the request keeps only what was done.</summary>
    public async Task<CommandResult> ConfirmAsync(int id, Actor staff)
    {
        var erasure = await db.Erasures.SingleOrDefaultAsync(e => e.Id == id);
        if (erasure is { Status: ErasureStatus.Withdrawn })
        {
            return CommandResult.Fail("", TakenBack);
        }
        if (erasure is not { Status: ErasureStatus.Pending, MemberId: { } memberId })
        {
            return CommandResult.Fail("", "Cette demande a déjà été traitée.");
        }
        if (memberId == staff.MemberId)
        {
            return CommandResult.Fail("", "Une autre personne de l'équipe doit confirmer l'effacement de votre propre compte.");
        }
        if (await IsLastAdministratorAsync(memberId))
        {
            return CommandResult.Fail("", "C'est le dernier compte de pilotage : donnez ce rôle à quelqu'un d'autre avant de l'effacer.");
        }
        // Claimed inside the erasure's transaction: a request taken back a moment before erases nothing.
        var summary = await eraser.EraseAsync(memberId, staff.MemberId, stillDue: async _ =>
            await db.Erasures.Where(e => e.Id == id && e.Status == ErasureStatus.Pending)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, ErasureStatus.Done)) > 0);
        if (summary is null)
        {
            return await db.Erasures.AnyAsync(e => e.Id == id && e.Status == ErasureStatus.Withdrawn)
                ? CommandResult.Fail("", TakenBack)
                : CommandResult.Fail("", "Ce compte n'existe plus.");
        }
        var done = await db.Erasures.SingleAsync(e => e.Id == id);
        done.Status = ErasureStatus.Done;
        done.DecidedAt = clock.GetUtcNow();
        done.DecidedById = staff.MemberId;
        done.DecidedByLabel = staff.PublicLabel;
        done.Outcome = summary.InFrench();
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>Staff refuse, saying why; the person reads the reason in their notifications.</summary>
    public async Task<CommandResult> RefuseAsync(int id, string? reason, Actor staff)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is null)
        {
            return CommandResult.Fail("Reason", "Dites pourquoi : la personne lira cette raison.");
        }
        if (reason.Length > Erasure.ReasonMaxLength)
        {
            return CommandResult.Fail("Reason", $"La raison peut faire {Erasure.ReasonMaxLength} caractères au plus ; elle en fait {reason.Length}.");
        }
        var erasure = await db.Erasures.SingleOrDefaultAsync(e => e.Id == id);
        if (erasure is { Status: ErasureStatus.Withdrawn })
        {
            return CommandResult.Fail("", TakenBack);
        }
        if (erasure is not { Status: ErasureStatus.Pending, MemberId: { } memberId })
        {
            return CommandResult.Fail("", "Cette demande a déjà été traitée.");
        }
        var now = clock.GetUtcNow();
        var young = await db.MembersInRole(Roles.Young).AnyAsync(u => u.Id == memberId);
        erasure.Status = ErasureStatus.Refused;
        erasure.DecidedAt = now;
        erasure.DecidedById = staff.MemberId;
        erasure.DecidedByLabel = staff.PublicLabel;
        erasure.Outcome = reason;
        db.Notifications.Add(new Notification
        {
            MemberId = memberId, Text = RefusalText(reason, young), Link = "/compte/effacement", CreatedAt = now,
        });
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    private async Task<bool> IsLastAdministratorAsync(string memberId) =>
        await db.MembersInRole(Roles.Admin).AnyAsync(a => a.Id == memberId)
        && !await db.MembersInRole(Roles.Admin).AnyAsync(a => a.Id != memberId);
}
