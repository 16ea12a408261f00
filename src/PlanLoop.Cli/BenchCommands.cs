using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PlanLoop.Domain.Amounts;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Bench;
using PlanLoop.Features.Data;

namespace PlanLoop.Cli;

/// <summary>Measurements that need no database: they print timings, they do not assert them.</summary>
static class BenchCommands
{
    internal static readonly Option<string> ScaleOption = new("--scale") { Description = "small (a hundredth), medium (a tenth), large (1,000,000 order lines) or pipeline (1,000,000 opportunities, the rest small).", DefaultValueFactory = _ => "small" };

    static BenchCommands() => ScaleOption.AcceptOnlyFromAmong("small", "medium", "large", "pipeline");

    internal static BenchScale Scale(ParseResult parse) => Enum.Parse<BenchScale>(parse.GetValue(ScaleOption)!, ignoreCase: true);

    /// <summary><c>planloop bench generate</c>: the data set at a scale, through the importers, with progress and rate.</summary>
    static Command Generate()
    {
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data.", DefaultValueFactory = _ => 42 };
        var folder = new Option<string?>("--folder") { Description = "Where the generated .csv files go (default: bench/work/SCALE)." };
        var command = new Command("generate", "Write a deterministic data set (accounts, contacts, leads, opportunities, orders, contracts, payments, activities) through the importers.")
        {
            ScaleOption, seed, folder,
        };
        command.SetAction(async (parse, ct) =>
        {
            var scale = Scale(parse);
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var set = await Run(host.Services, scale, parse.GetValue(seed), parse.GetValue(folder) ?? Path.Combine(Root(), "bench", "work", scale.ToString().ToLowerInvariant()), ct);
            foreach (var step in set.Steps)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step.Name,-14} {step.Rows,10:N0} rows {step.Elapsed.TotalSeconds,8:0.0} s {step.RowsPerSecond,10:N0} rows/s"));
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary>Generates with progress on stderr (a line a step, and the rate as the importers go).</summary>
    internal static async Task<BenchDataSet> Run(IServiceProvider services, BenchScale scale, int seed, string folder, CancellationToken ct)
    {
        var last = DateTime.MinValue;
        var progress = new Progress<BenchProgress>(p =>
        {
            if (p.Done != 0 && p.Done != p.Total && DateTime.UtcNow - last < TimeSpan.FromSeconds(2)) return;
            last = DateTime.UtcNow;
            var rate = p.Elapsed.TotalSeconds > 0 ? p.Done / p.Elapsed.TotalSeconds : 0;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Step}: {p.Done:N0} / {p.Total:N0} ({rate:N0} rows/s)"));
        });
        using var scope = services.CreateScope();   // the demo loader (users) is scoped
        // Made here, not registered with the product: the web host never generates benchmark data.
        return await ActivatorUtilities.CreateInstance<GenerateBenchData>(scope.ServiceProvider).Handle(scale, seed, folder, progress, ct);
    }

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
        command.Subcommands.Add(Generate());
        command.Subcommands.Add(BenchRun.Create());
        return command;
    }

    /// <summary>
    /// Where bench/ is: the repository root (the folder with PlanLoop.slnx, above the working directory —
    /// <c>dotnet run</c> starts the CLI in the web project's folder to share its database), else the working directory.
    /// </summary>
    internal static string Root()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PlanLoop.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
