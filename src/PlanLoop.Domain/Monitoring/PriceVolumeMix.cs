namespace PlanLoop.Domain.Monitoring;

/// <summary>One segment (a product line, a region …): plan and actual revenue and volume (orders).</summary>
public sealed record Segment(string Key, decimal PlanRevenue, decimal PlanVolume, decimal ActualRevenue, decimal ActualVolume)
{
    public decimal? PlanPrice => PlanVolume == 0m ? null : PlanRevenue / PlanVolume;

    public decimal? ActualPrice => ActualVolume == 0m ? null : ActualRevenue / ActualVolume;
}

/// <summary>A segment's share of the price and mix effects.</summary>
public sealed record SegmentEffect(string Key, decimal Variance, decimal Price, decimal Mix);

/// <summary>The three effects, each to the fen, adding up exactly to the total variance.</summary>
public sealed record VarianceEffects(decimal PlanRevenue, decimal ActualRevenue, decimal Volume, decimal Mix, decimal Price, IReadOnlyList<SegmentEffect> Segments)
{
    public decimal Total => ActualRevenue - PlanRevenue;
}

/// <summary>
/// The standard price / volume / mix decomposition of a revenue variance against plan. With plan
/// volume V<sub>p</sub>, plan price P<sub>p</sub> per segment and the plan's average price
/// P̄<sub>p</sub> = ΣR<sub>p</sub> ÷ ΣV<sub>p</sub>:
/// volume = (ΣV<sub>a</sub> − ΣV<sub>p</sub>) × P̄<sub>p</sub> (more or fewer orders at the plan's average price);
/// mix = Σ V<sub>a,i</sub> × P<sub>p,i</sub> − ΣV<sub>a</sub> × P̄<sub>p</sub> (the orders fell on dearer or cheaper segments);
/// price = Σ V<sub>a,i</sub> × (P<sub>a,i</sub> − P<sub>p,i</sub>) (each segment sold dearer or cheaper than planned).
/// They add up to ΣR<sub>a</sub> − ΣR<sub>p</sub> algebraically; rounded to the fen by the largest
/// remainder so they add up exactly in money too. A segment with plan revenue but no plan volume has
/// no plan price: its actual revenue counts as price (nothing was planned to be sold that way).
/// </summary>
public static class PriceVolumeMix
{
    public static VarianceEffects Decompose(IReadOnlyList<Segment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var planRevenue = segments.Sum(s => s.PlanRevenue);
        var actualRevenue = segments.Sum(s => s.ActualRevenue);
        var planVolume = segments.Sum(s => s.PlanVolume);
        var actualVolume = segments.Sum(s => s.ActualVolume);
        var average = planVolume == 0m ? 0m : planRevenue / planVolume;
        var actualAtPlanPrices = segments.Sum(s => s.ActualVolume * (s.PlanPrice ?? 0m));
        var volume = (actualVolume - planVolume) * average;
        var mix = actualAtPlanPrices - (actualVolume * average);
        var price = actualRevenue - actualAtPlanPrices;
        if (planVolume == 0m)
        {
            // Nothing planned in volume: the whole plan is missed as volume, what was sold is price.
            (volume, mix, price) = (-planRevenue, 0m, actualRevenue);
        }
        var rounded = ToFen([volume, mix, price], actualRevenue - planRevenue);
        var bySegment = segments.Select(s =>
        {
            var p = s.ActualVolume * ((s.ActualPrice ?? 0m) - (s.PlanPrice ?? s.ActualPrice ?? 0m));
            var m = planVolume == 0m ? 0m : (s.ActualVolume - (actualVolume * s.PlanVolume / planVolume)) * ((s.PlanPrice ?? average) - average);
            return new SegmentEffect(s.Key, s.ActualRevenue - s.PlanRevenue, Math.Round(p, 2, MidpointRounding.AwayFromZero), Math.Round(m, 2, MidpointRounding.AwayFromZero));
        }).ToList();
        return new VarianceEffects(planRevenue, actualRevenue, rounded[0], rounded[1], rounded[2], bySegment);
    }

    /// <summary>Rounds each part to the fen so the parts add up to <paramref name="total"/> (itself in fen): floors, then the fens left to the largest remainders.</summary>
    static decimal[] ToFen(decimal[] parts, decimal total)
    {
        var floors = parts.Select(p => Math.Floor(p * 100m) / 100m).ToArray();
        var left = (int)Math.Round((total - floors.Sum()) * 100m);
        var order = parts.Select((p, i) => (Remainder: (p * 100m) - Math.Floor(p * 100m), Index: i)).OrderByDescending(x => x.Remainder).ThenBy(x => x.Index).ToList();
        for (var k = 0; k < Math.Abs(left); k++)
            floors[order[k % order.Count].Index] += Math.Sign(left) * 0.01m;
        return floors;
    }
}

/// <summary>Where a KPI stands against its target at a point of the year.</summary>
public enum Pace
{
    /// <summary>At or ahead of where the plan expects it by now.</summary>
    OnTrack,
    /// <summary>Behind, but within 10% of the expected.</summary>
    Watch,
    /// <summary>More than 10% behind the expected.</summary>
    Behind,
}

/// <summary>What "expected by now" means for a KPI.</summary>
public enum ExpectedBasis
{
    /// <summary>A cumulative amount (revenue): the share of the year's target the plan's months or quarters put before today.</summary>
    Phasing,
    /// <summary>A stock, rate or score (customers, collection rate, NPS …): on the straight line from its baseline (last year) to its target.</summary>
    Trajectory,
    /// <summary>A derived KPI (客单价 = revenue ÷ customers): computed from what its inputs are expected to be by now.</summary>
    Derived,
    /// <summary>No baseline to draw a line from: the target itself.</summary>
    Target,
}

/// <summary>
/// A KPI against its target on a day: attainment (actual ÷ target), the share of the target expected
/// by now (<see cref="Basis"/> says how that share was found), what is left to reach the year's target,
/// and for amounts the run-rate per remaining month needed to close the year on target.
/// </summary>
public sealed record KpiAttainment(decimal? Target, decimal? Actual, decimal Expected, decimal TimeElapsed, int MonthsLeft, ExpectedBasis Basis = ExpectedBasis.Phasing)
{
    public decimal? Attainment => Target is { } t && t != 0m && Actual is { } a ? a / t : null;

    /// <summary>What is still missing to reach the year's target (negative once the target is passed).</summary>
    public decimal? Remaining => Target is { } t && Actual is { } a ? t - a : null;

    /// <summary>What must come in per remaining month to reach the target (null when the year is over or nothing is left to do).</summary>
    public decimal? RunRateNeeded => Remaining is { } g && g > 0m && MonthsLeft > 0 ? Math.Round(g / MonthsLeft, 2, MidpointRounding.AwayFromZero) : null;

    public Pace? Pace => Attainment is not { } a ? null
        : a >= Expected ? Monitoring.Pace.OnTrack
        : a >= Expected * 0.9m ? Monitoring.Pace.Watch
        : Monitoring.Pace.Behind;

    /// <summary>
    /// The share of the target a stock or rate is expected at by now: on the line from the baseline to the
    /// target over the share of the year elapsed (850 customers last year, 1,100 planned, 75% of the year
    /// gone: 1,037.5 expected, 94.3% of the target). Without a baseline or target, the target itself (100%).
    /// </summary>
    public static (decimal Share, ExpectedBasis Basis) Trajectory(decimal? baseline, decimal? target, decimal elapsed) =>
        baseline is { } b && target is { } t && t != 0m
            ? ((b + ((t - b) * Math.Clamp(elapsed, 0m, 1m))) / t, ExpectedBasis.Trajectory)
            : (1m, ExpectedBasis.Target);
}

/// <summary>How much of a year's target the plan expects by a day: by its phasing (month or quarter parts, normalised), pro rata within the current part.</summary>
public static class Phasing
{
    /// <summary>
    /// <paramref name="parts"/>: the plan's parts in calendar order (12 months or 4 quarters), any
    /// scale (they are normalised; the seed's quarters add up to 1.44亿 of 1.5亿). Without parts the
    /// year is phased by days.
    /// </summary>
    public static decimal Expected(DateOnly asOf, IReadOnlyList<decimal>? parts)
    {
        var yearStart = new DateOnly(asOf.Year, 1, 1);
        var days = DateTime.IsLeapYear(asOf.Year) ? 366 : 365;
        if (parts is not { Count: 4 or 12 } || parts.Sum() <= 0m) return Math.Min(1m, (decimal)(asOf.DayNumber - yearStart.DayNumber + 1) / days);
        var months = 12 / parts.Count;
        var index = (asOf.Month - 1) / months;
        var partStart = new DateOnly(asOf.Year, (index * months) + 1, 1);
        var partEnd = partStart.AddMonths(months).AddDays(-1);
        var done = parts.Take(index).Sum();
        var within = (decimal)(asOf.DayNumber - partStart.DayNumber + 1) / (partEnd.DayNumber - partStart.DayNumber + 1);
        return (done + (parts[index] * within)) / parts.Sum();
    }

    public static decimal TimeElapsed(DateOnly asOf) =>
        (decimal)(asOf.DayNumber - new DateOnly(asOf.Year, 1, 1).DayNumber + 1) / (DateTime.IsLeapYear(asOf.Year) ? 366 : 365);

    /// <summary>
    /// The months still to come after <paramref name="asOf"/> with their weight in the plan's phasing (12 months, or 4
    /// quarters a third to each month, or the same for every month without parts); the business day's own month counts
    /// for the share of its days still to come, and not at all on its last day.
    /// </summary>
    public static IReadOnlyList<(int Month, decimal Weight)> RemainingMonths(DateOnly asOf, IReadOnlyList<decimal>? parts)
    {
        decimal Weight(int month) => parts switch
        {
            { Count: 12 } => Math.Max(0m, parts[month - 1]),
            { Count: 4 } => Math.Max(0m, parts[(month - 1) / 3]) / 3m,
            _ => 1m,
        };
        var days = DateTime.DaysInMonth(asOf.Year, asOf.Month);
        var months = new List<(int, decimal)>();
        if (asOf.Day < days) months.Add((asOf.Month, Weight(asOf.Month) * (days - asOf.Day) / days));
        for (var m = asOf.Month + 1; m <= 12; m++) months.Add((m, Weight(m)));
        return months;
    }

    /// <summary>Whole months after the business day's month.</summary>
    public static int MonthsLeft(DateOnly asOf) => 12 - asOf.Month;
}
