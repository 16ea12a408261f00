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
        Assert.NotEmpty(first);
        Assert.Empty(second);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await context.Regions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await context.Users.CountAsync(TestContext.Current.CancellationToken));
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
