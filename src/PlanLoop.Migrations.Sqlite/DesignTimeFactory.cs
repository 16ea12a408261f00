using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PlanLoop.Features.Data;

namespace PlanLoop.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting a host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PlanLoopDbContext>
{
    public PlanLoopDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<PlanLoopDbContext>(),
            new DatabaseOptions(DbProvider.Sqlite, "Data Source=design-time.db")).Options as DbContextOptions<PlanLoopDbContext>
            ?? throw new InvalidOperationException("Unexpected options type."));
}
