using PlanLoop.Domain.Optimization;

namespace PlanLoop.Features.Optimization;

/// <summary>The "NAME=NUMBER" pairs the command line and the API take (a channel's share, a member's capacity).</summary>
public static class NamedNumbers
{
    /// <summary>The pairs in order, or null with the first part that is not NAME=NUMBER.</summary>
    public static List<(string Name, decimal Value)>? Parse(IEnumerable<string> parts, out string? bad)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var pairs = new List<(string, decimal)>();
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !decimal.TryParse(part[(eq + 1)..], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                bad = part;
                return null;
            }
            pairs.Add((part[..eq], value));
        }
        bad = null;
        return pairs;
    }
}

/// <summary>One point of the curve of revenue against the total budget.</summary>
public sealed record BudgetPoint(decimal Total, decimal Revenue, decimal Contribution);

/// <summary>An allocation as the API, the page and the command line give it: the solver's objective, status and gap with the figures, never the model.</summary>
public sealed record BudgetSummary(double? Objective, SolveStatus Status, string Solver, double? Gap, decimal Total, BudgetGoal Goal, decimal Spent, decimal Revenue,
    decimal Contribution, decimal? NextWanOfBudget, bool Feasible, IReadOnlyList<string> Conflicts, IReadOnlyList<AllocatedLine> Lines, IReadOnlyList<BudgetPoint> Curve);

/// <summary>
/// Allocates a sales budget (lines from a file or the sample) for the goal and rules a person sets, optionally with the
/// curve of revenue against the total from 50% to 150% of it. Bad rules come back by field; nothing is stored.
/// </summary>
public sealed class AllocateBudget(ISolver solver)
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    public EditResult<BudgetAnswer> Handle(IReadOnlyList<BudgetLine> lines, BudgetRules rules, bool curve, TimeSpan? limit = null)
    {
        var errors = BudgetAllocation.Errors(lines, rules);
        if (errors.Count > 0) return EditResult<BudgetAnswer>.Invalid(errors);
        var time = limit ?? DefaultLimit;
        var result = BudgetAllocation.Solve(lines, rules, solver, time);
        var points = curve && result.Feasible
            ? BudgetAllocation.Curve(lines, rules, [.. Enumerable.Range(5, 11).Select(k => Math.Round(rules.Total * k / 10m, 2))], solver, time).Select(p => new BudgetPoint(p.Total, p.Revenue, p.Contribution)).ToList()
            : [];
        return EditResult<BudgetAnswer>.Saved(new BudgetAnswer(result, points));
    }
}

/// <summary>The allocation with its model (for export) and the curve.</summary>
public sealed record BudgetAnswer(BudgetResult Result, IReadOnlyList<BudgetPoint> Curve)
{
    public BudgetSummary Summary() => new(Result.Solution.HasValues ? Result.Solution.Objective : null, Result.Status, Result.Solution.Solver, Result.Gap, Result.Total, Result.Goal,
        Result.Spent, Result.Revenue, Result.Contribution, Result.NextWanOfBudget, Result.Feasible, Result.Conflicts, Result.Lines, Curve);

    /// <summary>The allocation's mixed-integer programme as a file, headed by where the lines came from and what each line's variables stand for.</summary>
    public string ModelFile(ModelFormat format, string source) => ModelFiles.Write(Result.Model, format,
        [$"budget allocation of {source}, total {Result.Total} yuan, goal {Result.Goal}; amounts in 10,000 yuan", .. Result.Lines.Select((l, i) => $"line {i + 1} = {l.Key}")]);
}
