namespace PlanLoop.Domain.Forecasting;

/// <summary>
/// Classical seasonal decomposition (a centred moving average of one season, then the average deviation of each
/// position in the season — R's <c>decompose</c>) and the autocorrelation test that says whether a series is
/// seasonal at all (the one R's <c>thetaf</c> uses: |r_m| above 1.645 standard errors).
/// </summary>
public static class Seasonality
{
    /// <summary>The seasonal index of each position of the season, counted from the series' first observation (additive: sums to 0; multiplicative: averages 1).</summary>
    public static double[] Indexes(IReadOnlyList<double> y, int m, bool multiplicative)
    {
        ArgumentNullException.ThrowIfNull(y);
        var n = y.Count;
        if (m < 2 || n < 2 * m) throw new ArgumentException($"A classical decomposition needs two full seasons ({2 * m} observations); there are {n}.", nameof(y));
        var trend = new double[n];
        var half = m / 2;
        for (var t = 0; t < n; t++)
        {
            trend[t] = double.NaN;
            if (t - half < 0 || t + half >= n) continue;
            double sum = 0;
            if (m % 2 == 0)
            {
                sum = 0.5 * y[t - half] + 0.5 * y[t + half];
                for (var k = t - half + 1; k < t + half; k++) sum += y[k];
            }
            else
                for (var k = t - half; k <= t + half; k++) sum += y[k];
            trend[t] = sum / m;
        }
        var figure = new double[m];
        var count = new int[m];
        for (var t = 0; t < n; t++)
        {
            if (double.IsNaN(trend[t])) continue;
            figure[t % m] += multiplicative ? y[t] / trend[t] : y[t] - trend[t];
            count[t % m]++;
        }
        for (var i = 0; i < m; i++) figure[i] /= count[i];
        var mean = figure.Average();
        for (var i = 0; i < m; i++) figure[i] = multiplicative ? figure[i] / mean : figure[i] - mean;
        return figure;
    }

    /// <summary>The sample autocorrelations r_1 … r_maxLag.</summary>
    public static double[] Autocorrelations(IReadOnlyList<double> y, int maxLag)
    {
        ArgumentNullException.ThrowIfNull(y);
        var n = y.Count;
        var mean = y.Average();
        double denominator = 0;
        for (var t = 0; t < n; t++) denominator += (y[t] - mean) * (y[t] - mean);
        var r = new double[maxLag];
        for (var k = 1; k <= maxLag && k < n; k++)
        {
            double s = 0;
            for (var t = 0; t + k < n; t++) s += (y[t] - mean) * (y[t + k] - mean);
            r[k - 1] = denominator == 0 ? 0 : s / denominator;
        }
        return r;
    }

    /// <summary>Whether the series is seasonal with period m: more than two seasons, not constant, and |r_m| significant at 90%.</summary>
    public static bool IsSeasonal(IReadOnlyList<double> y, int m)
    {
        ArgumentNullException.ThrowIfNull(y);
        var n = y.Count;
        if (m < 2 || n <= 2 * m || y.All(v => v == y[0])) return false;
        var r = Autocorrelations(y, m);
        double sum = 0;
        for (var k = 0; k < m - 1; k++) sum += r[k] * r[k];
        var se = Math.Sqrt((1 + 2 * sum) / n);
        return Math.Abs(r[m - 1]) / se > 1.6448536269514722;
    }

    /// <summary>
    /// The series divided by its multiplicative seasonal indexes when it is seasonal (tested at 90%, all values
    /// positive, no index near 0), with the indexes; otherwise the series itself and null.
    /// </summary>
    public static (double[] Adjusted, double[]? Indexes) Adjust(IReadOnlyList<double> y, int m)
    {
        ArgumentNullException.ThrowIfNull(y);
        var x = y.ToArray();
        if (m < 2 || !IsSeasonal(y, m) || y.Any(v => v <= 0)) return (x, null);
        var figure = Indexes(y, m, multiplicative: true);
        if (figure.Any(f => Math.Abs(f) < 1e-4)) return (x, null);
        for (var t = 0; t < x.Length; t++) x[t] = y[t] / figure[t % m];
        return (x, figure);
    }
}
