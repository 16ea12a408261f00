namespace PlanLoop.Domain.Forecasting;

/// <summary>Where a total lands: what is already booked plus the distribution of what the forecast says is still to come.</summary>
public sealed record TotalOutlook(double Booked, double P10, double P50, double P90, double Mean, double? Target, double? ProbabilityOfTarget)
{
    /// <summary>The target minus the median landing (positive: short of it).</summary>
    public double? GapAtP50 => Target is { } t ? t - P50 : null;

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
        double[] draws;
        var model = h == 0 || history.Count < 4 || history.All(v => v == history[0]) ? null : rest.Ets ?? Ets.Auto(history, m);
        if (h == 0) draws = pipeline is { Deals.Count: > 0 } ? new double[paths] : [0];
        else if (model is not null)
        {
            draws = model.SimulateSums(h, paths, seed);
            var shift = mean - model.Forecast(h).Sum();
            for (var i = 0; i < draws.Length; i++) draws[i] += shift;
        }
        else
        {
            // Errors of successive months taken as fully correlated: the widest honest spread from per-month bounds.
            var sd = 0.0;
            for (var i = 0; i < h; i++) sd += (rest.Upper95[i] - rest.Lower95[i]) / (2 * 1.959963984540054);
            var random = new Random(seed);
            draws = [.. Enumerable.Range(0, paths).Select(_ => mean + sd * EtsModel.Gaussian(random)).Order()];
        }
        var expected = pipeline?.Expected ?? 0;
        var beyond = mean;
        if (pipeline is { Deals.Count: > 0 })
        {
            // Only the part of the forecast the pipeline does not cover is added to the pipeline's draws.
            var share = mean > 0 ? Math.Max(0, 1 - expected / mean) : 1;
            beyond = share * mean;
            var random = new Random(seed + 1);
            var deals = pipeline.Deals;
            var starts = deals.Select(d => d.ExpectedClose > pipeline.Today ? d.ExpectedClose : pipeline.Today).ToArray();
            var combined = new double[draws.Length];
            for (var i = 0; i < draws.Length; i++)
            {
                var sum = share * draws[i];
                for (var j = 0; j < deals.Count; j++)
                {
                    if (random.NextDouble() >= deals[j].Probability) continue;
                    var slip = pipeline.Slips.Count == 0 ? 0 : pipeline.Slips[random.Next(pipeline.Slips.Count)];
                    if (starts[j].AddDays(slip) <= pipeline.End) sum += deals[j].Amount;
                }
                combined[i] = sum;
            }
            Array.Sort(combined);
            draws = combined;
        }
        double Q(double p) => booked + EtsModel.Quantile(draws, p);
        double? probability = target is { } t ? draws.Count(d => booked + d >= t) / (double)draws.Length : null;
        var amount = pipeline?.Deals.Sum(d => d.Amount) ?? 0;
        return new TotalOutlook(booked, Q(0.1), Q(0.5), Q(0.9), booked + beyond + expected, target, probability)
        {
            SimulatedMean = booked + draws.Average(),
            PipelineExpected = expected,
            BeyondPipeline = beyond,
            PipelineWinRate = amount > 0 ? pipeline!.Deals.Sum(d => d.Amount * d.Probability) / amount : null,
        };
    }
}
