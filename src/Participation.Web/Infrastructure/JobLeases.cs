using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Participation.Web.Data;

namespace Participation.Web.Infrastructure;

/// <summary>Who runs a periodic job, and until when, when several instances share the database.</summary>
public sealed class JobLease
{
    public required string Job { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

public sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> lease)
    {
        lease.HasKey(l => l.Job);
        lease.Property(l => l.Job).HasMaxLength(100);
        lease.Property(l => l.Holder).HasMaxLength(200);
    }
}

/// <summary>
/// The leases of this instance. A lease is taken with one conditional UPDATE (free, expired or
/// already ours), or an INSERT the first time a job is seen, so that two instances asking at the
/// same moment cannot both get it, on SQLite as on PostgreSQL. The holder renews it well before
/// it ends; an instance that stops gives it back, one that dies loses it once it has expired.
/// </summary>
public sealed class JobLeases(ThisInstance instance, IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobLeases> logger)
{
    /// <summary>The lease of what an instance creates in the database as it starts (roles, circles, plans, the demo).</summary>
    public const string StartUp = "start-up";

    /// <summary>How long a lease lasts without being renewed: how long a dead holder's jobs wait.</summary>
    public static readonly TimeSpan Lasts = TimeSpan.FromMinutes(2);

    /// <summary>How often the holder renews, and the others ask.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    private readonly HashSet<string> _held = [];

    /// <summary>This instance, as the table names it: the machine and the process, for whoever reads it.</summary>
    public string Instance => instance.Name;

    /// <summary>Whether this instance holds the job's lease, as far as it last knew.</summary>
    public bool Holds(string job)
    {
        lock (_held)
        {
            return _held.Contains(job);
        }
    }

    /// <summary>Takes or renews the lease; true when this instance holds it until <see cref="Lasts"/> from now.</summary>
    public async Task<bool> TryTakeAsync(string job, CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var now = clock.GetUtcNow();
        var until = now + Lasts;
        var me = Instance;
        var taken = await db.JobLeases
            .Where(l => l.Job == job && (l.Holder == me || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresAt, until), cancellation) == 1;
        if (!taken && !await db.JobLeases.AnyAsync(l => l.Job == job, cancellation))
        {
            db.JobLeases.Add(new JobLease { Job = job, Holder = me, ExpiresAt = until });
            try
            {
                await db.SaveChangesAsync(cancellation);
                taken = true;
            }
            catch (DbUpdateException)
            {
                // Another instance inserted it first: it holds the lease.
            }
        }
        Note(job, taken);
        return taken;
    }

    /// <summary>
    /// Gives the lease back, so that another instance takes the job at once rather than after expiry:
    /// its row goes, so that the next taker's clock, a little behind this one's, does not see it held.
    /// </summary>
    public async Task ReleaseAsync(string job, CancellationToken cancellation = default)
    {
        Note(job, false);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var me = Instance;
        await db.JobLeases.Where(l => l.Job == job && l.Holder == me).ExecuteDeleteAsync(cancellation);
    }

    /// <summary>
    /// Runs <paramref name="work"/> while this instance holds the job's lease, waiting its turn (asking
    /// twice a second) and keeping the lease as long as the work lasts: instances started together
    /// take turns, and each finds what the one before it made.
    /// </summary>
    public async Task OneAtATimeAsync(string job, Func<Task> work)
    {
        for (var tries = 1; !await TryTakeAsync(job); tries++)
        {
            if (tries % 20 == 0)
            {
                await using var scope = scopes.CreateAsyncScope();
                var holder = await scope.ServiceProvider.GetRequiredService<ParticipationDb>().JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Job == job);
                logger.LogInformation("Waiting for the lease of {Job}, held by {Holder} until {ExpiresAt}", job, holder?.Holder, holder?.ExpiresAt);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        using var done = new CancellationTokenSource();
        var keep = KeepAsync(job, done.Token);
        try
        {
            await work();
        }
        finally
        {
            await done.CancelAsync();
            try
            {
                await keep;
            }
            catch (OperationCanceledException)
            {
                // Done: the lease is no longer kept.
            }
            try
            {
                await ReleaseAsync(job);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not given back: it runs out by itself, and the work's own outcome is what matters here.
                logger.LogWarning(e, "The lease of {Job} could not be given back; it runs out in {Lasts}", job, Lasts);
            }
        }
    }

    /// <summary>Returns once this instance holds the lease, asking every <see cref="Every"/>.</summary>
    public async Task WaitForAsync(string job, CancellationToken stopping)
    {
        while (await TryQuietlyAsync(job, stopping) is not true)
        {
            await Task.Delay(Every, clock, stopping);
        }
    }

    /// <summary>Renews the lease every <see cref="Every"/>; returns when it is lost to another instance.</summary>
    public async Task KeepAsync(string job, CancellationToken stopping)
    {
        var heldUntil = clock.GetUtcNow() + Lasts;
        while (true)
        {
            await Task.Delay(Every, clock, stopping);
            switch (await TryQuietlyAsync(job, stopping))
            {
                case true:
                    heldUntil = clock.GetUtcNow() + Lasts;
                    break;
                case false:
                    return;
                case null when clock.GetUtcNow() >= heldUntil:
                    Note(job, false);
                    return;
            }
        }
    }

    // A database that does not answer takes nothing and loses nothing yet (null): the lease's expiry decides.
    private async Task<bool?> TryQuietlyAsync(string job, CancellationToken stopping)
    {
        try
        {
            return await TryTakeAsync(job, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The lease of {Job} could not be taken or renewed; trying again shortly", job);
            return null;
        }
    }

    private void Note(string job, bool held)
    {
        lock (_held)
        {
            if (held)
            {
                _held.Add(job);
            }
            else
            {
                _held.Remove(job);
            }
        }
    }
}

/// <summary>
/// A periodic job that must run in one instance only: it is started while this instance holds the
/// job's lease, and stopped when the lease is lost. The job itself stays a plain <see cref="BackgroundService"/>.
/// </summary>
public sealed class LeasedJob<TJob>(string name, TJob job, JobLeases leases, ILogger<LeasedJob<TJob>> logger) : BackgroundService
    where TJob : IHostedService
{
    public string Name => name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await leases.WaitForAsync(name, stoppingToken);
            logger.LogInformation("{Job} runs on this instance ({Instance})", name, leases.Instance);
            await job.StartAsync(stoppingToken);
            try
            {
                await leases.KeepAsync(name, stoppingToken);
                logger.LogWarning("{Job} stops on this instance: another one took its lease", name);
            }
            finally
            {
                await job.StopAsync(CancellationToken.None);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await leases.ReleaseAsync(name, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The lease of {Job} could not be given back; another instance takes it once it expires", name);
        }
    }
}

public static class LeasedJobExtensions
{
    /// <summary>Runs the job, a singleton already registered, in one instance of the site at a time.</summary>
    public static IServiceCollection AddLeasedJob<TJob>(this IServiceCollection services, string name)
        where TJob : IHostedService =>
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<LeasedJob<TJob>>(provider, name, provider.GetRequiredService<TJob>()));
}
