namespace PlanLoop.Domain.Optimization;

/// <summary>A point of a response curve: spending this much on the line brings in this much revenue in the year.</summary>
public readonly record struct CurvePoint(decimal Spend, decimal Revenue);

/// <summary>
/// One line of the sales budget (a channel × region × category: people, marketing and events, partner rebates and
/// incentives, tools) with what it spent and brought in last year, its bounds, its response curve (piecewise linear
/// and concave: each further 万 brings in no more than the one before), the gross margin rate of the revenue it brings,
/// and — for a people line — the cost of one head, so it is bought in whole heads.
/// </summary>
public sealed record BudgetLine(string Key, string Channel, string Region, string Category, decimal LastSpend, decimal LastRevenue, decimal Min, decimal Max,
    IReadOnlyList<CurvePoint> Curve, decimal MarginRate, decimal? HeadCost = null);

public enum BudgetGoal
{
    /// <summary>As much revenue as the budget can buy.</summary>
    Revenue,

    /// <summary>As much contribution (gross margin of the revenue − the spend) as possible.</summary>
    Margin,

    /// <summary>As much revenue as possible while the contribution stays at least a share of revenue.</summary>
    RevenueAtMinMargin,
}

/// <summary>A policy on the channel mix: the channel's share of the revenue bought within Share ± Tolerance.</summary>
public sealed record MixRule(string Channel, decimal Share, decimal Tolerance);

public sealed record BudgetRules(decimal Total, BudgetGoal Goal = BudgetGoal.Revenue, decimal? MinMargin = null, IReadOnlyList<MixRule>? Mix = null)
{
    /// <summary>The seed plan's channel mix (direct 50%, agents 30%, online 15%, partners 5%) within ± the tolerance.</summary>
    public static IReadOnlyList<MixRule> SeedMix(decimal tolerance) =>
        [new("DIRECT", 0.5m, tolerance), new("AGENT", 0.3m, tolerance), new("ONLINE", 0.15m, tolerance), new("PARTNER", 0.05m, tolerance)];
}

/// <summary>One line of the allocation: spend (and heads), revenue and contribution it buys, its ROI and what the next 万 on it would bring.</summary>
public sealed record AllocatedLine(string Key, string Channel, string Region, string Category, decimal Spend, int? Heads, decimal Revenue, decimal Contribution,
    decimal? Roi, decimal? NextWan, IReadOnlyList<string> Binding);

/// <summary>
/// The allocation: every line's spend within the total, the revenue and contribution bought, whether the solver proved it
/// optimal (or stopped at its time limit with the gap to the bound), the marginal value of the next 万 of total
/// budget, and the conflicting rules when there is no allocation at all.
/// </summary>
public sealed record BudgetResult(decimal Total, BudgetGoal Goal, decimal Spent, decimal Revenue, decimal Contribution, IReadOnlyList<AllocatedLine> Lines,
    SolveStatus Status, double? Gap, decimal? NextWanOfBudget, IReadOnlyList<string> Conflicts, LinearModel Model, Solution Solution)
{
    public bool Feasible => Conflicts.Count == 0 && Status is SolveStatus.Optimal or SolveStatus.Feasible;
}

/// <summary>
/// Allocates a sales budget as a mixed-integer programme (in 万): each line's spend is the sum of its curve's segments
/// (y_k ∈ [0, segment length], revenue Σ slope_k × y_k — concave, so the solver fills segments in order), within
/// [min, max], a people line's spend = heads × cost per head with whole heads, Σ spend ≤ the total, the mix rules on
/// revenue, and the objective of the goal. Curves are checked first: a curve that is not concave, not increasing in
/// spend, or negative is refused naming the line and the point.
/// </summary>
public static class BudgetAllocation
{
    public const int MaxLines = 5000;
    public const int MaxPoints = 50;

    /// <summary>The problems of the input by field ("lines[3].curve" …); empty when it can be solved.</summary>
    public static IReadOnlyDictionary<string, string[]> Errors(IReadOnlyList<BudgetLine> lines, BudgetRules rules)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new Dictionary<string, string[]>();
        if (rules.Total is < 0m or > 1_000_000_000_000m) errors["total"] = ["The total budget must be between 0 and 1,000,000,000,000."];
        if (rules.Goal == BudgetGoal.RevenueAtMinMargin && rules.MinMargin is not (>= 0m and <= 1m)) errors["minMargin"] = ["Revenue at a minimum margin needs that margin, between 0 and 1 (0.3 = 30% of revenue)."];
        if (lines.Count == 0) errors["lines"] = ["There are no budget lines."];
        if (lines.Count > MaxLines) errors["lines"] = [$"At most {MaxLines} budget lines."];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            var l = lines[i];
            var at = $"lines[{i + 1}]";
            if (string.IsNullOrWhiteSpace(l.Key) || !seen.Add(l.Key)) errors[$"{at}.key"] = [$"Line {i + 1}: a key is needed and must be unique ('{l.Key}')."];
            if (l.Min < 0m || l.Max < l.Min) errors[$"{at}.min"] = [$"Line {l.Key}: 0 ≤ min ≤ max is needed (min {l.Min}, max {l.Max})."];
            if (l.MarginRate is < -1m or > 1m) errors[$"{at}.marginRate"] = [$"Line {l.Key}: the margin rate must be between -1 and 1."];
            if (l.HeadCost is { } h && h <= 0m) errors[$"{at}.headCost"] = [$"Line {l.Key}: the cost of a head must be positive."];
            if (l.Curve.Count is < 2 or > MaxPoints) { errors[$"{at}.curve"] = [$"Line {l.Key}: a response curve needs 2 to {MaxPoints} points."]; continue; }
            if (Curve(l) is { } problem) errors[$"{at}.curve"] = [problem];
        }
        foreach (var (m, k) in (rules.Mix ?? []).Select((m, k) => (m, k)))
        {
            if (m.Share is < 0m or > 1m || m.Tolerance is < 0m or > 1m) errors[$"mix[{k + 1}]"] = [$"Mix of {m.Channel}: share and tolerance between 0 and 1."];
            else if (lines.All(l => l.Channel != m.Channel)) errors[$"mix[{k + 1}]"] = [$"Mix of {m.Channel}: no budget line is in that channel."];
        }
        return errors;
    }

    /// <summary>Why a curve cannot be used, or null: it starts at spend 0, spend rises, revenue never falls, each slope is at most the one before.</summary>
    static string? Curve(BudgetLine l)
    {
        var p = l.Curve;
        if (p[0].Spend != 0m) return $"Line {l.Key}: the curve must start at spend 0 (it starts at {p[0].Spend}).";
        if (p.Any(q => q.Revenue < 0m)) return $"Line {l.Key}: a curve's revenue cannot be negative.";
        decimal? previous = null;
        for (var k = 1; k < p.Count; k++)
        {
            if (p[k].Spend <= p[k - 1].Spend) return $"Line {l.Key}: point {k + 1} ({p[k].Spend}) does not spend more than point {k} ({p[k - 1].Spend}).";
            var slope = (p[k].Revenue - p[k - 1].Revenue) / (p[k].Spend - p[k - 1].Spend);
            if (slope < 0m) return $"Line {l.Key}: revenue falls from point {k} to point {k + 1}.";
            if (previous is { } before && slope > before + 1e-9m)
                return $"Line {l.Key}: the curve is not concave at point {k + 1} — from {p[k - 1].Spend} to {p[k].Spend} each yuan brings {slope:0.####}, more than {before:0.####} before it. A concave curve (diminishing returns) is needed; correct the points.";
            previous = slope;
        }
        return null;
    }

    /// <summary>
    /// A curve through last year's point with diminishing returns, for a line that has history but no entered curve:
    /// revenue = last revenue × (spend ÷ last spend)^elasticity, sampled at 0, ¼, ½, 1, 1½, 2 and 3 × last spend.
    /// </summary>
    public static IReadOnlyList<CurvePoint> FromHistory(decimal lastSpend, decimal lastRevenue, double elasticity = 0.6)
    {
        if (lastSpend <= 0m || lastRevenue < 0m) throw new ArgumentOutOfRangeException(nameof(lastSpend), "A curve from history needs last year's spend (> 0) and revenue (≥ 0).");
        if (elasticity is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(elasticity), elasticity, "The elasticity must be in (0, 1] for diminishing returns.");
        return [.. new[] { 0d, 0.25, 0.5, 1, 1.5, 2, 3 }.Select(f => new CurvePoint(Math.Round(lastSpend * (decimal)f, 2), Math.Round(lastRevenue * (decimal)Math.Pow(f, elasticity), 2)))];
    }

    public static BudgetResult Solve(IReadOnlyList<BudgetLine> lines, BudgetRules rules, ISolver solver, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(solver);
        var errors = Errors(lines, rules);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)), nameof(lines));

        var model = new LinearModel("budget", Sense.Maximise);
        var spend = new List<Term>[lines.Count];
        var revenue = new List<Term>[lines.Count];
        var heads = new int?[lines.Count];
        var segments = new List<(int Variable, double Slope, double Length)>[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            spend[i] = [];
            revenue[i] = [];
            segments[i] = [];
            for (var k = 1; k < l.Curve.Count; k++)
            {
                var length = (double)(l.Curve[k].Spend - l.Curve[k - 1].Spend) / 1e4;
                var slope = (double)((l.Curve[k].Revenue - l.Curve[k - 1].Revenue) / (l.Curve[k].Spend - l.Curve[k - 1].Spend));
                var y = model.Add(new Variable($"spend_{i + 1}_{k}", 0, length));
                spend[i].Add(new Term(y, 1));
                revenue[i].Add(new Term(y, slope));
                segments[i].Add((y, slope, length));
            }
            var top = (double)Math.Min(l.Max, l.Curve[^1].Spend) / 1e4;
            model.Add(new Constraint($"bounds_{i + 1}", spend[i], (double)l.Min / 1e4, top, $"bounds:{l.Key}"));
            if (l.HeadCost is { } cost)
            {
                var n = model.Add(new Variable($"heads_{i + 1}", 0, Math.Floor(top / ((double)cost / 1e4)), Whole: true));
                heads[i] = n;
                model.Add(new Constraint($"whole_heads_{i + 1}", [.. spend[i], new Term(n, -(double)cost / 1e4)], 0, 0));
            }
        }
        var budget = model.Add(new Constraint("budget", [.. spend.SelectMany(s => s)], double.NegativeInfinity, (double)rules.Total / 1e4, "budget"));
        var allRevenue = revenue.SelectMany(r => r).ToList();
        foreach (var m in rules.Mix ?? [])
        {
            var channel = revenue.Where((_, i) => lines[i].Channel == m.Channel).SelectMany(r => r).ToList();
            var hi = (double)Math.Min(1m, m.Share + m.Tolerance);
            var lo = (double)Math.Max(0m, m.Share - m.Tolerance);
            model.Add(new Constraint($"mix_max_{Safe(m.Channel)}", Combine(channel, 1, allRevenue, -hi), double.NegativeInfinity, 0, $"mix:{m.Channel}"));
            model.Add(new Constraint($"mix_min_{Safe(m.Channel)}", Combine(channel, 1, allRevenue, -lo), 0, double.PositiveInfinity, $"mix:{m.Channel}"));
        }
        // Contribution of a line: revenue × margin rate − spend (in 万).
        var contribution = new List<Term>();
        for (var i = 0; i < lines.Count; i++)
        {
            contribution.AddRange(revenue[i].Select(t => t with { Coefficient = t.Coefficient * (double)lines[i].MarginRate }));
            contribution.AddRange(spend[i].Select(t => t with { Coefficient = -1 }));
        }
        if (rules.Goal == BudgetGoal.RevenueAtMinMargin)
            model.Add(new Constraint("min_margin", Combine(contribution, 1, allRevenue, -(double)rules.MinMargin!.Value), 0, double.PositiveInfinity, "minMargin"));
        foreach (var t in Combine(rules.Goal == BudgetGoal.Margin ? contribution : allRevenue, 1, [], 0))
            model.SetObjective(t.Variable, t.Coefficient);

        var solution = solver.Solve(model, limit);
        if (solution.Status == SolveStatus.Infeasible)
            return new BudgetResult(rules.Total, rules.Goal, 0m, 0m, 0m, [], solution.Status, null, null,
                Conflicts.Find(model, solver, Reallocation.KindOf, limit), model, solution);
        if (!solution.HasValues)
            return new BudgetResult(rules.Total, rules.Goal, 0m, 0m, 0m, [], solution.Status, null, null, [], model, solution);

        var v = solution.Values;
        var allocated = new List<AllocatedLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            var s = Math.Round((decimal)spend[i].Sum(t => v[t.Variable]) * 1e4m, 2);
            var r = Math.Round((decimal)revenue[i].Sum(t => t.Coefficient * v[t.Variable]) * 1e4m, 2);
            // The next 万: the slope of the first segment not yet full (0 at the end of the curve or at the line's maximum).
            var atMax = (double)s / 1e4 >= (double)Math.Min(l.Max, l.Curve[^1].Spend) / 1e4 - 1e-7;
            var next = atMax ? 0m : (decimal?)segments[i].Where(g => v[g.Variable] < g.Length - 1e-7).Select(g => (decimal)g.Slope).FirstOrDefault();
            var binding = new List<string>();
            if (atMax) binding.Add("max");
            if (s <= l.Min + 0.01m && l.Min > 0m) binding.Add("min");
            allocated.Add(new AllocatedLine(l.Key, l.Channel, l.Region, l.Category, s, heads[i] is { } h ? (int)Math.Round(v[h]) : null, r,
                Math.Round(r * l.MarginRate - s, 2), s > 0m ? Math.Round(r / s, 4) : null, next is { } n ? Math.Round(n * 1e4m, 2) : null, binding));
        }
        decimal? nextOfBudget = solution.Duals is { } duals ? Math.Round((decimal)Math.Abs(duals[budget]) * 1e4m, 2) : null;
        return new BudgetResult(rules.Total, rules.Goal, allocated.Sum(a => a.Spend), allocated.Sum(a => a.Revenue), allocated.Sum(a => a.Contribution), allocated,
            solution.Status, solution.Gap, nextOfBudget, [], model, solution);
    }

    /// <summary>Revenue (and contribution) against the total budget: the allocation solved again at each total.</summary>
    public static IReadOnlyList<(decimal Total, decimal Revenue, decimal Contribution)> Curve(IReadOnlyList<BudgetLine> lines, BudgetRules rules, IReadOnlyList<decimal> totals, ISolver solver, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return [.. totals.Select(total => Solve(lines, rules with { Total = total }, solver, limit)).Select(r => (r.Total, r.Revenue, r.Contribution))];
    }

    static List<Term> Combine(IEnumerable<Term> a, double fa, IEnumerable<Term> b, double fb)
    {
        var sum = new Dictionary<int, double>();
        foreach (var t in a) sum[t.Variable] = sum.GetValueOrDefault(t.Variable) + fa * t.Coefficient;
        foreach (var t in b) sum[t.Variable] = sum.GetValueOrDefault(t.Variable) + fb * t.Coefficient;
        return [.. sum.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key).Select(kv => new Term(kv.Key, kv.Value))];
    }

    static string Safe(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
}
