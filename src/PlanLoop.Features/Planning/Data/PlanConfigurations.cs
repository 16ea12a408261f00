using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Planning;

namespace PlanLoop.Features.Planning.Data;

sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("plan_plans");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> b)
    {
        b.ToTable("plan_versions");
        b.HasKey(x => x.Id);
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.ApprovedBy).HasMaxLength(100);
        b.Property(x => x.OverrideReason).HasMaxLength(2000);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.Ignore(x => x.IsEditable);

        b.OwnsMany(x => x.Kpis, k =>
        {
            k.ToTable("plan_kpis");
            k.WithOwner().HasForeignKey("VersionId");
            k.Property<int>("Id");
            k.HasKey("Id");
        });
        b.OwnsMany(x => x.Breakdowns, d =>
        {
            d.ToTable("plan_breakdowns");
            d.WithOwner().HasForeignKey("VersionId");
            d.Property<int>("Id");
            d.HasKey("Id");
            d.OwnsMany(x => x.Parts, p =>
            {
                p.ToTable("plan_breakdown_parts");
                p.WithOwner().HasForeignKey("BreakdownId");
                p.Property<int>("Id");
                p.HasKey("Id");
                p.Property(x => x.Member).HasMaxLength(60);
            });
            d.Navigation(x => x.Parts).AutoInclude();
        });
        b.OwnsMany(x => x.Levers, l =>
        {
            l.ToTable("plan_channel_levers");
            l.WithOwner().HasForeignKey("VersionId");
            l.Property<int>("Id");
            l.HasKey("Id");
            l.Property(x => x.Channel).HasMaxLength(40);
            l.Ignore(x => x.Capacity);
        });
        b.OwnsMany(x => x.Pyramid, l =>
        {
            l.ToTable("plan_pyramid_levels");
            l.WithOwner().HasForeignKey("VersionId");
            l.Property<int>("Id");
            l.HasKey("Id");
        });
        b.OwnsMany(x => x.Goals, g =>
        {
            g.ToTable("plan_strategy_goals");
            g.WithOwner().HasForeignKey("VersionId");
            g.Property<int>("Id");
            g.HasKey("Id");
            g.Property(x => x.Scope).HasMaxLength(60);
        });
    }
}
