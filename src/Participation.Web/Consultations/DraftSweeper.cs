using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Consultations;

/// <summary>
/// A draft is kept only so that a parent can finish it: once its questionnaire has closed it can
/// never be sent, so it is deleted, at start-up and then every few hours.
/// </summary>
public sealed class DraftSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DraftSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    public async Task<int> SweepAsync(CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var now = clock.GetUtcNow();
        var stale = db.Responses.Where(r => r.Status == ResponseStatus.Draft && db.Questionnaires.Any(q => q.Id == r.QuestionnaireId && q.ClosesAt <= now));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await db.Answers.Where(a => stale.Any(r => r.Id == a.ResponseId)).ExecuteDeleteAsync(cancellation);
        var deleted = await stale.ExecuteDeleteAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        if (deleted > 0)
        {
            await db.Database.ForgetDeletedRowsAsync(cancellation);
            logger.LogInformation("{Count} unfinished drafts of closed consultations deleted", deleted);
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Deleting the drafts of closed consultations failed; trying again later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
