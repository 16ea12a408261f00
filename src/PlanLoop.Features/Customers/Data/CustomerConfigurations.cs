using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Customers.Data;

sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("cust_accounts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.NormalizedName).HasMaxLength(200);
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.Property(x => x.ExternalId).HasMaxLength(ExternalIds.MaxLength);
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.Property(x => x.Industry).HasMaxLength(100);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => x.NormalizedName);
        b.HasIndex(x => x.CreditCode).IsUnique();
        b.HasIndex(x => x.OwnerId);
        b.HasIndex(x => x.AdvisorId);
        b.HasIndex(x => new { x.Tier, x.HealthBand });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.AdvisorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("cust_contacts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Email).HasMaxLength(200);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.ToTable("cust_activities");
        b.HasKey(x => x.Id);
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.HasIndex(x => new { x.AccountId, x.OccurredAt });
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.ToTable("cust_survey_answers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.HasIndex(x => new { x.AccountId, x.Kind, x.AnsweredOn });
        b.HasIndex(x => x.AnsweredOn);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class TierPolicyConfiguration : IEntityTypeConfiguration<TierPolicy>
{
    public void Configure(EntityTypeBuilder<TierPolicy> b)
    {
        b.ToTable("cust_tier_policies");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Version).IsUnique();
        b.Property(x => x.AServiceModel).HasMaxLength(100);
        b.Property(x => x.BServiceModel).HasMaxLength(100);
        b.Property(x => x.CServiceModel).HasMaxLength(100);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Ignore(x => x.Rules);
        // Version 1 is the seed plan's policy, there from the first migration on.
        var s = TierPolicy.Seed("PlanLoop", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        b.HasData(new
        {
            Id = new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e01"),
            s.Version,
            s.AMinimumPurchase,
            s.CBelowPurchase,
            s.AMinimumChainDepth,
            s.AServiceModel,
            s.AAccountsPerAdvisor,
            s.ACycleMinDays,
            s.ACycleMaxDays,
            s.BServiceModel,
            s.BAccountsPerAdvisor,
            s.BCycleMinDays,
            s.BCycleMaxDays,
            s.CServiceModel,
            s.CAccountsPerAdvisor,
            s.CCycleMinDays,
            s.CCycleMaxDays,
            s.ChurnAfterMonths,
            s.CreatedBy,
            s.CreatedAt,
        });
    }
}

sealed class TierChangeConfiguration : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> b)
    {
        b.ToTable("cust_tier_changes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(400);
        b.Property(x => x.ReasonEn).HasMaxLength(400);
        b.Property(x => x.ChangedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.AccountId, x.ChangedAt });
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class HealthSnapshotConfiguration : IEntityTypeConfiguration<HealthSnapshot>
{
    public void Configure(EntityTypeBuilder<HealthSnapshot> b)
    {
        b.ToTable("cust_health_snapshots");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.AccountId, x.AsOf }).IsUnique();
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> b)
    {
        b.ToTable("cust_follow_ups");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(200);
        b.HasIndex(x => new { x.AccountId, x.Kind, x.Status });
        b.HasIndex(x => new { x.AssigneeId, x.Status });
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.AssigneeId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class HealthModelVersionConfiguration : IEntityTypeConfiguration<HealthModelVersion>
{
    public void Configure(EntityTypeBuilder<HealthModelVersion> b)
    {
        b.ToTable("cust_health_models");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Version).IsUnique();
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Ignore(x => x.Model);
        // Version 1: equal weights, healthy from 70, watch from 40 (HealthModel.Default).
        var m = new HealthModelVersion(1, HealthModel.Default, "PlanLoop", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        b.HasData(new
        {
            Id = new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e02"),
            m.Version,
            m.ActivityWeight,
            m.PurchaseWeight,
            m.SatisfactionWeight,
            m.PaymentWeight,
            m.HealthyFrom,
            m.WatchFrom,
            m.ActivityNormA,
            m.ActivityNormB,
            m.ActivityNormC,
            m.CreatedBy,
            m.CreatedAt,
        });
    }
}

sealed class IcpProfileVersionConfiguration : IEntityTypeConfiguration<IcpProfileVersion>
{
    public void Configure(EntityTypeBuilder<IcpProfileVersion> b)
    {
        b.ToTable("cust_icp_profiles");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Version).IsUnique();
        b.Property(x => x.CreatedBy).HasMaxLength(256);
    }
}

sealed class CustomerJobRunConfiguration : IEntityTypeConfiguration<CustomerJobRun>
{
    public void Configure(EntityTypeBuilder<CustomerJobRun> b)
    {
        b.ToTable("cust_job_runs");
        b.HasKey(x => x.Id);
        b.Property(x => x.Trigger).HasMaxLength(40);
        b.Property(x => x.Error).HasMaxLength(2000);
        b.HasIndex(x => x.StartedAt);
    }
}

sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.ToTable("app_saved_views");
        b.HasKey(x => x.Id);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Page).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Query).HasMaxLength(2000);
        b.HasIndex(x => new { x.UserName, x.Page, x.Name }).IsUnique();
    }
}

sealed class ImportMappingConfiguration : IEntityTypeConfiguration<ImportMapping>
{
    public void Configure(EntityTypeBuilder<ImportMapping> b)
    {
        b.ToTable("app_import_mappings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Kind, x.Name }).IsUnique();
    }
}
