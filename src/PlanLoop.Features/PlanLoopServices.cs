using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using PlanLoop.Features.Organisation;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Features;

/// <summary>Everything both hosts (web and CLI) need: the database, identity stores and the features.</summary>
public static class PlanLoopServices
{
    public static IServiceCollection AddPlanLoop(this IServiceCollection services, IConfiguration configuration)
    {
        var db = DatabaseOptions.From(configuration);
        services.AddPlanLoopDatabase(db);
        services.AddSingleton(TimeProvider.System);

        services.AddIdentityCore<PlanLoopUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PlanLoopDbContext>()
            .AddClaimsPrincipalFactory<DisplayNameClaims>();

        // Data
        services.AddTransient<MigrateDatabase>();
        // Users
        services.AddScoped<AddUser>();
        services.AddScoped<DemoLogins>();
        services.AddScoped<ManageUsers>();
        services.AddSingleton<LiveSessions>();
        services.AddSingleton<SignInSessions>();
        services.AddScoped<UpdatePreferences>();
        // Organisation
        services.AddTransient<GetOrganisation>();
        services.AddTransient<CreateRegion>();
        services.AddTransient<EditMasterData>();
        services.AddTransient<MasterDataFiles>();
        // Planning
        services.AddTransient<GetPlanVersion>();
        services.AddTransient<ChangePlanStatus>();
        services.AddTransient<CopyPlanVersion>();
        services.AddTransient<BuildTargetCube>();
        services.AddTransient<EditPlanFigures>();
        services.AddTransient<PlanFiles>();
        services.AddTransient<CompareVersions>();
        services.AddTransient<GetAuditTrail>();
        // Customers
        services.AddSingleton(sp => new BusinessDay(configuration, sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<GetViewer>();
        services.AddTransient<ListAccounts>();
        services.AddTransient<GetAccount>();
        services.AddTransient<EditAccount>();
        services.AddTransient<EditTierPolicy>();
        services.AddTransient<EditHealthModel>();
        services.AddTransient<EditIcpProfile>();
        services.AddTransient<RefreshAccounts>();
        services.AddTransient<ListAtRiskAccounts>();
        services.AddTransient<GetAdvisorCapacity>();
        services.AddTransient<GetSatisfactionReport>();
        services.AddTransient<AccountFiles>();
        services.AddTransient<SavedViews>();
        // Execution
        services.AddTransient<Execution.EditCalendar>();
        services.AddTransient<Execution.ListLeads>();
        services.AddTransient<Execution.EditLead>();
        services.AddTransient<Execution.GetLeadFunnel>();
        services.AddTransient<Execution.EditOpportunity>();
        services.AddTransient<Execution.ListOpportunities>();
        services.AddTransient<Execution.EditContract>();
        services.AddTransient<Execution.EditReceivables>();
        services.AddTransient<Execution.ListContracts>();
        services.AddTransient<Execution.GetCollectionReport>();
        services.AddTransient<Execution.ImportOrders>();
        services.AddTransient<Execution.ExportOrders>();
        services.AddTransient<Execution.ImportPayments>();
        services.AddTransient<Execution.EditAliases>();
        services.AddTransient<Execution.EditSalesSettings>();
        services.AddTransient<Execution.GetAlerts>();
        services.AddTransient<Execution.GetCycleTimes>();
        services.AddTransient<Execution.ImportLeads>();
        services.AddTransient<Execution.ImportOpportunities>();
        services.AddTransient<Organisation.EditPeople>();
        services.AddTransient<Execution.GetWinRates>();
        services.AddTransient<Monitoring.GetDataYears>();
        services.AddTransient<Organisation.ImportPeople>();
        services.AddTransient<Execution.ImportActivities>();
        services.AddTransient<Execution.RunImport>();
        services.AddTransient<Execution.EditContractTemplates>();
        services.AddTransient<Monitoring.GetPlanVsActual>();
        services.AddTransient<Monitoring.GetDashboard>();
        services.AddTransient<Forecasting.GetRevenueForecast>();
        services.AddTransient<Forecasting.GetMeasureForecast>();
        services.AddTransient<Forecasting.KeepForecasts>();
        services.AddTransient<Forecasting.GetWinProbabilities>();
        services.AddTransient<Forecasting.ForecastCalls>();
        services.AddTransient<Forecasting.GetForecastAccuracy>();
        services.AddSingleton<Domain.Optimization.ISolver, Optimization.OrToolsSolver>();
        services.AddTransient<Optimization.ReallocateTargets>();
        services.AddTransient<Optimization.AllocateBudget>();
        services.AddTransient<Optimization.RunScenarios>();
        services.AddTransient<Optimization.PlanHeadcount>();
        services.AddTransient<Optimization.KeepBudgets>();
        services.AddTransient<Monitoring.GetVariance>();
        services.AddTransient<Monitoring.GetReviewFindings>();
        services.AddTransient<Monitoring.GetWeeklyChanges>();
        services.AddTransient<Monitoring.GetFunnelAndCustomers>();
        // Demo
        services.AddScoped<LoadDemoData>();
        return services;
    }

    /// <summary>Demo mode (<c>PlanLoop:Demo</c>) is on by default for the embedded SQLite database, off for PostgreSQL.</summary>
    public static bool IsDemo(IConfiguration configuration) =>
        bool.TryParse(configuration["PlanLoop:Demo"], out var demo) ? demo : DatabaseOptions.From(configuration).Provider == DbProvider.Sqlite;
}
