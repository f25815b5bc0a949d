using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Plan;

namespace Participation.Web.Data;

public sealed class ParticipationDb(DbContextOptions<ParticipationDb> options)
    : IdentityDbContext<Member, IdentityRole, string>(options)
{
    public DbSet<Establishment> Establishments => Set<Establishment>();
    public DbSet<DepartmentPlan> Plans => Set<DepartmentPlan>();
    public DbSet<PlanNode> PlanNodes => Set<PlanNode>();
    public DbSet<Commitment> Commitments => Set<Commitment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ParticipationDb).Assembly);
    }
}
