using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Monitoring;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Monitoring;

/// <summary>A KPI card: the plan's figures, the actual to date and where it stands.</summary>
public sealed record KpiCard(Kpi Kpi, KpiUnit Unit, decimal? Baseline, KpiAttainment Figures, string Basis);

public sealed record MonthPoint(int Month, decimal Actual, decimal CumulativeActual, decimal? CumulativeTarget);

public sealed record TargetBar(string Member, string Name, decimal? Target, decimal Actual);

public sealed record MixRow(string Member, string Name, decimal Actual, decimal ActualShare, decimal? PlanShare);

public sealed record Dashboard(int Year, DateOnly AsOf, PlanBasis Plan, decimal TimeElapsed, decimal Expected, IReadOnlyList<KpiCard> Kpis,
    IReadOnlyList<MonthPoint> Cumulative, int Quarter, IReadOnlyList<TargetBar> QuarterByRegion, IReadOnlyList<MixRow> ProductLines, IReadOnlyList<MixRow> Channels);

/// <summary>
/// The home dashboard: every KPI of the plan against its actual to the business day (revenue and
/// customers summed by the database from booked orders; 客单价 = revenue ÷ customers; collection,
/// NPS, satisfaction, qualified-lead rate and conversion from their own reports), cumulative
/// revenue against the phased target by month, this quarter by region against the quarter's target,
/// and the revenue mix by product line and channel against the plan's shares. Actuals follow the
/// viewer's scope; targets are the company's, shown to those who see the whole company.
/// </summary>
public sealed class GetDashboard(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, GetCollectionReport collection,
    GetSatisfactionReport satisfaction, GetLeadFunnel funnel, ReadCache cache)
{
    /// <summary>The dashboard, from the read cache while nothing has been written (see <see cref="ReadCache"/>).</summary>
    public Task<Dashboard> Handle(int year, Guid? versionId, Viewer viewer, CancellationToken ct) =>
        cache.Get("dashboard", $"{year}|{versionId}", viewer, businessDay.Today(), () => Compute(year, versionId, viewer, ct), ct);

    async Task<Dashboard> Compute(int year, Guid? versionId, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var today = businessDay.Today();
        var asOf = today < new DateOnly(year, 12, 31) ? today : new DateOnly(year, 12, 31);
        var first = new DateOnly(year, 1, 1);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var basis = await PlanActuals.Basis(db, year, versionId, ct);
        var expected = PlanActuals.Expected(basis, asOf);
        var (elapsed, monthsLeft) = (Phasing.TimeElapsed(asOf), year < today.Year ? 0 : Phasing.MonthsLeft(asOf));
        var lines = PlanActuals.Lines(db, viewer, first, asOf);
        var byMonth = (await lines.GroupBy(l => l.Month).Select(g => new { g.Key, Sum = g.Sum(l => l.Amount) }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Sum);
        var revenue = byMonth.Values.Sum();
        var customers = await lines.Select(l => l.AccountId).Distinct().CountAsync(ct);
        var targets = viewer.SeesAll;
        var (team, person) = await PlanActuals.Who(db, viewer, ct);
        // A Manager or a Rep is measured on their own part of the revenue target when the plan has one.
        var ownRevenueTarget = basis.RevenueTargetFor(viewer, team, person);
        // Each KPI has its own "expected by now": revenue by the plan's phasing, stocks and rates on the line from
        // their baseline to their target, 客单价 and ARPU from what revenue and customers are expected to be.
        KpiCard Card(Kpi kpi, decimal? actual, string source, (decimal Share, ExpectedBasis Basis)? expectation = null)
        {
            var figure = basis.Kpis.GetValueOrDefault(kpi);
            var target = kpi == Kpi.Revenue ? ownRevenueTarget : targets ? figure?.Target : null;
            var (share, how) = expectation ?? KpiAttainment.Trajectory(figure?.Baseline, figure?.Target, elapsed);
            return new KpiCard(kpi, KpiCatalog.Unit(kpi), figure?.Baseline, new KpiAttainment(target, actual, share, elapsed,
                how == ExpectedBasis.Phasing ? monthsLeft : 0, how), source);
        }
        (decimal, ExpectedBasis) PerCustomer(Kpi kpi)
        {
            var buyers = basis.Kpis.GetValueOrDefault(Kpi.CustomerCount);
            var (buyersShare, buyersBasis) = KpiAttainment.Trajectory(buyers?.Baseline, buyers?.Target, elapsed);
            return basis.RevenueTarget is { } revenueTarget && buyers?.Target is { } buyersTarget && buyersBasis == ExpectedBasis.Trajectory && buyersShare > 0m
                && basis.Kpis.GetValueOrDefault(kpi)?.Target is { } perCustomer && perCustomer != 0m
                ? (revenueTarget * expected / (buyersTarget * buyersShare) / perCustomer, ExpectedBasis.Derived)
                : (1m, ExpectedBasis.Target);
        }

        var cards = new List<KpiCard>
        {
            Card(Kpi.Revenue, revenue, "sales_order_lines", (expected, ExpectedBasis.Phasing)),
            Card(Kpi.CustomerCount, customers, "customers with orders this year"),
            Card(Kpi.AverageDealSize, customers == 0 ? null : Math.Round(revenue / customers, 2, MidpointRounding.AwayFromZero), "revenue ÷ customers", PerCustomer(Kpi.AverageDealSize)),
        };
        var money = await collection.Total(year, viewer, ct);
        cards.Add(Card(Kpi.CollectionRate, money.Rate is { } rate ? Math.Round(rate, 4, MidpointRounding.AwayFromZero) : null, "received ÷ due"));
        var surveys = await satisfaction.Handle(first, asOf, SatisfactionDimension.Year, viewer, ct);
        cards.Add(Card(Kpi.Satisfaction, surveys.Total.CsatAverage, "average CSAT"));
        cards.Add(Card(Kpi.Nps, surveys.Total.Nps, "promoters − detractors"));
        var leads = await funnel.Handle(first, asOf, LeadDimension.Month, viewer, ct);
        cards.Add(Card(Kpi.QualifiedLeadRate, leads.Total.QualifiedRate, "SQL ÷ leads worked"));
        var closed = await db.Opportunities.AsNoTracking().Visible(db, viewer).Where(o => o.ClosedOn >= first && o.ClosedOn <= asOf)
            .GroupBy(o => o.StageCode == SopStages.Won).Select(g => new { Won = g.Key, Count = g.Count() }).ToListAsync(ct);
        var won = closed.Where(c => c.Won).Sum(c => c.Count);
        var all = closed.Sum(c => c.Count);
        cards.Add(Card(Kpi.ConversionRate, all == 0 ? null : Math.Round((decimal)won / all, 4, MidpointRounding.AwayFromZero), "won ÷ closed deals"));
        if (basis.Kpis.ContainsKey(Kpi.Arpu)) cards.Add(Card(Kpi.Arpu, customers == 0 ? null : Math.Round(revenue / customers, 2, MidpointRounding.AwayFromZero), "revenue ÷ customers", PerCustomer(Kpi.Arpu)));
        // Only the KPIs the plan sets, in the catalogue's order, plus revenue always.
        cards = cards.Where(c => c.Kpi == Kpi.Revenue || basis.Kpis.ContainsKey(c.Kpi) || basis.VersionId is null).OrderBy(c => c.Kpi).ToList();

        var cumulative = new List<MonthPoint>();
        var running = 0m;
        for (var m = 1; m <= (year < today.Year ? 12 : asOf.Month); m++)
        {
            running += byMonth.GetValueOrDefault(m);
            var monthEnd = new DateOnly(year, m, 1).AddMonths(1).AddDays(-1);
            var target = targets && basis.RevenueTarget is { } t ? Math.Round(t * Phasing.Expected(monthEnd, basis.Phasing), 2, MidpointRounding.AwayFromZero) : (decimal?)null;
            cumulative.Add(new MonthPoint(m, byMonth.GetValueOrDefault(m), running, target));
        }

        var names = await GetPlanVsActual.Names(db, ct);
        var quarter = ((asOf.Month - 1) / 3) + 1;
        var quarterStart = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        var quarterEnd = quarterStart.AddMonths(3).AddDays(-1);
        var quarterShare = Phasing.Expected(quarterEnd, basis.Phasing) - (quarter == 1 ? 0m : Phasing.Expected(quarterStart.AddDays(-1), basis.Phasing));
        var regionCells = await PlanActuals.Sum(db, PlanActuals.Lines(db, viewer, quarterStart, asOf), ActualDimension.Region, null, ct);
        var regionMembers = regionCells.Select(c => c.A).OfType<string>()
            .Union(basis.RevenueBreakdowns.TryGetValue(Dimension.Region, out var rb) ? rb.Parts.Select(p => p.Member) : []).ToList();
        var quarterBars = regionMembers.Select(r => new TargetBar(r, GetPlanVsActual.Name(names, ActualDimension.Region, r)!,
                targets && basis.MemberTarget(ActualDimension.Region, r) is { } rt ? Math.Round(rt * quarterShare, 2, MidpointRounding.AwayFromZero) : null,
                regionCells.Where(c => c.A == r).Sum(c => c.Amount)))
            .OrderByDescending(b => b.Target ?? 0m).ThenBy(b => b.Member, StringComparer.Ordinal).ToList();

        async Task<List<MixRow>> Mix(ActualDimension d, Dimension planned)
        {
            var cells = await PlanActuals.Sum(db, lines, d, null, ct);
            var total = cells.Sum(c => c.Amount);
            var plan = basis.RevenueBreakdowns.GetValueOrDefault(planned);
            var planSum = plan?.Parts.Sum(p => p.Amount) ?? 0m;
            var members = cells.Select(c => c.A ?? "—").Union(plan?.Parts.Select(p => p.Member) ?? []).ToList();
            return members.Select(m => new MixRow(m, GetPlanVsActual.Name(names, d, m) ?? m, cells.Where(c => (c.A ?? "—") == m).Sum(c => c.Amount),
                    total == 0m ? 0m : Math.Round(cells.Where(c => (c.A ?? "—") == m).Sum(c => c.Amount) / total, 4, MidpointRounding.AwayFromZero),
                    planSum == 0m || plan!.Parts.FirstOrDefault(p => p.Member == m) is not { } part ? null : Math.Round(part.Amount / planSum, 4, MidpointRounding.AwayFromZero)))
                .OrderByDescending(x => x.PlanShare ?? -1m).ThenByDescending(x => x.Actual).ToList();
        }

        return new Dashboard(year, asOf, basis, elapsed, expected, cards, cumulative, quarter, quarterBars,
            await Mix(ActualDimension.ProductLine, Dimension.ProductLine), await Mix(ActualDimension.Channel, Dimension.Channel));
    }
}
