using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Execution.Data;

sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> b)
    {
        b.ToTable("exe_opportunities");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ExternalId).HasMaxLength(Domain.Customers.ExternalIds.MaxLength);
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.Property(x => x.StageCode).HasMaxLength(40);
        b.Property(x => x.LostReason).HasMaxLength(400);
        b.Property(x => x.WinningCompetitor).HasMaxLength(100);
        b.Property(x => x.Competitors).HasMaxLength(400);
        b.Property(x => x.NextStep).HasMaxLength(400);
        b.Property(x => x.OverrideBy).HasMaxLength(256);
        b.Property(x => x.OverrideReason).HasMaxLength(400);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.Ignore(x => x.IsClosed);
        b.Ignore(x => x.CycleDays);
        b.Ignore(x => x.BantAnswers);
        b.HasIndex(x => new { x.StageCode, x.ExpectedClose });
        b.HasIndex(x => new { x.OwnerId, x.StageCode });
        b.HasIndex(x => x.AccountId);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Lines, l => DealLines.Map(l, "exe_opportunity_lines", "OpportunityId"));
        b.OwnsMany(x => x.Moves, m =>
        {
            m.ToTable("exe_opportunity_moves");
            m.WithOwner().HasForeignKey("OpportunityId");
            m.Property<int>("Id");
            m.HasKey("Id");
            m.Property(x => x.From).HasMaxLength(40);
            m.Property(x => x.To).HasMaxLength(40);
            m.Property(x => x.By).HasMaxLength(256);
        });
    }
}

/// <summary>Product lines of a deal (an opportunity's, a contract's): their own table keyed by the owner, the amount computed.</summary>
static class DealLines
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, OpportunityLine> l, string table, string ownerKey) where TOwner : class
    {
        l.ToTable(table);
        l.WithOwner().HasForeignKey(ownerKey);
        l.Property<int>("Id");
        l.HasKey("Id");
        l.Ignore(x => x.Amount);
        l.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
