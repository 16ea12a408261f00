using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace PlanLoop.Features.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrations = "PlanLoop.Migrations.Sqlite";
    public const string PostgresMigrations = "PlanLoop.Migrations.Postgres";

    public static IServiceCollection AddPlanLoopDatabase(this IServiceCollection services, DatabaseOptions db)
    {
        services.AddSingleton(db);
        services.AddSingleton<DataVersion>();
        services.AddSingleton<ReadCache>();
        services.AddDbContextFactory<PlanLoopDbContext>((sp, o) => Configure(o, db).AddInterceptors(new DataVersionInterceptor(sp.GetRequiredService<DataVersion>())));
        return services;
    }

    /// <summary>The provider and, for SQLite, the interceptor that gives every statement an end (<see cref="SqliteQueryLimits"/>).</summary>
    /// <param name="o">The options being built.</param>
    /// <param name="db">Which database.</param>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, DatabaseOptions db)
    {
        Provider(o, db);
        if (db.Provider == DbProvider.Sqlite) o.AddInterceptors(QueryLimit);
        return o;
    }

    static readonly SqliteQueryLimits QueryLimit = new();

    static DbContextOptionsBuilder Provider(DbContextOptionsBuilder o, DatabaseOptions db) => db.Provider switch
    {
        DbProvider.Sqlite => o.UseSqlite(db.ConnectionString, x => x.MigrationsAssembly(SqliteMigrations).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery).CommandTimeout(db.CommandTimeoutSeconds)),
        DbProvider.Postgres => o.UseNpgsql(db.ConnectionString, x => x.MigrationsAssembly(PostgresMigrations).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery).CommandTimeout(db.CommandTimeoutSeconds)),
        _ => throw new InvalidOperationException($"Unknown provider {db.Provider}"),
    };
}
