using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Forecasting;

/// <summary>What keeping the forecasts did: the month-end they were made on and how many were added (0: already kept).</summary>
public sealed record KeptForecasts(DateOnly MadeOn, int Added);

/// <summary>
/// Keeps what every method says at a month's close about the company's revenue in the next three months, once per
/// month-end (the nightly job runs it; running it again adds nothing), so the accuracy page can score the methods on
/// forecasts made before the fact. <see cref="Since"/> replays past month-ends for a company that moves in with its
/// history (what each method would have said from the books as they stand now).
/// </summary>
public sealed class KeepForecasts(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, TimeProvider clock)
{
    public const int Ahead = 3;

    public async Task<KeptForecasts> Handle(DateOnly? asOf, CancellationToken ct)
    {
        var madeOn = GetRevenueForecast.LastClosedMonth(asOf ?? businessDay.Today());
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.KeptForecasts.AnyAsync(k => k.MadeOn == madeOn, ct)) return new(madeOn, 0);
        var history = GetRevenueForecast.History(await GetRevenueForecast.MonthlySums(PlanActuals.Lines(db, Viewer.System, madeOn.AddYears(-5), madeOn), ct), madeOn);
        if (history.Count == 0) return new(madeOn, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        var next = madeOn.AddDays(1);
        var rows = Forecaster.Candidates.AsParallel().AsOrdered().SelectMany(method =>
        {
            var f = Forecaster.Run(history, 12, Ahead, method);
            return Enumerable.Range(0, Ahead).Select(k => new KeptForecast(madeOn, method, f.Model, next.AddMonths(k), Money(f.Mean[k]), Money(f.Lower80[k]), Money(f.Upper80[k]), now));
        }).ToList();
        db.KeptForecasts.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await AlreadyKept(madeOn, ct)) return new(madeOn, 0);   // another run kept this month-end first
            throw;
        }
        return new(madeOn, rows.Count);
    }

    /// <summary>Keeps every month-end from <paramref name="from"/>'s month to the last closed one on <paramref name="to"/> (default: the business day) that is not kept yet; how many rows were added.</summary>
    public async Task<int> Since(DateOnly from, DateOnly? to, IProgress<DateOnly>? progress, CancellationToken ct)
    {
        var last = GetRevenueForecast.LastClosedMonth(to ?? businessDay.Today());
        var added = 0;
        for (var monthEnd = new DateOnly(from.Year, from.Month, 1).AddMonths(1).AddDays(-1); monthEnd <= last; monthEnd = monthEnd.AddDays(1).AddMonths(1).AddDays(-1))
        {
            added += (await Handle(monthEnd, ct)).Added;
            progress?.Report(monthEnd);
        }
        return added;
    }

    async Task<bool> AlreadyKept(DateOnly madeOn, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.KeptForecasts.AnyAsync(k => k.MadeOn == madeOn, ct);
    }

    static decimal Money(double v) => double.IsFinite(v) ? Math.Round((decimal)v, 2, MidpointRounding.AwayFromZero) : 0m;
}
