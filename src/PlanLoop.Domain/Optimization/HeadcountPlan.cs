namespace PlanLoop.Domain.Optimization;

/// <summary>
/// A segment's people and what it must carry in the year: the annual revenue target, the sellers it has at the start,
/// what a fully productive seller brings in a year (the seed's 500万), how a new hire ramps up by month after starting
/// (fractions of full productivity; 1 after the last), the share of sellers who leave each month, the months between
/// deciding to hire and the hire starting, the first month a hire can be decided, and the most hires a month.
/// </summary>
public sealed record HeadcountSegment(string Name, decimal Target, int Heads, decimal ProductivityPerHead, IReadOnlyList<decimal> Ramp, decimal MonthlyAttrition,
    int LeadTimeMonths, int FirstDecisionMonth = 1, int MaxHiresPerMonth = 10)
{
    /// <summary>The default ramp: 0% in the first month, then +20 points a month, full from the sixth month.</summary>
    public static readonly IReadOnlyList<decimal> SixMonthRamp = [0m, 0.2m, 0.4m, 0.6m, 0.8m, 1m];

    public IReadOnlyDictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (Target is < 0m or > 1_000_000_000_000m) errors["target"] = ["The target must be between 0 and 1,000,000,000,000."];
        if (Heads is < 0 or > 10_000) errors["heads"] = ["The sellers at the start must be between 0 and 10,000."];
        if (ProductivityPerHead is <= 0m or > 1_000_000_000m) errors["productivity"] = ["What a seller brings in a year must be above 0 and at most 1,000,000,000."];
        if (Ramp.Count is < 1 or > 24 || Ramp.Any(r => r is < 0m or > 1m)) errors["ramp"] = ["The ramp-up is 1 to 24 monthly fractions, each between 0 and 1 (e.g. 0, 0.2, 0.4, 0.6, 0.8, 1)."];
        else if (Ramp.Zip(Ramp.Skip(1)).Any(p => p.Second < p.First)) errors["ramp"] = ["The ramp-up cannot fall from one month to the next."];
        if (MonthlyAttrition is < 0m or > 0.5m) errors["attrition"] = ["Monthly attrition must be between 0 and 0.5 (0.01 = 1% a month)."];
        if (LeadTimeMonths is < 0 or > 12) errors["leadTime"] = ["The lead time must be between 0 and 12 months."];
        if (FirstDecisionMonth is < 1 or > 12) errors["firstMonth"] = ["The first month to decide a hire must be between 1 and 12."];
        if (MaxHiresPerMonth is < 0 or > 1000) errors["maxHires"] = ["The most hires a month must be between 0 and 1,000."];
        return errors;
    }

    /// <summary>What one seller starting in <paramref name="start"/> (1–12) brings in month <paramref name="month"/>, after ramp-up and attrition.</summary>
    public decimal Monthly(int start, int month)
    {
        if (month < start) return 0m;
        var age = month - start;
        var ramp = age < Ramp.Count ? Ramp[age] : 1m;
        return ProductivityPerHead / 12m * ramp * (decimal)Math.Pow((double)(1m - MonthlyAttrition), age);
    }
}

/// <summary>The plan: hires decided and starting each month, sellers and capacity by month, the year's capacity and what it leaves short.</summary>
public sealed record HeadcountResult(string Segment, IReadOnlyList<int> Decided, IReadOnlyList<int> Starting, IReadOnlyList<decimal> Heads, IReadOnlyList<decimal> Capacity,
    decimal YearCapacity, decimal Target, decimal Shortfall, int Hires, int? LatestUsefulDecision, SolveStatus Status, LinearModel Model, Solution Solution)
{
    public decimal Cover => Target > 0m ? Math.Round(YearCapacity / Target, 4) : 1m;
}

/// <summary>
/// Plans the hires a segment needs to carry its target in the year, as two small integer programmes over the months a
/// hire can start (decided month + lead time ≤ 12): (1) the smallest shortfall of the year's capacity (the sellers at
/// the start, thinned by attrition, plus the hires along their ramp-up) below the target, with at most the given hires a
/// month; (2) holding it, the fewest hires, and among as many hires the latest starts (the fewest salary months).
/// </summary>
public static class HeadcountPlan
{
    public static HeadcountResult Solve(HeadcountSegment segment, ISolver solver, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(solver);
        var errors = segment.Errors();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)), nameof(segment));

        // The sellers there at the start: each brings what a seller past ramp-up brings, thinned by attrition from January.
        var existing = Enumerable.Range(1, 12).Select(m => segment.Heads * segment.ProductivityPerHead / 12m * (decimal)Math.Pow((double)(1m - segment.MonthlyAttrition), m - 1)).ToList();
        var starts = Enumerable.Range(segment.FirstDecisionMonth + segment.LeadTimeMonths, Math.Max(0, 13 - segment.FirstDecisionMonth - segment.LeadTimeMonths)).ToList();
        var yield = starts.Select(s => Enumerable.Range(1, 12).Sum(m => segment.Monthly(s, m))).ToList();

        var model = new LinearModel("headcount", Sense.Minimise);
        var hires = starts.Select(s => model.Add(new Variable($"hire_start_{s:00}", 0, segment.MaxHiresPerMonth, Whole: true))).ToList();
        var shortfall = model.Add(new Variable("shortfall", 0, double.PositiveInfinity));
        var need = (double)((segment.Target - existing.Sum()) / 1e4m);
        model.Add(new Constraint("target", [.. hires.Select((h, k) => new Term(h, (double)(yield[k] / 1e4m))), new Term(shortfall, 1)], need, double.PositiveInfinity, "target"));
        model.SetObjective(shortfall, 1);
        var first = solver.Solve(model, limit);
        if (!first.HasValues) throw new InvalidOperationException($"The solver stopped without a plan ({first.Status}).");

        // Fewest hires, then the fewest salary months (12 − start + 1 each) — weighted so one hire outweighs any months.
        var held = model.With(new Constraint("hold_shortfall", [new Term(shortfall, 1)], double.NegativeInfinity, first.Values[shortfall] + 1e-6 * Math.Max(1, first.Values[shortfall])),
            Sense.Minimise, [.. hires.Select((h, k) => new Term(h, 100 + (13 - starts[k])))]);
        var last = solver.Solve(held, limit);
        if (!last.HasValues) last = first;

        var starting = new int[12];
        var decided = new int[12];
        for (var k = 0; k < starts.Count; k++)
        {
            var n = (int)Math.Round(last.Values[hires[k]]);
            starting[starts[k] - 1] += n;
            decided[starts[k] - 1 - segment.LeadTimeMonths] += n;
        }
        var heads = new decimal[12];
        var capacity = new decimal[12];
        for (var m = 1; m <= 12; m++)
        {
            heads[m - 1] = Math.Round(segment.Heads * (decimal)Math.Pow((double)(1m - segment.MonthlyAttrition), m - 1)
                + Enumerable.Range(1, m).Sum(s => starting[s - 1] * (decimal)Math.Pow((double)(1m - segment.MonthlyAttrition), m - s)), 1);
            capacity[m - 1] = Math.Round(existing[m - 1] + Enumerable.Range(1, m).Sum(s => starting[s - 1] * segment.Monthly(s, m)), 2);
        }
        var year = capacity.Sum();
        // The last month a decision still adds anything this year (a hire that starts in December at 0% ramp adds nothing).
        int? latest = starts.Where((s, k) => yield[k] > 0m).Select(s => (int?)(s - segment.LeadTimeMonths)).LastOrDefault();
        return new HeadcountResult(segment.Name, decided, starting, heads, capacity, year, segment.Target, Math.Max(0m, Math.Round(segment.Target - year, 2)),
            starting.Sum(), latest, last.Status, held, last);
    }
}
