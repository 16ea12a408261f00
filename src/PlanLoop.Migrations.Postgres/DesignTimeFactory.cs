using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PlanLoop.Features.Data;

namespace PlanLoop.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without starting a host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PlanLoopDbContext>
{
    public PlanLoopDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<PlanLoopDbContext>(),
            new DatabaseOptions(DbProvider.Postgres, "Host=localhost;Database=planloop_design")).Options as DbContextOptions<PlanLoopDbContext>
            ?? throw new InvalidOperationException("Unexpected options type."));
}
