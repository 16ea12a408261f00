using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Planning;

public class EditPlanFiguresTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<(TestDatabase Db, PlanVersionView View)> Demo(DbProvider provider)
    {
        var db = await TestDatabase.CreateWithDemo(provider);
        return (db, (await db.Get<GetPlanVersion>().Handle(await db.DemoDraft(), Ct))!);
    }

    static BreakdownInput Quarters(params decimal[] shares) =>
        new(Kpi.Revenue, Dimension.Quarter, SplitMethod.Shares, [.. shares.Select((s, i) => new PartInput($"Q{i + 1}", Share: s))]);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetBreakdown_QuarterSharesThatSumTo100_FixesTheSeedsErrorsAndAuditsTheChangedPart(DbProvider provider)
    {
        var (db, view) = await Demo(provider);
        await using var _ = db;

        var result = await db.Get<EditPlanFigures>().SetBreakdown(view.Version.Id, view.Revision, Quarters(0.20m, 0.24m, 0.28m, 0.28m), "salesops", Ct);

        Assert.True(result!.Succeeded);
        var quarters = result.Value!.Breakdowns.Single(b => b.Dimension == Dimension.Quarter);
        Assert.Equal([30_000_000m, 36_000_000m, 42_000_000m, 42_000_000m], quarters.Parts.Select(p => p.Amount));
        Assert.Equal(SplitMethod.Shares, quarters.Method);
        Assert.Equal(0, result.Value.Errors);
        await using var context = db.NewContext();
        var audit = await context.AuditEntries.Where(a => a.EntityId == view.Version.Id && a.Path != "created").Select(a => new { a.User, a.Path, a.Before, a.After }).ToListAsync(Ct);
        var entry = Assert.Single(audit);
        Assert.Equal(("salesops", "breakdowns/Revenue/Quarter/Q4", "36000000 (0.24)", "42000000 (0.28)"), (entry.User, entry.Path, entry.Before, entry.After));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetBreakdown_BadParts_NamesEachAndSavesNothing(DbProvider provider)
    {
        var (db, view) = await Demo(provider);
        await using var _ = db;
        var input = new BreakdownInput(Kpi.Revenue, Dimension.Quarter, SplitMethod.Shares,
            [new("Q1", Share: 0.5m), new("Q2", Share: 1.2m), new("Q1", Share: 0.1m), new(" ", Share: -0.1m)]);

        var result = await db.Get<EditPlanFigures>().SetBreakdown(view.Version.Id, view.Revision, input, "salesops", Ct);

        Assert.False(result!.Succeeded);
        Assert.Equal(["parts[1].share", "parts[2].member", "parts[3].member", "parts[3].share"], result.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("A share is between 0 and 1 (0.2 for 20%); got 1.2.", result.Errors["parts[1].share"][0]);
        Assert.Equal("'Q1' appears twice.", result.Errors["parts[2].member"][0]);
        var after = await db.Get<GetPlanVersion>().Handle(view.Version.Id, Ct);
        Assert.Equal(view.Revision, after!.Revision);
        Assert.Equal(144_000_000m, after.Breakdowns.Single(b => b.Dimension == Dimension.Quarter).Sum);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetBreakdown_StaleRevision_IsAConflictAndTheFirstEditStays(DbProvider provider)
    {
        var (db, view) = await Demo(provider);
        await using var _ = db;
        var edit = db.Get<EditPlanFigures>();
        await edit.SetBreakdown(view.Version.Id, view.Revision, Quarters(0.25m, 0.25m, 0.25m, 0.25m), "salesops", Ct);

        Assert.Equal(EditOutcome.Conflict, (await edit.SetBreakdown(view.Version.Id, view.Revision, Quarters(0.1m, 0.2m, 0.3m, 0.4m), "director", Ct)).Outcome);

        var after = await db.Get<GetPlanVersion>().Handle(view.Version.Id, Ct);
        Assert.Equal([0.25m, 0.25m, 0.25m, 0.25m], after!.Breakdowns.Single(b => b.Dimension == Dimension.Quarter).Parts.Select(p => p.Share!.Value));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetBreakdown_SeasonalityAndCapacity_AddMonthsAndRepsQuotas(DbProvider provider)
    {
        var (db, view) = await Demo(provider);
        await using var _ = db;
        var edit = db.Get<EditPlanFigures>();
        decimal[] lastYear = [6, 7, 9, 8, 9, 10, 10, 11, 12, 11, 12, 15];   // 2023 monthly actuals (百万)

        var months = await edit.SetBreakdown(view.Version.Id, view.Revision,
            new BreakdownInput(Kpi.Revenue, Dimension.Month, SplitMethod.Seasonality, [.. lastYear.Select((h, i) => new PartInput($"M{i + 1:00}", History: h))]), "salesops", Ct);
        var reps = await edit.SetBreakdown(view.Version.Id, months!.Value!.Revision,
            new BreakdownInput(Kpi.Revenue, Dimension.Rep, SplitMethod.Capacity, [new("张伟", Units: 1, OutputPerUnit: 5_000_000m), new("刘洋", Units: 1, OutputPerUnit: 4_500_000m)]), "salesops", Ct);

        var monthly = months.Value.Breakdowns.Single(b => b.Dimension == Dimension.Month);
        Assert.Equal(150_000_000m, monthly.Sum);
        Assert.Equal(7_500_000m, monthly.Parts[0].Amount);        // 6 / 120 of 1.5亿
        Assert.Equal(18_750_000m, monthly.Parts[11].Amount);      // 15 / 120
        var rep = reps!.Value!.Breakdowns.Single(b => b.Dimension == Dimension.Rep);
        Assert.Equal([5_000_000m, 4_500_000m], rep.Parts.Select(p => p.Amount));
        Assert.Contains(reps.Value.Findings, f => f.Code == PlanChecks.Codes.PartsSum && f.Path == "breakdowns/Revenue/Rep");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetKpi_RevenueTarget_RecomputesTheDerivedDealSize_AndRefusesTypingIt(DbProvider provider)
    {
        var (db, view) = await Demo(provider);
        await using var _ = db;
        var edit = db.Get<EditPlanFigures>();

        var typed = await edit.SetKpi(view.Version.Id, view.Revision, new KpiInput(Kpi.AverageDealSize, null, 150_000m, null), "salesops", Ct);
        var rate = await edit.SetKpi(view.Version.Id, view.Revision, new KpiInput(Kpi.CollectionRate, 0.85m, 92m, null), "salesops", Ct);
        var revenue = await edit.SetKpi(view.Version.Id, view.Revision, new KpiInput(Kpi.Revenue, 120_000_000m, 165_000_000m, null), "salesops", Ct);

        Assert.Equal(["kpi"], typed.Errors!.Keys);
        Assert.Equal("The target is a rate between 0 and 1 (0.92 for 92%).", rate.Errors!["target"][0]);
        var deal = revenue!.Value!.Kpis.Single(k => k.Kpi == Kpi.AverageDealSize);
        Assert.Equal(150_000m, deal.Target);   // 1.65亿 ÷ 1100
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetBreakdown_SubmittedVersion_IsReadOnly(DbProvider provider)
    {
        var (db, view) = await Demo(provider);
        await using var _ = db;
        var submitted = await db.Get<ChangePlanStatus>().Handle(view.Version.Id, StatusAction.Submit, new Viewer("salesops", [Roles.SalesOps]), null, Ct);

        var e = await Assert.ThrowsAsync<PlanningRuleException>(() =>
            db.Get<EditPlanFigures>().SetBreakdown(view.Version.Id, submitted.Value!.Revision, Quarters(0.25m, 0.25m, 0.25m, 0.25m), "salesops", Ct));
        Assert.Equal("read-only", e.Rule);
    }
}

public class CompareVersionsTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Compare_CopyWithQ4Raised_ListsExactlyTheChangedFigures_AndTheAuditTrailHasThem(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateWithDemo(provider);
        var v1 = await db.DemoPlanVersion();
        var v2 = (await db.Get<CopyPlanVersion>().Handle(v1, "V2.0", VersionKind.Version, "salesops", Ct))!;
        await db.Get<EditPlanFigures>().SetBreakdown(v2.Version.Id, v2.Revision,
            new BreakdownInput(Kpi.Revenue, Dimension.Quarter, SplitMethod.Shares, [new("Q1", Share: 0.2m), new("Q2", Share: 0.24m), new("Q3", Share: 0.28m), new("Q4", Share: 0.28m)]), "salesops", Ct);

        var comparison = (await db.Get<CompareVersions>().Handle(v1, v2.Version.Id, Ct)).Value;
        var same = (await db.Get<CompareVersions>().Handle(v1, v1, Ct)).Value;
        var trail = await db.Get<GetAuditTrail>().Handle(v2.Version.Id, 10, Ct);

        Assert.Equal(
            [new FigureChange("breakdowns/Revenue/Quarter/Q4", "share", 0.24m, 0.28m), new FigureChange("breakdowns/Revenue/Quarter/Q4", "amount", 36_000_000m, 42_000_000m)],
            comparison!.Changes);
        Assert.Equal(6_000_000m, comparison.Changes[1].Difference);
        Assert.Empty(same!.Changes);
        Assert.Equal(["breakdowns/Revenue/Quarter/Q4", "created"], trail.Select(a => a.Path));
    }
}
