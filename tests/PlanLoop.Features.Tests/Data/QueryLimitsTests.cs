using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Tests.Data;

/// <summary>A statement whose caller has left, or that works past its timeout, stops on both databases (the pen-test's report ran for minutes after the client left).</summary>
public sealed class QueryLimitsTests
{
    /// <summary>About a minute of work on either database if nothing stops it.</summary>
    static string Endless(DbProvider provider) => provider == DbProvider.Sqlite
        ? "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000000) SELECT count(*) AS \"Value\" FROM c"
        : "SELECT count(*) AS \"Value\" FROM generate_series(1, 3000000000)";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AStatementWhoseCallerLeaves_StopsWithinASecond(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider, migrate: false);
        await using var context = db.NewContext();
        using var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var error = await Record.ExceptionAsync(() => context.Database.SqlQueryRaw<long>(Endless(provider)).ToListAsync(leave.Token));

        Assert.NotNull(error);
        Assert.Equal(QueryLimits.Cancelled, QueryLimits.Reason(error, leave.Token));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        // The connection is usable afterwards: the next statement is not interrupted by the old token.
        Assert.Equal([2L], await context.Database.SqlQueryRaw<long>("SELECT 1 + 1 AS \"Value\"").ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AStatementPastItsTimeout_StopsAndSaysSo(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider, migrate: false);
        await using var context = db.NewContext();
        context.Database.SetCommandTimeout(1);
        var clock = Stopwatch.StartNew();

        var error = await Record.ExceptionAsync(() => context.Database.SqlQueryRaw<long>(Endless(provider)).ToListAsync(TestContext.Current.CancellationToken));

        Assert.NotNull(error);
        Assert.Equal(QueryLimits.TimedOut, QueryLimits.Reason(error, TestContext.Current.CancellationToken));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ACommandTheCodeRunsOnTheConnectionItself_IsNotStoppedByAnEarlierStatementsBudget()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.Create(DbProvider.Sqlite, migrate: false);
        await using var context = db.NewContext();
        context.Database.SetCommandTimeout(1);
        await context.Database.OpenConnectionAsync(ct);
        Assert.Equal([2L], await context.Database.SqlQueryRaw<long>("SELECT 1 + 1 AS \"Value\"").ToListAsync(ct));
        // About three seconds of work on the same connection, outside EF: past the EF statement's 1 s, and not its business.
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000) SELECT count(*) FROM c";
        var clock = Stopwatch.StartNew();
        Assert.Equal(10_000_000L, (long)(await command.ExecuteScalarAsync(ct))!);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.2), $"the statement took only {clock.Elapsed}; make it longer");
    }
}
