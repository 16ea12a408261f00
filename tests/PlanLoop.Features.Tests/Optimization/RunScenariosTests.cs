using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Optimization;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Optimization;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Optimization;

/// <summary>The driver tree measured on the demo on both databases: the base gives back the order lines' run rate, saved scenarios, a scenario made a plan version.</summary>
public sealed class RunScenariosTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheBase_GivesBackEachSegmentsRunRate_AndItsRatesComeFromTheLeadsAndDeals(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], Ct);
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], Ct);
        var feature = test.Get<RunScenarios>();

        var measured = (await feature.Measure(director, null, Ct))!;
        var result = (await feature.Run(director, null, [], 0.1m, Ct)).Value!.Result;

        await using var db = test.NewContext();
        var (first, last) = (new DateOnly(2024, 1, 1), new DateOnly(2024, 9, 30));
        var lines = await (from o in db.OrderLines
                           join c in db.Channels on o.ChannelId equals c.Id
                           join g in db.Regions on o.RegionId equals g.Id
                           where o.BookedOn >= first && o.BookedOn <= last
                           select new { Channel = c.Code, Region = g.Code, o.Amount }).ToListAsync(Ct);
        Assert.Equal(274m / 366m, measured.Elapsed);
        Assert.Equal(16, measured.Segments.Count);
        Assert.All(result.Base.Segments, s => Assert.Equal(Math.Round(lines.Where(l => l.Channel == s.Channel && l.Region == s.Region).Sum(l => l.Amount) / (274m / 366m), 2), s.Gross));
        Assert.Equal(140_537_187.59m, result.Base.Revenue);
        Assert.Equal(result.Base.Revenue, result.Scenario.Revenue);
        Assert.Empty(result.Contributions);

        // Agent-sourced leads are the agents' leads; every opportunity in the demo has no channel, so the company's rates stand in.
        var agentLeads = await db.Leads.Where(l => l.Source == LeadSource.Agent && l.CreatedOn >= first && l.CreatedOn <= last)
            .GroupBy(l => 1).Select(g => new { Worked = g.Count(l => l.Status != LeadStatus.New), Qualified = g.Count(l => l.Status == LeadStatus.Qualified) }).SingleAsync(Ct);
        var agent = measured.Segments.First(s => s.Channel == "AGENT");
        Assert.Equal((decimal)agentLeads.Qualified / agentLeads.Worked, agent.QualifiedRate);
        Assert.Equal(126m / 276m, agent.WinRate);   // 126 won, 150 lost
        Assert.All(measured.Segments, s => Assert.Equal(126m / 276m, s.WinRate));
        Assert.Equal(0.3425m, agent.GrossMargin);   // the seed's pyramid: 15% × 45% + 70% × 35% + 15% × 20%
        Assert.Contains("rebate:none", measured.Assumptions);
        // Heads are the direct sellers who booked in the segment; other channels' leads do not follow sellers.
        Assert.All(measured.Segments, s => Assert.Equal(s.Channel == "DIRECT", s.Heads > 0m));

        Assert.Null(await feature.Measure(rep, null, Ct));
        Assert.Equal(EditOutcome.NotFound, (await feature.Run(rep, null, [], 0.1m, Ct)).Outcome);
        Assert.Equal(["changes[0].channel"], (await feature.Run(director, null, [new DriverChange(Driver.Leads, ChangeKind.Percent, 0.1m, Channel: "MARS")], 0.1m, Ct)).Errors!.Keys);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ASavedScenario_IsListedWithItsFigures_AndBecomesADraftVersionWhoseBreakdownsAddUpToItsRevenue(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], Ct);
        var feature = test.Get<RunScenarios>();
        DriverChange[] changes = [new(Driver.BundleUplift, ChangeKind.Set, 0.12m), new(Driver.WinRate, ChangeKind.Percent, 0.1m, Region: "EAST"), new(Driver.RebateRate, ChangeKind.Set, 0.05m, Channel: "AGENT")];

        var saved = await feature.Save(director, null, " 捆绑+返点 ", "seed §4.2", changes, "salesops", Ct);
        var again = await feature.Save(director, null, "捆绑+返点", null, changes, "salesops", Ct);
        var run = (await feature.Run(director, null, changes, 0.1m, Ct)).Value!.Result;
        var listed = Assert.Single((await feature.List(director, null, Ct))!);

        Assert.True(saved.Succeeded);
        Assert.Equal(["name"], again.Errors!.Keys);
        Assert.Equal(("捆绑+返点", "seed §4.2", 3, run.Scenario.Revenue, run.Scenario.Customers), (listed.Name, listed.Note, listed.Changes, listed.Revenue, listed.Customers));
        Assert.Equal(run.Scenario.Revenue - run.Base.Revenue, run.Contributions.Sum(c => c.Revenue));
        Assert.Equal([Driver.BundleUplift, Driver.RebateRate, Driver.WinRate], run.Contributions.Select(c => c.Driver));

        var version = (await feature.ToPlanVersion(director, saved.Id!.Value, "情景计划", "salesops", Ct)).Value!;
        await using var db = test.NewContext();
        var stored = await db.PlanVersions.AsNoTracking().SingleAsync(v => v.Id == version.Version.Id, Ct);
        Assert.Equal((PlanStatus.Draft, 2), (stored.Status, stored.Number));
        Assert.Equal(run.Scenario.Revenue, stored.Kpis.Single(k => k.Kpi == Kpi.Revenue).Target);
        Assert.Equal(Math.Round(run.Scenario.Customers), stored.Kpis.Single(k => k.Kpi == Kpi.CustomerCount).Target);
        foreach (var b in stored.Breakdowns.Where(b => b.Kpi == Kpi.Revenue))
            Assert.Equal(run.Scenario.Revenue, b.Parts.Sum(p => p.Amount));
        var regions = stored.Breakdowns.Single(b => b.Kpi == Kpi.Revenue && b.Dimension == Dimension.Region);
        Assert.Equal(run.Scenario.Segments.Where(s => s.Region == "EAST").Sum(s => s.Revenue), regions.Parts.Single(p => p.Member == "EAST").Amount);
        Assert.Equal(4, stored.Breakdowns.Single(b => b.Kpi == Kpi.Revenue && b.Dimension == Dimension.Channel).Parts.Count);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == stored.Id && a.Note!.Contains("捆绑+返点"), Ct));

        Assert.True((await feature.Delete(director, saved.Id.Value, "salesops", Ct)).Succeeded);
        Assert.Empty((await feature.List(director, null, Ct))!);
        Assert.Equal(EditOutcome.NotFound, (await feature.Delete(director, saved.Id.Value, "salesops", Ct)).Outcome);
    }
}
