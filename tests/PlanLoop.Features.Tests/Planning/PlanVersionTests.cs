using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;
using C = PlanLoop.Domain.Planning.PlanChecks.Codes;

namespace PlanLoop.Features.Tests.Planning;

public class PlanVersionTests
{
    static readonly Viewer Director = new("director", [Roles.Director]);
    static readonly Viewer SalesOps = new("salesops", [Roles.SalesOps]);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo loaded, and a draft copy of its approved plan to take through the flow.</summary>
    static async Task<(TestDatabase Db, Guid VersionId)> Demo(DbProvider provider)
    {
        var db = await TestDatabase.CreateWithDemo(provider);
        return (db, await db.DemoDraft());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DemoPlan_StoredAndReadBack_KeepsEveryFigureExactly(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateWithDemo(provider);

        var view = (await db.Get<GetPlanVersion>().Handle(await db.DemoPlanVersion(), Ct))!;

        // The company runs on it: approved by the Director, with the reason for approving despite its errors.
        Assert.Equal((DemoPlan.Name, 2024, "V1.0", PlanStatus.Approved), (view.PlanName, view.FiscalYear, view.Version.Name, view.Version.Status));
        Assert.Equal(("director", DemoPlan.ApprovalReason), (view.Version.ApprovedBy, view.OverrideReason));
        Assert.Equal(DemoPlan.Kpis.OrderBy(k => k.Kpi), view.Kpis.Select(l => l.Stated!).OrderBy(k => k.Kpi));
        var deal = view.Kpis.Single(l => l.Kpi == Kpi.AverageDealSize);
        Assert.Equal((120_000_000m / 850m, 150_000_000m / 1100m), (deal.Baseline!.Value, deal.Target!.Value));
        Assert.Equal([Dimension.Quarter, Dimension.Region, Dimension.ProductLine, Dimension.Channel], view.Breakdowns.Select(b => b.Dimension));
        Assert.Equal([30_000_000m, 36_000_000m, 42_000_000m, 36_000_000m], view.Breakdowns[0].Parts.Select(p => p.Amount));
        Assert.Equal([0.20m, 0.24m, 0.28m, 0.24m], view.Breakdowns[0].Parts.Select(p => p.Share!.Value));
        Assert.Equal(150_000_000m, view.Breakdowns[1].Sum);
        Assert.Equal(DemoPlan.Levers, view.Levers);
        Assert.Equal(0.3425m, view.BlendedMargin);
        Assert.Equal(20, view.DirectSellersInOrganisation);
        Assert.Equal((3, 5), (view.Errors, view.Warnings));
        Assert.Equal(
            [C.PartsSum, C.SharesSum, C.CubeMarginals, C.StrategyConflict, C.StrategyConflict, C.Growth, C.ChannelCapacity, C.Headcount, C.CapacityUnknown, C.CapacityUnknown, C.BlendedMargin],
            view.Findings.Select(f => f.Code));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Approve_WithErrorFindings_NeedsTheDirectorsWrittenReason(DbProvider provider)
    {
        var (db, id) = await Demo(provider);
        await using var _ = db;
        var status = db.Get<ChangePlanStatus>();

        await status.Handle(id, StatusAction.Submit, SalesOps, null, Ct);
        var notDirector = await Assert.ThrowsAsync<PlanningRuleException>(() => status.Handle(id, StatusAction.Approve, SalesOps, "looks fine", Ct));
        var noReason = await Assert.ThrowsAsync<PlanningRuleException>(() => status.Handle(id, StatusAction.Approve, Director, " ", Ct));
        var approved = await status.Handle(id, StatusAction.Approve, Director, "Q4 gap is covered by the channel plan; fix in V2", Ct);

        Assert.Equal("director-only", notDirector.Rule);
        Assert.Equal("errors-block-approval", noReason.Rule);
        Assert.Equal([3], noReason.Args);   // the error findings the reason overrides
        Assert.Equal((PlanStatus.Approved, "director", "Q4 gap is covered by the channel plan; fix in V2"),
            (approved.Value!.Version.Status, approved.Value.Version.ApprovedBy, approved.Value.OverrideReason));
        await using var context = db.NewContext();
        var audit = await context.AuditEntries.Where(a => a.EntityId == id && a.Path == "status").OrderBy(a => a.Id).Select(a => new { a.User, a.Before, a.After, a.Note }).ToListAsync(Ct);
        Assert.Equal(
            [("salesops", "Draft", "Submitted", (string?)null), ("director", "Submitted", "Approved", "Q4 gap is covered by the channel plan; fix in V2")],
            audit.Select(a => (a.User, a.Before, a.After, a.Note)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Copy_ThenApprove_ArchivesThePreviouslyApprovedVersion(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateWithDemo(provider);
        var id = await db.DemoPlanVersion();   // approved by the demo
        var status = db.Get<ChangePlanStatus>();

        var v2 = await db.Get<CopyPlanVersion>().Handle(id, "V2.0", VersionKind.Version, "salesops", Ct);
        var scenario = await db.Get<CopyPlanVersion>().Handle(id, "乐观情景", VersionKind.Scenario, "salesops", Ct);
        await status.Handle(v2!.Version.Id, StatusAction.Submit, SalesOps, null, Ct);
        await status.Handle(v2.Version.Id, StatusAction.Approve, Director, "same gaps, accepted", Ct);
        var scenarioSubmit = await Assert.ThrowsAsync<PlanningRuleException>(() => status.Handle(scenario!.Version.Id, StatusAction.Submit, SalesOps, null, Ct));

        var plans = await db.Get<GetPlanVersion>().List(Ct);
        Assert.Equal(
            [(1, "V1.0", VersionKind.Version, PlanStatus.Archived), (2, "V2.0", VersionKind.Version, PlanStatus.Approved), (3, "乐观情景", VersionKind.Scenario, PlanStatus.Draft)],
            plans.Single().Versions.Select(v => (v.Number, v.Name, v.Kind, v.Status)));
        Assert.Equal(v2.Version.Id, await db.Get<GetPlanVersion>().Resolve(DemoPlan.Name, Ct));
        Assert.Equal(DemoPlan.Kpis.OrderBy(k => k.Kpi), v2.Kpis.Select(l => l.Stated!).OrderBy(k => k.Kpi));
        Assert.Equal("scenario-not-approvable", scenarioSubmit.Rule);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentEdits_SecondSaveGetsAConflict(DbProvider provider)
    {
        var (db, id) = await Demo(provider);
        await using var _ = db;
        await using var first = db.NewContext();
        await using var second = db.NewContext();
        var a = await first.PlanVersions.SingleAsync(v => v.Id == id, Ct);
        var b = await second.PlanVersions.SingleAsync(v => v.Id == id, Ct);

        a.Submit(DateTime.UtcNow);
        await first.SaveChangesAsync(Ct);
        b.Archive();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Resolve_UnknownPlan_IsNull(DbProvider provider)
    {
        var (db, _) = await Demo(provider);
        await using var __ = db;
        Assert.Null(await db.Get<GetPlanVersion>().Resolve("no such plan", Ct));
        Assert.Null(await db.Get<GetPlanVersion>().Handle(Guid.NewGuid(), Ct));
    }
}
