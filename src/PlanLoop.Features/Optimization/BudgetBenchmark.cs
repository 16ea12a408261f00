using PlanLoop.Domain.Optimization;

namespace PlanLoop.Features.Optimization;

/// <summary>
/// A budget model at a given size for the bench, from a fixed seed: lines over four channels, each with a curve drawn
/// from its own last year (spend 0.1–2 million, revenue 4–12 × spend, elasticity 0.4–0.8), the first
/// <c>heads</c> lines bought in whole heads of 30–50万, and a total of 110% of last year's spend with the channel mix
/// 50/30/15/5 within ± 5 points.
/// </summary>
public static class BudgetBenchmark
{
    static readonly string[] Channels = ["DIRECT", "AGENT", "ONLINE", "PARTNER"];

    public static (IReadOnlyList<BudgetLine> Lines, BudgetRules Rules) Model(int lines, int heads, int seed = 2024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lines, 1);
        var random = new Random(seed);
        var list = new List<BudgetLine>(lines);
        for (var i = 0; i < lines; i++)
        {
            var spend = Math.Round(100_000m + (decimal)random.NextDouble() * 1_900_000m, 2);
            var revenue = Math.Round(spend * (4m + (decimal)random.NextDouble() * 8m), 2);
            var elasticity = 0.4 + random.NextDouble() * 0.4;
            var channel = Channels[i % Channels.Length];
            decimal? headCost = i < heads ? 300_000m + 50_000m * random.Next(0, 5) : null;
            list.Add(new BudgetLine($"L{i + 1:0000}", channel, "ALL", headCost is null ? "marketing" : "people", spend, revenue,
                0m, spend * 3m, BudgetAllocation.FromHistory(spend, revenue, elasticity), 0.3m, headCost));
        }
        var total = Math.Round(list.Sum(l => l.LastSpend) * 1.1m, 2);
        return (list, new BudgetRules(total, BudgetGoal.Revenue, null, BudgetRules.SeedMix(0.05m)));
    }
}
