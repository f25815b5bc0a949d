using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Participation.Web.Data;

public sealed class DatabaseHealthCheck(ParticipationDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("La base de données ne répond pas.");
}
