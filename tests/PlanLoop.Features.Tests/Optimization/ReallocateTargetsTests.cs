using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Optimization;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Optimization;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Optimization;

/// <summary>Re-allocating the demo's targets on both databases: booked from the order lines, targets to the fen, the draft version it saves.</summary>
public sealed class ReallocateTargetsTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheDemoByRegion_BookedIsTheOrderLines_TheNewTargetsKeepEveryRule_AndAddUpWithTheShortfallToTheTarget(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], Ct);
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], Ct);
        var feature = test.Get<ReallocateTargets>();

        var answer = await feature.Handle(director, new ReallocationRequest(null, ActualDimension.Region, null, new ReallocationRules()), Ct);
        var view = answer.Value!;
        var r = view.Result;

        await using var db = test.NewContext();
        var lines = await (from o in db.OrderLines
                           join g in db.Regions on o.RegionId equals g.Id
                           where o.BookedOn >= new DateOnly(2024, 1, 1) && o.BookedOn <= new DateOnly(2024, 9, 30)
                           select new { g.Code, o.Amount }).ToListAsync(Ct);
        Assert.Equal(new DateOnly(2024, 9, 30), view.AsOf);
        Assert.Equal(["EAST", "SOUTH", "NORTH", "SOUTHWEST"], r.Units.Select(u => u.Member));
        Assert.Equal(["华东区", "华南区", "华北区", "西南区"], r.Units.Select(u => u.Name));
        Assert.Equal("East China", view.NamesEn["EAST"]);
        Assert.Equal(r.Units.Select(u => lines.Where(l => l.Code == u.Member).Sum(l => l.Amount)), r.Units.Select(u => u.Booked));
        Assert.Equal([60_000_000m, 45_000_000m, 30_000_000m, 15_000_000m], r.Units.Select(u => u.Target));
        Assert.Equal(150_000_000m, r.NewTotal + r.Shortfall);
        Assert.True(r.Shortfall > 0m);   // the demo's year is short of its target: at 130% of the forecast no region can carry it all
        Assert.All(r.Units, u =>
        {
            Assert.Equal(Math.Round(u.Expected * 1.3m, 2), u.Capacity);
            Assert.InRange(u.Remaining, 0m, u.Capacity);
            Assert.True(u.NewTarget <= 1.2m * u.Target, u.Member);
            Assert.Equal(decimal.Round(u.NewTarget, 2), u.NewTarget);
        });
        Assert.Equal("shortfall", r.PricedBy);
        // The rest of the year by month: October to December, a third of Q4 each in the seed's phasing, adding up to the remaining target to the fen.
        Assert.Equal([(10, 12_000_000m), (11, 12_000_000m), (12, 12_000_000m)], view.RemainingMonths);
        Assert.All(r.Units, u => Assert.Equal(u.Remaining, view.Monthly(u).Sum()));
        Assert.All(r.Units, u => Assert.True(Math.Abs(view.Monthly(u)[0] - view.Monthly(u)[2]) <= 0.01m, u.Member));

        // A seller does not re-allocate the company's targets; bad rules are named by field.
        Assert.Equal(EditOutcome.NotFound, (await feature.Handle(rep, new ReallocationRequest(null, ActualDimension.Region, null, new ReallocationRules()), Ct)).Outcome);
        var bad = await feature.Handle(director, new ReallocationRequest(2023, ActualDimension.Tier, null, new ReallocationRules(-1m, 0.2m, 2m), new Dictionary<string, decimal> { ["EAST"] = -5m }), Ct);
        Assert.Equal(["capacityFactor", "maxBelow", "year", "by", "capacities.EAST"], bad.Errors!.Keys);
        var unknown = await feature.Handle(director, new ReallocationRequest(null, ActualDimension.Region, null, new ReallocationRules(), new Dictionary<string, decimal> { ["MARS"] = 5m }), Ct);
        Assert.Equal("Not a member of the breakdown: MARS.", Assert.Single(unknown.Errors!["capacities"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AProposalThatCarriesTheTarget_IsSavedAsADraftVersion_WhoseBreakdownIsTheNewTargets(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], Ct);
        var feature = test.Get<ReallocateTargets>();
        // EAST is given room enough for everything: the target is carried with no shortfall.
        var request = new ReallocationRequest(null, ActualDimension.Region, null, new ReallocationRules(1.3m, 0.5m), new Dictionary<string, decimal> { ["EAST"] = 30_000_000m });

        var proposal = (await feature.Handle(director, request, Ct)).Value!.Result;
        var saved = await feature.SaveAsDraft(director, request, "年中再分配", "salesops", Ct);

        Assert.Equal(0m, proposal.Shortfall);
        Assert.Equal(150_000_000.00m, proposal.NewTotal);
        var version = saved.Value!;
        Assert.Equal((PlanStatus.Draft, "年中再分配", 2), (version.Version.Status, version.Version.Name, version.Version.Number));
        var regions = version.Breakdowns.Single(b => b.Kpi == Kpi.Revenue && b.Dimension == Dimension.Region);
        Assert.Equal(SplitMethod.Amounts, regions.Method);
        Assert.Equal(proposal.Units.Select(u => (u.Member, u.NewTarget)), regions.Parts.Select(p => (p.Member, p.Amount)));
        Assert.Equal(150_000_000.00m, regions.Sum);
        await using var db = test.NewContext();
        var audit = await db.AuditEntries.Where(a => a.EntityId == version.Version.Id).SingleAsync(Ct);
        Assert.StartsWith("re-allocated by Region from version 1 on 2024-09-30: shortfall 0.00", audit.Note);
        // The original approved version is untouched.
        var original = await db.PlanVersions.AsNoTracking().SingleAsync(v => v.Number == 1, Ct);
        Assert.Equal([60_000_000m, 45_000_000m, 30_000_000m, 15_000_000m], original.Breakdowns.Single(b => b.Kpi == Kpi.Revenue && b.Dimension == Dimension.Region).Parts.Select(p => p.Amount));
        Assert.Equal("name", (await feature.SaveAsDraft(director, request, " ", "salesops", Ct)).Errors!.Keys.Single());
    }
}
