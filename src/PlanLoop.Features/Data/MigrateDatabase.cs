using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PlanLoop.Features.Data;

/// <summary>Brings the database schema up to date; creates the SQLite file and its folder if missing.</summary>
public sealed class MigrateDatabase(IDbContextFactory<PlanLoopDbContext> dbs, DatabaseOptions options)
{
    public async Task<IReadOnlyList<string>> Handle(CancellationToken ct)
    {
        if (options.Provider == DbProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder) && file != ":memory:")
                Directory.CreateDirectory(folder);
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));   // an index built over a million rows is not a page a person waits on
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        var unknown = applied.Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"This database was created by a pre-release build of PlanLoop (its history has migration {unknown[0]}); the schema's history was folded into one " +
                "initial migration before the first release, so it cannot be upgraded in place. Export its data with the build that made it and import it into an empty database.");
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            await db.Database.MigrateAsync(ct);
        return pending;
    }
}
