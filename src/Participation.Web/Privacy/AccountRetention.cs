using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Notifications;
using Participation.Web.Shared;

namespace Participation.Web.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>An account not signed into for this long is deleted, as the privacy page says.</summary>
    public TimeSpan DeleteAfter { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long before the deletion the person, or the facilitators who follow them, are told.</summary>
    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>What one pass of the retention job did.</summary>
public sealed record RetentionRun(int Warned, int Mailed, int Erased, int Skipped);

/// <summary>
/// Once a day: an account unused for 11 months is announced (by e-mail where there is one, and to
/// the facilitators who follow a young person); one unused for 12 months, announced at least a month
/// before, is erased. A sign-in clears both. Administrators' accounts are left to the team.
/// </summary>
public sealed class AccountRetention(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PrivacyOptions> options, ILogger<AccountRetention> logger)
    : BackgroundService
{
    public const string AutomaticLabel = "Effacement automatique";

    /// <summary>The moment the account was last used: its last sign-in, else its activation, else its creation.</summary>
    public static DateTimeOffset LastUse(Member member) => member.LastSignInAt ?? member.ActivatedAt ?? member.CreatedAt;

    /// <summary>The day the account will be deleted without a sign-in.</summary>
    public DateTimeOffset DeletionDay(Member member) => Later(LastUse(member) + options.Value.DeleteAfter, member.DeletionWarnedAt + options.Value.WarnBefore);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other > a ? other : a;

    /// <summary>The accounts the retention applies to: everyone but administrators.</summary>
    public static IQueryable<Member> Concerned(ParticipationDb db) =>
        db.Users.Where(u => !db.MembersInRole(Roles.Admin).Any(admin => admin.Id == u.Id));

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Unused for the whole period, and announced at least <see cref="PrivacyOptions.WarnBefore"/> ago.</summary>
    private bool Due(Member member, DateTimeOffset now) =>
        member.DeletionWarnedAt is { } warnedAt && warnedAt + options.Value.WarnBefore <= now && LastUse(member) + options.Value.DeleteAfter <= now;

    public async Task<RetentionRun> RunAsync(CancellationToken cancellation = default)
    {
        await _oneAtATime.WaitAsync(cancellation);
        try
        {
            return await PassAsync(cancellation);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<RetentionRun> PassAsync(CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ParticipationDb>();
        var mailer = services.GetRequiredService<Mailer>();
        var site = services.GetRequiredService<SiteAddress>();
        var eraser = services.GetRequiredService<AccountEraser>();
        var now = clock.GetUtcNow();
        var settings = options.Value;
        // A département has thousands of accounts, not millions: read once a day, they are compared here.
        var members = await Concerned(db).AsNoTracking().ToListAsync(cancellation);

        int erased = 0, skipped = 0;
        // Erased first, before any mail can hold the pass up; each checked again as it is inside the erasure.
        foreach (var member in members.Where(m => Due(m, now)))
        {
            var roles = await db.UserRoles.Where(ur => ur.UserId == member.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellation);
            var summary = await eraser.EraseAsync(member.Id, heirId: null, stillDue: fresh => Task.FromResult(Due(fresh, now)), cancellation);
            if (summary is null)
            {
                skipped++;
                continue;
            }
            db.Erasures.Add(new Erasure
            {
                Source = ErasureSource.Inactivity, Status = ErasureStatus.Done, AccountKind = AccountEraser.AccountKind(roles),
                RequestedAt = now, DecidedAt = now, DecidedByLabel = AutomaticLabel,
                Outcome = $"Aucune connexion depuis {FrenchDates.Day(LastUse(member))}. {summary.InFrench()}",
            });
            await db.SaveChangesAsync(cancellation);
            erased++;
        }
        int warned = 0, mailed = 0;
        var announced = new List<string>();
        foreach (var member in members.Where(m => m.DeletionWarnedAt is null && LastUse(m) + settings.DeleteAfter - settings.WarnBefore <= now))
        {
            // Conditional: a sign-in at this moment, or another pass, wins and no mail leaves twice.
            var claimed = await db.Users.Where(u => u.Id == member.Id && u.DeletionWarnedAt == null && u.LastSignInAt == member.LastSignInAt)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.DeletionWarnedAt, now), cancellation);
            if (claimed == 0)
            {
                continue;
            }
            member.DeletionWarnedAt = now;
            var day = DeletionDay(member);
            warned++;
            announced.Add(member.Id);
            if (member.Email is { Length: > 0 } email && await mailer.SendAsync(email, "Votre compte Participation va être effacé", $"""
                Bonjour,

                Le compte « {member.Pseudonym} » n'a pas servi depuis {FrenchDates.Day(LastUse(member))}. Comme le dit la page de confidentialité, un compte qui ne sert plus est effacé au bout de 12 mois.

                Sans connexion de votre part, il sera effacé le {FrenchDates.Day(day)}. Ce qui a été publié restera, sans votre nom.

                Pour garder le compte, il suffit de vous connecter : {site.Link("/compte/connexion") ?? "/compte/connexion"}
                Pour télécharger vos données avant : {site.Link("/compte/mes-donnees") ?? "/compte/mes-donnees"}

                Le Département
                """, cancellation))
            {
                mailed++;
            }
        }

        await TellFacilitatorsAsync(db, announced, now, cancellation);

        if (warned + erased + skipped > 0)
        {
            logger.LogInformation("Retention: {Warned} accounts announced ({Mailed} by e-mail), {Erased} erased, {Skipped} left for the team", warned, mailed, erased, skipped);
        }
        return new RetentionRun(warned, mailed, erased, skipped);
    }

    /// <summary>
    /// Young people have no e-mail: each facilitator who follows some of those announced today is
    /// told how many, and the administrators are told of those nobody follows.
    /// </summary>
    private static async Task TellFacilitatorsAsync(ParticipationDb db, List<string> announced, DateTimeOffset now, CancellationToken cancellation)
    {
        if (announced.Count == 0)
        {
            return;
        }
        var young = await db.MembersInRole(Roles.Young).Where(u => announced.Contains(u.Id) && (u.Email == null || u.Email == ""))
            .Select(u => new { u.CreatedById, u.EstablishmentId }).ToListAsync(cancellation);
        if (young.Count == 0)
        {
            return;
        }
        var facilitators = await db.MembersInRole(Roles.Facilitator).Select(f => f.Id).ToListAsync(cancellation);
        var follows = (await db.FollowedEstablishments.Select(f => new { f.FacilitatorId, f.EstablishmentId }).ToListAsync(cancellation))
            .ToLookup(f => f.FacilitatorId, f => f.EstablishmentId);
        bool Follows(string facilitator, string? createdBy, int? establishment) =>
            createdBy == facilitator || (establishment is { } place && follows[facilitator].Contains(place));
        var notifications = new List<Notification>();
        foreach (var facilitator in facilitators)
        {
            var count = young.Count(y => Follows(facilitator, y.CreatedById, y.EstablishmentId));
            if (count > 0)
            {
                notifications.Add(new Notification
                {
                    MemberId = facilitator, CreatedAt = now, Link = DueAccountsModel.Address,
                    Text = $"{Plural.Count(count, "compte d'un·e jeune que vous suivez sera effacé", "comptes de jeunes que vous suivez seront effacés", "")} dans un mois faute de connexion : prévenez-les.",
                });
            }
        }
        var nobodys = young.Count(y => !facilitators.Any(f => Follows(f, y.CreatedById, y.EstablishmentId)));
        if (nobodys > 0)
        {
            notifications.AddRange((await db.MembersInRole(Roles.Admin).Select(a => a.Id).ToListAsync(cancellation)).Select(admin => new Notification
            {
                MemberId = admin, CreatedAt = now, Link = DueAccountsModel.Address,
                Text = $"{Plural.Count(nobodys, "compte d'un·e jeune qu'aucun·e animateur·rice ne suit sera effacé", "comptes de jeunes qu'aucun·e animateur·rice ne suit seront effacés", "")} dans un mois faute de connexion.",
            }));
        }
        db.Notifications.AddRange(notifications);
        await db.SaveChangesAsync(cancellation);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
        do
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The retention pass failed; trying again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
