using System.Diagnostics;
using System.Globalization;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Forecasting;

/// <summary>One benchmark series: its training part, the part to forecast, and the season's length.</summary>
public sealed record BenchmarkSeries(string Id, string Type, int Period, double[] Train, double[] Test);

/// <summary>How one method did on all series: mean sMAPE and MASE at the full horizon, and the time it took.</summary>
public sealed record BenchmarkScore(ForecastMethod Method, int Series, double SMape, double Mase, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Models);

/// <summary>
/// Measures the forecasting methods on a public competition file laid out as the M3 data are distributed
/// (<c>series,type,period,frequency,…,h,train,test</c>, observations space separated): each series is forecast
/// from its training part, h ahead, and scored against its test part — sMAPE and MASE per series, then the mean.
/// Series run in parallel on every core. Nothing is tuned to the file: the methods see only the training part
/// and its frequency.
/// </summary>
public static class ForecastBenchmark
{
    static readonly string[] Required = ["series", "frequency", "train", "test"];

    public static IReadOnlyList<BenchmarkSeries> Read(Stream content, string fileName, List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var table = TabularFile.Read(content, fileName, errors);
        if (table is null) return [];
        var missing = Required.Where(c => !table.Headers.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new WorkbookError(fileName, 1, missing[0], $"Missing column(s) {string.Join(", ", missing)}; expected series, type, frequency, train, test."));
            return [];
        }
        var list = new List<BenchmarkSeries>();
        foreach (var row in table.Rows)
        {
            if (!int.TryParse(row["frequency"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) || m < 1 || m > 52)
            {
                errors.Add(new WorkbookError(fileName, row.Number, "frequency", $"'{row["frequency"]}' is not a frequency (1 to 52)."));
                continue;
            }
            var train = Numbers(row, "train", fileName, errors);
            var test = Numbers(row, "test", fileName, errors);
            if (train is null || test is null) continue;
            if (train.Length < 4 || test.Length == 0)
            {
                errors.Add(new WorkbookError(fileName, row.Number, train.Length < 4 ? "train" : "test", "A series needs at least 4 training observations and one to test."));
                continue;
            }
            list.Add(new BenchmarkSeries(row["series"] ?? $"row {row.Number}", row["type"] ?? "", m, train, test));
        }
        return list;
    }

    static double[]? Numbers(TabularRow row, string column, string fileName, List<WorkbookError> errors)
    {
        var parts = (row[column] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                errors.Add(new WorkbookError(fileName, row.Number, column, $"Observation {i + 1} ('{parts[i]}') is not a number."));
                return null;
            }
        return values;
    }

    /// <summary>Scores each method on every series (h = each series' test length).</summary>
    public static IReadOnlyList<BenchmarkScore> Run(IReadOnlyList<BenchmarkSeries> series, IReadOnlyList<ForecastMethod> methods, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(methods);
        var scores = new List<BenchmarkScore>();
        foreach (var method in methods)
        {
            var smape = new double[series.Count];
            var mase = new double[series.Count];
            var models = new string[series.Count];
            var done = 0;
            var watch = Stopwatch.StartNew();
            Parallel.For(0, series.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var s = series[i];
                var forecast = Forecaster.Run(s.Train, s.Period, s.Test.Length, method, intervals: false);
                smape[i] = Accuracy.SMape(s.Test, forecast.Mean);
                mase[i] = Accuracy.Mase(s.Train, s.Test, forecast.Mean, s.Period);
                models[i] = forecast.Model;
                progress?.Report(Interlocked.Increment(ref done));
            });
            watch.Stop();
            var finite = mase.Where(double.IsFinite).ToList();
            scores.Add(new BenchmarkScore(method, series.Count, smape.Average(), finite.Count == 0 ? double.NaN : finite.Average(), watch.Elapsed,
                models.GroupBy(x => x).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count())));
        }
        return scores;
    }
}
