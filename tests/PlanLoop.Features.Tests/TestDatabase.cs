using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using PlanLoop.Features.Planning;

namespace PlanLoop.Features.Tests;

/// <summary>
/// A fresh, migrated database of one provider for one test: a temporary SQLite file, or a new
/// database on the PostgreSQL cluster that ./test.sh starts (PLANLOOP_TEST_POSTGRES). The
/// PostgreSQL half never skips: without the cluster it fails and says how to run it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PLANLOOP_TEST_POSTGRES";

    public static TheoryData<DbProvider> Providers => new(DbProvider.Sqlite, DbProvider.Postgres);

    readonly Action cleanup;

    TestDatabase(DatabaseOptions options, ServiceProvider services, Action cleanup)
    {
        Options = options;
        Services = services;
        this.cleanup = cleanup;
    }

    public DatabaseOptions Options { get; }
    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public PlanLoopDbContext NewContext() => Get<IDbContextFactory<PlanLoopDbContext>>().CreateDbContext();

    public static async Task<TestDatabase> Create(DbProvider provider, bool migrate = true)
    {
        var (options, cleanup) = provider switch
        {
            DbProvider.Sqlite => NewSqlite(),
            DbProvider.Postgres => await NewPostgres(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PlanLoop:Database:Provider"] = options.Provider.ToString(),
            ["ConnectionStrings:PlanLoop"] = options.ConnectionString,
            // The same business day on both providers (demo mode, which implies it, is on by default for SQLite only).
            ["PlanLoop:AsOf"] = "2024-09-30",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddPlanLoop(configuration)
            // One object owned by two records is tracked twice and saved twice: a defect, not a warning.
            .ConfigureDbContext<PlanLoopDbContext>(o => o.ConfigureWarnings(w => w.Throw(CoreEventId.DuplicateDependentEntityTypeInstanceWarning)))
            .BuildServiceProvider(validateScopes: true);
        var db = new TestDatabase(options, services, cleanup);
        if (migrate) await db.Get<MigrateDatabase>().Handle(CancellationToken.None);
        return db;
    }

    /// <summary>A fresh database with the built-in demo loaded (the seed organisation, logins and 2024 plan; the demo customers too when asked).</summary>
    public static async Task<TestDatabase> CreateWithDemo(DbProvider provider, bool customers = false)
    {
        var db = await Create(provider);
        await using var scope = db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LoadDemoData>().Handle(CancellationToken.None, customers);
        return db;
    }

    /// <summary>The id of the demo plan's version 1.0 (approved, as the company's plan).</summary>
    public async Task<Guid> DemoPlanVersion() =>
        (await Get<GetPlanVersion>().Resolve(DemoPlan.Name, CancellationToken.None))!.Value;

    /// <summary>A draft copy of the demo's approved V1.0 ("V1.1 草稿"): what a test edits or takes through the approval flow.</summary>
    public async Task<Guid> DemoDraft() =>
        (await Get<CopyPlanVersion>().Handle(await DemoPlanVersion(), "V1.1 草稿", VersionKind.Version, "salesops", CancellationToken.None))!.Version.Id;

    static (DatabaseOptions, Action) NewSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "planloop-tests");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        return (new DatabaseOptions(DbProvider.Sqlite, $"Data Source={file};Pooling=False"), () => File.Delete(file));
    }

    static async Task<(DatabaseOptions, Action)> NewPostgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run ./test.sh, which starts a private PostgreSQL cluster for the data tests.");
        var name = $"planloop_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        return (new DatabaseOptions(DbProvider.Postgres, connection), () =>
        {
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        );
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        cleanup();
    }
}
