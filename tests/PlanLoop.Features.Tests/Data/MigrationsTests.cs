using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Tests.Data;

public class MigrationsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MigrationsAreCurrent_ForEachProvider(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider, migrate: false);
        await using var context = db.NewContext();
        Assert.False(context.Database.HasPendingModelChanges(),
            $"The {provider} model has changes without a migration: run 'dotnet ef migrations add' for both migration projects.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_FromEmpty_AppliesEveryMigrationAndIsIdempotent(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider, migrate: false);
        var migrate = db.Get<MigrateDatabase>();

        var first = await migrate.Handle(TestContext.Current.CancellationToken);
        var second = await migrate.Handle(TestContext.Current.CancellationToken);

        await using var context = db.NewContext();
        Assert.Equal(context.Database.GetMigrations(), first);
        // Squashed before the first release into one initial migration per provider; only what came after it follows.
        Assert.Equal(["Initial", "PlanVersionRevision", "ForecastCalls", "KeptForecasts", "ScenariosAndBudgets"], first.Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
        Assert.Empty(second);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await context.Regions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await context.Users.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_ADatabaseFromBeforeTheSquash_IsRefusedWithWhatToDo(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider);
        await using (var context = db.NewContext())
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('20261127045308_Foundation', '10.0.0')",
                TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Get<MigrateDatabase>().Handle(TestContext.Current.CancellationToken));
        Assert.Contains("20261127045308_Foundation", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be upgraded in place", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_UsesThatProvidersOwnMigrationSet(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider, migrate: false);
        await using var context = db.NewContext();
        var assembly = context.GetService<IMigrationsAssembly>().Assembly.GetName().Name;
        Assert.Equal(provider == DbProvider.Sqlite ? DatabaseSetup.SqliteMigrations : DatabaseSetup.PostgresMigrations, assembly);
    }
}
