using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Participation.Web.Shared;

namespace Participation.Web.Plan;

/// <summary>
/// A département's policy plan (schéma). Its shape differs between départements, so it is a tree
/// whose kind at each depth is named by the plan itself (orientation → priorité → action, or
/// droit → objectif...).
/// </summary>
public sealed class DepartmentPlan
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Territory { get; set; }
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    public bool IsPrimary { get; set; }
    public required string Summary { get; set; }

    /// <summary>The kind of node at each depth, separated by '|'.</summary>
    public required string Levels { get; set; }

    public List<PlanNode> Nodes { get; set; } = [];
    public List<Commitment> Commitments { get; set; } = [];

    public IReadOnlyList<string> LevelNames => Levels.Split('|');
}

public sealed class PlanNode
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public DepartmentPlan? Plan { get; set; }
    public int? ParentId { get; set; }
    public PlanNode? Parent { get; set; }

    /// <summary>Stable dotted code from the pack ("2.3.1"); proposals link to nodes through it.</summary>
    public required string Code { get; set; }
    public required string Kind { get; set; }
    public int Depth { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public bool IsLeaf { get; set; }

    /// <summary>What an action is about, from the pack; a proposal on these themes is likely to belong here.</summary>
    public Theme Themes { get; set; }
}

/// <summary>A key engagement (engagement clé) of the plan, with its target years and actions.</summary>
public sealed class Commitment
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    public List<PlanNode> Actions { get; set; } = [];
}

public sealed class PlanConfiguration :
    IEntityTypeConfiguration<DepartmentPlan>, IEntityTypeConfiguration<PlanNode>, IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<DepartmentPlan> plan)
    {
        plan.ToTable("Plans");
        plan.HasIndex(p => p.Slug).IsUnique();
        plan.Property(p => p.Slug).HasMaxLength(80);
        plan.Property(p => p.Title).HasMaxLength(300);
        plan.Property(p => p.Territory).HasMaxLength(200);
        plan.Property(p => p.Levels).HasMaxLength(200);
        plan.Ignore(p => p.LevelNames);
        plan.HasMany(p => p.Nodes).WithOne(n => n.Plan).HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
        plan.HasMany(p => p.Commitments).WithOne().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PlanNode> node)
    {
        node.HasIndex(n => new { n.PlanId, n.Code }).IsUnique();
        node.Property(n => n.Code).HasMaxLength(40);
        node.Property(n => n.Kind).HasMaxLength(60);
        node.Property(n => n.Title).HasMaxLength(400);
        node.HasOne(n => n.Parent).WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Commitment> commitment)
    {
        commitment.HasIndex(c => new { c.PlanId, c.Number }).IsUnique();
        commitment.Property(c => c.Title).HasMaxLength(400);
        commitment.HasMany(c => c.Actions).WithMany().UsingEntity("CommitmentActions");
    }
}
