using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Monitoring;

/// <summary>
/// The fiscal years a report can show: every year from the first booked order, deal or plan to the
/// last (and the business day's), newest first — so four years of imported history are one pick
/// away, not only the current year. The bounds come from indexed minima and maxima, not a scan.
/// </summary>
public sealed class GetDataYears(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay)
{
    public async Task<IReadOnlyList<int>> Handle(CancellationToken ct)
    {
        var today = businessDay.Today().Year;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var years = new List<int> { today };
        // Nullable bounds: null for an empty table, without asking first whether it has rows.
        foreach (var day in new[]
                 {
                     await db.OrderLines.MinAsync(o => (DateOnly?)o.BookedOn, ct), await db.OrderLines.MaxAsync(o => (DateOnly?)o.BookedOn, ct),
                     await db.Opportunities.MinAsync(o => o.ClosedOn, ct), await db.Opportunities.MaxAsync(o => o.ClosedOn, ct),
                 })
            if (day is { } d) years.Add(d.Year);
        years.AddRange(await db.Plans.Select(p => p.FiscalYear).Distinct().ToListAsync(ct));
        var (first, last) = (Math.Max(years.Min(), today - 20), Math.Min(years.Max(), today + 5));
        return Enumerable.Range(first, last - first + 1).Reverse().ToList();
    }
}
