using PlanLoop.Domain.Optimization;
using PlanLoop.Features.Data;
using PlanLoop.Features.Optimization;

namespace PlanLoop.Features.Tests.Optimization;

/// <summary>Kept budgets on both databases: the lines come back as they went in (drawn curves drawn again, entered ones kept), bad lines are named, nothing half-saved.</summary>
public sealed class KeepBudgetsTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ABudget_ComesBackLineForLine_AndAllocatesAsTheFileDid(DbProvider provider)
    {
        await using var test = await TestDatabase.Create(provider);
        var keep = test.Get<KeepBudgets>();
        var sample = BudgetFile.Sample();
        // One line with an entered curve (three points, concave) beside the sample's drawn ones.
        var entered = sample[0] with { Key = "ENTERED", Curve = [new CurvePoint(0m, 0m), new CurvePoint(1_000_000m, 4_000_000m), new CurvePoint(2_000_000m, 6_500_000.5m)] };
        IReadOnlyList<BudgetLine> lines = [.. sample, entered];

        var saved = await keep.Save(" 2024 预算 ", 2024, lines, "finance", Ct);
        var back = (await keep.Get(saved.Id!.Value, Ct))!;
        var listed = Assert.Single(await keep.List(2024, Ct));

        Assert.Equal("2024 预算", back.Name);
        Assert.Equal(lines.Count, back.Lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal(lines[i] with { Curve = [] }, back.Lines[i] with { Curve = [] });
            Assert.Equal(lines[i].Curve, back.Lines[i].Curve);
        }
        Assert.Equal((lines.Count, lines.Sum(l => l.LastSpend), lines.Sum(l => l.LastRevenue)), (listed.Lines, listed.LastSpend, listed.LastRevenue));
        var allocate = test.Get<AllocateBudget>();
        var rules = new BudgetRules(18_000_000m, BudgetGoal.Revenue, null, BudgetRules.SeedMix(0.05m));
        Assert.Equal(allocate.Handle(sample, rules, false).Value!.Result.Revenue, allocate.Handle([.. back.Lines.Take(sample.Count)], rules, false).Value!.Result.Revenue);
        Assert.Empty(await keep.List(2023, Ct));

        Assert.Equal(["name"], (await keep.Save("2024 预算", 2024, lines, "finance", Ct)).Errors!.Keys);
        var bad = await keep.Save("坏预算", 2024, [sample[0] with { Min = 5m, Max = 1m, Channel = new string('C', 41) }, sample[1] with { MarginRate = 0.123456m }], "finance", Ct);
        Assert.Equal(["lines[1].channel", "lines[1].min", "lines[2].marginRate"], bad.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Single(await keep.List(2024, Ct));

        Assert.True((await keep.Delete(saved.Id.Value, "finance", Ct)).Succeeded);
        Assert.Null(await keep.Get(saved.Id.Value, Ct));
        Assert.Equal(Features.EditOutcome.NotFound, (await keep.Delete(saved.Id.Value, "finance", Ct)).Outcome);
    }
}
