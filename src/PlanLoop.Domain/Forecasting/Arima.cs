namespace PlanLoop.Domain.Forecasting;

/// <summary>
/// A fitted non-seasonal ARIMA(p, d, q): the AR and MA coefficients, the constant (the mean when d = 0, the drift
/// when d = 1), the innovations' variance, AICc, and the state a forecast continues from.
/// </summary>
public sealed record ArimaModel(int P, int D, int Q, bool Constant, double[] Ar, double[] Ma, double Mu, double Sigma2, double LogLikelihood, double Aicc)
{
    internal double[] Series { get; init; } = [];
    /// <summary>The Kalman filter's predicted state after the last observation (Harvey's form).</summary>
    internal double[] State { get; init; } = [];

    public string Name => $"ARIMA({P},{D},{Q}){(Constant ? D == 0 ? " with mean" : " with drift" : "")}";

    /// <summary>Point forecasts 1…h ahead and their standard errors (from the ψ weights of the integrated model).</summary>
    public (double[] Mean, double[] StandardError) Forecast(int h)
    {
        // The differenced series ahead: its mean plus the state carried forward by T (AR coefficients in the first column).
        var r = State.Length;
        var a = State.ToArray();
        var wf = new double[h];
        for (var i = 0; i < h; i++)
        {
            wf[i] = Mu + a[0];
            var a0 = a[0];
            for (var j = 0; j < r; j++) a[j] = (j < P ? Ar[j] : 0) * a0 + (j + 1 < r ? a[j + 1] : 0);
        }
        // Undo the differences one at a time, each from the last values of the series one level up.
        var levels = new List<double[]> { Series };
        for (var k = 0; k < D; k++) levels.Add(Arima.Difference(levels[^1]));
        var path = wf;
        for (var k = D - 1; k >= 0; k--)
        {
            var last = levels[k][^1];
            for (var i = 0; i < h; i++) path[i] = last += path[i];
        }
        // ψ weights of φ(B)(1−B)^d y = θ(B) e.
        var phi = Ar.ToArray();
        for (var k = 0; k < D; k++)
        {
            var next = new double[phi.Length + 1];
            for (var i = 0; i < next.Length; i++)
                next[i] = (i < phi.Length ? phi[i] : 0) - (i == 0 ? -1 : i - 1 < phi.Length ? phi[i - 1] : 0);
            phi = next;
        }
        var psi = new double[h];
        psi[0] = 1;
        for (var j = 1; j < h; j++)
        {
            var v = j - 1 < Q ? Ma[j - 1] : 0;
            for (var i = 0; i < Math.Min(j, phi.Length); i++) v += phi[i] * psi[j - 1 - i];
            psi[j] = v;
        }
        var se = new double[h];
        double sum = 0;
        for (var i = 0; i < h; i++)
        {
            sum += psi[i] * psi[i];
            se[i] = Math.Sqrt(Sigma2 * sum);
        }
        return (path, se);
    }
}

/// <summary>
/// Automatic ARIMA as Hyndman &amp; Khandakar (2008) choose it for a non-seasonal series: the number of differences
/// by repeated KPSS tests at 5%, then a stepwise search over p and q (each ≤ 5, p + q ≤ 5, with and without a
/// constant) by AICc. Each model is fitted by maximum likelihood (Kalman filter) with the AR and MA parts kept
/// stationary and invertible (the partial-autocorrelation parametrisation). Seasonality is not modelled here: the
/// forecaster gives it seasonally adjusted data (the same decomposition Theta uses) and reseasonalises.
/// </summary>
public static class Arima
{
    /// <summary>The first differences.</summary>
    public static double[] Difference(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var d = new double[Math.Max(0, x.Count - 1)];
        for (var t = 1; t < x.Count; t++) d[t - 1] = x[t] - x[t - 1];
        return d;
    }

    /// <summary>The KPSS level-stationarity statistic with Bartlett weights over trunc(3√n/13) lags (urca's <c>ur.kpss(type = "mu")</c> as <c>ndiffs</c> calls it).</summary>
    public static double Kpss(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n = x.Count;
        var mean = x.Average();
        var e = new double[n];
        for (var t = 0; t < n; t++) e[t] = x[t] - mean;
        double partial = 0, eta = 0;
        for (var t = 0; t < n; t++)
        {
            partial += e[t];
            eta += partial * partial;
        }
        var lags = (int)Math.Truncate(3 * Math.Sqrt(n) / 13);
        double s2 = 0;
        for (var t = 0; t < n; t++) s2 += e[t] * e[t];
        for (var s = 1; s <= lags; s++)
        {
            double c = 0;
            for (var t = s; t < n; t++) c += e[t] * e[t - s];
            s2 += 2 * (1 - s / (lags + 1.0)) * c;
        }
        s2 /= n;
        return s2 <= 0 ? 0 : eta / (n * (double)n) / s2;
    }

    /// <summary>How many differences make the series level-stationary by the KPSS test at 5% (critical value 0.463), at most <paramref name="maxD"/>.</summary>
    public static int Differences(IReadOnlyList<double> x, int maxD = 2)
    {
        ArgumentNullException.ThrowIfNull(x);
        var d = 0;
        IReadOnlyList<double> current = x;
        while (d < maxD && current.Count > 4 && current.Any(v => v != current[0]) && Kpss(current) > 0.463)
        {
            current = Difference(current);
            d++;
        }
        return d;
    }

    /// <summary>The best model by AICc of a stepwise search; null when the series is too short to fit any.</summary>
    public static ArimaModel? Auto(IReadOnlyList<double> y, int maxOrder = 5)
    {
        ArgumentNullException.ThrowIfNull(y);
        var d = Differences(y);
        var fitted = new Dictionary<(int, int, bool), ArimaModel?>();
        ArimaModel? Try(int p, int q, bool c)
        {
            if (p < 0 || q < 0 || p + q > maxOrder || (c && d > 1)) return null;
            if (!fitted.TryGetValue((p, q, c), out var model)) fitted[(p, q, c)] = model = Fit(y, p, d, q, c);
            return model;
        }
        var constant = d <= 1;
        ArimaModel? best = null;
        foreach (var (p, q) in new[] { (2, 2), (0, 0), (1, 0), (0, 1) })
            if (Try(p, q, constant) is { } m && (best is null || m.Aicc < best.Aicc)) best = m;
        if (best is null) return null;
        for (var step = 0; step < 100; step++)
        {
            var improved = false;
            foreach (var (dp, dq, flip) in Neighbours)
            {
                var candidate = Try(best.P + dp, best.Q + dq, flip ? !best.Constant : best.Constant);
                if (candidate is not null && candidate.Aicc < best.Aicc - 1e-9)
                {
                    best = candidate;
                    improved = true;
                    break;
                }
            }
            if (!improved) break;
        }
        return best;
    }

    static readonly (int, int, bool)[] Neighbours =
        [(-1, 0, false), (1, 0, false), (0, -1, false), (0, 1, false), (-1, -1, false), (1, 1, false), (-1, 1, false), (1, -1, false), (0, 0, true)];

    /// <summary>
    /// Fits ARIMA(p, d, q) as R's <c>arima(method = "CSS-ML")</c> does: conditional sum of squares for a start, then the
    /// exact likelihood; null when too few observations remain after differencing or no stationary fit is found.
    /// </summary>
    public static ArimaModel? Fit(IReadOnlyList<double> y, int p, int d, int q, bool constant)
    {
        ArgumentNullException.ThrowIfNull(y);
        var series = y.ToArray();
        var w = series;
        for (var i = 0; i < d; i++) w = Difference(w);
        var n = w.Length;
        var k0 = p + q + (constant ? 1 : 0);
        if (n - p < k0 + 3) return null;
        var average = w.Average();
        var scale = Math.Sqrt(w.Select(v => (v - average) * (v - average)).Average());
        if (scale == 0) scale = Math.Max(1, Math.Abs(average));
        var ar = new double[p];
        var ma = new double[q];
        var e = new double[n];
        double Css(double[] raw)
        {
            Partrans(raw, 0, p, ar, 1);
            Partrans(raw, p, q, ma, -1);
            var mu = constant ? raw[p + q] * scale : 0;
            return Residuals(w, ar, ma, mu, e);
        }
        var start = new double[k0];
        if (constant) start[p + q] = average / scale;
        var steps = Enumerable.Repeat(0.1, k0).ToArray();
        double[] point;
        double sse;
        if (k0 == 0) (point, sse) = (start, Css(start));
        else
        {
            var r = NelderMead.Minimise(Css, start, maxEvaluations: 200 * k0, relativeTolerance: 1e-8, steps: steps);
            (point, sse) = (r.Point, r.Value);
        }
        if (!double.IsFinite(sse)) return null;
        // Then the exact Gaussian likelihood from the conditional fit's estimates on (R's "CSS-ML").
        var kalman = new Kalman(Math.Max(p, q + 1));
        double Exact(double[] raw)
        {
            Partrans(raw, 0, p, ar, 1);
            Partrans(raw, p, q, ma, -1);
            return kalman.Minus2LogLik(w, ar, ma, constant ? raw[p + q] * scale : 0, out _, null);
        }
        if (k0 > 0)
        {
            // The likelihood of the larger models (p + q ≥ 4) can have more than one mode: search from the conditional fit
            // and from no AR/MA at all and keep the better.
            var best = NelderMead.Minimise(Exact, point, maxEvaluations: 300 * k0, relativeTolerance: 1e-8, steps: steps);
            if (p + q >= 4)
            {
                var other = NelderMead.Minimise(Exact, start, maxEvaluations: 300 * k0, relativeTolerance: 1e-8, steps: steps);
                if (other.Value < best.Value) best = other;
            }
            point = best.Point;
        }
        if (!double.IsFinite(Exact(point))) return null;
        var state = new double[kalman.R];
        var minus2LogLik = kalman.Minus2LogLik(w, ar, ma, constant ? point[p + q] * scale : 0, out var concentrated, state);
        var sigma2 = concentrated * n / (n - k0);   // as the forecast package reports it: corrected for the coefficients fitted
        var mu0 = constant ? point[p + q] * scale : 0;
        var parameters = k0 + 1;
        var aicc = minus2LogLik + 2 * parameters + (n - parameters - 1 > 0 ? 2.0 * parameters * (parameters + 1) / (n - parameters - 1) : double.PositiveInfinity);
        return new ArimaModel(p, d, q, constant, ar.ToArray(), ma.ToArray(), mu0, sigma2, -minus2LogLik / 2, aicc)
        {
            Series = series,
            State = state,
        };
    }

    /// <summary>The exact log likelihood (σ² concentrated out) of ARIMA(p, d, q) at the given coefficients; −∞ when not stationary.</summary>
    public static double LogLikelihood(IReadOnlyList<double> y, int d, double[] ar, double[] ma, double mu)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(ar);
        ArgumentNullException.ThrowIfNull(ma);
        var w = y.ToArray();
        for (var i = 0; i < d; i++) w = Difference(w);
        return -new Kalman(Math.Max(ar.Length, ma.Length + 1)).Minus2LogLik(w, ar, ma, mu, out _, null) / 2;
    }

    /// <summary>
    /// The exact likelihood of a stationary ARMA by the Kalman filter on Harvey's state-space form (state of size
    /// max(p, q + 1), started from the stationary covariance), with σ² concentrated out.
    /// </summary>
    sealed class Kalman(int r)
    {
        public int R { get; } = r;
        readonly double[] t = new double[r];
        readonly double[] g = new double[r];
        readonly double[,] pm = new double[r, r];
        readonly double[,] b = new double[r, r];
        readonly double[] a = new double[r];
        readonly double[] k = new double[r];
        readonly double[,] system = new double[r * (r + 1) / 2, r * (r + 1) / 2 + 1];

        /// <summary>−2 log L at the concentrated σ² (returned); the predicted state after the last observation goes to <paramref name="final"/>.</summary>
        public double Minus2LogLik(double[] w, double[] ar, double[] ma, double mu, out double sigma2, double[]? final)
        {
            sigma2 = double.NaN;
            for (var i = 0; i < R; i++)
            {
                t[i] = i < ar.Length ? ar[i] : 0;
                g[i] = i == 0 ? 1 : i - 1 < ma.Length ? ma[i - 1] : 0;
            }
            if (!Stationary()) return double.PositiveInfinity;
            Array.Clear(a);
            var n = w.Length;
            double ssq = 0, sumLog = 0;
            var steady = false;
            for (var time = 0; time < n; time++)
            {
                var f = pm[0, 0];
                if (!(f > 1e-12)) return double.PositiveInfinity;
                var v = w[time] - mu - a[0];
                ssq += v * v / f;
                sumLog += Math.Log(f);
                // Filter: a += P e1 v / F, P −= P e1 e1' P / F; predict: a = T a, P = T P T' + g g'. Once F is 1 the filter
                // has reached its steady state (P no longer changes) and only the state moves on.
                if (!steady)
                    for (var i = 0; i < R; i++) k[i] = pm[i, 0] / f;
                for (var i = 0; i < R; i++) a[i] += k[i] * v;
                var a0 = a[0];
                for (var i = 0; i < R; i++) a[i] = t[i] * a0 + (i + 1 < R ? a[i + 1] : 0);
                if (steady) continue;
                for (var i = 0; i < R; i++)
                    for (var j = 0; j < R; j++) pm[i, j] -= k[i] * k[j] * f;
                Predict();
                steady = Math.Abs(pm[0, 0] - 1) < 1e-9;
                if (steady)
                    for (var i = 0; i < R; i++) k[i] = pm[i, 0] / pm[0, 0];
            }
            sigma2 = ssq / n;
            if (final is not null) Array.Copy(a, final, R);
            if (!(sigma2 > 0)) return double.PositiveInfinity;
            return n * (Math.Log(2 * Math.PI * sigma2) + 1) + sumLog;
        }

        /// <summary>P = T P T' + g g' with T's first column the AR coefficients and ones above the diagonal.</summary>
        void Predict()
        {
            for (var i = 0; i < R; i++)
                for (var j = 0; j < R; j++) b[i, j] = t[i] * pm[0, j] + (i + 1 < R ? pm[i + 1, j] : 0);
            for (var i = 0; i < R; i++)
                for (var j = 0; j < R; j++) pm[i, j] = b[i, 0] * t[j] + (j + 1 < R ? b[i, j + 1] : 0) + g[i] * g[j];
        }

        /// <summary>The stationary covariance: solves P = T P T' + g g' as a linear system in P's entries on and above the diagonal; false when singular.</summary>
        bool Stationary()
        {
            var size = R * (R + 1) / 2;
            int Index(int i, int j) => i <= j ? i * R - i * (i - 1) / 2 + (j - i) : Index(j, i);
            for (var i = 0; i < R; i++)
                for (var j = i; j < R; j++)
                {
                    var row = Index(i, j);
                    for (var c = 0; c <= size; c++) system[row, c] = 0;
                    system[row, row] = 1;
                    // (T P T')_ij = Σ_kl T_ik T_jl P_kl; T_ik is t[i] for k = 0, 1 for k = i + 1.
                    for (var kk = 0; kk < R; kk++)
                    {
                        var tik = (kk == 0 ? t[i] : 0) + (kk == i + 1 ? 1 : 0);
                        if (tik == 0) continue;
                        for (var l = 0; l < R; l++)
                        {
                            var tjl = (l == 0 ? t[j] : 0) + (l == j + 1 ? 1 : 0);
                            if (tjl != 0) system[row, Index(kk, l)] -= tik * tjl;
                        }
                    }
                    system[row, size] = g[i] * g[j];
                }
            for (var col = 0; col < size; col++)
            {
                var pivot = col;
                for (var row = col + 1; row < size; row++)
                    if (Math.Abs(system[row, col]) > Math.Abs(system[pivot, col])) pivot = row;
                if (Math.Abs(system[pivot, col]) < 1e-12) return false;
                if (pivot != col)
                    for (var c = col; c <= size; c++) (system[col, c], system[pivot, c]) = (system[pivot, c], system[col, c]);
                for (var row = col + 1; row < size; row++)
                {
                    var factor = system[row, col] / system[col, col];
                    if (factor == 0) continue;
                    for (var c = col; c <= size; c++) system[row, c] -= factor * system[col, c];
                }
            }
            for (var row = size - 1; row >= 0; row--)
            {
                var v = system[row, size];
                for (var c = row + 1; c < size; c++) v -= system[row, c] * system[c, size];
                system[row, size] = v / system[row, row];
            }
            for (var i = 0; i < R; i++)
                for (var j = 0; j < R; j++) pm[i, j] = system[Index(i, j), size];
            return true;
        }
    }

    /// <summary>The one-step residuals (0 before the first p observations) and their sum of squares from observation p on.</summary>
    static double Residuals(double[] w, double[] ar, double[] ma, double mu, double[] e)
    {
        var (p, q) = (ar.Length, ma.Length);
        double sse = 0;
        for (var t = 0; t < w.Length; t++)
        {
            if (t < p) { e[t] = 0; continue; }
            var v = w[t] - mu;
            for (var i = 0; i < p; i++) v -= ar[i] * (w[t - 1 - i] - mu);
            for (var j = 0; j < q && j < t; j++) v -= ma[j] * e[t - 1 - j];
            e[t] = v;
            sse += v * v;
            if (sse > 1e300) return double.PositiveInfinity;
        }
        return sse;
    }

    /// <summary>
    /// Unconstrained values → coefficients of a stationary polynomial: tanh gives partial autocorrelations in
    /// (−1, 1), the Durbin–Levinson recursion turns them into AR coefficients (R's <c>partrans</c>). For an MA
    /// part (sign −1) the same polynomial with its signs turned is invertible.
    /// </summary>
    static void Partrans(double[] raw, int offset, int count, double[] coefficients, int sign)
    {
        if (count == 0) return;
        Span<double> work = stackalloc double[count];
        for (var i = 0; i < count; i++) coefficients[i] = Math.Tanh(raw[offset + i]);
        for (var j = 1; j < count; j++)
        {
            var a = coefficients[j];
            for (var k = 0; k < j; k++) work[k] = coefficients[k] - a * coefficients[j - k - 1];
            for (var k = 0; k < j; k++) coefficients[k] = work[k];
        }
        if (sign < 0)
            for (var i = 0; i < count; i++) coefficients[i] = -coefficients[i];
    }
}
