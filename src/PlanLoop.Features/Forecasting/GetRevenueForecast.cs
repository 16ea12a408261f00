using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Forecasting;

/// <summary>
/// One month of the forecast year: what is booked (so far, for the current month) and what the forecast says, with 80% and 95%
/// bounds; for a month still forecast, the fan: the year-to-date total by its end (booked, won deals and the forecast) as P10 / P50 / P90.
/// </summary>
public sealed record ForecastMonth(int Month, decimal? Actual, decimal? Forecast, decimal? Lower80, decimal? Upper80, decimal? Lower95, decimal? Upper95,
    decimal? ToDateP10 = null, decimal? ToDateP50 = null, decimal? ToDateP90 = null);

/// <summary>
/// Where the year's revenue lands for the caller's scope (or one region, product line, channel, team, rep or tier):
/// the months booked, the months forecast, the year total as P10 / P50 / P90, and the chance of reaching the target.
/// </summary>
public sealed record RevenueForecast(int Year, DateOnly AsOf, ActualDimension? By, string? Member, ForecastMethod Method, string Model, IReadOnlyList<string> Notes,
    int HistoryMonths, IReadOnlyList<ForecastMonth> Months, decimal Booked, decimal P10, decimal P50, decimal P90, decimal? Target, decimal? ProbabilityOfTarget, decimal? GapAtP50,
    ForecastPipeline Pipeline);

/// <summary>
/// The open deals in the year's outlook: how many and their amount, what they are expected to bring in by December
/// (probability × chance of closing in time), what the time series adds beyond them, their amount-weighted win rate,
/// the new pipeline needed at that rate to close the gap at P50, and whether the learned model set the probabilities.
/// </summary>
public sealed record ForecastPipeline(int Deals, decimal Amount, decimal Expected, decimal BeyondPipeline, decimal? WinRate, decimal? Needed, bool ModelInUse);

/// <summary>
/// Forecasts monthly booked revenue: the monthly sums come from the database (at most five years before the
/// year, in the caller's scope), months without a booking count as 0, the months from the current one to
/// December are forecast by the chosen method (the combination of ETS, Theta and a damped trend by default; see
/// bench/results/forecast-m3.md for how each does on the M3 series) and the year total is simulated.
/// </summary>
public sealed class GetRevenueForecast(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, GetWinProbabilities winProbabilities, ReadCache cache)
{
    /// <summary>The methods by the names the API and the command line take.</summary>
    public static readonly IReadOnlyDictionary<string, ForecastMethod> Methods = new Dictionary<string, ForecastMethod>(StringComparer.OrdinalIgnoreCase)
    {
        ["combination"] = ForecastMethod.Combination,
        ["ets"] = ForecastMethod.Ets,
        ["theta"] = ForecastMethod.Theta,
        ["damped"] = ForecastMethod.Damped,
        ["arima"] = ForecastMethod.Arima,
        ["snaive"] = ForecastMethod.SeasonalNaive,
        ["auto"] = ForecastMethod.Auto,
    };

    public static readonly IReadOnlyList<ActualDimension> Dimensions =
        [ActualDimension.Region, ActualDimension.ProductLine, ActualDimension.Channel, ActualDimension.Team, ActualDimension.Rep, ActualDimension.Tier];

    public async Task<EditResult<RevenueForecast>> Handle(Viewer viewer, int? year, ActualDimension? by, string? member, ForecastMethod method, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var today = businessDay.Today();
        var y = year ?? today.Year;
        var errors = new Dictionary<string, string[]>();
        if (y < 2000 || y > today.Year + 1) errors["year"] = [$"The year must be between 2000 and {today.Year + 1}."];
        if (by is { } d && !Dimensions.Contains(d)) errors["by"] = [$"Forecasts are cut by {string.Join(", ", Dimensions)}."];
        if (by is not null && string.IsNullOrWhiteSpace(member)) errors["member"] = ["Name the member to forecast (a code, a person's name or A/B/C)."];
        if (by is null && member is not null) errors["by"] = ["Say which dimension the member belongs to."];
        if (member is { Length: > 100 }) errors["member"] = ["A member is at most 100 characters."];
        if (errors.Count > 0) return EditResult<RevenueForecast>.Invalid(errors);
        // Kept while nothing is written: the home page, the weekly report and the forecast page ask for the same view.
        return await cache.Get("forecast", $"{y}|{by}|{member?.Trim()}|{method}", viewer, today, async () =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return EditResult<RevenueForecast>.Saved(await Forecast(db, viewer, today, y, by, member?.Trim(), method, null, null, ct));
        }, ct);
    }

    /// <summary>
    /// Where each member of a dimension that the plan breaks the revenue target down by lands, most likely to miss first
    /// (the lowest chance of reaching its target). Member targets are shown to those who see the whole company; anyone
    /// else gets an empty list.
    /// </summary>
    public async Task<EditResult<IReadOnlyList<RevenueForecast>>> Members(Viewer viewer, int? year, ActualDimension by, ForecastMethod method, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var today = businessDay.Today();
        var y = year ?? today.Year;
        if (y < 2000 || y > today.Year + 1) return EditResult<IReadOnlyList<RevenueForecast>>.Invalid(new Dictionary<string, string[]> { ["year"] = [$"The year must be between 2000 and {today.Year + 1}."] });
        if (!Dimensions.Contains(by) || PlanActuals.PlanDimension(by) is not { } planned)
            return EditResult<IReadOnlyList<RevenueForecast>>.Invalid(new Dictionary<string, string[]> { ["by"] = [$"Members are compared by a dimension the plan breaks down: {string.Join(", ", Dimensions.Where(d => PlanActuals.PlanDimension(d) is not null))}."] });
        if (!viewer.SeesAll) return EditResult<IReadOnlyList<RevenueForecast>>.Saved([]);
        return await cache.Get("forecast-members", $"{y}|{by}|{method}", viewer, today, () => MembersOf(viewer, today, y, by, planned, method, ct), ct);
    }

    async Task<EditResult<IReadOnlyList<RevenueForecast>>> MembersOf(Viewer viewer, DateOnly today, int y, ActualDimension by, Domain.Planning.Dimension planned, ForecastMethod method, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var basis = await PlanActuals.Basis(db, y, null, ct);
        if (!basis.RevenueBreakdowns.TryGetValue(planned, out var breakdown)) return EditResult<IReadOnlyList<RevenueForecast>>.Saved([]);
        var open = y == today.Year ? await winProbabilities.Pipeline(db, viewer, ct) : null;
        var list = new List<RevenueForecast>();
        foreach (var part in breakdown.Parts)
            list.Add(await Forecast(db, viewer, today, y, by, part.Member, method, open, basis, ct));
        return EditResult<IReadOnlyList<RevenueForecast>>.Saved([.. list.OrderBy(f => f.ProbabilityOfTarget ?? 1m).ThenBy(f => f.Member, StringComparer.Ordinal)]);
    }

    async Task<RevenueForecast> Forecast(PlanLoopDbContext db, Viewer viewer, DateOnly today, int y, ActualDimension? by, string? member, ForecastMethod method,
        OpenPipeline? loaded, PlanBasis? planBasis, CancellationToken ct)
    {
        // The current month is forecast whole: the history ends with the last complete month.
        var asOf = today < new DateOnly(y, 12, 31) ? today : new DateOnly(y, 12, 31);
        var lastClosed = LastClosedMonth(asOf);
        var from = new DateOnly(y - 5, 1, 1);
        var lines = PlanActuals.Lines(db, viewer, from, asOf);
        if (by is { } dimension)
            lines = PlanActuals.OfMember(PlanActuals.With(db, lines, dimension), dimension, member!);
        var byMonth = await MonthlySums(lines, ct);

        var notes = new List<string>();
        var history = History(byMonth, lastClosed);
        if (history.Any(v => v == 0)) notes.Add("months-without-bookings");
        var firstForecast = lastClosed.AddDays(1);
        var h = firstForecast.Year > y ? 0 : 13 - firstForecast.Month;
        var forecast = history.Count == 0
            ? new SeriesForecast(method, "none", new double[h], new double[h], new double[h], new double[h], new double[h], ["no-history"])
            : h == 0 ? null : Forecaster.Run(history, 12, h, method);
        if (forecast is not null) notes.AddRange(forecast.Notes);

        var booked = Enumerable.Range(1, 12).Where(m => new DateOnly(y, m, 1) <= lastClosed).Sum(m => byMonth.GetValueOrDefault((y, m)));
        var (team, person) = await PlanActuals.Who(db, viewer, ct);
        var basis = planBasis ?? await PlanActuals.Basis(db, y, null, ct);
        var target = by is { } cut ? viewer.SeesAll ? basis.MemberTarget(cut, member) : null : basis.RevenueTargetFor(viewer, team, person);
        // The open deals count for the year being lived (for a past year they are not its pipeline).
        var open = asOf != today ? new OpenPipeline([], [], false) : loaded ?? await winProbabilities.Pipeline(db, viewer, ct);
        var deals = open.Of(by, member).Select(p => new OpenDeal((double)p.Amount, p.Deal.Probability, p.Deal.ExpectedClose)).ToList();
        var pipeline = new PipelineOutlook(deals, today, new DateOnly(y, 12, 31), open.Slips);
        var outlook = Outlook.Total(history, 12, (double)booked, forecast ?? new SeriesForecast(method, "", [], [], [], [], [], []), target is { } t ? (double)t : null, pipeline);

        var months = new List<ForecastMonth>();
        for (var m = 1; m <= 12; m++)
        {
            var start = new DateOnly(y, m, 1);
            decimal? actual = start <= asOf ? byMonth.GetValueOrDefault((y, m)) : null;
            var k = forecast is null ? -1 : m - firstForecast.Month;
            if (k >= 0 && start >= firstForecast)
                months.Add(new ForecastMonth(m, actual, Money(forecast!.Mean[k]), Money(forecast.Lower80[k]), Money(forecast.Upper80[k]), Money(forecast.Lower95[k]), Money(forecast.Upper95[k]),
                    Money(outlook.Fan[k].P10), Money(outlook.Fan[k].P50), Money(outlook.Fan[k].P90)));
            else months.Add(new ForecastMonth(m, actual, null, null, null, null, null));
        }
        return new RevenueForecast(y, asOf, by, member, forecast?.Method ?? method, forecast?.Model ?? "", notes, history.Count, months, booked,
            Money(outlook.P10), Money(outlook.P50), Money(outlook.P90), target, outlook.ProbabilityOfTarget is { } p ? Math.Round((decimal)p, 4) : null,
            outlook.GapAtP50 is { } gap ? Money(gap) : null,
            new ForecastPipeline(deals.Count, Money(deals.Sum(d => d.Amount)), Money(outlook.PipelineExpected), Money(outlook.BeyondPipeline),
                outlook.PipelineWinRate is { } rate ? Math.Round((decimal)rate, 4) : null, outlook.PipelineNeeded is { } needed ? Money(needed) : null, open.ModelInUse));
    }

    /// <summary>The lines' amounts summed by year and month in the database.</summary>
    internal static async Task<Dictionary<(int Year, int Month), decimal>> MonthlySums(IQueryable<ActualLine> lines, CancellationToken ct) =>
        (await lines.GroupBy(l => new { l.BookedOn.Year, l.BookedOn.Month }).Select(g => new { g.Key.Year, g.Key.Month, Sum = g.Sum(l => l.Amount) }).ToListAsync(ct))
            .ToDictionary(s => (s.Year, s.Month), s => s.Sum);

    /// <summary>The last day of the last complete month on a day (the day itself at a month's end): where a monthly history ends.</summary>
    internal static DateOnly LastClosedMonth(DateOnly asOf) => asOf.AddDays(1).Day == 1 ? asOf : new DateOnly(asOf.Year, asOf.Month, 1).AddDays(-1);

    /// <summary>Monthly sums from the first booked month to the month ending on <paramref name="lastClosed"/>, a month without bookings as 0.</summary>
    internal static List<double> History(IReadOnlyDictionary<(int Year, int Month), decimal> byMonth, DateOnly lastClosed)
    {
        var history = new List<double>();
        var closed = byMonth.Keys.Where(k => new DateOnly(k.Year, k.Month, 1) <= lastClosed).ToList();
        if (closed.Count == 0) return history;
        var first = closed.Min();
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= lastClosed; m = m.AddMonths(1))
            history.Add((double)byMonth.GetValueOrDefault((m.Year, m.Month)));
        return history;
    }

    static decimal Money(double v) => double.IsFinite(v) ? Math.Round((decimal)v, 2, MidpointRounding.AwayFromZero) : 0m;
}
