namespace PlanLoop.Domain.Customers;

/// <summary>The seed plan's customer tiers (§2.3): A strategic, B growth, C potential.</summary>
public enum CustomerTier
{
    A,
    B,
    C,
}

/// <summary>What the tier rules look at for one account.</summary>
public sealed record TierFacts(decimal AnnualPurchase, int? DecisionChainDepth = null, int? DecisionCycleDays = null);

/// <summary>The tier an account gets and the reason in Chinese and English.</summary>
public sealed record TierDecision(CustomerTier Tier, string Reason, string ReasonEn);

/// <summary>
/// Tier rules (configurable, versioned by whoever stores them): A from <see cref="AMinimumPurchase"/>
/// upwards, C below <see cref="CBelowPurchase"/>, B between — the seed's 500万 and 100万 by default.
/// Optionally an account with a decision chain at least <see cref="AMinimumChainDepth"/> deep is A
/// whatever it buys (the seed's A accounts have 3–5 levels).
/// </summary>
public sealed record TierRules(decimal AMinimumPurchase, decimal CBelowPurchase, int? AMinimumChainDepth = null)
{
    public static readonly TierRules Seed = new(5_000_000m, 1_000_000m);

    public TierRules Validate()
    {
        if (CBelowPurchase < 0m) throw new ArgumentOutOfRangeException(nameof(CBelowPurchase), CBelowPurchase, "The C threshold cannot be negative.");
        if (AMinimumPurchase < CBelowPurchase)
            throw new ArgumentException($"The A threshold ({AMinimumPurchase}) must not be below the C threshold ({CBelowPurchase}).", nameof(AMinimumPurchase));
        if (AMinimumChainDepth is < 1) throw new ArgumentOutOfRangeException(nameof(AMinimumChainDepth), AMinimumChainDepth, "A decision chain has at least one level.");
        return this;
    }

    public TierDecision Classify(TierFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        // Full digits: at the edges 万 rounding would make 999,999.99 read as 100万.
        static string Yuan(decimal v) => Formatting.Figures.Amount(v, Formatting.AmountStyle.Full, System.Globalization.CultureInfo.InvariantCulture);
        var (amount, a, c) = (Yuan(facts.AnnualPurchase), Yuan(AMinimumPurchase), Yuan(CBelowPurchase));
        if (facts.AnnualPurchase >= AMinimumPurchase)
            return new(CustomerTier.A, $"年采购额 {amount} ≥ {a}", $"annual purchase {amount} ≥ {a}");
        if (AMinimumChainDepth is { } depth && facts.DecisionChainDepth >= depth)
            return new(CustomerTier.A, $"决策链 {facts.DecisionChainDepth} 层 ≥ {depth} 层", $"decision chain of {facts.DecisionChainDepth} levels ≥ {depth}");
        if (facts.AnnualPurchase < CBelowPurchase)
            return new(CustomerTier.C, $"年采购额 {amount} < {c}", $"annual purchase {amount} < {c}");
        return new(CustomerTier.B, $"年采购额 {amount} 在 {c} 与 {a} 之间", $"annual purchase {amount} between {c} and {a}");
    }
}
