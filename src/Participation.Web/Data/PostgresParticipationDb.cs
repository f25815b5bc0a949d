using Microsoft.EntityFrameworkCore;
using Participation.Web.Council;
using Participation.Web.Proposals;

namespace Participation.Web.Data;

/// <summary>
/// The site's data on PostgreSQL: the same model as <see cref="ParticipationDb"/>, with the
/// migrations of PostgresMigrations/. Registered so that everything asking for a
/// <see cref="ParticipationDb"/> gets this one when <c>Database:Provider</c> is <c>Postgres</c>.
/// </summary>
public sealed class PostgresParticipationDb(DbContextOptions<PostgresParticipationDb> options) : ParticipationDb(options)
{
    // timestamptz holds an instant: a time given with Paris's offset is stored as the same instant in UTC.
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        configuration.Properties<DateTimeOffset>().HaveConversion<InstantInUtc>();
    }

    private sealed class InstantInUtc() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        at => at.ToUniversalTime(), at => at);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Filters are SQL: PostgreSQL folds unquoted names to lower case, so the columns are quoted.
        builder.Entity<Participant>().HasIndex(p => new { p.SessionId, p.MemberId }).HasFilter("\"MemberId\" IS NOT NULL");
        builder.Entity<ProposalEvent>().HasIndex(e => e.PhotoFile).HasFilter("\"PhotoFile\" IS NOT NULL");
        // The columns lists filter on, beside each id: a filter the other indexes do not serve (age
        // bands, themes, a node of the plan) reads this narrow index instead of the wide rows.
        builder.Entity<Proposal>().HasIndex(p => p.Id, "IX_Proposals_Filters")
            .IncludeProperties(p => new { p.Status, p.Channel, p.Themes, p.AgeBands, p.HeldForSafety, p.CreatedAt });
        // Lists walk the newest first, filtering as they go: the filtered columns beside each date
        // spare a visit to every row passed over.
        builder.Entity<Proposal>().HasIndex(p => p.CreatedAt)
            .IncludeProperties(p => new { p.Id, p.Status, p.Channel, p.Themes, p.AgeBands, p.HeldForSafety });
        // A node of the plan gives its proposals from the index alone.
        builder.Entity<ProposalPlanLink>().HasIndex(l => l.PlanNodeId).IncludeProperties(l => l.ProposalId);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a running site or database.</summary>
public sealed class PostgresParticipationDbFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresParticipationDb>
{
    public PostgresParticipationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresParticipationDb>().UseNpgsql("Host=localhost;Database=participation").Options);
}
