using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Data;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Forecasting;

/// <summary>Win probabilities learned from the demo's closed deals, and the open deals in the year's outlook, on both databases.</summary>
public sealed class WinProbabilityTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheModel_IsHeldOutOnTheLastClosedDeals_AndUsedBecauseItBeatsTheStageDefaults(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var viewers = test.Get<GetViewer>();
        var director = await viewers.Handle("director", [Roles.Director], Ct);
        var feature = test.Get<GetWinProbabilities>();

        var all = await feature.Handle(director, Ct);

        await using var db = test.NewContext();
        var owner = await db.Opportunities.Where(o => o.ClosedOn == null).OrderBy(o => o.Name).Select(o => o.OwnerId).FirstAsync(Ct);
        var seller = await db.People.Where(p => p.Id == owner).Select(p => new { p.Id, p.TeamId }).SingleAsync(Ct);
        var mine = await feature.Handle(new Viewer("xuli", [Roles.Rep], seller.Id, seller.TeamId), Ct);
        var open = await db.Opportunities.AsNoTracking().Where(o => o.ClosedOn == null).Select(o => new { o.Id, o.OwnerId }).ToListAsync(Ct);
        var closed = await db.Opportunities.CountAsync(o => o.ClosedOn != null, Ct);
        // The demo's 276 closed deals passed 749 open stages; the last 84 to close (from 23 July 2024) are the hold-out.
        Assert.Equal((276, 276, 749), (closed, all.ClosedDeals, all.Examples));
        var e = all.Evaluation!;
        Assert.Equal((new DateOnly(2024, 7, 23), 192, 84, 232), (e.Cutoff, e.TrainDeals, e.TestDeals, e.TestExamples));
        Assert.Equal((0.2647, 0.7259), (Math.Round(e.Model.Brier, 4), Math.Round(e.Model.LogLoss, 4)));
        Assert.Equal((0.3209, 0.9092), (Math.Round(e.Defaults.Brier, 4), Math.Round(e.Defaults.LogLoss, 4)));
        Assert.True(all.ModelInUse);
        Assert.Null(all.Why);
        Assert.Equal(e.TestExamples, e.Defaults.Calibration.Sum(b => b.Count));

        Assert.Equal(open.Select(o => o.Id).Order(), all.Deals.Select(d => d.Id).Order());
        Assert.All(all.Deals, d => Assert.Equal(d.Model, d.InUse));
        Assert.All(all.Deals, d => Assert.InRange(d.InUse, 0.0001m, 0.9999m));
        Assert.Contains(all.Deals, d => d.Reasons.Any(r => r.Factor == "stage-history"));
        // The largest weighted amounts first.
        Assert.Equal(all.Deals.Select(d => d.Amount * d.InUse).OrderDescending(), all.Deals.Select(d => d.Amount * d.InUse));
        // A seller sees their own deals only, scored by the same model.
        Assert.Equal(open.Where(o => o.OwnerId == seller.Id).Select(o => o.Id).Order(), mine.Deals.Select(d => d.Id).Order());
        Assert.InRange(mine.Deals.Count, 1, all.Deals.Count - 1);
        Assert.All(mine.Deals, d => Assert.Equal(all.Deals.Single(a => a.Id == d.Id).InUse, d.InUse));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheYearsOutlook_DrawsTheOpenDeals_OfTheCutAndOnlyForTheYearBeingLived(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], Ct);
        var deals = (await test.Get<GetWinProbabilities>().Handle(director, Ct)).Deals;
        var feature = test.Get<GetRevenueForecast>();

        var year = (await feature.Handle(director, 2024, null, null, ForecastMethod.Combination, Ct)).Value!;
        var east = (await feature.Handle(director, 2024, ActualDimension.Region, "EAST", ForecastMethod.Combination, Ct)).Value!;
        var past = (await feature.Handle(director, 2023, null, null, ForecastMethod.Combination, Ct)).Value!;

        await using var db = test.NewContext();
        var eastDeals = await (from o in db.Opportunities
                               join a in db.Accounts on o.AccountId equals a.Id
                               join r in db.Regions on a.RegionId equals r.Id
                               where o.ClosedOn == null && r.Code == "EAST"
                               select o.Id).ToListAsync(Ct);
        var p = year.Pipeline;
        Assert.Equal((deals.Count, deals.Sum(d => d.Amount)), (p.Deals, p.Amount));
        Assert.True(p.ModelInUse);
        // Slips only take deals out of the year: the expectation is at most Σ amount × probability.
        Assert.InRange(p.Expected, 1m, deals.Sum(d => d.Amount * d.InUse));
        Assert.Equal(Math.Round(deals.Sum(d => d.Amount * d.InUse) / p.Amount, 4), p.WinRate);
        Assert.True(year.GapAtP50 > 0);   // the demo's year falls short at P50
        var needed = year.GapAtP50!.Value / p.WinRate!.Value;   // the rate is rounded to 4 places, the outlook's is not
        Assert.InRange(p.Needed!.Value, needed * 0.999m, needed * 1.001m);
        Assert.Equal((eastDeals.Count, deals.Where(d => eastDeals.Contains(d.Id)).Sum(d => d.Amount)), (east.Pipeline.Deals, east.Pipeline.Amount));
        Assert.Equal((0, 0m, 0m), (past.Pipeline.Deals, past.Pipeline.Amount, past.Pipeline.Expected));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryRegion_LandsAsItsOwnForecastSays_MostLikelyToMissFirst(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var viewers = test.Get<GetViewer>();
        var director = await viewers.Handle("director", [Roles.Director], Ct);
        var rep = await viewers.Handle("rep", [Roles.Rep], Ct);
        var feature = test.Get<GetRevenueForecast>();

        var regions = (await feature.Members(director, 2024, ActualDimension.Region, ForecastMethod.Combination, Ct)).Value!;
        var one = (await feature.Handle(director, 2024, ActualDimension.Region, regions[0].Member, ForecastMethod.Combination, Ct)).Value!;

        await using var db = test.NewContext();
        var planned = await db.Regions.CountAsync(Ct);
        Assert.Equal(planned, regions.Count);   // the demo plan breaks the target down by every region
        Assert.Equal(regions.Select(r => r.ProbabilityOfTarget).Order(), regions.Select(r => r.ProbabilityOfTarget));
        Assert.All(regions, r => Assert.NotNull(r.Target));
        // A member's figures are the ones its own forecast gives (the same pipeline, the same seed).
        Assert.Equal((one.P10, one.P50, one.P90, one.ProbabilityOfTarget, one.Pipeline), (regions[0].P10, regions[0].P50, regions[0].P90, regions[0].ProbabilityOfTarget, regions[0].Pipeline));
        // The members' targets add up to the year's.
        Assert.Equal(150_000_000m, regions.Sum(r => r.Target!.Value), 0);

        Assert.Empty((await feature.Members(rep, 2024, ActualDimension.Region, ForecastMethod.Combination, Ct)).Value!);
        Assert.Equal(["by"], (await feature.Members(director, 2024, ActualDimension.Month, ForecastMethod.Combination, Ct)).Errors!.Keys);
        Assert.Equal(["year"], (await feature.Members(director, 1900, ActualDimension.Region, ForecastMethod.Combination, Ct)).Errors!.Keys);
    }
}
