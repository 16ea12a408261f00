using System.CommandLine;
using System.Globalization;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Cli;

/// <summary><c>planloop forecast …</c>: forecasting measured on data nobody here made.</summary>
static class ForecastCommands
{
    public static Command Create()
    {
        var command = new Command("forecast", "Time-series forecasts and their accuracy.");
        command.Subcommands.Add(Benchmark());
        return command;
    }

    /// <summary><c>planloop forecast benchmark --file data/m3/m3-monthly.csv</c>: sMAPE, MASE and time per method.</summary>
    static Command Benchmark()
    {
        var file = new Option<FileInfo>("--file") { Description = "A competition file: series,type,period,frequency,…,train,test (observations space separated), as data/m3/m3-monthly.csv.", Required = true };
        var method = new Option<string>("--method") { Description = "all, snaive, ets, theta, damped or combination.", DefaultValueFactory = _ => "all" };
        method.AcceptOnlyFromAmong("all", "snaive", "ets", "theta", "damped", "combination");
        var command = new Command("benchmark", "Forecast every series of the file from its training part and score it against its test part (mean sMAPE and MASE). Exit 0: measured; 1: the file has problems.") { file, method };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine($"{path.FullName}: no such file."); return Task.FromResult(CliHost.Usage); }
            var errors = new List<WorkbookError>();
            IReadOnlyList<BenchmarkSeries> series;
            using (var stream = path.OpenRead()) series = ForecastBenchmark.Read(stream, path.Name, errors);
            foreach (var e in errors.Take(20)) Console.Error.WriteLine($"{e.Where(english: true)}: {e.Message}");
            if (errors.Count > 0) { Console.Error.WriteLine($"{errors.Count} problem(s); nothing was measured."); return Task.FromResult(CliHost.Failed); }
            ForecastMethod[] methods = parse.GetValue(method) switch
            {
                "snaive" => [ForecastMethod.SeasonalNaive],
                "ets" => [ForecastMethod.Ets],
                "theta" => [ForecastMethod.Theta],
                "damped" => [ForecastMethod.Damped],
                "combination" => [ForecastMethod.Combination],
                _ => [ForecastMethod.SeasonalNaive, ForecastMethod.Theta, ForecastMethod.Damped, ForecastMethod.Ets, ForecastMethod.Combination],
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{series.Count:N0} series from {path.Name}, {Environment.ProcessorCount} core(s)"));
            Console.WriteLine($"{"method",-16} {"sMAPE",8} {"MASE",7} {"time",9}  models chosen");
            var last = DateTime.UtcNow;
            var progress = new Progress<int>(done =>
            {
                if (DateTime.UtcNow - last < TimeSpan.FromSeconds(5)) return;
                last = DateTime.UtcNow;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done:N0} / {series.Count:N0} series"));
            });
            foreach (var m in methods)
            {
                var score = ForecastBenchmark.Run(series, [m], progress, ct)[0];
                var models = string.Join(", ", score.Models.Take(4).Select(kv => $"{kv.Key} {kv.Value}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m,-16} {score.SMape,8:0.000} {score.Mase,7:0.000} {score.Elapsed.TotalSeconds,7:0.0} s  {models}"));
            }
            return Task.FromResult(CliHost.Ok);
        });
        return command;
    }
}
