using System.Globalization;

namespace PlanLoop.Domain.Optimization;

/// <summary>Whether the objective is made as small or as large as possible.</summary>
public enum Sense
{
    Minimise,
    Maximise,
}

/// <summary>A decision variable with its bounds (±∞ allowed); an integer variable takes whole values only (a person is hired whole).</summary>
public sealed record Variable(string Name, double Lower, double Upper, bool Whole = false);

/// <summary>A coefficient of one variable in a constraint or the objective.</summary>
public readonly record struct Term(int Variable, double Coefficient);

/// <summary>
/// Lower ≤ Σ coefficient × variable ≤ Upper. <see cref="Rule"/> names the rule a person set that the constraint
/// stands for ("capacity of 华北"), so a conflict can be explained in their words; structural constraints have none
/// and are never blamed.
/// </summary>
public sealed record Constraint(string Name, IReadOnlyList<Term> Terms, double Lower, double Upper, string? Rule = null);

/// <summary>
/// A linear (or mixed-integer) programme as plain data: the domain builds it, any solver solves it, and it can be
/// written as a standard .lp or .mps file for finance to re-solve with another solver.
/// </summary>
public sealed class LinearModel(string name, Sense sense)
{
    readonly List<Variable> variables = [];
    readonly List<Constraint> constraints = [];
    readonly Dictionary<int, double> objective = [];

    public string Name { get; } = name;
    public Sense Sense { get; } = sense;
    public IReadOnlyList<Variable> Variables => variables;
    public IReadOnlyList<Constraint> Constraints => constraints;
    public IReadOnlyList<Term> Objective => [.. objective.OrderBy(o => o.Key).Select(o => new Term(o.Key, o.Value))];
    public bool HasIntegers => variables.Any(v => v.Whole);

    public int Add(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable.Lower > variable.Upper)
            throw new ArgumentException($"Variable {variable.Name}: the lower bound {variable.Lower} is above the upper bound {variable.Upper}.", nameof(variable));
        variables.Add(variable);
        return variables.Count - 1;
    }

    public int Add(Constraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        foreach (var t in constraint.Terms)
            if (t.Variable < 0 || t.Variable >= variables.Count)
                throw new ArgumentException($"Constraint {constraint.Name} uses variable {t.Variable}, which the model does not have.", nameof(constraint));
        constraints.Add(constraint);
        return constraints.Count - 1;
    }

    public void SetObjective(int variable, double coefficient) => objective[variable] = coefficient;

    /// <summary>Σ objective coefficient × value for a solution's values.</summary>
    public double Evaluate(IReadOnlyList<double> values) => objective.Sum(o => o.Value * values[o.Key]);

    /// <summary>The same model without the constraints whose rule is not kept (for finding which rules conflict).</summary>
    public LinearModel Keeping(Func<string, bool> keepRule)
    {
        ArgumentNullException.ThrowIfNull(keepRule);
        var copy = new LinearModel(Name, Sense);
        copy.variables.AddRange(variables);
        copy.constraints.AddRange(constraints.Where(c => c.Rule is null || keepRule(c.Rule)));
        foreach (var (k, v) in objective) copy.objective[k] = v;
        return copy;
    }

    /// <summary>A copy with one more constraint (a second stage that holds the first stage's optimum).</summary>
    public LinearModel With(Constraint constraint, Sense sense, IReadOnlyList<Term> objectiveTerms)
    {
        ArgumentNullException.ThrowIfNull(objectiveTerms);
        var copy = new LinearModel(Name, sense);
        copy.variables.AddRange(variables);
        copy.constraints.AddRange(constraints);
        copy.Add(constraint);
        foreach (var t in objectiveTerms) copy.objective[t.Variable] = t.Coefficient;
        return copy;
    }

    /// <summary>Numbers as a solver's file wants them: invariant, round-trip exact.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

public enum SolveStatus
{
    /// <summary>Proven optimal (a MIP: within the solver's default gap).</summary>
    Optimal,

    /// <summary>The time limit was reached with a solution: the best found, with its gap to the bound.</summary>
    Feasible,

    Infeasible,
    Unbounded,

    /// <summary>The time limit was reached before any solution was found.</summary>
    NotSolved,
}

/// <summary>
/// What a solver returns: the status, the objective and (for a MIP) the best bound, each variable's value, and for
/// an LP each constraint's dual value (the shadow price: how much the objective moves per unit the constraint's
/// bound is relaxed) and each variable's reduced cost.
/// </summary>
public sealed record Solution(SolveStatus Status, double Objective, double? Bound, IReadOnlyList<double> Values, IReadOnlyList<double>? Duals,
    IReadOnlyList<double>? ReducedCosts, TimeSpan Elapsed, string Solver)
{
    public bool HasValues => Status is SolveStatus.Optimal or SolveStatus.Feasible;

    /// <summary>The relative gap between the solution and the bound (0 when proven optimal).</summary>
    public double? Gap => Bound is { } b && HasValues
        ? Math.Abs(b - Objective) / Math.Max(1e-9, Math.Abs(Objective))
        : null;
}

/// <summary>The seam to the solver: the domain builds models, the feature layer solves them (OR-Tools).</summary>
public interface ISolver
{
    Solution Solve(LinearModel model, TimeSpan limit, CancellationToken ct = default);
}

/// <summary>
/// Which of a person's rules conflict when a model has no solution: the deletion filter (Chinneck) over the rules,
/// first over rule kinds (every capacity, every ceiling …) then over the single rules of the kinds left, so the set
/// is small — each rule in it is needed for the conflict. kindOf maps a rule to its kind.
/// </summary>
public static class Conflicts
{
    public static IReadOnlyList<string> Find(LinearModel model, ISolver solver, Func<string, string> kindOf, TimeSpan limitPerSolve, int maxSolves = 400)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(kindOf);
        var rules = model.Constraints.Where(c => c.Rule is not null).Select(c => c.Rule!).Distinct().ToList();
        var solves = 0;
        bool Infeasible(HashSet<string> kept)
        {
            solves++;
            return solver.Solve(model.Keeping(kept.Contains), limitPerSolve).Status == SolveStatus.Infeasible;
        }

        var kinds = rules.Select(kindOf).Distinct().ToList();
        var keptKinds = new HashSet<string>(kinds);
        foreach (var kind in kinds)
        {
            keptKinds.Remove(kind);
            if (!Infeasible([.. rules.Where(r => keptKinds.Contains(kindOf(r)))]))
                keptKinds.Add(kind);
        }
        var kept = new HashSet<string>(rules.Where(r => keptKinds.Contains(kindOf(r))));
        foreach (var rule in kept.ToList())
        {
            if (solves >= maxSolves) break;
            kept.Remove(rule);
            if (!Infeasible(kept))
                kept.Add(rule);
        }
        return [.. rules.Where(kept.Contains)];
    }
}
