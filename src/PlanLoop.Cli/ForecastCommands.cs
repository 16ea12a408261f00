using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Data;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Cli;

/// <summary><c>planloop forecast …</c>: forecasting measured on data nobody here made.</summary>
static class ForecastCommands
{
    public static Command Create()
    {
        var command = new Command("forecast", "Time-series forecasts and their accuracy.");
        command.Subcommands.Add(Run());
        command.Subcommands.Add(Deals());
        command.Subcommands.Add(Accuracy());
        command.Subcommands.Add(Benchmark());
        command.Subcommands.Add(FromFile());
        command.Subcommands.Add(Keep());
        return command;
    }

    /// <summary><c>planloop forecast keep [--since 2024-01]</c>: keep each method's forecasts at the last month-end (or every month-end since a month).</summary>
    static Command Keep()
    {
        var since = new Option<string?>("--since") { Description = "Replay every month-end from this month (yyyy-MM) to the last closed one, from the books as they stand: for a company that moved in with its history." };
        var command = new Command("keep", "Keep what each method says at the last month's close about the next three months (the nightly job does this; a month-end kept already adds nothing). Exit 0: kept; 2: bad usage.") { since };
        command.SetAction(async (parse, ct) =>
        {
            DateOnly? from = null;
            if (parse.GetValue(since) is { } text)
            {
                if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) || month.Year < 2000) { Console.Error.WriteLine($"--since '{text}': a month as yyyy-MM, from 2000."); return CliHost.Usage; }
                from = month;
            }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var keep = host.Services.GetRequiredService<KeepForecasts>();
            if (from is { } first)
            {
                var added = await keep.Since(first, null, new Progress<DateOnly>(d => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d:yyyy-MM-dd}"))), ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{added} forecast(s) kept, month-ends from {first:yyyy-MM}."));
                return CliHost.Ok;
            }
            var result = await keep.Handle(null, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Added} forecast(s) kept at {result.MadeOn:yyyy-MM-dd}{(result.Added == 0 ? " (kept already, or no history)" : "")}."));
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary><c>planloop forecast file --file history.csv [--months 12] [--method combination] [--missing zero]</c>: any monthly history another system exported.</summary>
    static Command FromFile()
    {
        var file = new Option<FileInfo>("--file") { Description = "A CSV or Excel file with a month column (month or 月份: 2023-04, 2023/4, 2023-04-01, 2023年4月) and a value column (value or 金额).", Required = true };
        var months = new Option<int>("--months") { Description = "How many months ahead (1 to 60).", DefaultValueFactory = _ => 12 };
        var method = new Option<string>("--method") { Description = "combination (default), ets, theta, damped, arima, snaive or auto.", DefaultValueFactory = _ => "combination" };
        method.AcceptOnlyFromAmong([.. GetRevenueForecast.Methods.Keys]);
        var missing = new Option<string>("--missing") { Description = "refuse (default: a file with a gap is an error that names it) or zero (count missing months as 0).", DefaultValueFactory = _ => "refuse" };
        missing.AcceptOnlyFromAmong(["refuse", "zero"]);
        var command = new Command("file", "Forecast a monthly series read from a file, with 80% and 95% bounds. Exit 0: forecast; 1: the file has problems; 2: bad usage.") { file, months, method, missing };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var h = parse.GetValue(months);
            if (h is < 1 or > 60) { Console.Error.WriteLine($"--months {h}: between 1 and 60."); return Task.FromResult(CliHost.Usage); }
            if (!path.Exists) { Console.Error.WriteLine($"{path.FullName}: no such file."); return Task.FromResult(CliHost.Usage); }
            var errors = new List<WorkbookError>();
            MonthlySeries? series;
            using (var stream = path.OpenRead())
                series = MonthlyHistory.Read(stream, path.Name, parse.GetValue(missing) == "zero" ? MissingMonths.Zero : MissingMonths.Refuse, errors);
            foreach (var e in errors.Take(20)) Console.Error.WriteLine($"{e.Where(english: true)}: {e.Message}");
            if (series is null) { Console.Error.WriteLine($"{Math.Max(1, errors.Count)} problem(s); nothing was forecast."); return Task.FromResult(CliHost.Failed); }
            var f = Forecaster.Run(series.Values, 12, h, GetRevenueForecast.Methods[parse.GetValue(method)!]);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"{path.Name}: {series.Values.Length} months, {series.First:yyyy-MM} to {series.Last:yyyy-MM}; {f.Method} ({f.Model})"));
            if (series.Filled.Count > 0) Console.WriteLine($"  counted as 0: {string.Join(", ", series.Filled.Select(m => m.ToString("yyyy-MM", inv)))}");
            foreach (var note in f.Notes.Distinct()) Console.WriteLine($"  note: {note}");
            Console.WriteLine($"{"month",7} {"forecast",16} {"80% range",35} {"95% range",35}");
            for (var i = 0; i < h; i++)
                Console.WriteLine(string.Create(inv, $"{series.Last.AddMonths(i + 1):yyyy-MM} {f.Mean[i],16:N2} {$"{f.Lower80[i]:N2} – {f.Upper80[i]:N2}",35} {$"{f.Lower95[i]:N2} – {f.Upper95[i]:N2}",35}"));
            return Task.FromResult(CliHost.Ok);
        });
        return command;
    }

    /// <summary><c>planloop forecast run [--year 2024] [--by region --member EAST] [--method combination]</c>: where the year lands.</summary>
    static Command Run()
    {
        var year = new Option<int?>("--year") { Description = "The year (default: the business day's)." };
        var by = new Option<string?>("--by") { Description = "region, productline, channel, team, rep or tier (with --member)." };
        var member = new Option<string?>("--member") { Description = "The member: a code, a person's name or A/B/C." };
        var method = new Option<string>("--method") { Description = "combination (default), ets, theta, damped, arima, snaive or auto (the best in a backtest on the series).", DefaultValueFactory = _ => "combination" };
        method.AcceptOnlyFromAmong([.. GetRevenueForecast.Methods.Keys]);
        var measure = new Option<string>("--measure") { Description = "revenue (default), customers (customers who order in a month) or collection (money received in a month).", DefaultValueFactory = _ => "revenue" };
        measure.AcceptOnlyFromAmong(["revenue", .. GetMeasureForecast.Measures.Keys]);
        var command = new Command("run", "The year's revenue: booked months, the rest forecast with 80% bounds, P10/P50/P90 and the probability of the target (or, with --measure, customers or collection by month). Exit 0: forecast; 2: bad usage.")
        {
            year, by, member, method, measure,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(measure) is { } named && named != "revenue")
            {
                if (parse.GetValue(by) is not null || parse.GetValue(year) is not null) { Console.Error.WriteLine("--measure customers|collection forecasts the months to December for the whole company: no --year, --by or --member."); return CliHost.Usage; }
                using var measureHost = CliHost.Build(parse);
                await measureHost.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
                var mf = await measureHost.Services.GetRequiredService<GetMeasureForecast>().Handle(Viewer.System, GetMeasureForecast.Measures[named], GetRevenueForecast.Methods[parse.GetValue(method)!], ct);
                var culture = CultureInfo.InvariantCulture;
                var format = mf.Measure == ForecastMeasure.Customers ? "N0" : "N2";
                Console.WriteLine(string.Create(culture, $"{named} by month, as of {mf.AsOf:yyyy-MM-dd}: {mf.Method} ({mf.Model}), {mf.HistoryMonths} months of history"));
                foreach (var note in mf.Notes.Distinct()) Console.WriteLine($"  note: {note}");
                Console.WriteLine($"{"month",7} {"actual",16} {"forecast",16} {"80% range",35}");
                foreach (var m in mf.Months)
                    Console.WriteLine(string.Create(culture, $"{m.Month:yyyy-MM} {m.Actual?.ToString(format, culture) ?? "",16} {m.Forecast?.ToString(format, culture) ?? "",16} {(m.Lower80 is { } l ? $"{l.ToString(format, culture)} – {m.Upper80!.Value.ToString(format, culture)}" : ""),35}"));
                if (mf.YearEstimate is { } estimate) Console.WriteLine(string.Create(culture, $"collected this year {mf.YearToDate:N2}; the year's estimate {estimate:N2}"));
                return CliHost.Ok;
            }
            ActualDimension? cut = null;
            if (parse.GetValue(by) is { } text)
            {
                if (!Enum.TryParse<ActualDimension>(text, true, out var d) || int.TryParse(text, out _)) { Console.Error.WriteLine($"--by '{text}': one of {string.Join(", ", GetRevenueForecast.Dimensions.Select(x => x.ToString().ToLowerInvariant()))}."); return CliHost.Usage; }
                cut = d;
            }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var result = await host.Services.GetRequiredService<GetRevenueForecast>().Handle(Viewer.System, parse.GetValue(year), cut, parse.GetValue(member), GetRevenueForecast.Methods[parse.GetValue(method)!], ct);
            if (!result.Succeeded)
            {
                foreach (var (field, messages) in result.Errors!) Console.Error.WriteLine($"--{field}: {string.Join(" ", messages)}");
                return CliHost.Usage;
            }
            var f = result.Value!;
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"{f.Year} revenue{(f.By is { } b ? $" for {b.ToString().ToLowerInvariant()} {f.Member}" : "")}, as of {f.AsOf:yyyy-MM-dd}: {f.Method} ({f.Model}), {f.HistoryMonths} months of history"));
            foreach (var note in f.Notes.Distinct()) Console.WriteLine($"  note: {note}");
            Console.WriteLine($"{"month",5} {"booked",16} {"forecast",16} {"80% range",35}");
            foreach (var m in f.Months)
                Console.WriteLine(string.Create(inv, $"{m.Month,5} {(m.Actual is { } a ? a.ToString("N2", inv) : ""),16} {(m.Forecast is { } x ? x.ToString("N2", inv) : ""),16} {(m.Lower80 is { } l ? $"{l:N2} – {m.Upper80:N2}" : ""),35}"));
            Console.WriteLine(string.Create(inv, $"booked {f.Booked:N2}; year P10 {f.P10:N2}, P50 {f.P50:N2}, P90 {f.P90:N2}"));
            if (f.Target is { } t)
                Console.WriteLine(string.Create(inv, $"target {t:N2}: probability {f.ProbabilityOfTarget:P1}, {(f.GapAtP50 > 0 ? $"{f.GapAtP50:N2} short" : $"{-f.GapAtP50:N2} ahead")} at P50"));
            var p = f.Pipeline;
            Console.WriteLine(string.Create(inv, $"pipeline: {p.Deals} open deals, {p.Amount:N2}, expected by December {p.Expected:N2} ({(p.ModelInUse ? "learned" : "stage default")} probabilities); beyond the pipeline {p.BeyondPipeline:N2}"));
            if (p.Needed is { } needed) Console.WriteLine(string.Create(inv, $"new pipeline needed to close the gap at P50: {needed:N2} (at a win rate of {p.WinRate:P1})"));
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary><c>planloop forecast deals [--top 20]</c>: the learned win model's hold-out against the stage defaults, and the open deals' probabilities with reasons.</summary>
    static Command Deals()
    {
        var top = new Option<int>("--top") { Description = "How many open deals to list (largest weighted amount first), 0 to 1000.", DefaultValueFactory = _ => 20 };
        top.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 1000) r.AddError("--top is between 0 and 1000."); });
        var command = new Command("deals", "Win probabilities of the open deals: which model is in use, its hold-out Brier score and log loss against the stage defaults, and each deal's reasons. Exit 0.") { top };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var w = await host.Services.GetRequiredService<GetWinProbabilities>().Handle(Viewer.System, ct);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"as of {w.AsOf:yyyy-MM-dd}: {(w.ModelInUse ? "learned model in use" : $"stage defaults in use ({w.Why})")}; fitted on {w.ClosedDeals} closed deals, {w.Examples} stage passages"));
            if (w.Evaluation is { } e)
            {
                Console.WriteLine(string.Create(inv, $"hold-out: trained on {e.TrainDeals} deals closed before {e.Cutoff:yyyy-MM-dd}, scored {e.TestDeals} closed after ({e.TestExamples} stage passages)"));
                Console.WriteLine(string.Create(inv, $"{"",-14} {"Brier",8} {"log loss",9}"));
                Console.WriteLine(string.Create(inv, $"{"model",-14} {e.Model.Brier,8:F4} {e.Model.LogLoss,9:F4}"));
                Console.WriteLine(string.Create(inv, $"{"stage default",-14} {e.Defaults.Brier,8:F4} {e.Defaults.LogLoss,9:F4}"));
                foreach (var (name, card) in new[] { ("model", e.Model), ("stage default", e.Defaults) })
                    foreach (var bin in card.Calibration)
                        Console.WriteLine(string.Create(inv, $"  {name} {bin.From:P0}–{bin.To:P0}: {bin.Count} predicted {bin.MeanPredicted:P1}, won {bin.Observed:P1}"));
            }
            foreach (var d in w.Deals.Take(parse.GetValue(top)))
                Console.WriteLine(string.Create(inv, $"{d.Name,-24} {d.Stage,-12} {d.Amount,14:N2} default {d.StageDefault,4:P0} model {d.Model,6:P1} in use {d.InUse,6:P1}  {string.Join("; ", d.Reasons.Take(3).Select(r => $"{r.Factor} {r.Value} {r.Effect * 100:+0.0;-0.0} pts"))}"));
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary><c>planloop forecast accuracy [--year 2024]</c>: whose calls came true, and which method suits this company's history.</summary>
    static Command Accuracy()
    {
        var year = new Option<int?>("--year") { Description = "The year (default: the business day's)." };
        var command = new Command("accuracy", "Each submitter's calls against the books once their periods closed (MAPE, bias), and each method's rolling-origin backtest on the monthly history. Exit 0; 2: bad usage.") { year };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var result = await host.Services.GetRequiredService<GetForecastAccuracy>().Handle(Viewer.System, parse.GetValue(year), ct);
            if (!result.Succeeded)
            {
                foreach (var (field, messages) in result.Errors!) Console.Error.WriteLine($"--{field}: {string.Join(" ", messages)}");
                return CliHost.Usage;
            }
            var a = result.Value!;
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"{a.Year} forecast accuracy as of {a.AsOf:yyyy-MM-dd}"));
            Console.WriteLine(string.Create(inv, $"{"scope",-8} {"who",-12} {"calls",6} {"periods",8} {"MAPE",8} {"bias",8} {"last",8}"));
            foreach (var c in a.Calls)
                Console.WriteLine(string.Create(inv, $"{c.Scope,-8} {c.Name,-12} {c.Calls,6} {c.Periods,8} {c.Mape,8:P1} {c.Bias,8:P1} {(c.LastCallError is { } l ? l.ToString("P1", inv) : ""),8}"));
            Console.WriteLine(string.Create(inv, $"methods on {a.HistoryMonths} months, the last {a.Origins} origins, up to {a.Horizon} months ahead:"));
            Console.WriteLine(string.Create(inv, $"{"method",-14} {"forecasts",9} {"MAPE",8} {"MASE",7} {"bias",8}"));
            foreach (var m in a.Methods)
                Console.WriteLine(string.Create(inv, $"{m.Method,-14} {m.Forecasts,9} {m.Mape,8:P1} {m.Mase,7:F3} {m.Bias,8:P1}"));
            if (a.Kept.Count > 0)
            {
                Console.WriteLine("forecasts kept at each month's close, scored once their month closed:");
                foreach (var m in a.Kept)
                    Console.WriteLine(string.Create(inv, $"{m.Method,-14} {m.Forecasts,9} {m.Mape,8:P1} {m.Mase,7:F3} {m.Bias,8:P1}"));
            }
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary><c>planloop forecast benchmark --file data/m3/m3-monthly.csv</c>: sMAPE, MASE and time per method.</summary>
    static Command Benchmark()
    {
        var file = new Option<FileInfo>("--file") { Description = "A competition file: series,type,period,frequency,…,train,test (observations space separated), as data/m3/m3-monthly.csv.", Required = true };
        var method = new Option<string>("--method") { Description = "all, snaive, ets, theta, damped, arima, combination or auto (slow: it backtests every series; not part of all).", DefaultValueFactory = _ => "all" };
        method.AcceptOnlyFromAmong(["all", .. GetRevenueForecast.Methods.Keys]);
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
            ForecastMethod[] methods = parse.GetValue(method) is "all"
                ? [ForecastMethod.SeasonalNaive, ForecastMethod.Theta, ForecastMethod.Damped, ForecastMethod.Ets, ForecastMethod.Arima, ForecastMethod.Combination]
                : [GetRevenueForecast.Methods[parse.GetValue(method)!]];
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
