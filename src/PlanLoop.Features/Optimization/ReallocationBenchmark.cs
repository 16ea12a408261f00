using System.Diagnostics;
using PlanLoop.Domain.Optimization;

namespace PlanLoop.Features.Optimization;

/// <summary>What one timed re-allocation gave: its size, the time of each of the three stages together, and the proposal.</summary>
public sealed record ReallocationTiming(int Units, int Variables, int Constraints, TimeSpan Elapsed, ReallocationResult Result);

/// <summary>
/// A re-allocation at a given size for the bench: units with targets spread like a real sales force's (a seeded
/// pseudo-random draw, so every run times the same model), 75% of the year gone: each has booked 1–5 million, is
/// expected to go on at its own pace ± 20%, and was given a target that asks 60% to 160% of that forecast for the rest
/// of the year — some units cannot carry theirs, others have room.
/// </summary>
public static class ReallocationBenchmark
{
    public static IReadOnlyList<ReallocationUnit> Units(int count, int seed = 2024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(seed);
        var units = new List<ReallocationUnit>(count);
        for (var i = 0; i < count; i++)
        {
            var booked = Math.Round(1_000_000m + (decimal)random.NextDouble() * 4_000_000m, 2);
            var expected = Math.Round(booked / 3m * (0.8m + (decimal)random.NextDouble() * 0.4m), 2);
            var target = Math.Round(booked + expected * (0.6m + (decimal)random.NextDouble()), 2);
            units.Add(new ReallocationUnit($"R{i + 1:0000}", $"Rep {i + 1}", target, booked, expected));
        }
        return units;
    }

    public static ReallocationTiming Run(int count, ReallocationRules rules, ISolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        var units = Units(count);
        var target = units.Sum(u => u.Target);
        var watch = Stopwatch.StartNew();
        var result = Reallocation.Solve(target, units, rules, solver, TimeSpan.FromSeconds(60));
        watch.Stop();
        return new ReallocationTiming(count, result.Model?.Variables.Count ?? 0, result.Model?.Constraints.Count ?? 0, watch.Elapsed, result);
    }
}
