namespace PlanLoop.Domain.Forecasting;

/// <summary>Where a total lands: what is already booked plus the distribution of what the forecast says is still to come.</summary>
public sealed record TotalOutlook(double Booked, double P10, double P50, double P90, double Mean, double? Target, double? ProbabilityOfTarget)
{
    /// <summary>The target minus the median landing (positive: short of it).</summary>
    public double? GapAtP50 => Target is { } t ? t - P50 : null;
}

/// <summary>
/// The year-end (or quarter-end) total as a distribution. The months still to come are simulated from the
/// series' ETS model (the forecast's own when it fitted one) (paths with its fitted error, a fixed seed) and the draws are centred on the chosen method's
/// forecast; without an ETS model, a normal spread from the method's own 95% bounds. P10/P50/P90 and the share of
/// draws at or above the target.
/// </summary>
public static class Outlook
{
    public static TotalOutlook Total(IReadOnlyList<double> history, int m, double booked, SeriesForecast rest, double? target, int paths = 5000, int seed = 20_240_101)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rest);
        var h = rest.Mean.Length;
        var mean = rest.Mean.Sum();
        double[] draws;
        var model = h == 0 || history.Count < 4 || history.All(v => v == history[0]) ? null : rest.Ets ?? Ets.Auto(history, m);
        if (h == 0) draws = [0];
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
        double Q(double p) => booked + EtsModel.Quantile(draws, p);
        double? probability = target is { } t ? draws.Count(d => booked + d >= t) / (double)draws.Length : null;
        return new TotalOutlook(booked, Q(0.1), Q(0.5), Q(0.9), booked + mean, target, probability);
    }
}
