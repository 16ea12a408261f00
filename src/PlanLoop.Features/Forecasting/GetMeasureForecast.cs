using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Forecasting;

/// <summary>What else is forecast besides revenue: the customers who order in a month, and the money collected in a month.</summary>
public enum ForecastMeasure
{
    /// <summary>Customers with at least one order line booked in the month (in the caller's scope).</summary>
    Customers,
    /// <summary>Payments received in the month on the contracts the caller may see (回款).</summary>
    Collection,
}

/// <summary>One month: what happened (a closed month) or the forecast with its 80% bounds (a month to come).</summary>
public sealed record MeasureMonth(DateOnly Month, decimal? Actual, decimal? Forecast, decimal? Lower80, decimal? Upper80);

/// <summary>
/// A measure's monthly history (the last 12 closed months shown) and its forecast to December; for collection, what the
/// year has collected and the year's estimate (collected + the months forecast). Customers are not summed over months
/// (the same customer orders in several), so they have no year figure.
/// </summary>
public sealed record MeasureForecast(ForecastMeasure Measure, DateOnly AsOf, ForecastMethod Method, string Model, IReadOnlyList<string> Notes, int HistoryMonths,
    IReadOnlyList<MeasureMonth> Months, decimal? YearToDate, decimal? YearEstimate);

/// <summary>
/// Forecasts the customers who order and the money collected, month by month, for the caller's scope: the monthly
/// figures come from the database (at most five years back; a month with nothing counts as 0), the months from the
/// current one to December are forecast by the chosen method, as revenue is (<see cref="GetRevenueForecast"/>).
/// </summary>
public sealed class GetMeasureForecast(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, ReadCache cache)
{
    public static readonly IReadOnlyDictionary<string, ForecastMeasure> Measures = new Dictionary<string, ForecastMeasure>(StringComparer.OrdinalIgnoreCase)
    {
        ["customers"] = ForecastMeasure.Customers,
        ["collection"] = ForecastMeasure.Collection,
    };

    public Task<MeasureForecast> Handle(Viewer viewer, ForecastMeasure measure, ForecastMethod method, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var today = businessDay.Today();
        return cache.Get("forecast-measure", $"{measure}|{method}", viewer, today, () => Forecast(viewer, today, measure, method, ct), ct);
    }

    async Task<MeasureForecast> Forecast(Viewer viewer, DateOnly today, ForecastMeasure measure, ForecastMethod method, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var lastClosed = GetRevenueForecast.LastClosedMonth(today);
        var first = new DateOnly(today.Year - 5, 1, 1);
        Dictionary<(int Year, int Month), decimal> byMonth;
        if (measure == ForecastMeasure.Customers)
        {
            var counts = await PlanActuals.Lines(db, viewer, first, lastClosed)
                .GroupBy(l => new { l.BookedOn.Year, l.BookedOn.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Select(l => l.AccountId).Distinct().Count() }).ToListAsync(ct);
            byMonth = counts.ToDictionary(c => (c.Year, c.Month), c => (decimal)c.Count);
        }
        else
        {
            var sums = await (from p in db.Payments
                              join c in db.Contracts.Visible(db, viewer) on p.ContractId equals c.Id
                              where p.ReceivedOn >= first && p.ReceivedOn <= lastClosed
                              group p by new { p.ReceivedOn.Year, p.ReceivedOn.Month } into g
                              select new { g.Key.Year, g.Key.Month, Sum = g.Sum(p => p.Amount) }).ToListAsync(ct);
            byMonth = sums.ToDictionary(s => (s.Year, s.Month), s => s.Sum);
        }

        var history = GetRevenueForecast.History(byMonth, lastClosed);
        var firstForecast = lastClosed.AddDays(1);
        // To December; on the year's last day, the next year.
        var h = firstForecast.Month == 1 && firstForecast.Year > today.Year ? 12 : 13 - firstForecast.Month;
        var notes = new List<string>();
        SeriesForecast? forecast = null;
        if (history.Count == 0) notes.Add("no-history");
        else
        {
            if (history.Any(v => v == 0)) notes.Add("months-without-bookings");
            forecast = Forecaster.Run(history, 12, h, method);
            notes.AddRange(forecast.Notes);
        }
        var round = measure == ForecastMeasure.Customers ? 0 : 2;
        decimal Value(double v) => double.IsFinite(v) ? Math.Round((decimal)Math.Max(0, v), round, MidpointRounding.AwayFromZero) : 0m;   // neither a count nor money received goes below 0

        var months = new List<MeasureMonth>();
        var lastStart = new DateOnly(lastClosed.Year, lastClosed.Month, 1);
        for (var m = lastStart.AddMonths(-11); history.Count > 0 && m <= lastStart; m = m.AddMonths(1))
            months.Add(new MeasureMonth(m, byMonth.GetValueOrDefault((m.Year, m.Month)), null, null, null));
        for (var k = 0; forecast is not null && k < h; k++)
            months.Add(new MeasureMonth(firstForecast.AddMonths(k), null, Value(forecast.Mean[k]), Value(forecast.Lower80[k]), Value(forecast.Upper80[k])));

        decimal? toDate = null, estimate = null;
        if (measure == ForecastMeasure.Collection)
        {
            var year = firstForecast.Year > today.Year ? today.Year : firstForecast.Year;
            toDate = byMonth.Where(kv => kv.Key.Year == year).Sum(kv => kv.Value);
            estimate = toDate + months.Where(m => m.Forecast is not null && m.Month.Year == year).Sum(m => m.Forecast!.Value);
        }
        return new MeasureForecast(measure, today, forecast?.Method ?? method, forecast?.Model ?? "", notes, history.Count, months, toDate, estimate);
    }
}
