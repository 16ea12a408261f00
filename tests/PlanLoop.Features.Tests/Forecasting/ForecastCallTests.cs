using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Domain.Organisation;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Forecasting;

/// <summary>Weekly forecast calls on the demo (business day 2024-09-30, a Monday): a seller's, their manager's roll-up, the director's, on both databases.</summary>
public sealed class ForecastCallTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ASellersCall_RollsUpToTheirManager_AndTheManagersToTheDirector_EveryCallKept(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var calls = test.Get<ForecastCalls>();
        var deals = test.Get<EditOpportunity>();
        await using var db = test.NewContext();
        // A seller with open deals expected to close in Q4, and their team's manager.
        var q4 = await db.Opportunities.Where(o => o.ClosedOn == null && o.ExpectedClose >= new DateOnly(2024, 10, 1) && o.ExpectedClose <= new DateOnly(2024, 12, 31))
            .OrderBy(o => o.Name).ToListAsync(Ct);
        var sellerId = q4[0].OwnerId!.Value;
        var seller = await db.People.SingleAsync(p => p.Id == sellerId, Ct);
        var managerPerson = await db.People.FirstAsync(p => p.TeamId == seller.TeamId && p.Position == Position.Manager, Ct);
        var sellerViewer = new Viewer("seller", [Roles.Rep], seller.Id, seller.TeamId);
        var manager = new Viewer("boss", [Roles.Manager], managerPerson.Id, seller.TeamId);
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], Ct);
        var finance = new Viewer("finance", [Roles.Finance]);
        var mine = q4.Where(o => o.OwnerId == sellerId).ToList();

        // The seller's board for Q4: nothing booked yet; the deals by their stage's default category.
        var board = (await calls.Board(sellerViewer, 2024, 4, Ct)).Value!;
        Assert.Equal((CallScope.Own, new DateOnly(2024, 9, 30), 40, true), (board.Scope, board.Week, board.IsoWeek, board.CanSubmit));
        Assert.Equal(0m, board.System.Booked);
        Assert.Equal(mine.Sum(o => o.Amount), board.System.Categories.Sum(c => c.Amount));
        var commitBefore = board.System.Commit;

        // Putting a Pipeline deal into the commit moves its amount there.
        var pipelineDeal = mine.FirstOrDefault(o => o.Probability < 0.3m) ?? mine[0];
        Assert.Equal(EditOutcome.Saved, (await deals.Categorise(pipelineDeal.Id, ForecastCategory.Commit, pipelineDeal.Revision, sellerViewer, Ct)).Outcome);
        board = (await calls.Board(sellerViewer, 2024, 4, Ct)).Value!;
        var moved = pipelineDeal.Probability >= 0.6m ? 0m : pipelineDeal.Amount;
        Assert.Equal(commitBefore + moved, board.System.Commit);
        Assert.Equal(["category"], (await deals.Categorise(pipelineDeal.Id, ForecastCategory.Closed, pipelineDeal.Revision + 1, sellerViewer, Ct)).Errors!.Keys);

        // The seller calls twice in the week: both kept, the later one counts.
        Assert.Equal(EditOutcome.Saved, (await calls.Submit(sellerViewer, new CallInput(2024, 4, 100_000m, 150_000m, "首次"), Ct)).Outcome);
        Assert.Equal(EditOutcome.Saved, (await calls.Submit(sellerViewer, new CallInput(2024, 4, 120_000m, 180_000m, "签约提前"), Ct)).Outcome);
        board = (await calls.Board(sellerViewer, 2024, 4, Ct)).Value!;
        Assert.Equal((120_000m, 2), (board.Latest!.Commit, board.History.Count));
        Assert.Equal((board.System.Commit, board.System.BestCase), (board.Latest.RollupCommit, board.Latest.RollupBestCase));   // the system's figure kept beside it

        // The manager's roll-up: the seller's latest call plus every other seller at the system's figures.
        var team = (await calls.Board(manager, 2024, 4, Ct)).Value!;
        Assert.Equal(CallScope.Team, team.Scope);
        var row = team.Below.Single(r => r.Id == seller.Id);
        Assert.Equal(120_000m, row.Latest!.Commit);
        Assert.Equal(120_000m + team.Below.Where(r => r.Id != seller.Id).Sum(r => r.System.Commit), team.RollupCommit);
        Assert.Equal(180_000m + team.Below.Where(r => r.Id != seller.Id).Sum(r => r.System.BestCase), team.RollupBestCase);
        // A call off the roll-up needs a reason; with one it is kept, the roll-up beside it.
        Assert.Equal(["adjustReason"], (await calls.Submit(manager, new CallInput(2024, 4, team.RollupCommit - 50_000m, team.RollupBestCase), Ct)).Errors!.Keys);
        Assert.Equal(EditOutcome.Saved, (await calls.Submit(manager, new CallInput(2024, 4, team.RollupCommit - 50_000m, team.RollupBestCase, null, "两单可能推迟到明年"), Ct)).Outcome);
        team = (await calls.Board(manager, 2024, 4, Ct)).Value!;
        Assert.Equal((team.RollupCommit - 50_000m, team.RollupCommit, "两单可能推迟到明年"), (team.Latest!.Commit, team.Latest.RollupCommit, team.Latest.AdjustReason));

        // The director's roll-up counts the team at its manager's call, the other teams at their sellers' roll-up.
        var company = (await calls.Board(director, 2024, 4, Ct)).Value!;
        Assert.Equal(CallScope.Company, company.Scope);
        Assert.Equal(team.Latest.Commit, company.Below.Single(r => r.Id == seller.TeamId).Counted.Commit);
        Assert.Equal(company.Below.Sum(r => r.Counted.Commit), company.RollupCommit);
        Assert.Equal(await db.Teams.CountAsync(Ct), company.Below.Count);
        // By region: the seller's call counts in their region; every region adds its sellers' calls or system figures.
        var region = await db.Regions.Where(r => r.Id == seller.RegionId).Select(r => r.Code).SingleOrDefaultAsync(Ct) ?? "";
        var mineRegion = company.ByRegion.Single(r => r.Region == region);
        Assert.True(mineRegion.Called >= 1);
        Assert.Equal(company.Below.Sum(t => t.System.Commit), company.ByRegion.Sum(r => r.Commit));   // both add every seller's latest call (or system figure), by team or by region
        Assert.Empty(team.ByRegion);

        // What was said in week 40: the director reads every call, the seller only their own.
        var week = new DateOnly(2024, 9, 30);
        Assert.Equal(3, (await calls.Week(director, 2024, 4, week, Ct)).Value!.Count);
        Assert.Equal(2, (await calls.Week(sellerViewer, 2024, 4, week, Ct)).Value!.Count);
        Assert.Equal(3, (await calls.Week(manager, 2024, 4, week, Ct)).Value!.Count);
        Assert.Empty((await calls.Week(director, 2024, 4, week.AddDays(-7), Ct)).Value!);
        Assert.Equal(["week"], (await calls.Week(director, 2024, 4, week.AddDays(1), Ct)).Errors!.Keys);

        // Finance reads the company's board but does not call; bad figures name their field.
        Assert.False((await calls.Board(finance, 2024, 4, Ct)).Value!.CanSubmit);
        Assert.Equal("forecast-call-not-allowed", (await Assert.ThrowsAsync<RuleException>(() => calls.Submit(finance, new CallInput(2024, 4, 1m, 1m), Ct))).Rule);
        Assert.Equal(["bestCase"], (await calls.Submit(sellerViewer, new CallInput(2024, 4, 10m, 5m), Ct)).Errors!.Keys);
        Assert.Equal(["quarter"], (await calls.Submit(sellerViewer, new CallInput(2024, 5, 10m, 15m), Ct)).Errors!.Keys);
        Assert.Equal(["commit"], (await calls.Submit(sellerViewer, new CallInput(2024, 4, 10.00001m, 15m), Ct)).Errors!.Keys);
        Assert.Equal(EditOutcome.NotFound, (await calls.Board(new Viewer("nobody", [Roles.Rep]), 2024, 4, Ct)).Outcome);
        Assert.Equal(3, await db.ForecastCalls.CountAsync(c => c.Quarter == 4, Ct));   // the refused calls wrote nothing (the demo's calls are for Q1–Q3)
    }
}
