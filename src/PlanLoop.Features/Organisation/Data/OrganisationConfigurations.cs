using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Organisation.Data;

/// <summary>The columns every piece of master data has; each kind adds its own.</summary>
static class MasterRecordMapping
{
    public static EntityTypeBuilder<T> MapMasterRecord<T>(this EntityTypeBuilder<T> b, string table) where T : MasterRecord
    {
        b.ToTable(table);
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(100);
        b.HasIndex(x => x.Code).IsUnique();
        return b;
    }
}

sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b) => b.MapMasterRecord("org_regions");
}

sealed class ProductLineConfiguration : IEntityTypeConfiguration<ProductLine>
{
    public void Configure(EntityTypeBuilder<ProductLine> b) => b.MapMasterRecord("org_product_lines");
}

sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> b) => b.MapMasterRecord("org_channels");
}

sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b) => b.MapMasterRecord("org_teams").Property(x => x.Responsibility).HasMaxLength(400);
}

sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("org_people");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(200);
        b.Property(x => x.ExternalId).HasMaxLength(Domain.Customers.ExternalIds.MaxLength);
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ManagerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.CarriesQuota);
    }
}

sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("org_products");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(100);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne<ProductLine>().WithMany().HasForeignKey(x => x.ProductLineId).OnDelete(DeleteBehavior.Restrict);
    }
}
