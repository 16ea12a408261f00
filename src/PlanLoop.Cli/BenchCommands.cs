using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PlanLoop.Domain.Amounts;
using PlanLoop.Domain.Planning;

namespace PlanLoop.Cli;

/// <summary>Measurements that need no database: they print timings, they do not assert them.</summary>
static class BenchCommands
{
    public static Command Create()
    {
        var shape = new Option<string>("--shape") { Description = "Cube shape, e.g. 4x12x10x4 (regions × months × product lines × channels).", DefaultValueFactory = _ => "4x12x10x4" };
        var runs = new Option<int>("--runs") { Description = "How many fits to time (the median is reported).", DefaultValueFactory = _ => 7 };
        var tolerance = new Option<double>("--tolerance") { Description = "Relative tolerance to converge to.", DefaultValueFactory = _ => 1e-9 };
        var seed = new Option<int>("--seed") { Description = "Random seed for the marginals and the prior.", DefaultValueFactory = _ => 1 };

        var ipf = new Command("ipf", "Time iterative proportional fitting of a target cube from random consistent marginals and a random prior.");
        ipf.Options.Add(shape);
        ipf.Options.Add(runs);
        ipf.Options.Add(tolerance);
        ipf.Options.Add(seed);
        ipf.SetAction(parse =>
        {
            int[] dims;
            try
            {
                dims = [.. parse.GetValue(shape)!.Split('x').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
            }
            catch (FormatException)
            {
                Console.Error.WriteLine("--shape must look like 4x12x10x4.");
                return CliHost.Usage;
            }
            var random = new Random(parse.GetValue(seed));
            var axes = dims.Select((n, i) => new CubeAxis((Dimension)(i % 7), [.. Enumerable.Range(0, n).Select(m => $"m{m}")],
                [.. Money.Cny(150_000_000m).Allocate([.. Enumerable.Range(0, n).Select(_ => (decimal)random.Next(1, 100))]).Select(m => m.Amount)])).ToList();
            var cells = dims.Aggregate(1, (a, b) => a * b);
            var prior = Enumerable.Range(0, cells).Select(_ => 0.05 + random.NextDouble()).ToArray();

            var times = new List<double>();
            CubeFit? fit = null;
            for (var r = 0; r < Math.Max(1, parse.GetValue(runs)); r++)
            {
                var watch = Stopwatch.StartNew();
                fit = TargetCube.Fit(axes, prior: prior, tolerance: parse.GetValue(tolerance));
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv,
                $"| {string.Join(" × ", dims)} | {cells:N0} | {parse.GetValue(tolerance):0e0} | {fit!.Iterations} | {fit.Converged} | {fit.MaxRelativeError:0.0e0} | {fit.ResidualAfterRounding} | {times[times.Count / 2]:0.0} ms | {times[0]:0.0}–{times[^1]:0.0} ms |"));
            return CliHost.Ok;
        });

        var command = new Command("bench", "Benchmarks (timings are printed, never asserted).");
        command.Subcommands.Add(ipf);
        return command;
    }
}
