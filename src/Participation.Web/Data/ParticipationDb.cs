using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Plan;
using Participation.Web.Proposals;

namespace Participation.Web.Data;

public sealed class ParticipationDb(DbContextOptions<ParticipationDb> options)
    : IdentityDbContext<Member, IdentityRole, string>(options)
{
    public DbSet<Establishment> Establishments => Set<Establishment>();
    public DbSet<DepartmentPlan> Plans => Set<DepartmentPlan>();
    public DbSet<PlanNode> PlanNodes => Set<PlanNode>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<ProposalAuthor> ProposalAuthors => Set<ProposalAuthor>();
    public DbSet<ProposalPlanLink> ProposalPlanLinks => Set<ProposalPlanLink>();
    public DbSet<ProposalEvent> ProposalEvents => Set<ProposalEvent>();
    public DbSet<Support> Supports => Set<Support>();
    public DbSet<Notification> Notifications => Set<Notification>();

    // SQLite cannot compare or sort DateTimeOffset text; stored as numbers (all UTC here) it can.
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ParticipationDb).Assembly);
    }
}
