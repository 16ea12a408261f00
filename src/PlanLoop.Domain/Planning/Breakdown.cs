using PlanLoop.Domain.Amounts;

namespace PlanLoop.Domain.Planning;

/// <summary>What a target is broken down along.</summary>
public enum Dimension
{
    Quarter,
    Month,
    Region,
    ProductLine,
    Channel,
    Team,
    Rep,
}

/// <summary>How the parts of a breakdown were made.</summary>
public enum SplitMethod
{
    /// <summary>Percent shares of the whole.</summary>
    Shares,

    /// <summary>Amounts typed per part (kept as typed, even when they do not add up).</summary>
    Amounts,

    /// <summary>The same for every part.</summary>
    Even,

    /// <summary>In proportion to last year's actuals per part.</summary>
    Seasonality,

    /// <summary>Bottom-up: each part is what its capacity can carry (headcount × productivity, agents × output).</summary>
    Capacity,
}

/// <summary>One part of a breakdown: the member (Q1, EAST, CORE-A, a rep …), its share if it has one, and its amount.</summary>
public sealed record BreakdownPart(string Member, decimal? Share, decimal Amount);

/// <summary>A target broken down along one dimension.</summary>
public sealed record Breakdown(Kpi Kpi, Dimension Dimension, SplitMethod Method, IReadOnlyList<BreakdownPart> Parts)
{
    public decimal Sum => Parts.Sum(p => p.Amount);

    /// <summary>Σ shares, or null when no part has a share.</summary>
    public decimal? ShareSum => Parts.Any(p => p.Share is not null) ? Parts.Sum(p => p.Share ?? 0m) : null;
}

/// <summary>The ways of splitting a target into parts. Computed parts are exact: they add up to the whole to the fen.</summary>
public static class Decomposition
{
    /// <summary>
    /// Parts by percent shares (fractions). When the shares sum to 100% the whole is allocated exactly
    /// (largest remainder); when they do not, each part is its share of the whole, rounded to the fen,
    /// and the plan checks report the shares and the sum.
    /// </summary>
    public static Breakdown ByShares(Kpi kpi, Dimension dimension, Money whole, IReadOnlyList<(string Member, decimal Share)> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        foreach (var (member, share) in shares)
            if (share < 0m) throw new ArgumentOutOfRangeException(nameof(shares), share, $"The share of {member} is negative.");
        IReadOnlyList<decimal> amounts = shares.Sum(s => s.Share) == 1m
            ? [.. whole.Allocate([.. shares.Select(s => s.Share)]).Select(m => m.Amount)]
            : [.. shares.Select(s => (whole * s.Share).RoundToMinor().Amount)];
        return new Breakdown(kpi, dimension, SplitMethod.Shares,
            [.. shares.Select((s, i) => new BreakdownPart(s.Member, s.Share, amounts[i]))]);
    }

    // Only typed shares are kept on a part; a share that follows from amounts (amount ÷ target) is
    // computed where it is shown, never stored twice.

    /// <summary>Parts as typed.</summary>
    public static Breakdown ByAmounts(Kpi kpi, Dimension dimension, IReadOnlyList<(string Member, decimal Amount)> amounts) =>
        new(kpi, dimension, SplitMethod.Amounts, [.. amounts.Select(a => new BreakdownPart(a.Member, null, a.Amount))]);

    public static Breakdown Even(Kpi kpi, Dimension dimension, Money whole, IReadOnlyList<string> members)
    {
        var parts = whole.SplitEvenly(members.Count);
        return new Breakdown(kpi, dimension, SplitMethod.Even, [.. members.Select((m, i) => new BreakdownPart(m, null, parts[i].Amount))]);
    }

    /// <summary>In proportion to history (e.g. last year's monthly actuals): the shape of last year, the size of this year's target.</summary>
    public static Breakdown BySeasonality(Kpi kpi, Dimension dimension, Money whole, IReadOnlyList<(string Member, decimal History)> history)
    {
        var total = history.Sum(h => h.History);
        if (total <= 0m)
            throw new ArgumentException("There is no history to take the seasonality from (the actuals sum to zero).", nameof(history));
        var parts = whole.Allocate([.. history.Select(h => h.History)]);
        return new Breakdown(kpi, dimension, SplitMethod.Seasonality, [.. history.Select((h, i) => new BreakdownPart(h.Member, null, parts[i].Amount))]);
    }

    /// <summary>Bottom-up: each part is units × output per unit (headcount × productivity, agents × average output).</summary>
    public static Breakdown ByCapacity(Kpi kpi, Dimension dimension, IReadOnlyList<(string Member, decimal Units, decimal OutputPerUnit)> capacity) =>
        new(kpi, dimension, SplitMethod.Capacity, [.. capacity.Select(c => new BreakdownPart(c.Member, null, Math.Round(c.Units * c.OutputPerUnit, 2)))]);
}
