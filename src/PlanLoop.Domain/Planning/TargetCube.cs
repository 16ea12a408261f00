using PlanLoop.Domain.Amounts;

namespace PlanLoop.Domain.Planning;

/// <summary>One dimension of a cube: its members and the target of each (a marginal).</summary>
public sealed record CubeAxis(Dimension Dimension, IReadOnlyList<string> Members, IReadOnlyList<decimal> Targets)
{
    public decimal Total => Targets.Sum();
}

/// <summary>A cell fixed by the user; the fitting leaves it as it is and adjusts the others.</summary>
public sealed record PinnedCell(IReadOnlyList<int> Index, decimal Amount);

/// <summary>
/// The fitted cube. <see cref="Amounts"/> are the cells in fen (row-major over the axes, last axis
/// fastest), summing exactly to <see cref="Total"/>. <see cref="MaxRelativeError"/> is the worst
/// marginal miss of the fitted values relative to the largest target total; <see cref="ResidualAfterRounding"/>
/// is the worst marginal miss of the rounded amounts, in yuan.
/// </summary>
public sealed record CubeFit(
    IReadOnlyList<CubeAxis> Axes,
    IReadOnlyList<decimal> Amounts,
    decimal Total,
    bool Converged,
    int Iterations,
    double MaxRelativeError,
    decimal ResidualAfterRounding,
    bool MarginalsAgree)
{
    public decimal this[params int[] index] => Amounts[TargetCube.Offset(Axes, index)];

    /// <summary>
    /// Sums the cube onto two axes (a pivot): rows by <paramref name="rowAxis"/>, columns by
    /// <paramref name="columnAxis"/>; <paramref name="filter"/> keeps only one member of other axes (axis → member index).
    /// </summary>
    public decimal[,] Pivot(int rowAxis, int columnAxis, IReadOnlyDictionary<int, int>? filter = null)
    {
        if (rowAxis == columnAxis) throw new ArgumentException("Rows and columns need two different axes.", nameof(columnAxis));
        var result = new decimal[Axes[rowAxis].Members.Count, Axes[columnAxis].Members.Count];
        var index = new int[Axes.Count];
        for (var cell = 0; cell < Amounts.Count; cell++)
        {
            TargetCube.Unravel(Axes, cell, index);
            if (filter is not null && filter.Any(f => index[f.Key] != f.Value)) continue;
            result[index[rowAxis], index[columnAxis]] += Amounts[cell];
        }
        return result;
    }
}

/// <summary>
/// Builds a multi-dimensional target cube (region × quarter × product line …) that matches every
/// marginal, by iterative proportional fitting (RAS): scale the cells to each axis's targets in
/// turn until every marginal is met to the tolerance. When the marginals total differently they
/// cannot all be met; the fit says so and reports how far off it stays.
/// </summary>
public static class TargetCube
{
    public static CubeFit Fit(IReadOnlyList<CubeAxis> axes, IReadOnlyList<PinnedCell>? pinned = null, IReadOnlyList<double>? prior = null, double tolerance = 1e-9, int maxIterations = 10_000)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Count < 2) throw new ArgumentException("A cube needs at least two axes.", nameof(axes));
        foreach (var axis in axes)
        {
            if (axis.Members.Count == 0 || axis.Members.Count != axis.Targets.Count)
                throw new ArgumentException($"Axis {axis.Dimension} needs one target per member.", nameof(axes));
            if (axis.Targets.Any(t => t < 0m))
                throw new ArgumentException($"Axis {axis.Dimension} has a negative target.", nameof(axes));
        }

        var size = axes.Aggregate(1, (n, a) => checked(n * a.Members.Count));
        var values = new double[size];
        var isPinned = new bool[size];
        var grandTotal = (double)axes.Max(a => a.Total);
        if (prior is null)
        {
            Array.Fill(values, grandTotal / size);   // no prior shape (e.g. last year's cells): start flat
        }
        else
        {
            if (prior.Count != size) throw new ArgumentException($"The prior has {prior.Count} cells; the cube has {size}.", nameof(prior));
            for (var i = 0; i < size; i++) values[i] = Math.Max(prior[i], 0d);
        }
        foreach (var pin in pinned ?? [])
        {
            var offset = Offset(axes, pin.Index);
            values[offset] = (double)pin.Amount;
            isPinned[offset] = true;
        }

        var strides = Strides(axes);
        var targets = axes.Select(a => a.Targets.Select(t => (double)t).ToArray()).ToArray();
        var scale = Math.Max(grandTotal, 1d);
        var iterations = 0;
        var error = MaxError(values, axes, strides, targets) / scale;
        while (error > tolerance && iterations < maxIterations)
        {
            for (var a = 0; a < axes.Count; a++)
                FitAxis(values, isPinned, axes, strides, a, targets[a]);
            iterations++;
            error = MaxError(values, axes, strides, targets) / scale;
        }

        // Round once: the cells share the fitted total to the fen (largest remainder), so they add up exactly.
        var total = Math.Round((decimal)values.Sum(), 2, MidpointRounding.ToEven);
        IReadOnlyList<decimal> amounts = total == 0m
            ? new decimal[size]
            : [.. Money.Cny(total).Allocate([.. values.Select(v => (decimal)Math.Max(v, 0d))]).Select(m => m.Amount)];
        var residual = 0m;
        for (var a = 0; a < axes.Count; a++)
        {
            var sums = AxisSums(amounts, axes, a);
            for (var m = 0; m < sums.Length; m++) residual = Math.Max(residual, Math.Abs(sums[m] - axes[a].Targets[m]));
        }
        var agree = axes.All(a => a.Total == axes[0].Total);
        return new CubeFit(axes, amounts, total, error <= tolerance, iterations, error, residual, agree);
    }

    static void FitAxis(double[] values, bool[] isPinned, IReadOnlyList<CubeAxis> axes, int[] strides, int axis, double[] targets)
    {
        var members = axes[axis].Members.Count;
        var free = new double[members];
        var fixedSum = new double[members];
        for (var cell = 0; cell < values.Length; cell++)
        {
            var m = cell / strides[axis] % members;
            if (isPinned[cell]) fixedSum[m] += values[cell];
            else free[m] += values[cell];
        }
        var factors = new double[members];
        for (var m = 0; m < members; m++)
            factors[m] = free[m] > 0d ? Math.Max(targets[m] - fixedSum[m], 0d) / free[m] : 0d;
        for (var cell = 0; cell < values.Length; cell++)
        {
            if (!isPinned[cell]) values[cell] *= factors[cell / strides[axis] % members];
        }
    }

    static double MaxError(double[] values, IReadOnlyList<CubeAxis> axes, int[] strides, double[][] targets)
    {
        var worst = 0d;
        for (var a = 0; a < axes.Count; a++)
        {
            var members = axes[a].Members.Count;
            var sums = new double[members];
            for (var cell = 0; cell < values.Length; cell++) sums[cell / strides[a] % members] += values[cell];
            for (var m = 0; m < members; m++) worst = Math.Max(worst, Math.Abs(sums[m] - targets[a][m]));
        }
        return worst;
    }

    static decimal[] AxisSums(IReadOnlyList<decimal> amounts, IReadOnlyList<CubeAxis> axes, int axis)
    {
        var strides = Strides(axes);
        var members = axes[axis].Members.Count;
        var sums = new decimal[members];
        for (var cell = 0; cell < amounts.Count; cell++) sums[cell / strides[axis] % members] += amounts[cell];
        return sums;
    }

    static int[] Strides(IReadOnlyList<CubeAxis> axes)
    {
        var strides = new int[axes.Count];
        var stride = 1;
        for (var a = axes.Count - 1; a >= 0; a--)
        {
            strides[a] = stride;
            stride *= axes[a].Members.Count;
        }
        return strides;
    }

    internal static int Offset(IReadOnlyList<CubeAxis> axes, IReadOnlyList<int> index)
    {
        if (index.Count != axes.Count) throw new ArgumentException($"A cell of this cube has {axes.Count} coordinates.", nameof(index));
        var offset = 0;
        for (var a = 0; a < axes.Count; a++)
        {
            if (index[a] < 0 || index[a] >= axes[a].Members.Count) throw new ArgumentOutOfRangeException(nameof(index), $"Coordinate {a} is out of range.");
            offset = (offset * axes[a].Members.Count) + index[a];
        }
        return offset;
    }

    internal static void Unravel(IReadOnlyList<CubeAxis> axes, int offset, int[] index)
    {
        for (var a = axes.Count - 1; a >= 0; a--)
        {
            index[a] = offset % axes[a].Members.Count;
            offset /= axes[a].Members.Count;
        }
    }
}
