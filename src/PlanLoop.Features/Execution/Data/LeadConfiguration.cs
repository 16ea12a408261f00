using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Execution.Data;

sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.ToTable("exe_leads");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(Domain.Customers.ExternalIds.MaxLength);
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.Property(x => x.Company).HasMaxLength(200);
        b.Property(x => x.ContactName).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Email).HasMaxLength(200);
        b.Property(x => x.Industry).HasMaxLength(100);
        b.Property(x => x.DisqualifyReason).HasMaxLength(400);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => new { x.Status, x.CreatedOn });
        b.HasIndex(x => new { x.OwnerId, x.Status });
        b.HasIndex(x => x.CreatedOn);
        // The leads import checks each batch for leads already stored by company name (without it, a million-row import scans the table per batch).
        b.HasIndex(x => x.Company);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
