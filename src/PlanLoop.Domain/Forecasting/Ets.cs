using System.Globalization;

namespace PlanLoop.Domain.Forecasting;

public enum EtsError
{
    Additive,
    Multiplicative,
}

public enum EtsTrend
{
    None,
    Additive,
    Damped,
}

public enum EtsSeason
{
    None,
    Additive,
    Multiplicative,
}

/// <summary>One of the exponential smoothing state-space forms of Hyndman et al. (2008): error, trend, seasonal — ETS(M,Ad,M) and so on.</summary>
public sealed record EtsForm(EtsError Error, EtsTrend Trend, EtsSeason Season)
{
    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"ETS({(Error == EtsError.Additive ? "A" : "M")},{Trend switch { EtsTrend.None => "N", EtsTrend.Additive => "A", _ => "Ad" }},{Season switch { EtsSeason.None => "N", EtsSeason.Additive => "A", _ => "M" }})");

    /// <summary>
    /// The forms an automatic choice considers, as R's <c>forecast::ets</c> does by default: no multiplicative
    /// trend, no additive error with multiplicative seasonality, nothing multiplicative for data that are not all
    /// positive, nothing seasonal without a season. <paramref name="dampedTrendsOnly"/> also leaves out the
    /// undamped additive trend (a trend extrapolated for ever).
    /// </summary>
    public static IReadOnlyList<EtsForm> Candidates(bool positive, bool seasonal, bool dampedTrendsOnly = false)
    {
        var forms = new List<EtsForm>();
        foreach (var error in positive ? [EtsError.Additive, EtsError.Multiplicative] : new[] { EtsError.Additive })
            foreach (var trend in Enum.GetValues<EtsTrend>())
                foreach (var season in seasonal ? Enum.GetValues<EtsSeason>() : [EtsSeason.None])
                {
                    if (season == EtsSeason.Multiplicative && (!positive || error == EtsError.Additive)) continue;
                    if (dampedTrendsOnly && trend == EtsTrend.Additive) continue;
                    forms.Add(new EtsForm(error, trend, season));
                }
        return forms;
    }
}

/// <summary>
/// Exponential smoothing in state-space form (Hyndman, Koehler, Ord &amp; Snyder 2008; the forecast package's
/// <c>ets</c>): the smoothing parameters and the initial level, trend and season are fitted together by maximum
/// likelihood (Nelder–Mead), the form is chosen by AICc, forecasts follow the model's recursions and prediction
/// intervals come from simulated future paths.
/// </summary>
public sealed class EtsModel
{
    internal EtsModel(EtsForm form, int period, double[] parameters, double[] initial, double[] final, double[] errors, double[] fitted, double likelihood, int parameterCount)
    {
        Form = form;
        Period = period;
        Alpha = parameters[0];
        Beta = parameters[1];
        Gamma = parameters[2];
        Phi = parameters[3];
        InitialState = initial;
        FinalState = final;
        Errors = errors;
        Fitted = fitted;
        var n = errors.Length;
        ParameterCount = parameterCount;
        Likelihood = likelihood;
        Aic = likelihood + 2 * parameterCount;
        Aicc = n - parameterCount - 1 > 0 ? Aic + 2.0 * parameterCount * (parameterCount + 1) / (n - parameterCount - 1) : double.PositiveInfinity;
        Bic = Aic + parameterCount * (Math.Log(n) - 2);
        var sse = 0.0;
        foreach (var e in errors) sse += e * e;
        Sigma2 = sse / Math.Max(1, n - parameterCount);
    }

    public EtsForm Form { get; }
    public int Period { get; }
    public double Alpha { get; }
    public double Beta { get; }
    public double Gamma { get; }
    public double Phi { get; }

    /// <summary>l, b (with a trend), then the season newest first (s_0 … s_{m−1}), at the start of the data.</summary>
    public IReadOnlyList<double> InitialState { get; }

    /// <summary>The same after the last observation: where the forecast starts.</summary>
    public IReadOnlyList<double> FinalState { get; }

    /// <summary>One-step errors (relative for a multiplicative error).</summary>
    public IReadOnlyList<double> Errors { get; }

    public IReadOnlyList<double> Fitted { get; }

    /// <summary>−2 log likelihood up to a constant (n·log Σe² plus 2·Σlog|ŷ| for a multiplicative error), as the forecast package reports it.</summary>
    public double Likelihood { get; }

    /// <summary>Smoothing parameters + free initial states + the variance.</summary>
    public int ParameterCount { get; }

    public double Aic { get; }
    public double Aicc { get; }
    public double Bic { get; }
    public double Sigma2 { get; }

    /// <summary>The point forecasts for the next h periods.</summary>
    public double[] Forecast(int h)
    {
        var state = new double[FinalState.Count];
        for (var i = 0; i < state.Length; i++) state[i] = FinalState[i];
        var f = new double[h];
        Ets.Project(Form, Period, Phi, state, f);
        return f;
    }

    /// <summary>Prediction intervals from simulated future paths (Gaussian errors with the fitted variance; a fixed seed, so the same data give the same bounds).</summary>
    /// <param name="h">How many periods ahead.</param>
    /// <param name="levels">The coverages, e.g. 0.8 and 0.95.</param>
    /// <param name="paths">How many paths to simulate.</param>
    /// <param name="seed">The random seed.</param>
    public IReadOnlyList<(double Level, double[] Lower, double[] Upper)> Intervals(int h, IReadOnlyList<double> levels, int paths = 2000, int seed = 20_240_101)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var draws = new double[h][];
        for (var k = 0; k < h; k++) draws[k] = new double[paths];
        Simulate(h, paths, seed, (p, k, y) => draws[k][p] = y);
        var result = new List<(double, double[], double[])>();
        foreach (var level in levels)
        {
            var lower = new double[h];
            var upper = new double[h];
            for (var k = 0; k < h; k++)
            {
                Array.Sort(draws[k]);
                lower[k] = Quantile(draws[k], (1 - level) / 2);
                upper[k] = Quantile(draws[k], 1 - (1 - level) / 2);
            }
            result.Add((level, lower, upper));
        }
        return result;
    }

    /// <summary>The sums of the next h values along simulated paths (sorted): the distribution of a total still to come.</summary>
    /// <param name="h">How many periods ahead.</param>
    /// <param name="paths">How many paths to simulate.</param>
    /// <param name="seed">The random seed.</param>
    public double[] SimulateSums(int h, int paths = 5000, int seed = 20_240_101)
    {
        var sums = new double[paths];
        Simulate(h, paths, seed, (p, _, y) => sums[p] += y);
        Array.Sort(sums);
        return sums;
    }

    /// <summary>Runs the model forward along simulated paths (Gaussian errors with the fitted variance), handing each value (path, step, value) to <paramref name="take"/>, steps in order.</summary>
    public void Simulate(int h, int paths, int seed, Action<int, int, double> take)
    {
        ArgumentNullException.ThrowIfNull(take);
        var random = new Random(seed);
        var sigma = Math.Sqrt(Sigma2);
        var state = new double[FinalState.Count];
        var next = new double[FinalState.Count];
        var one = new double[1];
        for (var p = 0; p < paths; p++)
        {
            for (var i = 0; i < state.Length; i++) state[i] = FinalState[i];
            for (var k = 0; k < h; k++)
            {
                Ets.Project(Form, Period, Phi, state, one);
                var e = sigma * Gaussian(random);
                var y = Form.Error == EtsError.Additive ? one[0] + e : one[0] * (1 + e);
                Ets.Update(Form, Period, Alpha, Beta, Gamma, Phi, state, next, y);
                (state, next) = (next, state);
                take(p, k, y);
            }
        }
    }

    internal static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(sorted.Length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    internal static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

public static class Ets
{
    const double Tolerance = 1e-10;
    const double Huge = 1e10;
    static readonly double[] Lower = [1e-4, 1e-4, 1e-4, 0.8];
    static readonly double[] Upper = [0.9999, 0.9999, 0.9999, 0.98];

    /// <summary>The form with the lowest AICc among <see cref="EtsForm.Candidates"/>; null only when none can be fitted.</summary>
    /// <param name="y">The observations, oldest first.</param>
    /// <param name="m">The season's length (12 for months; 1 for none).</param>
    /// <param name="dampedTrendsOnly">Choose among the forms without an undamped trend (the combination's member).</param>
    public static EtsModel? Auto(IReadOnlyList<double> y, int m, bool dampedTrendsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(y);
        var positive = y.All(v => v > 0);
        var seasonal = m > 1 && y.Count >= 2 * m;
        EtsModel? best = null;
        foreach (var form in EtsForm.Candidates(positive, seasonal, dampedTrendsOnly))
        {
            var model = Fit(y, m, form);
            if (model is not null && double.IsFinite(model.Aicc) && (best is null || model.Aicc < best.Aicc)) best = model;
        }
        return best;
    }

    /// <summary>Fits one form; null when the data are too few for its parameters or the fit fails.</summary>
    public static EtsModel? Fit(IReadOnlyList<double> y, int m, EtsForm form)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(form);
        var n = y.Count;
        var seasonal = form.Season != EtsSeason.None;
        var period = seasonal ? m : 1;
        var trend = form.Trend != EtsTrend.None;
        var damped = form.Trend == EtsTrend.Damped;
        if (seasonal && (m < 2 || n < 2 * m)) return null;
        if ((form.Error == EtsError.Multiplicative || form.Season == EtsSeason.Multiplicative) && y.Any(v => v <= 0)) return null;
        var freeStates = 1 + (trend ? 1 : 0) + (seasonal ? m - 1 : 0);
        var smoothing = 1 + (trend ? 1 : 0) + (seasonal ? 1 : 0) + (damped ? 1 : 0);
        var parameterCount = smoothing + freeStates + 1;
        if (n <= parameterCount + 4) return null;

        var data = y.ToArray();
        var init = InitialState(data, m, form);
        var scale = 0.0;
        foreach (var v in data) scale += Math.Abs(v);
        scale = Math.Max(scale / n, 1e-8);

        // Start as the forecast package does: α a little above its lower bound, β, γ a fraction of theirs, φ near its upper.
        var alpha0 = Lower[0] + 0.2 * (Upper[0] - Lower[0]) / Math.Max(1, m);
        var beta0 = Lower[1] + 0.1 * (Math.Min(Upper[1], alpha0) - Lower[1]);
        var gamma0 = Lower[2] + 0.05 * (Math.Min(Upper[2], 1 - alpha0) - Lower[2]);
        // The smoothing parameters are optimised on the logit scale of their region (β within (0, α], γ within (0, 1 − α]), so the
        // search never stalls on a boundary where the likelihood is undefined — the region is the forecast package's "usual" one.
        var start = new List<double> { Logit(alpha0, Lower[0], Upper[0]) };
        if (trend) start.Add(Logit(beta0, Lower[1], alpha0));
        if (seasonal) start.Add(Logit(gamma0, Lower[2], 1 - alpha0));
        if (damped) start.Add(Logit(Lower[3] + 0.99 * (Upper[3] - Lower[3]), Lower[3], Upper[3]));
        var additiveSeason = form.Season == EtsSeason.Additive;
        for (var i = 0; i < freeStates; i++)
        {
            var isSeason = i >= 1 + (trend ? 1 : 0);
            start.Add(isSeason && !additiveSeason ? init[i] : init[i] / scale);   // states on the data's scale are fitted in units of its mean
        }

        var state = new double[1 + (trend ? 1 : 0) + (seasonal ? m : 0)];
        var next = new double[state.Length];
        var errors = new double[n];
        var fitted = new double[n];
        var one = new double[1];
        var parameters = new double[4];

        double Target(double[] p)
        {
            if (!Unpack(p, form, m, scale, parameters, state)) return double.PositiveInfinity;
            var lik = Run(form, period, parameters, data, state, next, one, errors, fitted);
            return double.IsNaN(lik) ? double.PositiveInfinity : Math.Max(lik, -Huge);
        }

        // Nelder–Mead can stop on a ridge; starting again from where it stopped (a fresh simplex) finds the better fits R's single run sometimes misses.
        // Wide first steps for the smoothing parameters (on their logit scale) so a fit explores past the start's neighbourhood.
        var stateStep = 0.1 * start.Skip(smoothing).Select(Math.Abs).DefaultIfEmpty(1).Max();
        var steps = start.Select((_, k) => k < smoothing ? 2.5 : stateStep).ToArray();
        var (best, value, _) = NelderMead.Minimise(Target, [.. start], maxEvaluations: 2000, steps: steps);
        for (var restart = 0; restart < 3 && double.IsFinite(value); restart++)
        {
            var (again, againValue, _) = NelderMead.Minimise(Target, best, maxEvaluations: 2000, steps: steps);
            var improved = againValue < value - 1e-7 * Math.Abs(value);
            (best, value) = againValue <= value ? (again, againValue) : (best, value);
            if (!improved) break;
        }
        if (!double.IsFinite(value)) return null;
        Unpack(best, form, m, scale, parameters, state);
        var initial = (double[])state.Clone();
        var likelihood = Math.Max(Run(form, period, parameters, data, state, next, one, errors, fitted), -Huge);   // a perfect fit: as the forecast package, bounded
        if (!double.IsFinite(likelihood)) return null;
        return new EtsModel(form, period, (double[])parameters.Clone(), initial, (double[])state.Clone(), errors, fitted, likelihood, parameterCount);
    }

    static double Between(double x, double lower, double upper) => lower + (upper - lower) / (1 + Math.Exp(-x));

    static double Logit(double v, double lower, double upper)
    {
        var u = Math.Clamp((v - lower) / (upper - lower), 1e-6, 1 - 1e-6);
        return Math.Log(u / (1 - u));
    }

    /// <summary>Parameters from the optimiser's vector (smoothing parameters on their logit scale, states in units of the data's mean); false when a multiplicative seasonal index is not positive.</summary>
    static bool Unpack(double[] p, EtsForm form, int m, double scale, double[] parameters, double[] state)
    {
        var i = 0;
        var alpha = Between(p[i++], Lower[0], Upper[0]);
        double beta = 0, gamma = 0, phi = 1;
        var trend = form.Trend != EtsTrend.None;
        var seasonal = form.Season != EtsSeason.None;
        if (trend) beta = Between(p[i++], Lower[1], alpha);
        if (seasonal) gamma = Between(p[i++], Lower[2], 1 - alpha);
        if (form.Trend == EtsTrend.Damped) phi = Between(p[i++], Lower[3], Upper[3]);
        if (!double.IsFinite(alpha + beta + gamma + phi)) return false;
        parameters[0] = alpha;
        parameters[1] = beta;
        parameters[2] = gamma;
        parameters[3] = phi;
        var s = 0;
        state[s++] = p[i++] * scale;
        if (trend) state[s++] = p[i++] * scale;
        if (seasonal)
        {
            var additive = form.Season == EtsSeason.Additive;
            double sum = 0;
            for (var j = 0; j < m - 1; j++)
            {
                var v = additive ? p[i++] * scale : p[i++];
                if (!additive && v <= 0) return false;
                state[s++] = v;
                sum += v;
            }
            var last = additive ? -sum : m - sum;
            if (!additive && last <= 0) return false;
            state[s] = last;
        }
        return true;
    }

    /// <summary>Runs the model through the data from the given initial state; answers the likelihood and leaves the final state in <paramref name="state"/>.</summary>
    static double Run(EtsForm form, int m, double[] parameters, double[] y, double[] state, double[] next, double[] one, double[] errors, double[] fitted)
    {
        // The same recursions as Project and Update for one step at a time, with the season kept in a ring (no copying of
        // the state at each observation): this loop is where fitting spends its time.
        _ = next;
        _ = one;
        double alpha = parameters[0], beta = parameters[1], gamma = parameters[2], phi = parameters[3];
        var multiplicative = form.Error == EtsError.Multiplicative;
        var trend = form.Trend != EtsTrend.None;
        var season = form.Season;
        var seasonStart = trend ? 2 : 1;
        var l = state[0];
        var b = trend ? state[1] : 0;
        var ring = season == EtsSeason.None ? [] : new double[m];
        for (var k = 0; k < ring.Length; k++) ring[k] = state[seasonStart + m - 1 - k];   // ring[0] is the oldest (used first)
        var oldest = 0;
        double sse = 0, logs = 0;
        var betaOverAlpha = beta / alpha;
        for (var t = 0; t < y.Length; t++)
        {
            var phiB = trend ? phi * b : 0;
            var q = l + phiB;
            var s = season == EtsSeason.None ? 0 : ring[oldest];
            var f = season switch { EtsSeason.None => q, EtsSeason.Additive => q + s, _ => q * s };
            if (double.IsNaN(f) || (multiplicative && Math.Abs(f) < Tolerance)) return double.NaN;
            fitted[t] = f;
            var yt = y[t];
            var e = multiplicative ? (yt - f) / f : yt - f;
            errors[t] = e;
            sse += e * e;
            if (multiplicative) logs += Math.Log(Math.Abs(f));
            var p = season switch { EtsSeason.None => yt, EtsSeason.Additive => yt - s, _ => Math.Abs(s) < Tolerance ? Huge : yt / s };
            var newL = q + alpha * (p - q);
            if (trend) b = phiB + betaOverAlpha * (newL - l - phiB);
            if (season != EtsSeason.None)
            {
                var target = season == EtsSeason.Additive ? yt - q : Math.Abs(q) < Tolerance ? Huge : yt / q;
                ring[oldest] = s + gamma * (target - s);
                oldest = oldest + 1 == m ? 0 : oldest + 1;
            }
            l = newL;
        }
        state[0] = l;
        if (trend) state[1] = b;
        for (var j = 0; j < ring.Length; j++) state[seasonStart + j] = ring[(oldest - 1 - j + 2 * m) % m];   // newest first
        return y.Length * Math.Log(sse) + (multiplicative ? 2 * logs : 0);
    }

    /// <summary>The forecasts f[0..h) from a state (level, trend, season newest first), without changing it.</summary>
    internal static void Project(EtsForm form, int m, double phi, double[] state, double[] f)
    {
        var l = state[0];
        var trend = form.Trend != EtsTrend.None;
        var b = trend ? state[1] : 0;
        var seasonStart = trend ? 2 : 1;
        var phiStar = phi;
        for (var i = 0; i < f.Length; i++)
        {
            var v = trend ? l + phiStar * b : l;
            if (form.Season != EtsSeason.None)
            {
                var j = m - 1 - i;
                while (j < 0) j += m;
                var s = state[seasonStart + j];
                v = form.Season == EtsSeason.Additive ? v + s : v * s;
            }
            f[i] = v;
            if (form.Trend == EtsTrend.Damped) phiStar += Math.Pow(phi, i + 2);
            else phiStar += 1;
        }
    }

    /// <summary>The state after observing y (level, trend, season shifted by one), as the forecast package's <c>update</c>.</summary>
    internal static void Update(EtsForm form, int m, double alpha, double beta, double gamma, double phi, double[] state, double[] next, double y)
    {
        var oldL = state[0];
        var trend = form.Trend != EtsTrend.None;
        var oldB = trend ? state[1] : 0;
        var seasonStart = trend ? 2 : 1;
        var phiB = trend ? phi * oldB : 0;
        var q = oldL + phiB;
        double p;
        double oldS = 0;
        if (form.Season == EtsSeason.None) p = y;
        else
        {
            oldS = state[seasonStart + m - 1];
            if (form.Season == EtsSeason.Additive) p = y - oldS;
            else p = Math.Abs(oldS) < Tolerance ? Huge : y / oldS;
        }
        var l = q + alpha * (p - q);
        next[0] = l;
        if (trend) next[1] = phiB + beta / alpha * (l - oldL - phiB);
        if (form.Season != EtsSeason.None)
        {
            double t;
            if (form.Season == EtsSeason.Additive) t = y - q;
            else t = Math.Abs(q) < Tolerance ? Huge : y / q;
            next[seasonStart] = oldS + gamma * (t - oldS);
            for (var j = 1; j < m; j++) next[seasonStart + j] = state[seasonStart + j - 1];
        }
    }

    /// <summary>
    /// The starting states, as the forecast package's <c>initstate</c>: the season from a classical decomposition
    /// (from a line through the data when there are fewer than three seasons), the level and trend from a line
    /// through the first seasonally adjusted observations.
    /// </summary>
    static double[] InitialState(double[] y, int m, EtsForm form)
    {
        var n = y.Length;
        var states = new List<double>();
        var adjusted = y;
        double[]? season = null;
        if (form.Season != EtsSeason.None)
        {
            var multiplicative = form.Season == EtsSeason.Multiplicative;
            double[] figure;
            if (n >= 3 * m) figure = Seasonality.Indexes(y, m, multiplicative);
            else
            {
                var (a, b) = Line(y, n);
                figure = new double[m];
                var count = new int[m];
                for (var t = 0; t < n; t++)
                {
                    var line = a + b * (t + 1);
                    figure[t % m] += multiplicative ? y[t] / line : y[t] - line;
                    count[t % m]++;
                }
                for (var i = 0; i < m; i++) figure[i] /= count[i];
            }
            if (multiplicative)
            {
                for (var i = 0; i < m; i++) figure[i] = Math.Max(figure[i], 1e-2);
                var sum = figure.Skip(1).Sum();
                if (sum > m) for (var i = 0; i < m; i++) figure[i] /= sum + 1e-2;
            }
            adjusted = new double[n];
            for (var t = 0; t < n; t++) adjusted[t] = multiplicative ? y[t] / Math.Max(figure[t % m], 1e-2) : y[t] - figure[t % m];
            // Newest first: s_0 is the season of the last position before the data starts (position m), s_{m−2} of position 2.
            season = new double[m - 1];
            for (var j = 0; j < m - 1; j++) season[j] = figure[m - 1 - j];
        }
        var maxN = Math.Min(Math.Max(10, 2 * m), n);
        if (form.Trend == EtsTrend.None)
        {
            double mean = 0;
            for (var t = 0; t < maxN; t++) mean += adjusted[t];
            states.Add(mean / maxN);
        }
        else
        {
            var (a, b) = Line(adjusted, maxN);
            if (Math.Abs(a + b) < 1e-8) { a *= 1 + 1e-3; b *= 1 + 1e-3; }
            states.Add(a);
            states.Add(b);
        }
        if (season is not null) states.AddRange(season);
        return [.. states];
    }

    /// <summary>Least squares a + b·t through the first count points, t = 1 … count.</summary>
    static (double A, double B) Line(double[] y, int count)
    {
        double st = 0, sy = 0, stt = 0, sty = 0;
        for (var t = 1; t <= count; t++)
        {
            st += t;
            sy += y[t - 1];
            stt += (double)t * t;
            sty += t * y[t - 1];
        }
        var denominator = count * stt - st * st;
        var b = denominator == 0 ? 0 : (count * sty - st * sy) / denominator;
        return ((sy - b * st) / count, b);
    }
}
