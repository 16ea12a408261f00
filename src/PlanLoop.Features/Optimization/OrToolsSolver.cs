using System.Diagnostics;
using Google.OrTools.LinearSolver;
using PlanLoop.Domain.Optimization;

namespace PlanLoop.Features.Optimization;

/// <summary>
/// Solves the domain's models with Google OR-Tools: GLOP for a linear programme (with dual values and reduced
/// costs; HiGHS when GLOP gives up), SCIP for a mixed-integer one (with the best bound, so a time limit returns the best solution and its gap).
/// Models are written as files by <see cref="ModelFiles"/>.
/// </summary>
public sealed class OrToolsSolver : ISolver
{
    public Solution Solve(LinearModel model, TimeSpan limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ct.ThrowIfCancellationRequested();
        var solution = Solve(model, limit, model.HasIntegers ? "SCIP" : "GLOP");
        // GLOP gives up (ABNORMAL) on a few large, degenerate programmes; HiGHS's simplex solves them.
        return solution.Status == SolveStatus.NotSolved && !model.HasIntegers && solution.Elapsed < limit ? Solve(model, limit - solution.Elapsed, "HIGHS_LP") : solution;
    }

    static Solution Solve(LinearModel model, TimeSpan limit, string name)
    {
        var watch = Stopwatch.StartNew();
        using var solver = Load(model, name, out var variables, out var constraints);
        solver.SetTimeLimit((long)Math.Clamp(limit.TotalMilliseconds, 1, int.MaxValue));
        solver.SuppressOutput();
        if (name == "HIGHS_LP") solver.SetSolverSpecificParametersAsString("output_flag = false\nlog_to_console = false\n");
        var status = solver.Solve();
        var mapped = status switch
        {
            Solver.ResultStatus.OPTIMAL => SolveStatus.Optimal,
            Solver.ResultStatus.FEASIBLE => SolveStatus.Feasible,
            Solver.ResultStatus.INFEASIBLE => SolveStatus.Infeasible,
            Solver.ResultStatus.UNBOUNDED => SolveStatus.Unbounded,
            _ => SolveStatus.NotSolved,
        };
        var has = mapped is SolveStatus.Optimal or SolveStatus.Feasible;
        var values = has ? variables.Select(v => v.SolutionValue()).ToArray() : new double[variables.Length];
        var lp = !model.HasIntegers && mapped == SolveStatus.Optimal;
        return new Solution(mapped, has ? solver.Objective().Value() : double.NaN, model.HasIntegers && has ? solver.Objective().BestBound() : null, values,
            lp ? [.. constraints.Select(c => c.DualValue())] : null,
            lp ? [.. variables.Select(v => v.ReducedCost())] : null, watch.Elapsed, name == "HIGHS_LP" ? "HiGHS" : name);
    }

    static Solver Load(LinearModel model, string name, out Google.OrTools.LinearSolver.Variable[] variables, out Google.OrTools.LinearSolver.Constraint[] constraints)
    {
        var solver = Solver.CreateSolver(name)
            ?? throw new InvalidOperationException("OR-Tools could not load its solver (native library missing?).");
        variables = [.. model.Variables.Select(v => v.Whole ? solver.MakeIntVar(v.Lower, v.Upper, v.Name) : solver.MakeNumVar(v.Lower, v.Upper, v.Name))];
        constraints = new Google.OrTools.LinearSolver.Constraint[model.Constraints.Count];
        for (var k = 0; k < model.Constraints.Count; k++)
        {
            var c = model.Constraints[k];
            var made = solver.MakeConstraint(c.Lower, c.Upper, c.Name);
            foreach (var t in c.Terms) made.SetCoefficient(variables[t.Variable], t.Coefficient);
            constraints[k] = made;
        }
        var objective = solver.Objective();
        foreach (var t in model.Objective) objective.SetCoefficient(variables[t.Variable], t.Coefficient);
        if (model.Sense == Sense.Maximise) objective.SetMaximization(); else objective.SetMinimization();
        return solver;
    }
}
