namespace PlanLoop.Domain.Forecasting;

/// <summary>How a method did on a series' own past: forecasts made, mean absolute percentage error, MASE (against the seasonal naive's in-sample error) and bias (mean signed percentage error; positive = too high).</summary>
public sealed record BacktestScore(ForecastMethod Method, int Forecasts, double Mape, double Mase, double Bias);

/// <summary>
/// Rolling-origin evaluation: the series is cut at each of the last <c>origins</c> points, the method forecasts up to
/// <c>h</c> steps from the part before the cut, and the forecasts are scored against what followed. Months with an
/// actual of 0 count in MASE but not in the percentage errors (no division by zero).
/// </summary>
public static class Backtest
{
    public static BacktestScore Score(IReadOnlyList<double> y, int m, int origins, int h, ForecastMethod method)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(origins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(h, 1);
        var n = y.Count;
        var points = new List<(double Actual, double Forecast, double Scale)>();
        for (var origin = Math.Max(4, n - origins); origin < n; origin++)
        {
            var train = y.Take(origin).ToList();
            var steps = Math.Min(h, n - origin);
            var forecast = Forecaster.Run(train, m, steps, method, intervals: false).Mean;
            var scale = Scale(train, m);
            for (var k = 0; k < steps; k++) points.Add((y[origin + k], forecast[k], scale));
        }
        return Of(method, points);
    }

    /// <summary>The seasonal naive's in-sample mean absolute error on the data a forecast was made from (lag m, or 1 for less than a season): MASE's scale.</summary>
    public static double Scale(IReadOnlyList<double> train, int m)
    {
        ArgumentNullException.ThrowIfNull(train);
        var lag = m > 1 && train.Count > m ? m : 1;
        double scale = 0;
        for (var t = lag; t < train.Count; t++) scale += Math.Abs(train[t] - train[t - lag]);
        return scale / Math.Max(1, train.Count - lag);
    }

    /// <summary>Scores forecasts against what happened, each with its MASE scale (a forecast replayed here or one kept when it was made).</summary>
    public static BacktestScore Of(ForecastMethod method, IEnumerable<(double Actual, double Forecast, double Scale)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double ape = 0, signed = 0, scaled = 0;
        int percentCount = 0, count = 0;
        foreach (var (actual, f, scale) in points)
        {
            if (scale > 0) scaled += Math.Abs(actual - f) / scale;
            count++;
            if (actual == 0) continue;
            ape += Math.Abs(f - actual) / Math.Abs(actual);
            signed += (f - actual) / Math.Abs(actual);
            percentCount++;
        }
        return new BacktestScore(method, count, percentCount == 0 ? double.NaN : ape / percentCount, count == 0 ? double.NaN : scaled / count,
            percentCount == 0 ? double.NaN : signed / percentCount);
    }
}
