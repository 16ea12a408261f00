namespace PlanLoop.Domain.Customers;

public enum HealthBand
{
    Healthy,
    Watch,
    AtRisk,
}

/// <summary>The health model's weights (they need not sum to one: they are normalised) and band limits.</summary>
public sealed record HealthModel(decimal ActivityWeight, decimal PurchaseWeight, decimal SatisfactionWeight, decimal PaymentWeight, decimal HealthyFrom = 70m, decimal WatchFrom = 40m,
    int ActivityNormA = 12, int ActivityNormB = 4, int ActivityNormC = 2)
{
    /// <summary>Equal weights; healthy from 70, watch from 40 — the starting point SalesOps tunes.</summary>
    public static readonly HealthModel Default = new(1m, 1m, 1m, 1m);

    public HealthModel Validate()
    {
        foreach (var (name, w) in new[] { (nameof(ActivityWeight), ActivityWeight), (nameof(PurchaseWeight), PurchaseWeight), (nameof(SatisfactionWeight), SatisfactionWeight), (nameof(PaymentWeight), PaymentWeight) })
            if (w < 0m) throw new ArgumentOutOfRangeException(name, w, "A weight cannot be negative.");
        if (ActivityWeight + PurchaseWeight + SatisfactionWeight + PaymentWeight == 0m) throw new ArgumentException("At least one weight must be above zero.");
        if (ActivityNormA < 0 || ActivityNormB < 0 || ActivityNormC < 0) throw new ArgumentOutOfRangeException(nameof(ActivityNormA), "An activity norm cannot be negative.");
        if (WatchFrom is < 0m or > 100m || HealthyFrom is < 0m or > 100m || WatchFrom > HealthyFrom)
            throw new ArgumentException("Band limits are 0–100 and 'watch' starts below 'healthy'.");
        return this;
    }

    /// <summary>How many activities in the last 90 days an account of the tier should have (the tier's service model: A weekly, B monthly …).</summary>
    public int ActivityNorm(CustomerTier? tier) => tier switch
    {
        CustomerTier.A => ActivityNormA,
        CustomerTier.B => ActivityNormB,
        _ => ActivityNormC,
    };
}

/// <summary>
/// What the health score reads for one account. Activity: activities in the period against the norm
/// for its tier. Purchases: this year's against last year's. Satisfaction: latest CSAT (0–100) and NPS
/// answer (0–10). Payment: the share of its receivables that is overdue; null receivables means the
/// company does not track them in PlanLoop, and the payment component then drops out (its weight
/// goes to the others) instead of scoring a perfect 100 for nothing.
/// </summary>
public sealed record HealthFacts(int Activities, int ActivityNorm, decimal PurchasesThisYear, decimal PurchasesLastYear, decimal? Csat, int? LatestNpsAnswer, decimal? Receivable, decimal Overdue);

/// <summary>One component's 0–100 score, its weight share and its points in the total; not available components have no weight.</summary>
public sealed record HealthComponent(string Name, decimal Score, decimal WeightShare, decimal Points, bool Available = true);

public sealed record HealthResult(decimal Score, HealthBand Band, IReadOnlyList<HealthComponent> Components);

/// <summary>A customer's health, 0–100, explained by its four components (seed §4.1: activity, purchases, satisfaction; plus payment).</summary>
public static class HealthScore
{
    public static HealthResult Of(HealthFacts f, HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        var activity = f.ActivityNorm <= 0 ? 100m : Clamp(100m * f.Activities / f.ActivityNorm);
        // Flat purchases score 50; doubling scores 100; nothing bought scores 0. A new account (no last year) scores 50 when it buys.
        var purchases = f.PurchasesLastYear <= 0m
            ? (f.PurchasesThisYear > 0m ? 50m : 0m)
            : Clamp(50m * f.PurchasesThisYear / f.PurchasesLastYear);
        var satisfaction = (f.Csat, f.LatestNpsAnswer) switch
        {
            ({ } csat, { } nps) => (Clamp(csat) + (nps * 10m)) / 2m,
            ({ } csat, null) => Clamp(csat),
            (null, { } nps) => nps * 10m,
            _ => 50m,   // nobody asked yet: neutral, not punished
        };
        var payment = f.Receivable is not { } receivable || receivable <= 0m ? 100m : Clamp(100m * (1m - (f.Overdue / receivable)));
        var available = new[] { true, true, true, f.Receivable is not null };

        var weights = new[] { model.ActivityWeight, model.PurchaseWeight, model.SatisfactionWeight, model.PaymentWeight }
            .Select((w, i) => available[i] ? w : 0m).ToArray();
        var total = weights.Sum();
        if (total == 0m)   // only the missing component had weight: weigh the others equally
        {
            weights = available.Select(a => a ? 1m : 0m).ToArray();
            total = weights.Sum();
        }
        var scores = new[] { ("activity", activity), ("purchases", purchases), ("satisfaction", satisfaction), ("payment", payment) };
        var components = scores.Select((s, i) => new HealthComponent(s.Item1, s.Item2, weights[i] / total, s.Item2 * weights[i] / total, available[i])).ToList();
        var score = Math.Round(components.Sum(c => c.Points), 2, MidpointRounding.AwayFromZero);
        var band = score >= model.HealthyFrom ? HealthBand.Healthy : score >= model.WatchFrom ? HealthBand.Watch : HealthBand.AtRisk;
        return new HealthResult(score, band, components);
    }

    static decimal Clamp(decimal v) => Math.Clamp(v, 0m, 100m);
}
