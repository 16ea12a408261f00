namespace PlanLoop.Domain.Commercial;

/// <summary>How a tier's rate applies: to the whole basis once a threshold is passed (retroactive), or only to the part above each threshold (incremental).</summary>
public enum RebateMode
{
    Retroactive,
    Incremental,
}

/// <summary>From <see cref="Threshold"/> yuan of qualifying net revenue in the period, the rate is <see cref="Rate"/> (a fraction).</summary>
public sealed record RebateTier(decimal Threshold, decimal Rate);

/// <summary>A rebate programme's terms (seed §4.3: quarterly tiered rebates of 3% / 5% / 8%): tiers rising in threshold and rate, the mode, an optional cap per period.</summary>
public sealed record RebateTerms(IReadOnlyList<RebateTier> Tiers, RebateMode Mode, decimal? Cap = null)
{
    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (Tiers.Count is 0 or > 20) errors["tiers"] = ["A programme has 1 to 20 tiers."];
        for (var i = 0; i < Tiers.Count; i++)
        {
            var t = Tiers[i];
            if (t.Threshold < 0m) errors[$"tiers[{i}].threshold"] = ["A threshold is not negative."];
            if (t.Rate is <= 0m or >= 1m) errors[$"tiers[{i}].rate"] = ["A rate is above 0% and under 100%."];
            if (i > 0 && (t.Threshold <= Tiers[i - 1].Threshold || t.Rate <= Tiers[i - 1].Rate))
                errors[$"tiers[{i}]"] = ["Each tier starts at a higher threshold and pays a higher rate than the one before."];
        }
        if (Cap is < 0m) errors["cap"] = ["A cap is not negative."];
        return errors;
    }
}

/// <summary>
/// What a customer earns on a basis: the tier reached, the rebate (to the fen, capped), and the selling argument — how
/// much more to buy to reach the next tier and what the rebate would then be.
/// </summary>
public sealed record RebateAccrual(decimal Basis, int? Tier, decimal Rate, decimal Rebate, bool Capped, decimal? ToNextTier, decimal? RebateAtNextTier);

public static class Rebates
{
    public static RebateAccrual Accrue(RebateTerms terms, decimal basis)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var reached = -1;
        for (var i = 0; i < terms.Tiers.Count; i++) if (basis >= terms.Tiers[i].Threshold) reached = i;
        var raw = Earned(terms, basis);
        var rebate = terms.Cap is { } cap && raw > cap ? cap : raw;
        var next = reached + 1 < terms.Tiers.Count ? terms.Tiers[reached + 1] : null;
        return new RebateAccrual(basis, reached < 0 ? null : reached + 1, reached < 0 ? 0m : terms.Tiers[reached].Rate, rebate, rebate < raw,
            next is null ? null : next.Threshold - basis, next is null ? null : Math.Min(Earned(terms, next.Threshold), terms.Cap ?? decimal.MaxValue));
    }

    /// <summary>The rebate before the cap: retroactive = basis × the reached tier's rate; incremental = each slice between thresholds at its tier's rate.</summary>
    static decimal Earned(RebateTerms terms, decimal basis)
    {
        if (basis <= 0m) return 0m;
        if (terms.Mode == RebateMode.Retroactive)
            return terms.Tiers.LastOrDefault(t => basis >= t.Threshold) is { } tier ? Math.Round(basis * tier.Rate, 2, MidpointRounding.AwayFromZero) : 0m;
        var total = 0m;
        for (var i = 0; i < terms.Tiers.Count; i++)
        {
            var from = terms.Tiers[i].Threshold;
            var to = i + 1 < terms.Tiers.Count ? terms.Tiers[i + 1].Threshold : decimal.MaxValue;
            if (basis > from) total += (Math.Min(basis, to) - from) * terms.Tiers[i].Rate;
        }
        return Math.Round(total, 2, MidpointRounding.AwayFromZero);
    }
}
