using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Monitoring;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Monitoring;

/// <summary>
/// What a person sees must agree with itself: the same figure from two places is equal, every state
/// shown is the stored one, and nothing waits for a person who cannot act on it. On the full demo.
/// </summary>
public sealed class FiguresAgreeTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnTheDemo_ApprovalsSlaCountsBaselineAndExpectations_Agree(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var viewers = test.Get<GetViewer>();
        var director = await viewers.Handle("director", [Roles.Director], Ct);

        // Every contract waiting in approval is in the inbox of at least one demo login.
        await using (var db = test.NewContext())
        {
            var waiting = await db.Contracts.AsNoTracking().Where(c => c.Status == ContractStatus.InApproval).Select(c => c.Id).ToListAsync(Ct);
            Assert.NotEmpty(waiting);
            var inboxes = new HashSet<Guid>();
            foreach (var (user, role, _) in DemoUsers.All)
                inboxes.UnionWith((await test.Get<ListContracts>().Inbox(await viewers.Handle(user, [role], Ct), Ct)).Items.Select(i => i.Id));
            Assert.All(waiting, id => Assert.Contains(id, inboxes));
            // A prospect that has bought is a customer.
            Assert.False(await db.Accounts.AnyAsync(a => a.Status == AccountStatus.Prospect
                && db.OrderLines.Any(o => o.AccountId == a.Id && o.BookedOn > new DateOnly(2023, 9, 30) && o.BookedOn <= new DateOnly(2024, 9, 30)), Ct));
        }

        // SLA breaches: the pipeline, the alerts and the weekly changes count the same open deals; a closed deal shows no clock.
        var pipeline = await test.Get<ListOpportunities>().Handle(director, Ct);
        var cards = pipeline.Columns.SelectMany(c => c.Cards).ToList();
        Assert.Contains(cards, c => c.ClosedOn is not null);
        Assert.All(cards.Where(c => c.ClosedOn is not null), c => Assert.Equal((null, null), (c.ProposalSla, c.NegotiationSla)));
        var alerts = await test.Get<GetAlerts>().Handle(director, Ct);
        var week = await test.Get<GetWeeklyChanges>().Handle(director, Ct);
        Assert.True(pipeline.Breaches > 0);
        Assert.Equal(pipeline.Breaches, alerts.Count(a => a.Kind == AlertKind.SlaBreached));
        Assert.Equal(pipeline.Breaches, week.SlaBreaches);

        // Each KPI has its own "expected by now": revenue by phasing, customers and rates on their line from baseline to target.
        var dashboard = await test.Get<GetDashboard>().Handle(2024, null, director, Ct);
        var elapsed = dashboard.TimeElapsed;
        var revenue = dashboard.Kpis.Single(k => k.Kpi == Kpi.Revenue).Figures;
        Assert.Equal((dashboard.Expected, ExpectedBasis.Phasing), (revenue.Expected, revenue.Basis));
        var customers = dashboard.Kpis.Single(k => k.Kpi == Kpi.CustomerCount);
        var plan = dashboard.Plan.Kpis[Kpi.CustomerCount];
        Assert.Equal((850m, 1_100m), (plan.Baseline, plan.Target));
        Assert.Equal(((850m + (250m * elapsed)) / 1_100m, ExpectedBasis.Trajectory), (customers.Figures.Expected, customers.Figures.Basis));
        Assert.True(customers.Figures.Expected < 1m);
        var dealSize = dashboard.Kpis.Single(k => k.Kpi == Kpi.AverageDealSize).Figures;
        Assert.Equal(ExpectedBasis.Derived, dealSize.Basis);
        Assert.Equal(150_000_000m * dashboard.Expected / (1_100m * customers.Figures.Expected) / dashboard.Plan.Kpis[Kpi.AverageDealSize].Target!.Value, dealSize.Expected);
        var collection = dashboard.Kpis.Single(k => k.Kpi == Kpi.CollectionRate).Figures;
        Assert.Equal(((0.85m + (0.07m * elapsed)) / 0.92m, ExpectedBasis.Trajectory), (collection.Expected, collection.Basis));   // 85% last year → 92%
        // The plan gives NPS no baseline: it is expected at its target, and the card says so.
        Assert.Equal((1m, ExpectedBasis.Target), (dashboard.Kpis.Single(k => k.Kpi == Kpi.Nps).Figures.Expected, dashboard.Kpis.Single(k => k.Kpi == Kpi.Nps).Figures.Basis));
        // What is left to reach the target is positive while behind it; a plan-vs-actual gap is actual less target (negative behind).
        Assert.Equal(150_000_000m - revenue.Actual!.Value, revenue.Remaining);
        var byRegion = await test.Get<GetPlanVsActual>().Handle(2024, ActualDimension.Region, null, null, director, Ct);
        Assert.Equal(4, byRegion.Rows.Count(r => r.TargetToDate is not null));
        Assert.All(byRegion.Rows.Where(r => r.TargetToDate is not null), r => Assert.Equal(r.Actual - r.TargetToDate, r.Gap));
        Assert.Contains(byRegion.Rows, r => r.Gap < 0m);

        // The qualified-lead rate is one value on the dashboard, the funnel and the leads report (rounded only by the page).
        var funnel = await test.Get<GetFunnelAndCustomers>().Handle(2024, null, director, Ct);
        var leads = await test.Get<GetLeadFunnel>().Handle(new DateOnly(2024, 1, 1), new DateOnly(2024, 9, 30), LeadDimension.Month, director, Ct);
        var qualified = dashboard.Kpis.Single(k => k.Kpi == Kpi.QualifiedLeadRate).Figures.Actual;
        Assert.Equal(leads.Total.QualifiedRate, qualified);
        Assert.Equal(qualified, funnel.Funnel.Single(s => s.Step == "sql").Conversion);

        // A draft copied from the plan does not become the baseline of anyone's dashboard.
        var v1 = await test.DemoPlanVersion();
        Assert.Equal(v1, dashboard.Plan.VersionId);
        await test.Get<CopyPlanVersion>().Handle(v1, "V1.1 试算", VersionKind.Version, "salesops", Ct);
        Assert.Equal(v1, (await test.Get<GetDashboard>().Handle(2024, null, director, Ct)).Plan.VersionId);
        Assert.Equal(v1, (await test.Get<GetPlanVsActual>().Handle(2024, ActualDimension.Region, null, null, director, Ct)).Plan.VersionId);
    }
}
