namespace PlanLoop.Domain.Forecasting;

public enum ForecastMethod
{
    /// <summary>Each month as the same month a season before: the baseline every method must beat.</summary>
    SeasonalNaive,
    /// <summary>Exponential smoothing, the form chosen by AICc.</summary>
    Ets,
    /// <summary>The Theta method.</summary>
    Theta,
    /// <summary>Damped-trend exponential smoothing on the seasonally adjusted series.</summary>
    Damped,
    /// <summary>The average of ETS (damped or no trend), Theta and ARIMA.</summary>
    Combination,
    /// <summary>ARIMA chosen stepwise by AICc, on the seasonally adjusted series when it is seasonal, on logarithms when it is positive.</summary>
    Arima,
    /// <summary>Whichever of the others did best (lowest MASE) in a rolling-origin backtest on the series itself; the seasonal naive when nothing beats it.</summary>
    Auto,
}

/// <summary>A forecast of one series: the method, the model it chose, point forecasts, 80% and 95% bounds, and what a person should know (a fallback, a missing season).</summary>
public sealed record SeriesForecast(ForecastMethod Method, string Model, double[] Mean, double[] Lower80, double[] Upper80, double[] Lower95, double[] Upper95, IReadOnlyList<string> Notes)
{
    /// <summary>The ETS model fitted on the way (ETS and the combination), so a total's distribution is simulated without fitting it again.</summary>
    public EtsModel? Ets { get; init; }
}

/// <summary>
/// Forecasts a series by a named method, falling back where the data cannot carry it: fewer than two seasons
/// (no seasonal model; said in the notes), fewer than 4 points (the last value), a constant series (itself).
/// Bounds: ETS by simulation, Theta, the damped trend and ARIMA in closed form, the combination by averaging its members'.
/// </summary>
public static class Forecaster
{
    public static SeriesForecast Run(IReadOnlyList<double> y, int m, int h, ForecastMethod method, bool intervals = true)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(h, 1);
        if (y.Count == 0) throw new ArgumentException("There is nothing to forecast from: the series is empty.", nameof(y));
        var notes = new List<string>();
        if (y.Any(v => !double.IsFinite(v))) throw new ArgumentException("The series has a missing or infinite value.", nameof(y));
        if (m > 1 && y.Count < 2 * m) notes.Add("short-for-season");
        if (y.Count < 4 || y.All(v => v == y[0]))
        {
            notes.Add(y.Count < 4 ? "too-short" : "constant");
            var last = Enumerable.Repeat(y[^1], h).ToArray();
            return new(method, "last value", last, last, last, last, last, notes);
        }
        switch (method)
        {
            case ForecastMethod.Auto:
                return Chosen(y, m, h, intervals, notes);
            case ForecastMethod.SeasonalNaive:
                return SeasonalNaive(y, m, h, notes);
            case ForecastMethod.Theta:
                return ThetaForecast(y, m, h, notes);
            case ForecastMethod.Damped:
                return DampedForecast(y, m, h, notes) ?? ThetaForecast(y, m, h, [.. notes, "damped-failed"]);
            case ForecastMethod.Ets:
                return EtsForecast(y, m, h, intervals, notes) ?? ThetaForecast(y, m, h, [.. notes, "ets-failed"]);
            case ForecastMethod.Arima:
                return ArimaForecast(y, m, h, notes) ?? ThetaForecast(y, m, h, [.. notes, "arima-failed"]);
            default:
                var members = new List<SeriesForecast>();
                if (EtsForecast(y, m, h, intervals, notes, dampedTrendsOnly: true) is { } ets) members.Add(ets);
                else notes.Add("ets-failed");
                members.Add(ThetaForecast(y, m, h, notes));
                if (ArimaForecast(y, m, h, notes) is { } arima) members.Add(arima);
                else notes.Add("arima-failed");
                if (members.Count == 1) return members[0];
                return new(ForecastMethod.Combination, string.Join(" + ", members.Select(f => f.Model)), Average(members.Select(f => f.Mean)), Average(members.Select(f => f.Lower80)),
                    Average(members.Select(f => f.Upper80)), Average(members.Select(f => f.Lower95)), Average(members.Select(f => f.Upper95)), notes)
                { Ets = members[0].Ets };
        }
    }

    /// <summary>The candidates <see cref="ForecastMethod.Auto"/> chooses from, the baseline first (it wins ties).</summary>
    public static readonly IReadOnlyList<ForecastMethod> Candidates =
        [ForecastMethod.SeasonalNaive, ForecastMethod.Theta, ForecastMethod.Damped, ForecastMethod.Ets, ForecastMethod.Arima, ForecastMethod.Combination];

    /// <summary>Backtests every candidate on the series (the last 6 points, up to 3 ahead) and forecasts with the best; too short a series gets the combination.</summary>
    static SeriesForecast Chosen(IReadOnlyList<double> y, int m, int h, bool intervals, List<string> notes)
    {
        if (y.Count < 10)
        {
            var combined = Run(y, m, h, ForecastMethod.Combination, intervals);
            return combined with { Notes = [.. combined.Notes, "too-short-to-choose"] };
        }
        var best = Candidates.Select(c => Backtest.Score(y, m, 6, 3, c)).Where(s => !double.IsNaN(s.Mase)).OrderBy(s => s.Mase).FirstOrDefault();
        var chosen = Run(y, m, h, best?.Method ?? ForecastMethod.Combination, intervals);
        return chosen with { Notes = [.. notes.Where(n => !chosen.Notes.Contains(n)), .. chosen.Notes, "chosen-by-backtest"] };
    }

    static SeriesForecast SeasonalNaive(IReadOnlyList<double> y, int m, int h, List<string> notes)
    {
        var lag = m > 1 && y.Count >= m ? m : 1;
        var n = y.Count;
        var mean = new double[h];
        for (var i = 0; i < h; i++) mean[i] = y[n - lag + (i % lag)];
        // Bounds from the spread of the seasonal differences, widening with the number of seasons ahead.
        double sum = 0;
        var count = 0;
        for (var t = lag; t < n; t++) { var d = y[t] - y[t - lag]; sum += d * d; count++; }
        var sigma = count == 0 ? 0 : Math.Sqrt(sum / count);
        var (l80, u80, l95, u95) = (new double[h], new double[h], new double[h], new double[h]);
        for (var i = 0; i < h; i++)
        {
            var se = sigma * Math.Sqrt(i / lag + 1);
            (l80[i], u80[i], l95[i], u95[i]) = (mean[i] - Z80 * se, mean[i] + Z80 * se, mean[i] - Z95 * se, mean[i] + Z95 * se);
        }
        return new(ForecastMethod.SeasonalNaive, lag > 1 ? "seasonal naive" : "naive", mean, l80, u80, l95, u95, notes);
    }

    static SeriesForecast ThetaForecast(IReadOnlyList<double> y, int m, int h, List<string> notes)
    {
        var (mean, se, seasonal, _) = Theta.Forecast(y, m, h);
        var (l80, u80, l95, u95) = (new double[h], new double[h], new double[h], new double[h]);
        for (var i = 0; i < h; i++)
            (l80[i], u80[i], l95[i], u95[i]) = (mean[i] - Z80 * se[i], mean[i] + Z80 * se[i], mean[i] - Z95 * se[i], mean[i] + Z95 * se[i]);
        return new(ForecastMethod.Theta, seasonal ? "Theta (seasonally adjusted)" : "Theta", mean, l80, u80, l95, u95, notes);
    }

    static SeriesForecast? EtsForecast(IReadOnlyList<double> y, int m, int h, bool intervals, List<string> notes, bool dampedTrendsOnly = false)
    {
        var model = Ets.Auto(y, m, dampedTrendsOnly);
        if (model is null) return null;
        var mean = model.Forecast(h);
        if (!intervals) return new(ForecastMethod.Ets, model.Form.Name, mean, mean, mean, mean, mean, notes) { Ets = model };
        var bounds = model.Intervals(h, [0.8, 0.95]);
        return new(ForecastMethod.Ets, model.Form.Name, mean, bounds[0].Lower, bounds[0].Upper, bounds[1].Lower, bounds[1].Upper, notes) { Ets = model };
    }

    static SeriesForecast? DampedForecast(IReadOnlyList<double> y, int m, int h, List<string> notes)
    {
        var (x, indexes) = Seasonality.Adjust(y, m);
        var model = Ets.Fit(x, 1, new EtsForm(EtsError.Additive, EtsTrend.Damped, EtsSeason.None));
        if (model is null) return null;
        var mean = model.Forecast(h);
        var n = y.Count;
        var sigma = Math.Sqrt(model.Sigma2);
        var (l80, u80, l95, u95) = (new double[h], new double[h], new double[h], new double[h]);
        for (var i = 0; i < h; i++)
        {
            var index = indexes?[(n + i) % m] ?? 1;
            mean[i] *= index;
            // The additive damped model's variance grows with each step as the level and trend errors accumulate.
            var se = sigma * index * Math.Sqrt(1 + i * model.Alpha * model.Alpha * (1 + model.Beta / model.Alpha * i));
            (l80[i], u80[i], l95[i], u95[i]) = (mean[i] - Z80 * se, mean[i] + Z80 * se, mean[i] - Z95 * se, mean[i] + Z95 * se);
        }
        return new(ForecastMethod.Damped, indexes is null ? "Damped" : "Damped (seasonally adjusted)", mean, l80, u80, l95, u95, notes);
    }

    /// <summary>
    /// ARIMA on the seasonally adjusted series, on its logarithm when every value is positive and there are two years
    /// of it (so a drift is a growth rate and no forecast goes below 0; on a shorter series one small first month makes
    /// the log variance, and so the upper bounds, explode); bounds are the transformed model's quantiles, point
    /// forecasts its median.
    /// </summary>
    static SeriesForecast? ArimaForecast(IReadOnlyList<double> y, int m, int h, List<string> notes)
    {
        var (x, indexes) = Seasonality.Adjust(y, m);
        var log = x.Length >= MinimumForLogarithms && x.All(v => v > 0);
        var model = Arima.Auto(log ? [.. x.Select(v => Math.Log(v))] : x);
        if (model is null) return null;
        var (centre, se) = model.Forecast(h);
        var n = y.Count;
        var (mean, l80, u80, l95, u95) = (new double[h], new double[h], new double[h], new double[h], new double[h]);
        for (var i = 0; i < h; i++)
        {
            var index = indexes?[(n + i) % m] ?? 1;
            double Back(double v) => (log ? Math.Exp(v) : v) * index;
            (mean[i], l80[i], u80[i], l95[i], u95[i]) = (Back(centre[i]), Back(centre[i] - Z80 * se[i]), Back(centre[i] + Z80 * se[i]), Back(centre[i] - Z95 * se[i]), Back(centre[i] + Z95 * se[i]));
        }
        var name = (log ? "log " : "") + model.Name + (indexes is null ? "" : " (seasonally adjusted)");
        return new(ForecastMethod.Arima, name, mean, l80, u80, l95, u95, notes);
    }

    const int MinimumForLogarithms = 24;
    const double Z80 = 1.2815515655446004;
    const double Z95 = 1.959963984540054;

    static double[] Average(IEnumerable<double[]> parts)
    {
        var list = parts.ToList();
        var r = new double[list[0].Length];
        foreach (var p in list)
            for (var i = 0; i < r.Length; i++) r[i] += p[i] / list.Count;
        return r;
    }
}

/// <summary>Forecast accuracy as the M3 competition and the forecast package measure it.</summary>
public static class Accuracy
{
    /// <summary>Symmetric MAPE in percent: mean of 200·|y − f| / (|y| + |f|); a point where both are 0 counts 0.</summary>
    public static double SMape(IReadOnlyList<double> actual, IReadOnlyList<double> forecast)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(forecast);
        double sum = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var d = Math.Abs(actual[i]) + Math.Abs(forecast[i]);
            sum += d == 0 ? 0 : 200 * Math.Abs(actual[i] - forecast[i]) / d;
        }
        return sum / actual.Count;
    }

    /// <summary>Mean absolute scaled error: the forecast's mean absolute error over the training part's mean absolute seasonal difference (lag m); NaN when that is 0.</summary>
    public static double Mase(IReadOnlyList<double> train, IReadOnlyList<double> actual, IReadOnlyList<double> forecast, int m)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(forecast);
        var lag = train.Count > m ? m : 1;
        double scale = 0;
        for (var t = lag; t < train.Count; t++) scale += Math.Abs(train[t] - train[t - lag]);
        scale /= train.Count - lag;
        if (scale == 0) return double.NaN;
        double error = 0;
        for (var i = 0; i < actual.Count; i++) error += Math.Abs(actual[i] - forecast[i]);
        return error / actual.Count / scale;
    }
}
