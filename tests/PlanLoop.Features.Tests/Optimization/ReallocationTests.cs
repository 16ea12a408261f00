using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PlanLoop.Domain.Optimization;
using PlanLoop.Features.Optimization;

namespace PlanLoop.Features.Tests.Optimization;

/// <summary>Re-allocation on small cases solved by hand; the exported model re-solved by GLPK gives the same optimum.</summary>
public partial class ReallocationTests
{
    static readonly OrToolsSolver Solver = new();

    // Target 1,000万; A cannot carry its remaining 200万 (capacity 150万), B and C can take more.
    static readonly ReallocationUnit[] Three =
    [
        new("A", "华东", 4_000_000m, 2_000_000m, 1_500_000m),
        new("B", "华南", 4_000_000m, 3_000_000m, 1_500_000m),
        new("C", "华北", 2_000_000m, 1_000_000m, 2_000_000m),
    ];

    static ReallocationResult Solve(ReallocationUnit[] units, ReallocationRules rules) =>
        Reallocation.Solve(10_000_000m, units, rules, Solver, TimeSpan.FromSeconds(10));

    [Fact]
    public void WhatOneUnitCannotCarry_GoesToTheOthersInProportionToTheirTargets_ToTheFen()
    {
        var result = Solve(Three, new ReallocationRules(CapacityFactor: 1m));

        // A is cut to its capacity (150万 left); B and C share the 50万 by one common rise t: 400万·t + 200万·t = 50万, t = 1/12.
        Assert.Equal(0m, result.Shortfall);
        Assert.Equal(0.0833m, result.CommonRise);
        Assert.Equal([3_500_000.00m, 4_333_333.33m, 2_166_666.67m], result.Units.Select(u => u.NewTarget));
        Assert.Equal(10_000_000.00m, result.NewTotal);
        Assert.Equal(500_000m, result.Cut);
        Assert.Equal(500_000m, result.Raised);
        Assert.Equal(["capacity"], result.Units[0].Binding);
        Assert.Empty(result.Units[1].Binding);
        // One more 万 of capacity for A: 1万 less to share, the common rise falls by 1/600 = 0.1667 points.
        var price = Assert.Single(result.ShadowPrices, p => p.Rule == "capacity:A");
        Assert.Equal(0.166667m, price.PerWan);
        Assert.Equal("rise", result.PricedBy);
    }

    [Fact]
    public void WhenNoReallocationCarriesTheTarget_TheSmallestShortfallAndItsBindingRulesAreShown()
    {
        var units = Three.Select(u => u.Member == "B" ? u with { Expected = 1_200_000m } : u.Member == "C" ? u with { Expected = 1_000_000m } : u).ToArray();

        var result = Solve(units, new ReallocationRules(CapacityFactor: 1m));

        // Capacities 150 + 120 + 100 = 370万 against 400万 left to book.
        Assert.Equal(300_000m, result.Shortfall);
        Assert.Null(result.CommonRise);
        Assert.Equal([3_500_000m, 4_200_000m, 2_000_000m], result.Units.Select(u => u.NewTarget));
        Assert.Equal(9_700_000m, result.NewTotal);
        Assert.Equal("shortfall", result.PricedBy);
        Assert.Equal(["capacity:A", "capacity:B", "capacity:C", "target"], result.ShadowPrices.Select(p => p.Rule).Order(StringComparer.Ordinal));
        Assert.All(result.ShadowPrices, p => Assert.Equal(1m, p.PerWan));
    }

    [Fact]
    public void CeilingsHoldTheUnitsWithRoom_AndTheRestIsTheShortfall()
    {
        // No target more than 5% over the original: B may reach 420万 and C 210万; with A at its capacity 350万, 980万 in all.
        var result = Solve(Three, new ReallocationRules(CapacityFactor: 1m, MaxAbove: 0.05m));

        Assert.Equal([3_500_000m, 4_200_000m, 2_100_000m], result.Units.Select(u => u.NewTarget));
        Assert.Equal(200_000m, result.Shortfall);
        Assert.Equal([["capacity"], ["ceiling"], ["ceiling"]], result.Units.Select(u => u.Binding));
    }

    [Fact]
    public void ContradictoryRules_AreNamed_TheSmallestSetThatConflicts()
    {
        // A may not fall more than 10% (to 360万), but it has booked 200万 and can book 150万 more.
        var result = Solve(Three, new ReallocationRules(CapacityFactor: 1m, MaxBelow: 0.1m));

        Assert.False(result.Feasible);
        Assert.Equal(["capacity:A", "floor:A"], result.Conflicts);
        Assert.Empty(result.Units);
    }

    [Fact]
    public void ATargetAlreadyBooked_LeavesEveryTargetAtItsBookings()
    {
        var result = Reallocation.Solve(5_000_000m, Three, new ReallocationRules(), Solver, TimeSpan.FromSeconds(5));

        Assert.Equal("target-booked", result.Note);
        Assert.Equal([2_000_000m, 3_000_000m, 1_000_000m], result.Units.Select(u => u.NewTarget));
    }

    [Theory]
    [InlineData(ModelFormat.Lp, "--lp")]
    [InlineData(ModelFormat.Mps, "--freemps")]
    public void TheExportedModel_ReSolvedByGlpk_HasTheSameOptimum(ModelFormat format, string flag)
    {
        var result = Solve(Three, new ReallocationRules(CapacityFactor: 1m));
        var dir = Directory.CreateTempSubdirectory("planloop-lp");
        try
        {
            var file = Path.Combine(dir.FullName, "model" + (format == ModelFormat.Lp ? ".lp" : ".mps"));
            File.WriteAllText(file, ModelFiles.Write(result.Model!, format, ["remaining_1 = 华东 (A)"]));

            var glpk = Glpsol(flag, file, Path.Combine(dir.FullName, "out.txt"));

            Assert.True(Math.Abs(result.Solution!.Objective - glpk) <= 1e-6 * Math.Max(1, Math.Abs(glpk)), $"{result.Solution.Objective:R} vs {glpk:R}");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>Runs GLPK's glpsol on a model file and reads the objective from its report.</summary>
    internal static double Glpsol(string flag, string file, string output)
    {
        using var process = Process.Start(new ProcessStartInfo("glpsol", [flag, file, "-o", output]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, log);
        var match = ObjectiveLine().Match(File.ReadAllText(output));
        Assert.True(match.Success, File.ReadAllText(output));
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Objective:\s+\S+\s+=\s+(\S+)")]
    private static partial Regex ObjectiveLine();
}
