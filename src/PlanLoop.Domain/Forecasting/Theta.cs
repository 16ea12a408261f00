namespace PlanLoop.Domain.Forecasting;

/// <summary>
/// The Theta method (Assimakopoulos &amp; Nikolopoulos 2000) as Hyndman &amp; Billah showed it to be and R's
/// <c>thetaf</c> computes it: simple exponential smoothing with drift equal to half the slope of a line through
/// the data, on seasonally adjusted data when the series is seasonal (classical multiplicative decomposition,
/// tested at 90%).
/// </summary>
public static class Theta
{
    /// <summary>The point forecasts and their standard errors; <c>Seasonal</c> says whether the data were seasonally adjusted.</summary>
    public static (double[] Mean, double[] StandardError, bool Seasonal, double Alpha) Forecast(IReadOnlyList<double> y, int m, int h)
    {
        ArgumentNullException.ThrowIfNull(y);
        var n = y.Count;
        var (x, indexes) = Seasonality.Adjust(y, m);
        var ses = Ets.Fit(x, 1, new EtsForm(EtsError.Additive, EtsTrend.None, EtsSeason.None));
        double alpha, level, sigma2;
        if (ses is null)
        {
            (alpha, level) = (1, x[^1]);   // too few points to fit: the last value
            sigma2 = 0;
        }
        else
        {
            (alpha, level, sigma2) = (Math.Max(1e-10, ses.Alpha), ses.FinalState[0], ses.Sigma2);
        }
        var slope = Slope(x) / 2;
        var mean = new double[h];
        var se = new double[h];
        for (var i = 0; i < h; i++)
        {
            mean[i] = level + slope * (i + (1 - Math.Pow(1 - alpha, n)) / alpha);
            if (indexes is not null) mean[i] *= indexes[(n + i) % m];
            se[i] = Math.Sqrt(sigma2) * Math.Sqrt(i * alpha * alpha + 1);
        }
        return (mean, se, indexes is not null, alpha);
    }

    /// <summary>The slope of the least-squares line through the points (t = 0 … n−1).</summary>
    static double Slope(double[] x)
    {
        var n = x.Length;
        if (n < 2) return 0;
        double mt = (n - 1) / 2.0, my = x.Average(), sxy = 0, sxx = 0;
        for (var t = 0; t < n; t++)
        {
            sxy += (t - mt) * (x[t] - my);
            sxx += (t - mt) * (t - mt);
        }
        return sxy / sxx;
    }
}
