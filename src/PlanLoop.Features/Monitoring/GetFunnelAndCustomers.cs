using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Monitoring;

/// <summary>
/// A step of the funnel: how many reached it and the conversion from the step before, against the
/// plan's target where it sets one and against the same step over the same months of last year.
/// </summary>
public sealed record FunnelStep(string Step, int Count, decimal? Conversion, decimal? Target, decimal? LastYear = null);

public sealed record CustomerView(int Customers, decimal? Target, int New, int Retained, int Churned, decimal? Arpu, decimal? ArpuTarget, decimal? AverageWonDeal,
    decimal? Nps, decimal? NpsTarget, decimal? Satisfaction, decimal? SatisfactionTarget);

public sealed record ChannelView(string Code, string Name, decimal Actual, decimal? TargetToDate, decimal? Attainment, decimal? PlannedHeads, decimal? PlannedPerHead, int? Heads, decimal? AnnualisedPerHead);

public sealed record FunnelAndCustomers(int Year, DateOnly AsOf, IReadOnlyList<FunnelStep> Funnel, CustomerView Customers, IReadOnlyList<ChannelView> Channels);

/// <summary>
/// The funnel of the year to date (leads → SQL → opportunities → proposal → negotiation → won, each
/// step's conversion against the same months of last year, the qualified-lead rate against the
/// plan's 40% and the win rate against its conversion target), the customer view (buyers
/// against the plan's 1,100; new, retained and churned against last year's buyers; ARPU against
/// 客单价 13.6万; NPS and satisfaction), and each channel against its target with its lever (a direct
/// seller's annualised revenue against the planned 500万 per head). Counted by the database.
/// </summary>
public sealed class GetFunnelAndCustomers(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, GetLeadFunnel leads, GetSatisfactionReport satisfaction, GetPlanVsActual planVsActual, ReadCache cache)
{
    /// <summary>The funnel and customer views, from the read cache while nothing has been written (see <see cref="ReadCache"/>).</summary>
    public Task<FunnelAndCustomers> Handle(int year, Guid? versionId, Viewer viewer, CancellationToken ct) =>
        cache.Get("funnel", $"{year}|{versionId}", viewer, businessDay.Today(), () => Compute(year, versionId, viewer, ct), ct);

    async Task<FunnelAndCustomers> Compute(int year, Guid? versionId, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var today = businessDay.Today();
        var asOf = today < new DateOnly(year, 12, 31) ? today : new DateOnly(year, 12, 31);
        var first = new DateOnly(year, 1, 1);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var basis = await PlanActuals.Basis(db, year, versionId, ct);
        decimal? Target(Kpi kpi) => viewer.SeesAll ? basis.Kpis.GetValueOrDefault(kpi)?.Target : null;

        async Task<List<FunnelStep>> Steps(DateOnly from, DateOnly to, bool withTargets)
        {
            var funnel = (await leads.Handle(from, to, LeadDimension.Month, viewer, ct)).Total;
            var deals = db.Opportunities.AsNoTracking().Visible(db, viewer).Where(o => o.CreatedOn >= from && o.CreatedOn <= to);
            var opened = await deals.CountAsync(ct);
            var proposal = await deals.CountAsync(o => o.Moves.Any(m => m.To == SopStages.Proposal), ct);
            var negotiation = await deals.CountAsync(o => o.Moves.Any(m => m.To == SopStages.Negotiation), ct);
            var won = await deals.CountAsync(o => o.StageCode == SopStages.Won, ct);
            // Unrounded: rounded here to 0.01% and again to 0.1% on a page, 30.648% read 30.7% on the funnel and 30.6% on the leads page.
            static decimal? Rate(int part, int whole) => whole == 0 ? null : (decimal)part / whole;
            return
            [
                new("leads", funnel.Leads, null, null),
                new("worked", funnel.Worked, Rate(funnel.Worked, funnel.Leads), null),
                new("sql", funnel.Qualified, Rate(funnel.Qualified, funnel.Worked), withTargets ? Target(Kpi.QualifiedLeadRate) : null),
                new("opportunities", opened, null, null),
                new("proposal", proposal, Rate(proposal, opened), null),
                new("negotiation", negotiation, Rate(negotiation, proposal), null),
                new("won", won, Rate(won, negotiation), withTargets ? Target(Kpi.ConversionRate) : null),
            ];
        }
        var before = await Steps(first.AddYears(-1), asOf.AddYears(-1), withTargets: false);
        var steps = (await Steps(first, asOf, withTargets: true)).Select((s, i) => s with { LastYear = before[i].Conversion }).ToList();

        var lines = PlanActuals.Lines(db, viewer, first, asOf);
        var buyers = lines.Select(l => l.AccountId).Distinct();
        var lastYear = PlanActuals.Lines(db, viewer, first.AddYears(-1), first.AddDays(-1)).Select(l => l.AccountId).Distinct();
        var customers = await buyers.CountAsync(ct);
        var brandNew = await buyers.CountAsync(id => !db.OrderLines.Any(o => o.AccountId == id && o.BookedOn < first), ct);
        var retained = await buyers.CountAsync(id => lastYear.Contains(id), ct);
        var churned = await lastYear.CountAsync(id => !buyers.Contains(id), ct);
        var revenue = await lines.SumAsync(l => l.Amount, ct);
        var wonDeals = await db.Opportunities.AsNoTracking().Visible(db, viewer).Where(o => o.StageCode == SopStages.Won && o.ClosedOn >= first && o.ClosedOn <= asOf)
            .GroupBy(o => 1).Select(g => new { Count = g.Count(), Sum = g.Sum(o => o.Amount) }).FirstOrDefaultAsync(ct);
        var surveys = (await satisfaction.Handle(first, asOf, SatisfactionDimension.Year, viewer, ct)).Total;
        var view = new CustomerView(customers, Target(Kpi.CustomerCount), brandNew, retained, churned,
            customers == 0 ? null : Math.Round(revenue / customers, 2, MidpointRounding.AwayFromZero), Target(Kpi.AverageDealSize),
            wonDeals is { Count: > 0 } w ? Math.Round(w.Sum / w.Count, 2, MidpointRounding.AwayFromZero) : null,
            surveys.Nps, Target(Kpi.Nps), surveys.CsatAverage, Target(Kpi.Satisfaction));

        var byChannel = await planVsActual.Handle(year, ActualDimension.Channel, null, versionId, viewer, ct);
        var version = basis.VersionId is { } vid ? await db.PlanVersions.AsNoTracking().SingleAsync(v => v.Id == vid, ct) : null;
        var sellers = await db.People.CountAsync(p => p.Position == Position.AccountExecutive, ct);
        var elapsed = Domain.Monitoring.Phasing.TimeElapsed(asOf);
        var channels = byChannel.Rows.Where(r => r.A is not null).Select(r =>
        {
            var lever = version?.Levers.FirstOrDefault(l => l.Channel == r.A);
            var direct = lever?.Kind == ChannelKind.Direct;
            return new ChannelView(r.A!, r.AName ?? r.A!, r.Actual, r.TargetToDate, r.Attainment, lever?.Units, lever?.OutputPerUnit, direct ? sellers : null,
                direct && sellers > 0 && elapsed > 0m ? Math.Round(r.Actual / elapsed / sellers, 2, MidpointRounding.AwayFromZero) : null);
        }).ToList();
        return new FunnelAndCustomers(year, asOf, steps, view, channels);
    }
}
