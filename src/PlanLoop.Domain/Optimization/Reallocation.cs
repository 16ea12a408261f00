namespace PlanLoop.Domain.Optimization;

/// <summary>
/// One unit (a region, team or rep) whose target is re-allocated: its original annual target, what it has booked,
/// what it is expected to book in the rest of the year (its forecast), and what it can book at most (its capacity;
/// none: the expected amount × the rules' capacity factor).
/// </summary>
public sealed record ReallocationUnit(string Member, string Name, decimal Target, decimal Booked, decimal Expected, decimal? Capacity = null);

/// <summary>
/// The rules a person sets: capacity as a multiple of the expected rest of the year (where no unit capacity is
/// given), no new target more than <see cref="MaxAbove"/> over the original, none more than <see cref="MaxBelow"/>
/// under it (none: no floor). No target is ever set below what the unit has booked.
/// </summary>
public sealed record ReallocationRules(decimal CapacityFactor = 1.3m, decimal? MaxAbove = 0.2m, decimal? MaxBelow = null)
{
    public IReadOnlyDictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (CapacityFactor is < 0m or > 10m) errors["capacityFactor"] = ["The capacity factor must be between 0 and 10 (1.3 = 130% of the expected rest of the year)."];
        if (MaxAbove is < 0m or > 10m) errors["maxAbove"] = ["The most a target may rise must be between 0 and 10 (0.2 = 20% over the original)."];
        if (MaxBelow is < 0m or > 1m) errors["maxBelow"] = ["The most a target may fall must be between 0 and 1 (0.1 = 10% under the original)."];
        return errors;
    }
}

/// <summary>A unit's proposal: its new annual target, what is left to book for it, the change and the rules that hold it.</summary>
public sealed record ReallocatedUnit(string Member, string Name, decimal Target, decimal Booked, decimal Expected, decimal Capacity, decimal NewTarget,
    IReadOnlyList<string> Binding)
{
    public decimal Remaining => NewTarget - Booked;
    public decimal Change => NewTarget - Target;

    /// <summary>What is left to book as a multiple of what the unit is expected to book (null without an expectation).</summary>
    public decimal? Stretch => Expected > 0m ? Math.Round(Remaining / Expected, 4) : null;
}

/// <summary>
/// The shadow price of one of the person's rules: how much the objective of <see cref="ReallocationResult.PricedBy"/>
/// improves per 万 the rule is relaxed (shortfall in 万 per 万, or the common rise in percentage points per 万).
/// </summary>
public sealed record ShadowPrice(string Rule, string Kind, string? Member, decimal PerWan);

/// <summary>
/// The proposal: new targets that add up to the annual target to the fen (or, when no re-allocation can carry it, the
/// smallest shortfall and which rules hold it), the common rise asked of every unit with room, what moved, the
/// shadow prices, and — when the rules contradict each other — the smallest set of them that conflicts. The model
/// of the last stage is kept for export (.lp / .mps).
/// </summary>
public sealed record ReallocationResult(decimal AnnualTarget, decimal Booked, decimal Shortfall, decimal? CommonRise, decimal Raised, decimal Cut,
    IReadOnlyList<ReallocatedUnit> Units, string PricedBy, IReadOnlyList<ShadowPrice> ShadowPrices, IReadOnlyList<string> Conflicts, string? Note,
    LinearModel? Model, Solution? Solution)
{
    public decimal Gap => AnnualTarget - Booked;
    public decimal NewTotal => Units.Sum(u => u.NewTarget);
    public bool Feasible => Conflicts.Count == 0;
}

/// <summary>
/// Re-allocates the rest of the year's target as three linear programmes on the same constraints (in 万):
/// 1. the smallest shortfall s: Σ remaining + s = annual target − booked, each remaining ≤ capacity,
///    booked + remaining ≤ (1 + max above) × target, ≥ (1 − max below) × target, remaining ≥ 0;
/// 2. holding s, the smallest common rise t: each unit's remaining ≤ its original remaining + t × its target
///    (fairness: the units with room share what others cannot carry in the same proportion of their targets);
/// 3. holding s and t, the least target moved: Σ |remaining − original remaining|.
/// The amounts are then rounded to the fen by the largest remainder so that they add up exactly.
/// </summary>
public static class Reallocation
{
    public const string TargetRule = "target";

    public static string KindOf(string rule) => rule.Split(':')[0];

    public static ReallocationResult Solve(decimal annualTarget, IReadOnlyList<ReallocationUnit> units, ReallocationRules rules, ISolver solver, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(solver);
        if (units.Count == 0) throw new ArgumentException("There are no units to re-allocate the target to.", nameof(units));
        if (units.Select(u => u.Member).Distinct(StringComparer.Ordinal).Count() != units.Count)
            throw new ArgumentException("A unit is named twice.", nameof(units));
        var booked = units.Sum(u => u.Booked);
        var capacity = units.Select(u => u.Capacity ?? Math.Round(u.Expected * rules.CapacityFactor, 2)).ToList();
        var gap = annualTarget - booked;
        if (gap <= 0m)
        {
            // The year's target is booked already: no target goes below what was booked, so every unit's target is what it booked.
            return new ReallocationResult(annualTarget, booked, 0m, null, units.Sum(u => Math.Max(0m, u.Booked - u.Target)), units.Sum(u => Math.Max(0m, u.Target - u.Booked)),
                [.. units.Select((u, i) => new ReallocatedUnit(u.Member, u.Name, u.Target, u.Booked, u.Expected, capacity[i], u.Booked, ["booked"]))],
                "none", [], [], "target-booked", null, null);
        }

        var model = Build(annualTarget, units, rules, capacity, out var x, out var s);
        var first = solver.Solve(model, limit);
        if (first.Status == SolveStatus.Infeasible)
        {
            var conflict = Conflicts.Find(model, solver, KindOf, limit);
            return new ReallocationResult(annualTarget, booked, 0m, null, 0m, 0m, [], "none", [], conflict, "infeasible", model, first);
        }
        if (!first.HasValues)
            throw new InvalidOperationException($"The solver stopped without a solution ({first.Status}).");

        // Stage 2: hold the shortfall, make the common rise as small as possible. Stage 3: hold the rise, move as little
        // target as possible. An optimum is held with a hair of room; where the solver cannot meet it that tightly (its
        // own tolerances on a large model), the room grows a hundredfold at a time.
        var shortfall = Math.Max(0d, first.Values[s]);
        var original = units.Select(u => (double)Math.Max(0m, u.Target - u.Booked) / 1e4).ToList();
        LinearModel? second = null, third = null;
        Solution? middle = null, last = null;
        var t = -1;
        foreach (var room in HoldRooms)
        {
            second = model.With(new Constraint("hold_shortfall", [new Term(s, 1)], double.NegativeInfinity, Hold(shortfall, room)), Sense.Minimise, []);
            t = second.Add(new Variable("rise", 0, double.PositiveInfinity));
            second.SetObjective(t, 1);
            for (var i = 0; i < units.Count; i++)
                second.Add(new Constraint($"rise_{i + 1}", [new Term(x[i], 1), new Term(t, -(double)units[i].Target / 1e4)], double.NegativeInfinity, original[i]));
            middle = solver.Solve(second, limit);
            if (middle.HasValues) break;
        }
        if (middle is not { HasValues: true }) throw new InvalidOperationException($"The solver stopped without a solution in the second stage ({middle?.Status}).");
        var rise = middle.Values[t];
        foreach (var room in HoldRooms)
        {
            third = second!.With(new Constraint("hold_rise", [new Term(t, 1)], double.NegativeInfinity, Hold(rise, room)), Sense.Minimise, []);
            for (var i = 0; i < units.Count; i++)
            {
                var d = third.Add(new Variable($"moved_{i + 1}", 0, double.PositiveInfinity));
                third.SetObjective(d, 1);
                third.Add(new Constraint($"moved_up_{i + 1}", [new Term(d, 1), new Term(x[i], -1)], -original[i], double.PositiveInfinity));
                third.Add(new Constraint($"moved_down_{i + 1}", [new Term(d, 1), new Term(x[i], 1)], original[i], double.PositiveInfinity));
            }
            last = solver.Solve(third, limit);
            if (last.HasValues) break;
        }
        if (last is not { HasValues: true }) throw new InvalidOperationException($"The solver stopped without a solution in the third stage ({last?.Status}).");

        // To the fen: each remaining amount rounded, then the fens the rounding lost or added go to the units whose
        // exact amounts were rounded furthest, so that the amounts carry gap − shortfall exactly.
        var exact = x.Select(k => Math.Max(0m, (decimal)last.Values[k] * 1e4m)).ToList();
        var carried = Math.Round(exact.Sum(), 2);
        var shortfallFen = gap - carried < 0.5m ? 0m : gap - carried;
        var remaining = Fens(exact, gap - shortfallFen);

        var proposal = units.Select((u, i) => new ReallocatedUnit(u.Member, u.Name, u.Target, u.Booked, u.Expected, capacity[i], u.Booked + remaining[i],
            Binding(model, last, x[i]))).ToList();
        var pricedBy = shortfallFen > 0m ? "shortfall" : "rise";
        var prices = Prices(shortfallFen > 0m ? model : second!, shortfallFen > 0m ? first : middle, pricedBy == "rise" ? 100d : 1d);
        return new ReallocationResult(annualTarget, booked, shortfallFen, shortfallFen > 0m ? null : Math.Round((decimal)rise, 4),
            proposal.Sum(p => Math.Max(0m, p.Remaining - Math.Max(0m, p.Target - p.Booked))),
            proposal.Sum(p => Math.Max(0m, Math.Max(0m, p.Target - p.Booked) - p.Remaining)),
            proposal, pricedBy, prices, [], null, third!, last);
    }

    static readonly double[] HoldRooms = [1e-12, 1e-10, 1e-8, 1e-6];

    /// <summary>An optimum held in a later stage, with a little room (relative) so that any solver finds the stage feasible.</summary>
    static double Hold(double optimum, double room) => optimum + room * Math.Max(1d, Math.Abs(optimum));

    static LinearModel Build(decimal annualTarget, IReadOnlyList<ReallocationUnit> units, ReallocationRules rules, List<decimal> capacity, out int[] x, out int s)
    {
        var model = new LinearModel("reallocate", Sense.Minimise);
        x = new int[units.Count];
        for (var i = 0; i < units.Count; i++)
            x[i] = model.Add(new Variable($"remaining_{i + 1}", 0, double.PositiveInfinity));
        s = model.Add(new Variable("shortfall", 0, double.PositiveInfinity));
        model.SetObjective(s, 1);
        var gap = (double)(annualTarget - units.Sum(u => u.Booked)) / 1e4;
        model.Add(new Constraint("target", [.. x.Select(k => new Term(k, 1)), new Term(s, 1)], gap, gap, TargetRule));
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            model.Add(new Constraint($"capacity_{i + 1}", [new Term(x[i], 1)], double.NegativeInfinity, (double)capacity[i] / 1e4, $"capacity:{u.Member}"));
            if (rules.MaxAbove is { } above)
                model.Add(new Constraint($"ceiling_{i + 1}", [new Term(x[i], 1)], double.NegativeInfinity,
                    (double)Math.Max(0m, (1m + above) * u.Target - u.Booked) / 1e4, $"ceiling:{u.Member}"));
            if (rules.MaxBelow is { } below && (1m - below) * u.Target > u.Booked)
                model.Add(new Constraint($"floor_{i + 1}", [new Term(x[i], 1)], (double)((1m - below) * u.Target - u.Booked) / 1e4, double.PositiveInfinity, $"floor:{u.Member}"));
        }
        return model;
    }

    static List<decimal> Fens(List<decimal> exact, decimal total)
    {
        var rounded = exact.Select(e => Math.Round(e, 2)).ToList();
        var left = (int)Math.Round((total - rounded.Sum()) * 100m);
        var order = Enumerable.Range(0, exact.Count).Where(i => exact[i] > 0m)
            .OrderByDescending(i => Math.Sign(left) * (exact[i] - rounded[i])).ThenBy(i => i).ToList();
        for (var n = 0; n < Math.Abs(left) && order.Count > 0; n++)
            rounded[order[n % order.Count]] += Math.Sign(left) * 0.01m;
        return rounded;
    }

    static List<string> Binding(LinearModel model, Solution solution, int variable)
    {
        var value = solution.Values[variable];
        var binding = new List<string>();
        foreach (var c in model.Constraints.Where(c => c.Rule is not null && c.Terms.Count == 1 && c.Terms[0].Variable == variable))
        {
            var atUpper = !double.IsPositiveInfinity(c.Upper) && value >= c.Upper - 1e-6;
            var atLower = !double.IsNegativeInfinity(c.Lower) && value <= c.Lower + 1e-6;
            if (atUpper || atLower) binding.Add(KindOf(c.Rule!));
        }
        if (value <= 1e-6) binding.Add("booked");
        return binding;
    }

    static List<ShadowPrice> Prices(LinearModel model, Solution solution, double scale)
    {
        var prices = new List<ShadowPrice>();
        if (solution.Duals is not { } duals) return prices;
        for (var k = 0; k < model.Constraints.Count; k++)
        {
            var c = model.Constraints[k];
            if (c.Rule is null || Math.Abs(duals[k]) < 1e-9) continue;
            var member = c.Rule.Contains(':', StringComparison.Ordinal) ? c.Rule[(c.Rule.IndexOf(':', StringComparison.Ordinal) + 1)..] : null;
            prices.Add(new ShadowPrice(c.Rule, KindOf(c.Rule), member, Math.Round((decimal)(Math.Abs(duals[k]) * scale), 6)));
        }
        return [.. prices.OrderByDescending(p => p.PerWan).ThenBy(p => p.Rule, StringComparer.Ordinal)];
    }
}
