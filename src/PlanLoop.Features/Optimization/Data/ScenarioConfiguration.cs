using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Optimization;

namespace PlanLoop.Features.Optimization.Data;

/// <summary>Saved scenarios and their changes, in the order they were made (the order matters: a percentage applies to the value before it).</summary>
sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> b)
    {
        b.ToTable("opt_scenarios");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Scenario.MaxName);
        b.Property(x => x.Note).HasMaxLength(Scenario.MaxNote);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Year, x.Name }).IsUnique();
        b.OwnsMany(x => x.Changes, c =>
        {
            c.ToTable("opt_scenario_changes");
            c.WithOwner().HasForeignKey("ScenarioId");
            c.Property<int>("Id");
            c.HasKey("Id");
            c.Property(x => x.Channel).HasMaxLength(40);
            c.Property(x => x.Region).HasMaxLength(40);
            c.Property(x => x.ProductLine).HasMaxLength(40);
        });
        b.Navigation(x => x.Changes).AutoInclude();
    }
}
