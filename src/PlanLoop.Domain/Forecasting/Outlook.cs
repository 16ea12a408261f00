namespace PlanLoop.Domain.Forecasting;

/// <summary>Where a total lands: what is already booked plus the distribution of what the forecast says is still to come.</summary>
public sealed record TotalOutlook(double Booked, double P10, double P50, double P90, double Mean, double? Target, double? ProbabilityOfTarget)
{
    /// <summary>The target minus the median landing (positive: short of it).</summary>
    public double? GapAtP50 => Target is { } t ? t - P50 : null;

    /// <summary>The cumulative total (booked + what has come by the end of each month still forecast) as P10 / P50 / P90: the fan a chart draws.</summary>
    public IReadOnlyList<FanPoint> Fan { get; init; } = [];

    /// <summary>The mean of the simulated paths (it converges on <see cref="Mean"/>, the closed form).</summary>
    public double SimulatedMean { get; init; }

    /// <summary>What the open deals are expected to bring in before the end (amount × probability × the chance they close in time).</summary>
    public double PipelineExpected { get; init; }

    /// <summary>What the time series expects beyond the pipeline: business not yet in it.</summary>
    public double BeyondPipeline { get; init; }

    /// <summary>The amount-weighted win probability of the open deals (null without any).</summary>
    public double? PipelineWinRate { get; init; }

    /// <summary>New pipeline needed at that win rate to close the gap at P50 (null when there is no gap or no pipeline to take the rate from).</summary>
    public double? PipelineNeeded => GapAtP50 is > 0 and { } gap && PipelineWinRate is > 0 and { } rate ? gap / rate : null;
}

/// <summary>One month of the fan: the cumulative total's 10th, 50th and 90th percentiles.</summary>
public sealed record FanPoint(double P10, double P50, double P90);

/// <summary>An open deal as the outlook draws it: won with its probability, closing on its expected day (or today if that has passed) plus a slip.</summary>
public sealed record OpenDeal(double Amount, double Probability, DateOnly ExpectedClose);

/// <summary>
/// The open deals of a period ending on <see cref="End"/>, seen on <see cref="Today"/>, and the days won deals have
/// slipped past their expected close (each draw picks one; none means deals close when expected).
/// </summary>
public sealed record PipelineOutlook(IReadOnlyList<OpenDeal> Deals, DateOnly Today, DateOnly End, IReadOnlyList<int> Slips)
{
    /// <summary>The chance a deal closes by the end: the share of slips that keep it inside the period.</summary>
    public double InTime(OpenDeal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var start = deal.ExpectedClose > Today ? deal.ExpectedClose : Today;
        if (Slips.Count == 0) return start <= End ? 1 : 0;
        return Slips.Count(s => start.AddDays(s) <= End) / (double)Slips.Count;
    }

    /// <summary>The closed-form expectation: Σ amount × probability × chance of closing in time.</summary>
    public double Expected => Deals.Sum(d => d.Amount * Math.Clamp(d.Probability, 0, 1) * InTime(d));
}

/// <summary>
/// The year-end (or quarter-end) total as a distribution. The months still to come are simulated from the
/// series' ETS model (the forecast's own when it fitted one) (paths with its fitted error, a fixed seed) and the draws are centred on the chosen method's
/// forecast; without an ETS model, a normal spread from the method's own 95% bounds. P10/P50/P90 and the share of
/// draws at or above the target.
/// With a pipeline, each path also draws every open deal (won or not by its probability, its close day slipped by a
/// historical slip; counted when it closes by the end), and the time series keeps only the share of its forecast
/// that the pipeline's expectation does not already cover — the business not yet in the pipeline.
/// </summary>
public static class Outlook
{
    public static TotalOutlook Total(IReadOnlyList<double> history, int m, double booked, SeriesForecast rest, double? target, PipelineOutlook? pipeline = null,
        int paths = 5000, int seed = 20_240_101)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rest);
        var h = rest.Mean.Length;
        var mean = rest.Mean.Sum();
        var withDeals = pipeline is { Deals.Count: > 0 };
        var model = h == 0 || history.Count < 4 || history.All(v => v == history[0]) ? null : rest.Ets ?? Ets.Auto(history, m);

        // paths × months, cumulative from the first month forecast; a year with nothing left to come has one column of zeros.
        var width = Math.Max(h, 1);
        var count = h == 0 && !withDeals ? 1 : paths;
        var cumulative = new double[count][];
        for (var i = 0; i < count; i++) cumulative[i] = new double[width];
        if (h > 0 && model is not null)
        {
            model.Simulate(h, paths, seed, (p, k, y) => cumulative[p][k] = (k == 0 ? 0 : cumulative[p][k - 1]) + y);
            // Centred on the chosen method's forecast, month by month.
            var own = model.Forecast(h);
            double chosen = 0, fitted = 0;
            var shift = new double[h];
            for (var k = 0; k < h; k++) { chosen += rest.Mean[k]; fitted += own[k]; shift[k] = chosen - fitted; }
            foreach (var path in cumulative)
                for (var k = 0; k < h; k++) path[k] += shift[k];
        }
        else if (h > 0)
        {
            // Errors of successive months taken as fully correlated: the widest honest spread from per-month bounds.
            var random = new Random(seed);
            foreach (var path in cumulative)
            {
                var z = EtsModel.Gaussian(random);
                double sum = 0, sd = 0;
                for (var k = 0; k < h; k++)
                {
                    sum += rest.Mean[k];
                    sd += (rest.Upper95[k] - rest.Lower95[k]) / (2 * 1.959963984540054);
                    path[k] = sum + sd * z;
                }
            }
        }

        var expected = pipeline?.Expected ?? 0;
        var beyond = mean;
        if (withDeals)
        {
            // Only the part of the forecast the pipeline does not cover is added to the pipeline's draws.
            var share = mean > 0 ? Math.Max(0, 1 - expected / mean) : 1;
            beyond = share * mean;
            var random = new Random(seed + 1);
            var deals = pipeline!.Deals;
            var starts = deals.Select(d => d.ExpectedClose > pipeline.Today ? d.ExpectedClose : pipeline.Today).ToArray();
            var lastMonth = pipeline.End.Year * 12 + pipeline.End.Month;
            var won = new double[width];
            foreach (var path in cumulative)
            {
                Array.Clear(won);
                for (var j = 0; j < deals.Count; j++)
                {
                    if (random.NextDouble() >= deals[j].Probability) continue;
                    var close = pipeline.Slips.Count == 0 ? starts[j] : starts[j].AddDays(pipeline.Slips[random.Next(pipeline.Slips.Count)]);
                    if (close > pipeline.End) continue;
                    won[Math.Clamp(width - 1 - (lastMonth - (close.Year * 12 + close.Month)), 0, width - 1)] += deals[j].Amount;
                }
                double added = 0;
                for (var k = 0; k < width; k++) { added += won[k]; path[k] = share * path[k] + added; }
            }
        }

        var draws = cumulative.Select(p => p[width - 1]).Order().ToArray();
        double Q(double[] sorted, double p) => booked + EtsModel.Quantile(sorted, p);
        double? probability = target is { } t ? draws.Count(d => booked + d >= t) / (double)draws.Length : null;
        var amount = pipeline?.Deals.Sum(d => d.Amount) ?? 0;
        var fan = new List<FanPoint>(h);
        for (var k = 0; k < h; k++)
        {
            var column = cumulative.Select(p => p[k]).Order().ToArray();
            fan.Add(new FanPoint(Q(column, 0.1), Q(column, 0.5), Q(column, 0.9)));
        }
        return new TotalOutlook(booked, Q(draws, 0.1), Q(draws, 0.5), Q(draws, 0.9), booked + beyond + expected, target, probability)
        {
            SimulatedMean = booked + draws.Average(),
            PipelineExpected = expected,
            BeyondPipeline = beyond,
            PipelineWinRate = amount > 0 ? pipeline!.Deals.Sum(d => d.Amount * d.Probability) / amount : null,
            Fan = fan,
        };
    }
}
