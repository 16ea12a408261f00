using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Forecasting;

/// <summary>
/// How one submitter's calls did once their periods closed: how many calls (each week's latest), over how many
/// periods, the mean absolute percentage error of the commit against what was booked, the bias (mean signed error;
/// negative = called low, sandbagging) and the error of their last call before the latest closed period ended.
/// </summary>
public sealed record CallAccuracy(CallScope Scope, Guid Id, string Name, int Calls, int Periods, decimal Mape, decimal Bias, decimal? LastCallError);

/// <summary>
/// Forecast accuracy for a year, in the caller's scope: each submitter's calls against the books (best first) and each
/// time-series method on the company's own monthly history (rolling origin: the last <see cref="Origins"/> months, up to
/// <see cref="Horizon"/> months ahead), so the director sees whose commits can be trusted and which method suits the business.
/// </summary>
public sealed record ForecastAccuracy(int Year, DateOnly AsOf, IReadOnlyList<CallAccuracy> Calls, int HistoryMonths, int Origins, int Horizon, IReadOnlyList<BacktestScore> Methods, IReadOnlyList<BacktestScore> Kept);

public sealed class GetForecastAccuracy(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay)
{
    public const int BacktestOrigins = 6;
    public const int BacktestHorizon = 3;

    public async Task<EditResult<ForecastAccuracy>> Handle(Viewer viewer, int? year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var today = businessDay.Today();
        var y = year ?? today.Year;
        if (y < 2000 || y > today.Year) return EditResult<ForecastAccuracy>.Invalid(new Dictionary<string, string[]> { ["year"] = [$"The year must be between 2000 and {today.Year}."] });
        await using var db = await dbs.CreateDbContextAsync(ct);

        // The books by owner and month of the year (one grouped query), summed into each call's scope and period below.
        var booked = await db.OrderLines.AsNoTracking().Where(o => o.BookedOn.Year == y && o.BookedOn <= today)
            .GroupBy(o => new { o.OwnerId, o.BookedOn.Month }).Select(g => new { g.Key.OwnerId, g.Key.Month, Amount = g.Sum(o => o.Amount) }).ToListAsync(ct);
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name, p.TeamId }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var teamOf = people.ToDictionary(p => p.Id, p => p.TeamId);
        decimal Actual(ForecastCall c)
        {
            var (from, to) = c.Period;
            return booked.Where(b => b.Month >= from.Month && b.Month <= to.Month && c.Scope switch
            {
                CallScope.Own => b.OwnerId == c.PersonId,
                CallScope.Team => b.OwnerId is { } o && teamOf.GetValueOrDefault(o) == c.TeamId,
                _ => true,
            }).Sum(b => b.Amount);
        }

        var calls = await ForecastCalls.Visible(db, viewer).Where(c => c.Year == y).ToListAsync(ct);
        var closed = calls.Where(c => c.Period.To <= today).ToList();
        var latest = CallRollup.Latest(closed, c => (c.Scope, c.PersonId, c.TeamId, c.Quarter, c.Week));
        var rows = new List<CallAccuracy>();
        foreach (var group in latest.GroupBy(c => (c.Scope, Id: c.Scope == CallScope.Own ? c.PersonId : c.Scope == CallScope.Team ? c.TeamId : Guid.Empty)))
        {
            var errors = group.Select(c => (Call: c, Actual: Actual(c))).Where(x => x.Actual > 0m).Select(x => (x.Call, Error: (x.Call.Commit - x.Actual) / x.Actual)).ToList();
            if (errors.Count == 0) continue;
            var lastPeriod = group.Max(c => c.Period.To);
            var last = errors.Where(e => e.Call.Period.To == lastPeriod).OrderByDescending(e => e.Call.Week).Select(e => (decimal?)e.Error).FirstOrDefault();
            var name = group.Key.Scope switch
            {
                CallScope.Own => people.FirstOrDefault(p => p.Id == group.Key.Id)?.Name ?? "",
                CallScope.Team => group.Key.Id is { } t ? teams.GetValueOrDefault(t, "") : "",
                _ => "",
            };
            rows.Add(new CallAccuracy(group.Key.Scope, group.Key.Id ?? Guid.Empty, name, errors.Count, errors.Select(e => e.Call.Period).Distinct().Count(),
                Math.Round(errors.Average(e => Math.Abs(e.Error)), 4), Math.Round(errors.Average(e => e.Error), 4), last is { } l ? Math.Round(l, 4) : null));
        }

        // The caller's monthly history to the last closed month of the year (or of today, for the running year).
        var end = GetRevenueForecast.LastClosedMonth(new DateOnly(y, 12, 31) < today ? new DateOnly(y, 12, 31) : today);
        var sums = await GetRevenueForecast.MonthlySums(PlanActuals.Lines(db, viewer, new DateOnly(y - 5, 1, 1), end), ct);
        var history = GetRevenueForecast.History(sums, end);
        var methods = history.Count < BacktestOrigins + 4 ? []
            : Forecaster.Candidates.AsParallel().AsOrdered().Select(method => Backtest.Score(history, 12, BacktestOrigins, BacktestHorizon, method)).ToList();

        // The forecasts the methods made at each month's close (the company's, so for those who see it all), scored once their month closed.
        var kept = new List<BacktestScore>();
        if (viewer.SeesAll && history.Count > 0)
        {
            var first = sums.Keys.Select(k => new DateOnly(k.Year, k.Month, 1)).Where(m => m <= end).Min();
            int Index(DateOnly month) => (month.Year - first.Year) * 12 + month.Month - first.Month;
            var due = await db.KeptForecasts.AsNoTracking().Where(k => k.Month >= new DateOnly(y, 1, 1) && k.Month <= end).ToListAsync(ct);
            foreach (var group in due.GroupBy(k => k.Method))
            {
                var points = group.Where(k => Index(k.Month) >= 0 && Index(k.MadeOn) >= 0)
                    .Select(k => (history[Index(k.Month)], (double)k.Forecast, Backtest.Scale(history.Take(Index(k.MadeOn) + 1).ToList(), 12))).ToList();
                if (points.Count > 0) kept.Add(Backtest.Of(group.Key, points));
            }
        }
        return EditResult<ForecastAccuracy>.Saved(new ForecastAccuracy(y, today, [.. rows.OrderBy(r => r.Mape).ThenBy(r => r.Name, StringComparer.Ordinal)], history.Count,
            BacktestOrigins, BacktestHorizon, [.. methods.OrderBy(s => s.Mase)], [.. kept.OrderBy(s => s.Mase)]));
    }
}
