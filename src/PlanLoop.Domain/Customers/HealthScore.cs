namespace PlanLoop.Domain.Customers;

public enum HealthBand
{
    Healthy,
    Watch,
    AtRisk,
}

/// <summary>The health model's weights (they need not sum to one: they are normalised) and band limits.</summary>
public sealed record HealthModel(decimal ActivityWeight, decimal PurchaseWeight, decimal SatisfactionWeight, decimal PaymentWeight, decimal HealthyFrom = 70m, decimal WatchFrom = 40m)
{
    /// <summary>Equal weights; healthy from 70, watch from 40 — the starting point SalesOps tunes.</summary>
    public static readonly HealthModel Default = new(1m, 1m, 1m, 1m);

    public HealthModel Validate()
    {
        foreach (var (name, w) in new[] { (nameof(ActivityWeight), ActivityWeight), (nameof(PurchaseWeight), PurchaseWeight), (nameof(SatisfactionWeight), SatisfactionWeight), (nameof(PaymentWeight), PaymentWeight) })
            if (w < 0m) throw new ArgumentOutOfRangeException(name, w, "A weight cannot be negative.");
        if (ActivityWeight + PurchaseWeight + SatisfactionWeight + PaymentWeight == 0m) throw new ArgumentException("At least one weight must be above zero.");
        if (WatchFrom is < 0m or > 100m || HealthyFrom is < 0m or > 100m || WatchFrom > HealthyFrom)
            throw new ArgumentException("Band limits are 0–100 and 'watch' starts below 'healthy'.");
        return this;
    }
}

/// <summary>
/// What the health score reads for one account. Activity: activities in the period against the norm
/// for its tier. Purchases: this year's against last year's. Satisfaction: latest CSAT (0–100) and NPS
/// answer (0–10). Payment: the share of its receivables that is overdue.
/// </summary>
public sealed record HealthFacts(int Activities, int ActivityNorm, decimal PurchasesThisYear, decimal PurchasesLastYear, decimal? Csat, int? LatestNpsAnswer, decimal Receivable, decimal Overdue);

/// <summary>One component's 0–100 score, its weight share and its points in the total.</summary>
public sealed record HealthComponent(string Name, decimal Score, decimal WeightShare, decimal Points);

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
        var payment = f.Receivable <= 0m ? 100m : Clamp(100m * (1m - (f.Overdue / f.Receivable)));

        var weights = new[] { model.ActivityWeight, model.PurchaseWeight, model.SatisfactionWeight, model.PaymentWeight };
        var total = weights.Sum();
        var scores = new[] { ("activity", activity), ("purchases", purchases), ("satisfaction", satisfaction), ("payment", payment) };
        var components = scores.Select((s, i) => new HealthComponent(s.Item1, s.Item2, weights[i] / total, s.Item2 * weights[i] / total)).ToList();
        var score = Math.Round(components.Sum(c => c.Points), 2, MidpointRounding.AwayFromZero);
        var band = score >= model.HealthyFrom ? HealthBand.Healthy : score >= model.WatchFrom ? HealthBand.Watch : HealthBand.AtRisk;
        return new HealthResult(score, band, components);
    }

    static decimal Clamp(decimal v) => Math.Clamp(v, 0m, 100m);
}
