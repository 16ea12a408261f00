using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PlanLoop.Cli.Tests;

public partial class OptimizeCliTests
{
    /// <summary>A what-if on the demo from the command line: the JSON carries both outcomes and the contributions; a bad change is exit 2 with its reason.</summary>
    [Fact]
    public async Task Scenario_OnTheDemo_GivesTheDifferenceAndWhereItComesFrom_SavesIt_AndMakesAVersion()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");

        var (exit, output, error) = await cli.Run("optimize", "scenario", "--change", "winrate=+10%", "--change", "price:CORE-A=+5%", "--format", "json");
        var text = await cli.Run("optimize", "scenario", "--change", "bundleuplift=0.12", "--save", "命令行捆绑", "--as-version", "命令行情景计划");
        var bad = await cli.Run("optimize", "scenario", "--change", "winrate=lots");
        var tooHigh = await cli.Run("optimize", "scenario", "--change", "winrate=1.5");

        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(140_537_187.59m, json.GetProperty("base").GetProperty("revenue").GetDecimal());
        var contributions = json.GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal(["Price", "WinRate"], contributions.Select(c => c.GetProperty("driver").GetString()));
        Assert.Equal(json.GetProperty("scenario").GetProperty("revenue").GetDecimal() - 140_537_187.59m, contributions.Sum(c => c.GetProperty("revenue").GetDecimal()));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("BundleUplift", text.Out, StringComparison.Ordinal);
        Assert.Matches("saved as scenario [0-9a-f-]{36}", text.Out);
        Assert.Matches("draft plan version [0-9a-f-]{36}", text.Out);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--change 'winrate=lots': 'lots' is not a number or a percentage.", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, tooHigh.ExitCode);
        Assert.Contains("changes[0].value: WinRate is between 0 and 1", tooHigh.Error, StringComparison.Ordinal);
    }

    /// <summary>The demo's re-allocation models, exported as .lp and .mps, re-solved by GLPK's glpsol: the same objective within 1e-6.</summary>
    [Fact]
    public async Task Reallocate_OnTheDemo_ItsExportedModelsReSolvedByGlpk_GiveTheSameObjective()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");
        var folder = Path.GetDirectoryName(cli.Database)!;

        foreach (var (by, factor) in new[] { ("region", "1.3"), ("productline", "1.5"), ("channel", "1.5") })
        {
            var lp = Path.Combine(folder, $"{by}.lp");
            var mps = Path.Combine(folder, $"{by}.mps");
            var (exit, output, error) = await cli.Run("optimize", "reallocate", "--by", by, "--capacity-factor", factor, "--format", "json", "--export-lp", lp, "--export-mps", mps);
            Assert.True(exit == 0, error);
            var json = JsonDocument.Parse(output).RootElement;
            var objective = json.GetProperty("objective").GetDouble();
            Assert.Equal(150_000_000m, json.GetProperty("newTotal").GetDecimal() + json.GetProperty("shortfall").GetDecimal());

            Same(objective, Glpsol("--lp", lp));
            Same(objective, Glpsol("--freemps", mps));
        }

        var text = await cli.Run("optimize", "reallocate", "--by", "productline", "--capacity-factor", "1.5");
        var conflict = await cli.Run("optimize", "reallocate", "--by", "productline", "--capacity-factor", "1", "--max-below", "0");
        var bad = await cli.Run("optimize", "reallocate", "--by", "planet");
        var badCapacity = await cli.Run("optimize", "reallocate", "--by", "region", "--capacity", "EAST:5");
        var saved = await cli.Run("optimize", "reallocate", "--by", "region", "--max-above", "0.5", "--capacity", "EAST=30000000", "--save-as", "命令行再分配");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("shortfall 0.00; common rise ", text.Out, StringComparison.Ordinal);
        Assert.Contains("total          150,000,000.00", text.Out, StringComparison.Ordinal);
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("The rules conflict; the smallest set found: capacity:", conflict.Out, StringComparison.Ordinal);
        Assert.Contains("floor:", conflict.Out, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(2, badCapacity.ExitCode);
        Assert.Contains("--capacity 'EAST:5': MEMBER=AMOUNT", badCapacity.Error, StringComparison.Ordinal);
        Assert.Equal(0, saved.ExitCode);
        Assert.Matches("saved as draft version [0-9a-f-]{36}", saved.Out);
    }

    /// <summary>The same objective within 1e-6, relative to its size (glpsol prints ten significant digits).</summary>
    internal static void Same(double ours, double glpk) =>
        Assert.True(Math.Abs(ours - glpk) <= 1e-6 * Math.Max(1, Math.Abs(ours)), $"ours {ours:R}, glpsol {glpk:R}");

    internal static double Glpsol(string flag, string file)
    {
        var output = file + ".out";
        using var process = Process.Start(new ProcessStartInfo("glpsol", [flag, file, "-o", output]) { RedirectStandardOutput = true })!;
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

public class BudgetCliTests
{
    /// <summary>The sample budget's mixed-integer model, exported as .lp and .mps, re-solved by GLPK: the same optimum within 1e-6.</summary>
    [Fact]
    public async Task Budget_OnTheSampleFile_WholeHeads_TheCurve_AndGlpkAgrees()
    {
        using var cli = new CliRunner();
        var folder = Path.GetDirectoryName(cli.Database)!;
        var sample = Path.Combine(AppContext.BaseDirectory, "budget-2024.csv");
        File.WriteAllBytes(sample, PlanLoop.Features.Optimization.BudgetFile.SampleBytes());
        var (lp, mps) = (Path.Combine(folder, "budget.lp"), Path.Combine(folder, "budget.mps"));

        var (exit, output, error) = await cli.Run("optimize", "budget", "--file", sample, "--total", "18000000", "--mix", "DIRECT=0.5", "--mix", "AGENT=0.3", "--mix", "ONLINE=0.15",
            "--mix", "PARTNER=0.05", "--format", "json", "--export-lp", lp, "--export-mps", mps);
        var text = await cli.Run("optimize", "budget", "--file", sample, "--total", "18000000", "--curve");
        var bad = await cli.Run("optimize", "budget", "--file", sample, "--total", "-1");

        Assert.True(exit == 0, error);
        var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
        var objective = json.GetProperty("objective").GetDouble();
        Assert.Equal(148_000_955.28m, json.GetProperty("revenue").GetDecimal());
        Assert.Equal([9, 6, 5, 2], json.GetProperty("lines").EnumerateArray().Take(4).Select(l => l.GetProperty("heads").GetInt32()));
        OptimizeCliTests.Same(objective, OptimizeCliTests.Glpsol("--lp", lp));
        OptimizeCliTests.Same(-objective, OptimizeCliTests.Glpsol("--freemps", mps));   // MPS holds the negated objective of a maximisation
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("at    27,000,000.00: revenue ", text.Out, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("total: The total budget must be between 0 and", bad.Error, StringComparison.Ordinal);
    }
}

public class HeadcountCliTests
{
    [Fact]
    public async Task Headcount_TheSeedsSellersAgainstTheWholeTarget_AndGlpkAgreesWithThePlan()
    {
        using var cli = new CliRunner();
        var lp = Path.Combine(Path.GetDirectoryName(cli.Database)!, "headcount.lp");

        // 20 sellers at 500万 a year against 1.5亿: hires are needed, ramped over six months, two months after the decision.
        var (exit, output, error) = await cli.Run("optimize", "headcount", "--target", "150000000", "--heads", "20", "--format", "json", "--export-lp", lp);
        var direct = await cli.Run("optimize", "headcount", "--target", "75000000", "--heads", "20");
        var late = await cli.Run("optimize", "headcount", "--target", "150000000", "--heads", "20", "--first-month", "7");
        var bad = await cli.Run("optimize", "headcount", "--target", "1", "--heads", "2", "--ramp", "0.5,0.2");

        Assert.True(exit == 0, error);
        var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal(0m, json.GetProperty("shortfall").GetDecimal());
        Assert.Equal(34, json.GetProperty("hires").GetInt32());
        Assert.True(json.GetProperty("yearCapacity").GetDecimal() >= 150_000_000m);
        OptimizeCliTests.Same(json.GetProperty("objective").GetDouble(), OptimizeCliTests.Glpsol("--lp", lp));
        Assert.Contains("direct: target 75,000,000.00; 20 sellers at the start; 0 hire(s)", direct.Out, StringComparison.Ordinal);
        Assert.Contains("hires decided after month 9 add nothing this year", late.Out, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("ramp: The ramp-up cannot fall", bad.Error, StringComparison.Ordinal);
    }
}
