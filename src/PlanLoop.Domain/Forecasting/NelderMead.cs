namespace PlanLoop.Domain.Forecasting;

/// <summary>
/// The Nelder–Mead simplex minimiser as R's <c>optim</c> runs it (reflection 1, contraction ½, expansion 2, a
/// first simplex stepping 10% of the largest start value, stopping when the simplex's values agree to a relative
/// tolerance). Used to fit the smoothing parameters and initial states of exponential smoothing.
/// </summary>
public static class NelderMead
{
    /// <summary>The point with the lowest value found, its value and how many evaluations it took.</summary>
    /// <param name="f">The function; return <see cref="double.PositiveInfinity"/> outside the feasible region.</param>
    /// <param name="start">Where to start.</param>
    /// <param name="maxEvaluations">At most this many evaluations of <paramref name="f"/>.</param>
    /// <param name="relativeTolerance">Stop when highest − lowest ≤ tolerance × (|lowest| + tolerance).</param>
    /// <param name="steps">The first simplex's step per coordinate, when not R's 10% of the largest start value.</param>
    public static (double[] Point, double Value, int Evaluations) Minimise(Func<double[], double> f, double[] start, int maxEvaluations = 2000, double relativeTolerance = 1.490116e-08, double[]? steps = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(start);
        var n = start.Length;
        var size = 0.0;
        foreach (var v in start) size = Math.Max(size, 0.1 * Math.Abs(v));
        if (size == 0) size = 0.1;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        var evaluations = 0;
        double Eval(double[] p) { evaluations++; var v = f(p); return double.IsNaN(v) ? double.PositiveInfinity : v; }
        for (var i = 0; i <= n; i++)
        {
            simplex[i] = (double[])start.Clone();
            if (i > 0) simplex[i][i - 1] += steps?[i - 1] ?? size;
            values[i] = Eval(simplex[i]);
        }
        var centroid = new double[n];
        var reflected = new double[n];
        var trial = new double[n];
        while (evaluations < maxEvaluations)
        {
            int lo = 0, hi = 0;
            for (var i = 1; i <= n; i++)
            {
                if (values[i] < values[lo]) lo = i;
                if (values[i] > values[hi]) hi = i;
            }
            if (double.IsFinite(values[hi]) && values[hi] <= values[lo] + relativeTolerance * (Math.Abs(values[lo]) + relativeTolerance)) break;
            var secondHi = lo;
            for (var i = 0; i <= n; i++)
                if (i != hi && values[i] > values[secondHi]) secondHi = i;

            Array.Clear(centroid);
            for (var i = 0; i <= n; i++)
                if (i != hi)
                    for (var j = 0; j < n; j++) centroid[j] += simplex[i][j];
            for (var j = 0; j < n; j++) centroid[j] /= n;

            for (var j = 0; j < n; j++) reflected[j] = 2 * centroid[j] - simplex[hi][j];
            var fr = Eval(reflected);
            if (fr < values[lo])
            {
                for (var j = 0; j < n; j++) trial[j] = 3 * centroid[j] - 2 * simplex[hi][j];   // expansion: C + 2 (R − C)
                var fe = Eval(trial);
                if (fe < fr) Replace(hi, trial, fe);
                else Replace(hi, reflected, fr);
                continue;
            }
            if (fr < values[secondHi])
            {
                Replace(hi, reflected, fr);
                continue;
            }
            // Contract towards the better of the worst point and its reflection.
            var outside = fr < values[hi];
            var from = outside ? reflected : simplex[hi];
            for (var j = 0; j < n; j++) trial[j] = 0.5 * (centroid[j] + from[j]);
            var fc = Eval(trial);
            if (fc < (outside ? fr : values[hi]))
            {
                Replace(hi, trial, fc);
                continue;
            }
            // Shrink everything towards the best point.
            for (var i = 0; i <= n; i++)
            {
                if (i == lo) continue;
                for (var j = 0; j < n; j++) simplex[i][j] = 0.5 * (simplex[i][j] + simplex[lo][j]);
                values[i] = Eval(simplex[i]);
            }
        }
        var best = 0;
        for (var i = 1; i <= n; i++)
            if (values[i] < values[best]) best = i;
        return (simplex[best], values[best], evaluations);

        void Replace(int i, double[] point, double value)
        {
            Array.Copy(point, simplex[i], n);
            values[i] = value;
        }
    }

    /// <summary>Brent's golden-section search for one parameter on [lower, upper] (what R uses when only one parameter is free).</summary>
    public static (double Point, double Value) MinimiseOn(Func<double, double> f, double lower, double upper, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(f);
        const double golden = 0.3819660112501051;
        double a = lower, b = upper, x = a + golden * (b - a), w = x, v = x;
        double fx = f(x), fw = fx, fv = fx, d = 0, e = 0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var mid = 0.5 * (a + b);
            var tol1 = tolerance * Math.Abs(x) + 1e-12;
            var tol2 = 2 * tol1;
            if (Math.Abs(x - mid) <= tol2 - 0.5 * (b - a)) break;
            if (Math.Abs(e) > tol1)
            {
                var r = (x - w) * (fx - fv);
                var q = (x - v) * (fx - fw);
                var p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) p = -p; else q = -q;
                var eOld = e;
                e = d;
                if (Math.Abs(p) >= Math.Abs(0.5 * q * eOld) || p <= q * (a - x) || p >= q * (b - x))
                {
                    e = x >= mid ? a - x : b - x;
                    d = golden * e;
                }
                else
                {
                    d = p / q;
                    var u0 = x + d;
                    if (u0 - a < tol2 || b - u0 < tol2) d = x < mid ? tol1 : -tol1;
                }
            }
            else
            {
                e = x >= mid ? a - x : b - x;
                d = golden * e;
            }
            var u = Math.Abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
            var fu = f(u);
            if (fu <= fx)
            {
                if (u >= x) a = x; else b = x;
                (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
            }
            else
            {
                if (u < x) a = u; else b = u;
                if (fu <= fw || w == x) (v, fv, w, fw) = (w, fw, u, fu);
                else if (fu <= fv || v == x || v == w) (v, fv) = (u, fu);
            }
        }
        return (x, fx);
    }
}
