using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using PlanLoop.Features.Users;
using PlanLoop.Web.Api;
using PlanLoop.Web.Infrastructure;
using Scalar.AspNetCore;

namespace PlanLoop.Web;

/// <summary>The web host's wiring: authentication, localization, UI, API and the start-up of the database.</summary>
public static partial class WebSetup
{
    /// <summary>Picks the bearer token handler when the request carries one, the login cookie otherwise.</summary>
    public const string CookieOrBearer = "PlanLoop.CookieOrBearer";

    public static readonly CultureInfo[] Cultures = [new(Languages.Chinese), new(Languages.English)];

    public static IServiceCollection AddPlanLoopWeb(this IServiceCollection services, IConfiguration configuration)
    {
        var db = DatabaseOptions.From(configuration);
        services.AddSingleton(new PlanLoopMode(PlanLoopServices.IsDemo(configuration), db.Describe()));
        services.AddHostedService<Jobs.NightlyCustomerJob>();
        services.AddHostedService<IdleMemoryTrim>();
        // On SIGTERM, requests still running after 8 s are aborted (their statements stop: QueryLimits), inside a container's 10 s grace.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(8));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))   // then /api/auth/refresh (14 days), which checks the login again
            .AddIdentityCookies();
        new IdentityBuilder(typeof(PlanLoopUser), typeof(IdentityRole), services).AddSignInManager();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "planloop.auth";
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // The API answers 401/403 with ProblemDetails instead of redirecting to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
        });
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        // One policy per permission of the catalogue (Features/Users/Permissions), named after it.
        foreach (var permission in Enum.GetValues<Permission>())
            authorization.AddPolicy(Permissions.Policy(permission), p => p.RequireRole(Permissions.RolesOf(permission)));
        services.AddServerSideSessions();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionState>();
        services.AddScoped<LoginAttempts>();
        services.AddSingleton<LoginThrottle>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = LiveSessionChecks.Interval);

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Languages.Chinese);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Chinese unless the person chose English: the browser's Accept-Language does not decide.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new DefinedEnumConverterFactory());
            o.SerializerOptions.Converters.Add(new StoredDecimalConverter());
            o.SerializerOptions.Converters.Add(new BoundedStringConverter());
        });
        services.AddProblemDetails();
        // Every request body has a bound (Kestrel answers 413 with the limit, as ProblemDetails); what an upload may expand to is UploadLimits'.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = Features.Workbooks.UploadLimits.MaxUploadBytes);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = Features.Workbooks.UploadLimits.MaxUploadBytes);
        services.AddSecurityHeaders();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddValidation();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "PlanLoop API";
                doc.Info.Description = "Sales planning and strategy optimization. Authenticate with POST /api/auth/token and send 'Authorization: Bearer <token>'.";
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer(BoundedValueSchemas.Describe);
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, Localization.MudTexts>();
        services.AddScoped<Components.Common.ViewSettings>();
        services.AddScoped<Components.Common.CurrentViewer>();
        services.AddScoped<Components.Common.MemberNames>();
        return services;
    }

    static Task ApiOr(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UsePlanLoopPipeline(this WebApplication app)
    {
        // Request logging outside the exception handler: it logs the status that was sent (a rule broken is a 422, not a 500 with a stack trace).
        app.UseSerilogRequestLoggingIfEnabled();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseLiveBearerTokens();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        return app;
    }

    static void UseSerilogRequestLoggingIfEnabled(this WebApplication app) =>
        Serilog.SerilogApplicationBuilderExtensions.UseSerilogRequestLogging(app);

    public static WebApplication MapPlanLoopEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi("/api/openapi/{documentName}.json").RequireAuthorization();
        app.MapScalarApiReference("/api/docs", o => o
                .WithTitle("PlanLoop API")
                .WithOpenApiRoutePattern("/api/openapi/{documentName}.json")
                .DisableDefaultFonts())
            .RequireAuthorization();
        app.MapAccountEndpoints();
        app.MapAuthApi();
        app.MapMeApi();
        app.MapUsersApi();
        app.MapOrganisationApi();
        app.MapPeopleApi();
        app.MapPlansApi();
        app.MapCustomersApi();
        app.MapCalendarApi();
        app.MapLeadsApi();
        app.MapOpportunitiesApi();
        app.MapContractsApi();
        app.MapImportsApi();
        app.MapMonitoringApi();
        app.MapForecastApi();
        app.MapOptimizeApi();
        return app;
    }

    /// <summary>
    /// Applies migrations (always for the embedded SQLite database, on request for PostgreSQL via
    /// <c>PlanLoop:Database:MigrateOnStart</c>) and loads the demo data in demo mode.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<DatabaseOptions>();
        var mode = app.Services.GetRequiredService<PlanLoopMode>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PlanLoop.Startup");
        var migrateOnStart = bool.TryParse(app.Configuration["PlanLoop:Database:MigrateOnStart"], out var m)
            ? m
            : db.Provider == DbProvider.Sqlite || mode.IsDemo;

        await using var scope = app.Services.CreateAsyncScope();
        var migrate = scope.ServiceProvider.GetRequiredService<MigrateDatabase>();
        if (migrateOnStart)
        {
            var applied = await migrate.Handle(CancellationToken.None);
            LogMigrated(log, applied.Count, mode.DatabaseDescription);
        }
        if (mode.IsDemo)
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<LoadDemoData>().Handle(CancellationToken.None);
            LogDemo(log, loaded.Total);
        }
        // The demo's published password opens nothing outside demo mode (and works again when demo mode is back).
        {
            var locked = await scope.ServiceProvider.GetRequiredService<Features.Users.DemoLogins>().Handle(mode.IsDemo, CancellationToken.None);
            if (locked > 0 && !mode.IsDemo) LogDemoLoginsLocked(log, locked);
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(see the server's addresses above)";
            Console.WriteLine();
            Console.WriteLine($"PlanLoop is running on {db.Describe()}. Open {addresses}");
            Console.WriteLine(mode.IsDemo
                ? $"Demo mode: log in as director (or admin, salesops, manager, rep, finance, cs) with password {DemoUsers.Password}"
                : "Log in with your account. No user yet? Create the first admin: planloop users add <name> --role Admin");
            Console.WriteLine();
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode is off: {Count} demo login(s) with the published demo password were locked. Create your own users (planloop users add NAME --role ROLE) and sign in with them.")]
    static partial void LogDemoLoginsLocked(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database}: {Count} migration(s) applied")]
    static partial void LogMigrated(ILogger logger, int count, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Count} record(s) added")]
    static partial void LogDemo(ILogger logger, int count);
}

sealed class DatabaseHealthCheck(Microsoft.EntityFrameworkCore.IDbContextFactory<PlanLoopDbContext> dbs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database answers.")
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}
