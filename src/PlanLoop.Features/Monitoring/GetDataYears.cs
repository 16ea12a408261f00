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
        if (await db.OrderLines.AnyAsync(ct))
        {
            years.Add((await db.OrderLines.MinAsync(o => o.BookedOn, ct)).Year);
            years.Add((await db.OrderLines.MaxAsync(o => o.BookedOn, ct)).Year);
        }
        if (await db.Opportunities.AnyAsync(o => o.ClosedOn != null, ct))
        {
            years.Add((await db.Opportunities.Where(o => o.ClosedOn != null).MinAsync(o => o.ClosedOn!.Value, ct)).Year);
            years.Add((await db.Opportunities.Where(o => o.ClosedOn != null).MaxAsync(o => o.ClosedOn!.Value, ct)).Year);
        }
        years.AddRange(await db.Plans.Select(p => p.FiscalYear).Distinct().ToListAsync(ct));
        var (first, last) = (Math.Max(years.Min(), today - 20), Math.Min(years.Max(), today + 5));
        return Enumerable.Range(first, last - first + 1).Reverse().ToList();
    }
}
