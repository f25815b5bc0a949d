using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Participation.Web.Data;

namespace Participation.Web.Safeguarding;

/// <summary>
/// Feeds the detector the names of the establishments in the database, before the site serves
/// anything and then every few minutes, so that a child naming their care home is caught even
/// when no pattern would. Pages that add or rename an establishment can call <see cref="RefreshAsync"/>.
/// </summary>
public sealed class EstablishmentPlaces(
    IServiceScopeFactory scopes,
    RiskDetector detector,
    IOptions<SafeguardingOptions> options,
    TimeProvider clock,
    ILogger<EstablishmentPlaces> logger) : BackgroundService, IHostedLifecycleService
{
    public async Task<int> RefreshAsync(CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var names = await db.Establishments.Select(e => e.Name).ToListAsync(cancellation);
        detector.UsePlaces(names);
        return names.Count;
    }

    // Runs before the web server starts: the lists are read (a malformed one stops the start) and the
    // names are in place before the first text arrives.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Safeguarding lists: {Rules} entries, {Exceptions} exceptions", detector.Lists.Risks.Sum(f => f.Entries.Count) + detector.Lists.PersonalDetails.Sum(f => f.Entries.Count), detector.Lists.Exceptions.Entries.Count);
        await RefreshQuietlyAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PlacesRefresh, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RefreshQuietlyAsync(stoppingToken);
        }
    }

    private async Task RefreshQuietlyAsync(CancellationToken cancellation)
    {
        try
        {
            await RefreshAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The patterns still catch « foyer … », « MECS … »; the names come back at the next refresh.
            logger.LogWarning(e, "Reading the establishment names for the safeguarding detector failed; trying again later");
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
