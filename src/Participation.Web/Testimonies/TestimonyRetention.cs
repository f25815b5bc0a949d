using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Participation.Web.Data;
using Participation.Web.Media;

namespace Participation.Web.Testimonies;

/// <summary>
/// Keeps the privacy page's promise: recordings and photos are deleted a set time after their
/// campaign ends (three months as shipped). The wall then keeps the transcripts and the photos'
/// descriptions, and says the files were deleted.
/// </summary>
public sealed class TestimonyRetention(IServiceScopeFactory scopes, IOptions<TestimoniesOptions> options, TimeProvider clock, ILogger<TestimonyRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception fault) when (fault is not OperationCanceledException)
            {
                logger.LogError(fault, "The media retention sweep failed; it runs again at the next tick.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the files of every campaign ended longer ago than the retention period; returns how many files.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var store = scope.ServiceProvider.GetRequiredService<MediaStore>();
        var now = clock.GetUtcNow();
        var before = now - options.Value.MediaRetention;
        var due = await db.Campaigns
            .Where(c => c.MediaDeletedAt == null && (c.ClosesAt <= before || (c.ClosedAt != null && c.ClosedAt <= before)))
            .ToListAsync(cancellation);
        var deleted = 0;
        foreach (var campaign in due)
        {
            var testimonies = await db.Testimonies.Include(t => t.Media).Where(t => t.CampaignId == campaign.Id).ToListAsync(cancellation);
            var failed = 0;
            foreach (var testimony in testimonies.Where(t => t.Media.Count > 0))
            {
                // The file goes first and its row only after: a file that cannot be deleted keeps its
                // row, so the next sweep tries it again instead of forgetting it on the disk.
                foreach (var media in testimony.Media.ToList())
                {
                    try
                    {
                        store.Delete(media.FileName);
                        db.TestimonyMedia.Remove(media);
                        deleted++;
                    }
                    catch (Exception fault) when (fault is IOException or UnauthorizedAccessException)
                    {
                        failed++;
                        logger.LogError(fault, "Could not delete a file of testimony {Testimony}; the next sweep tries again.", testimony.Id);
                    }
                }
                testimony.MediaDeletedAt ??= now;
            }
            if (failed == 0)
            {
                campaign.MediaDeletedAt = now;
            }
            await db.SaveChangesAsync(cancellation);
            logger.LogInformation("Deleted the recordings and photos of campaign {Campaign}, ended on {End}; {Failed} could not be deleted.", campaign.Id, campaign.EndsAt, failed);
        }
        // Uploads left half-read by a stopped process hold raw files, metadata and all.
        deleted += store.SweepWorkingFolder(TimeSpan.FromHours(1));
        return deleted;
    }
}
