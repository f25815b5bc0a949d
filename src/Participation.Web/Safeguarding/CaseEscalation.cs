using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Participation.Web.Data;
using Participation.Web.Notifications;
using Participation.Web.Shared;

namespace Participation.Web.Safeguarding;

/// <summary>
/// A case no one has opened after <see cref="SafeguardingOptions.EscalateAfter"/> is escalated once:
/// every administrator gets a notification, the site logs a warning, and the on-call address gets
/// an e-mail when a mail server is configured.
/// </summary>
public sealed class CaseEscalation(IServiceScopeFactory scopes, IOptions<SafeguardingOptions> options, OnCallMail mail, TimeProvider clock, ILogger<CaseEscalation> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    /// <summary>The on-call e-mail, off unless a mail server and an address are set.</summary>
    public OnCallMail Mail => mail;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                await EscalateDueAsync(stopping);
                await RemindStalledAsync(stopping);
            }
            catch (Exception fault) when (fault is not OperationCanceledException)
            {
                logger.LogError(fault, "Escalating unopened safety cases failed; it is tried again shortly.");
            }
        }
    }

    /// <summary>
    /// Tells every administrator, once, of the cases someone opened but on which no action has been
    /// recorded after <see cref="SafeguardingOptions.ActAfter"/>: a first look is not help given.
    /// Returns how many.
    /// </summary>
    public async Task<int> RemindStalledAsync(CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var now = clock.GetUtcNow();
        var due = now - options.Value.ActAfter;
        var cases = await db.SafetyCases
            .Where(c => c.Status == CaseStatus.Open && c.FirstSeenAt != null && c.FirstActionAt == null && c.StalledAt == null && c.FirstSeenAt <= due)
            .OrderBy(c => c.FirstSeenAt)
            .ToListAsync(cancellation);
        if (cases.Count == 0)
        {
            return 0;
        }
        var oldest = (int)Math.Round((now - cases[0].FirstSeenAt!.Value).TotalMinutes);
        var (text, link) = cases.Count == 1
            ? ($"Un cas de sécurité ouvert il y a {oldest} minutes n'a encore aucune action enregistrée.", $"/pilotage/vigilance/cas/{cases[0].Id}")
            : ($"{cases.Count} cas de sécurité ouverts n'ont encore aucune action enregistrée, le plus ancien depuis {oldest} minutes.", "/pilotage/vigilance/urgences");
        var admins = await TellAdministratorsAsync(db, text, link, now, cancellation);
        foreach (var safetyCase in cases)
        {
            safetyCase.StalledAt = now;
        }
        logger.LogWarning("{Count} safety cases opened but without any action, the oldest for {Minutes} minutes: {Admins} administrators told.", cases.Count, oldest, admins);
        await db.SaveChangesAsync(cancellation);
        return cases.Count;
    }

    /// <summary>Escalates every case due now; returns how many.</summary>
    public async Task<int> EscalateDueAsync(CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var now = clock.GetUtcNow();
        var due = now - options.Value.EscalateAfter;
        var cases = await db.SafetyCases
            .Where(c => c.Status == CaseStatus.Open && c.FirstSeenAt == null && c.EscalatedAt == null && c.FlaggedAt <= due)
            .OrderBy(c => c.FlaggedAt)
            .ToListAsync(cancellation);
        if (cases.Count == 0)
        {
            return 0;
        }
        var oldest = (int)Math.Round((now - cases[0].FlaggedAt).TotalMinutes);
        // One case: a notification that opens it. Several at once: one notification that opens the queue,
        // so that a burst of cases never buries the administrators' notifications.
        var (text, link) = cases.Count == 1
            ? ($"Urgent : un cas de sécurité ({CaseWords.Categories(cases[0].Categories)}) attend depuis {oldest} minutes sans avoir été ouvert.", $"/pilotage/vigilance/cas/{cases[0].Id}")
            : ($"Urgent : {cases.Count} cas de sécurité attendent sans avoir été ouverts, le plus ancien depuis {oldest} minutes.", "/pilotage/vigilance/urgences");
        var admins = await TellAdministratorsAsync(db, text, link, now, cancellation);
        foreach (var safetyCase in cases)
        {
            safetyCase.EscalatedAt = now;
        }
        logger.LogWarning("{Count} safety cases unopened, the oldest for {Minutes} minutes: escalated to {Admins} administrators.", cases.Count, oldest, admins);
        await db.SaveChangesAsync(cancellation);
        await mail.SendAsync(cases, cancellation);
        return cases.Count;
    }

    /// <summary>One notification to every administrator; returns how many were told.</summary>
    private static async Task<int> TellAdministratorsAsync(ParticipationDb db, string text, string link, DateTimeOffset now, CancellationToken cancellation)
    {
        var admins = await db.MembersInRole(Roles.Admin).Select(u => u.Id).ToListAsync(cancellation);
        db.Notifications.AddRange(admins.Select(admin => new Notification { MemberId = admin, Text = text, Link = link, CreatedAt = now }));
        return admins.Count;
    }
}
