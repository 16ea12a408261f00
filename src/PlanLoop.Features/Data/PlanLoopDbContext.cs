using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Data;

/// <summary>The one database of PlanLoop. Tables are prefixed by module (SQLite has no schemas).</summary>
public sealed class PlanLoopDbContext(DbContextOptions<PlanLoopDbContext> options)
    : IdentityDbContext<PlanLoopUser>(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<ProductLine> ProductLines => Set<ProductLine>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    public DbSet<TierPolicy> TierPolicies => Set<TierPolicy>();
    public DbSet<TierChange> TierChanges => Set<TierChange>();
    public DbSet<HealthModelVersion> HealthModels => Set<HealthModelVersion>();
    public DbSet<HealthSnapshot> HealthSnapshots => Set<HealthSnapshot>();
    public DbSet<IcpProfileVersion> IcpProfiles => Set<IcpProfileVersion>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<CustomerJobRun> CustomerJobRuns => Set<CustomerJobRun>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<ImportMapping> ImportMappings => Set<ImportMapping>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Execution.Data.StoredCalendarDay> CalendarDays => Set<Execution.Data.StoredCalendarDay>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<Domain.Forecasting.ForecastCall> ForecastCalls => Set<Domain.Forecasting.ForecastCall>();
    public DbSet<Domain.Forecasting.KeptForecast> KeptForecasts => Set<Domain.Forecasting.KeptForecast>();
    public DbSet<Domain.Optimization.Scenario> Scenarios => Set<Domain.Optimization.Scenario>();
    public DbSet<Optimization.Data.SavedBudget> Budgets => Set<Optimization.Data.SavedBudget>();
    public DbSet<Execution.Data.ContractTemplate> ContractTemplates => Set<Execution.Data.ContractTemplate>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<Instalment> Instalments => Set<Instalment>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Execution.Data.ImportAlias> ImportAliases => Set<Execution.Data.ImportAlias>();
    public DbSet<Execution.SalesSettingsVersion> SalesSettings => Set<Execution.SalesSettingsVersion>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<PlanLoopUser>().ToTable("auth_users");
        builder.Entity<IdentityRole>().ToTable("auth_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("auth_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("auth_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("auth_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("auth_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("auth_role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(PlanLoopDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in SQL and safe to reorder.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        // Instants are UTC everywhere (Npgsql timestamptz needs Kind=Utc; SQLite has no zone).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // Figures are exact decimals in the domain and scaled integers in the database.
        configurationBuilder.Properties<decimal>().HaveConversion<ScaledDecimalConverter>();
    }
}

sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
