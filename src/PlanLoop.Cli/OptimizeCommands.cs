using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Domain.Optimization;
using PlanLoop.Features.Data;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Optimization;
using PlanLoop.Features.Users;

namespace PlanLoop.Cli;

/// <summary><c>planloop optimize …</c>: the optimizer-backed proposals, each exportable as a model another solver re-solves.</summary>
static class OptimizeCommands
{
    static readonly Dictionary<string, ActualDimension> Dimensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["region"] = ActualDimension.Region,
        ["productline"] = ActualDimension.ProductLine,
        ["channel"] = ActualDimension.Channel,
        ["team"] = ActualDimension.Team,
        ["rep"] = ActualDimension.Rep,
    };

    public static Command Create()
    {
        var command = new Command("optimize", "Optimizer-backed proposals: re-allocate the rest of the year's targets.");
        command.Subcommands.Add(Reallocate());
        command.Subcommands.Add(Budget());
        command.Subcommands.Add(Headcount());
        command.Subcommands.Add(ScenarioCommand());
        command.Subcommands.Add(Bench());
        command.Subcommands.Add(BenchBudget());
        return command;
    }

    static (Option<FileInfo?> Lp, Option<FileInfo?> Mps, Option<string> Format) ExportOptions() =>
        (new Option<FileInfo?>("--export-lp") { Description = "Write the model as a CPLEX .lp file (GLPK: glpsol --lp FILE)." },
         new Option<FileInfo?>("--export-mps") { Description = "Write the model as a free-format .mps file (GLPK: glpsol --freemps FILE)." },
         FormatOption());

    static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "text or json (with the objective and the solution).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    static async Task Export(Func<ModelFormat, string?> write, FileInfo? lp, FileInfo? mps, CancellationToken ct)
    {
        if (lp is not null && write(ModelFormat.Lp) is { } lpText) await File.WriteAllTextAsync(lp.FullName, lpText, ct);
        if (mps is not null && write(ModelFormat.Mps) is { } mpsText) await File.WriteAllTextAsync(mps.FullName, mpsText, ct);
    }

    /// <summary><c>planloop optimize budget --file budget.csv --total 18000000 [--goal revenue|margin|revenue-min-margin] [--mix DIRECT=0.5] [--curve]</c>.</summary>
    static Command Budget()
    {
        var file = new Option<FileInfo>("--file") { Description = "Budget lines (CSV or Excel): key, channel, region, category, last_spend, last_revenue, min, max, margin_rate, head_cost, curve.", Required = true };
        var total = new Option<decimal>("--total") { Description = "The total budget in yuan.", Required = true };
        var goal = new Option<string>("--goal") { Description = "revenue (default), margin (revenue × margin rate − spend) or revenue-min-margin (with --min-margin).", DefaultValueFactory = _ => "revenue" };
        goal.AcceptOnlyFromAmong("revenue", "margin", "revenue-min-margin");
        var minMargin = new Option<decimal?>("--min-margin") { Description = "For revenue-min-margin: the contribution at least this share of revenue (0.3 = 30%)." };
        var mix = new Option<string[]>("--mix") { Description = "A channel's share of the revenue, CHANNEL=SHARE (repeatable), within ± --tolerance.", AllowMultipleArgumentsPerToken = true };
        var tolerance = new Option<decimal>("--tolerance") { Description = "How far a channel's share may be from its --mix share (default 0.05).", DefaultValueFactory = _ => 0.05m };
        var curve = new Option<bool>("--curve") { Description = "Also solve at 50% to 150% of the total: revenue against budget." };
        var limit = new Option<int>("--time-limit") { Description = "Seconds the solver may take (1 to 600; default 30); at the limit the best allocation is given with its gap.", DefaultValueFactory = _ => 30 };
        var (lp, mps, format) = ExportOptions();
        var command = new Command("budget", "Allocate a sales budget over its lines for the most revenue (or margin), with whole heads, each line's ROI and the return of its next 万. Exit 0: an allocation; 1: the file has problems or the rules conflict; 2: bad usage.")
        {
            file, total, goal, minMargin, mix, tolerance, curve, limit, lp, mps, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine($"{path.FullName}: no such file."); return CliHost.Usage; }
            var seconds = parse.GetValue(limit);
            if (seconds is < 1 or > 600) { Console.Error.WriteLine("--time-limit: 1 to 600 seconds."); return CliHost.Usage; }
            if (NamedNumbers.Parse(parse.GetValue(mix) ?? [], out var badMix) is not { } shares) { Console.Error.WriteLine($"--mix '{badMix}': CHANNEL=SHARE, e.g. DIRECT=0.5."); return CliHost.Usage; }
            var rules = shares.Select(p => new MixRule(p.Name, p.Value, parse.GetValue(tolerance))).ToList();
            var errors = new List<Features.Workbooks.WorkbookError>();
            IReadOnlyList<BudgetLine>? lines;
            await using (var stream = path.OpenRead()) lines = BudgetFile.Read(stream, path.Name, errors);
            foreach (var e in errors.Take(20)) Console.Error.WriteLine($"{e.Where(english: true)}: {e.Message}");
            if (lines is null) { Console.Error.WriteLine($"{Math.Max(1, errors.Count)} problem(s); nothing was allocated."); return CliHost.Failed; }
            var budgetRules = new BudgetRules(parse.GetValue(total), parse.GetValue(goal) switch { "margin" => BudgetGoal.Margin, "revenue-min-margin" => BudgetGoal.RevenueAtMinMargin, _ => BudgetGoal.Revenue },
                parse.GetValue(minMargin), rules);
            var answer = new AllocateBudget(new OrToolsSolver()).Handle(lines, budgetRules, parse.GetValue(curve), TimeSpan.FromSeconds(seconds));
            if (!answer.Succeeded) { foreach (var (field, messages) in answer.Errors!) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}"); return CliHost.Usage; }
            var r = answer.Value!.Result;
            await Export(format => answer.Value.ModelFile(format, path.Name), parse.GetValue(lp), parse.GetValue(mps), ct);
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(answer.Value.Summary(), CliHost.Json));
                return r.Feasible ? CliHost.Ok : CliHost.Failed;
            }
            var inv = CultureInfo.InvariantCulture;
            if (!r.Feasible)
            {
                Console.WriteLine(r.Conflicts.Count > 0 ? $"The rules conflict; the smallest set found: {string.Join(", ", r.Conflicts)}" : $"No allocation: the solver stopped ({r.Status}).");
                return CliHost.Failed;
            }
            Console.WriteLine(string.Create(inv, $"Budget {r.Total:N2} for {r.Goal}: spent {r.Spent:N2}; revenue {r.Revenue:N2}; contribution {r.Contribution:N2}; {r.Solution.Solver} {r.Status}{(r.Gap is { } g && g > 0 ? $" (gap {g:P2})" : "")}"));
            if (r.NextWanOfBudget is { } nb) Console.WriteLine(string.Create(inv, $"the next 万 of budget would bring {nb:N2}"));
            Console.WriteLine($"{"line",-26} {"spend",14} {"heads",6} {"revenue",16} {"contribution",14} {"ROI",7} {"next 万",12}");
            foreach (var l in r.Lines)
                Console.WriteLine(string.Create(inv, $"{l.Key,-26} {l.Spend,14:N2} {(l.Heads?.ToString(inv) ?? ""),6} {l.Revenue,16:N2} {l.Contribution,14:N2} {(l.Roi is { } roi ? roi.ToString("0.00", inv) : ""),7} {(l.NextWan is { } n ? n.ToString("N2", inv) : ""),12} {string.Join(",", l.Binding)}"));
            foreach (var c in answer.Value.Curve)
                Console.WriteLine(string.Create(inv, $"  at {c.Total,16:N2}: revenue {c.Revenue,16:N2}, contribution {c.Contribution,14:N2}"));
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary><c>planloop optimize headcount --target 75000000 --heads 20 --productivity 5000000 [--ramp 0,0.2,0.4,0.6,0.8,1] [--attrition 0.01] [--lead-time 2]</c>.</summary>
    static Command Headcount()
    {
        var name = new Option<string>("--segment") { Description = "The segment's name (shown in the output).", DefaultValueFactory = _ => "direct" };
        var target = new Option<decimal>("--target") { Description = "The segment's annual revenue target in yuan.", Required = true };
        var heads = new Option<int>("--heads") { Description = "Sellers at the start of the year.", Required = true };
        var productivity = new Option<decimal>("--productivity") { Description = "What a fully productive seller brings in a year (default 5000000, the seed's 500万).", DefaultValueFactory = _ => 5_000_000m };
        var ramp = new Option<string>("--ramp") { Description = "Ramp-up of a new hire by month after starting, as fractions (default 0,0.2,0.4,0.6,0.8,1).", DefaultValueFactory = _ => "0,0.2,0.4,0.6,0.8,1" };
        var attrition = new Option<decimal>("--attrition") { Description = "Share of sellers who leave each month (default 0.01).", DefaultValueFactory = _ => 0.01m };
        var lead = new Option<int>("--lead-time") { Description = "Months from deciding a hire to the hire starting (default 2).", DefaultValueFactory = _ => 2 };
        var firstMonth = new Option<int>("--first-month") { Description = "The first month (1–12) a hire can be decided (default 1).", DefaultValueFactory = _ => 1 };
        var maxHires = new Option<int>("--max-hires") { Description = "The most hires that can start in one month (default 5).", DefaultValueFactory = _ => 5 };
        var (lp, mps, format) = ExportOptions();
        var command = new Command("headcount", "Plan the hires a segment needs to carry its target this year, given ramp-up, attrition and hiring lead time; or the smallest shortfall if hires come too late. Exit 0: a plan; 2: bad usage.")
        {
            name, target, heads, productivity, ramp, attrition, lead, firstMonth, maxHires, lp, mps, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var fractions = new List<decimal>();
            foreach (var part in parse.GetValue(ramp)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!decimal.TryParse(part, NumberStyles.Number, CultureInfo.InvariantCulture, out var f)) { Console.Error.WriteLine($"--ramp '{part}': fractions separated by commas, e.g. 0,0.2,0.4,0.6,0.8,1."); return CliHost.Usage; }
                fractions.Add(f);
            }
            var segment = new HeadcountSegment(parse.GetValue(name)!, parse.GetValue(target), parse.GetValue(heads), parse.GetValue(productivity), fractions,
                parse.GetValue(attrition), parse.GetValue(lead), parse.GetValue(firstMonth), parse.GetValue(maxHires));
            var errors = segment.Errors();
            if (errors.Count > 0) { foreach (var (field, messages) in errors) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}"); return CliHost.Usage; }
            var plan = HeadcountPlan.Solve(segment, new OrToolsSolver(), TimeSpan.FromSeconds(30));
            await Export(format => new HeadcountAnswer(HeadcountSummary.Of(segment, plan), plan.Model).ModelFile(format), parse.GetValue(lp), parse.GetValue(mps), ct);
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    objective = plan.Solution.Objective,
                    status = plan.Status,
                    solver = plan.Solution.Solver,
                    plan.Segment,
                    plan.Target,
                    plan.YearCapacity,
                    plan.Shortfall,
                    plan.Cover,
                    plan.Hires,
                    plan.LatestUsefulDecision,
                    months = Enumerable.Range(0, 12).Select(i => new { month = i + 1, decided = plan.Decided[i], starting = plan.Starting[i], heads = plan.Heads[i], capacity = plan.Capacity[i] }),
                }, CliHost.Json));
                return CliHost.Ok;
            }
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"{segment.Name}: target {plan.Target:N2}; {segment.Heads} sellers at the start; {plan.Hires} hire(s); capacity {plan.YearCapacity:N2} ({plan.Cover:P1}); shortfall {plan.Shortfall:N2}"));
            if (plan.Shortfall > 0m && plan.LatestUsefulDecision is { } latest)
                Console.WriteLine(string.Create(inv, $"  hires decided after month {latest} add nothing this year; the most hires a month ({segment.MaxHiresPerMonth}) or the ramp-up hold the rest"));
            Console.WriteLine($"{"month",5} {"decide",7} {"start",6} {"sellers",8} {"capacity",16}");
            for (var i = 0; i < 12; i++)
                Console.WriteLine(string.Create(inv, $"{i + 1,5} {plan.Decided[i],7} {plan.Starting[i],6} {plan.Heads[i],8:0.0} {plan.Capacity[i],16:N2}"));
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary><c>planloop optimize bench-budget [--lines 1000] [--heads 50] [--export-lp FILE]</c>: times a budget allocation with whole heads.</summary>
    static Command BenchBudget()
    {
        var count = new Option<int>("--lines") { Description = "Budget lines (1 to 5,000).", DefaultValueFactory = _ => 1000 };
        var heads = new Option<int>("--heads") { Description = "How many of them are bought in whole heads (integer variables).", DefaultValueFactory = _ => 50 };
        var runs = new Option<int>("--runs") { Description = "How many times to time it (1 to 50); the median is reported.", DefaultValueFactory = _ => 3 };
        var (lp, mps, _) = ExportOptions();
        var command = new Command("bench-budget", "Time a synthetic budget allocation (a mixed-integer programme on SCIP); export its model to time another solver on it. Exit 0: measured; 2: bad usage.") { count, heads, runs, lp, mps };
        command.SetAction(async (parse, ct) =>
        {
            var (n, h, times) = (parse.GetValue(count), parse.GetValue(heads), parse.GetValue(runs));
            if (n is < 1 or > BudgetAllocation.MaxLines || h < 0 || h > n || times is < 1 or > 50) { Console.Error.WriteLine("--lines 1 to 5,000; --heads 0 to --lines; --runs 1 to 50."); return CliHost.Usage; }
            var (lines, rules) = BudgetBenchmark.Model(n, h);
            var solver = new OrToolsSolver();
            BudgetAllocation.Solve(lines.Take(10).ToList(), rules with { Mix = null }, solver, TimeSpan.FromSeconds(10));   // warm up
            var timings = new List<(TimeSpan Elapsed, BudgetResult Result)>();
            for (var k = 0; k < times; k++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var result = BudgetAllocation.Solve(lines, rules, solver, TimeSpan.FromSeconds(60));
                timings.Add((watch.Elapsed, result));
            }
            var median = timings.OrderBy(t => t.Elapsed).ElementAt(times / 2);
            var r = median.Result;
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"budget of {n:N0} lines ({h} in whole heads): {r.Model.Variables.Count:N0} variables ({r.Model.Variables.Count(v => v.Whole)} integer), {r.Model.Constraints.Count:N0} constraints, {Environment.ProcessorCount} core(s)"));
            Console.WriteLine(string.Create(inv, $"median {median.Elapsed.TotalMilliseconds:N0} ms of {times} run(s); {r.Solution.Solver} {r.Status}, gap {r.Gap:P4}; objective {r.Solution.Objective:R}; spent {r.Spent:N2} of {r.Total:N2}"));
            await Export(format => ModelFiles.Write(r.Model, format, [$"budget benchmark, {n} lines, {h} in whole heads, seed 2024; amounts in 10,000 yuan"]), parse.GetValue(lp), parse.GetValue(mps), ct);
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary><c>planloop optimize bench [--units 1000] [--runs 5] [--export-lp FILE]</c>: times a re-allocation of a synthetic sales force.</summary>
    static Command Bench()
    {
        var units = new Option<int>("--units") { Description = "How many units (reps) to re-allocate (1 to 100,000).", DefaultValueFactory = _ => 1000 };
        var runs = new Option<int>("--runs") { Description = "How many times to time it (1 to 50); the median is reported.", DefaultValueFactory = _ => 5 };
        var factor = new Option<decimal>("--capacity-factor") { Description = "Capacity as a multiple of each unit's forecast (default 1.3).", DefaultValueFactory = _ => 1.3m };
        var (lp, mps, _) = ExportOptions();
        var command = new Command("bench", "Time the re-allocation (three linear programmes) of a synthetic sales force; export its model to time another solver on the same model. Exit 0: measured; 2: bad usage.") { units, runs, factor, lp, mps };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(units);
            var times = parse.GetValue(runs);
            if (n is < 1 or > 100_000 || times is < 1 or > 50) { Console.Error.WriteLine("--units 1 to 100,000; --runs 1 to 50."); return CliHost.Usage; }
            var solver = new OrToolsSolver();
            var rules = new ReallocationRules(parse.GetValue(factor));
            ReallocationBenchmark.Run(Math.Min(n, 50), rules, solver);   // warm up: load the native solver once
            var timings = Enumerable.Range(0, times).Select(_ => ReallocationBenchmark.Run(n, rules, solver)).ToList();
            var median = timings.OrderBy(t => t.Elapsed).ElementAt(times / 2);
            var r = median.Result;
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"re-allocation of {n:N0} units ({median.Variables:N0} variables, {median.Constraints:N0} constraints in the last stage), {Environment.ProcessorCount} core(s)"));
            Console.WriteLine(string.Create(inv, $"median {median.Elapsed.TotalMilliseconds:N0} ms of {times} run(s) (min {timings.Min(t => t.Elapsed.TotalMilliseconds):N0}, max {timings.Max(t => t.Elapsed.TotalMilliseconds):N0}); objective {r.Solution?.Objective:R}; shortfall {r.Shortfall:N2}; targets add up: {r.NewTotal + r.Shortfall == r.AnnualTarget}"));
            await Export(format => r.Model is { } model ? ModelFiles.Write(model, format, [$"re-allocation benchmark, {n} units, seed 2024; amounts in 10,000 yuan"]) : null, parse.GetValue(lp), parse.GetValue(mps), ct);
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary><c>planloop optimize scenario [--change winrate=+10%] [--change leads@DIRECT/EAST=+20%] [--step 0.1] [--save NAME] [--as-version NAME] [--format json]</c>.</summary>
    static Command ScenarioCommand()
    {
        var change = new Option<string[]>("--change")
        {
            Description = "A change of a driver: DRIVER[@CHANNEL|*][/REGION][:PRODUCTLINE]=+10% (by a percentage) or =VALUE (set; rates as fractions). Repeatable. Drivers: "
                + string.Join(", ", Enum.GetNames<Driver>()) + ".",
            AllowMultipleArgumentsPerToken = true,
        };
        var year = new Option<int?>("--year") { Description = "The year whose drivers are measured (default: the business day's)." };
        var step = new Option<decimal>("--step") { Description = "The tornado's step: each driver moved down and up by this share (default 0.1).", DefaultValueFactory = _ => 0.1m };
        var save = new Option<string?>("--save") { Description = "Save the scenario under this name." };
        var asVersion = new Option<string?>("--as-version") { Description = "With --save: also turn the scenario into a new draft plan version with this name." };
        var format = FormatOption();
        var command = new Command("scenario", "What-if on the driver tree: revenue, margin, collection and customers against the year's run rate, each changed driver's contribution and the tornado. Exit 0: computed; 2: bad usage.")
        {
            change, year, step, save, asVersion, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var changes = new List<DriverChange>();
            foreach (var text in parse.GetValue(change) ?? [])
            {
                if (DriverTree.ParseChange(text, out var error) is not { } c) { Console.Error.WriteLine($"--change '{text}': {error}."); return CliHost.Usage; }
                changes.Add(c);
            }
            if (parse.GetValue(asVersion) is not null && parse.GetValue(save) is null) { Console.Error.WriteLine("--as-version needs --save NAME."); return CliHost.Usage; }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var feature = host.Services.GetRequiredService<RunScenarios>();
            var answer = await feature.Run(Viewer.System, parse.GetValue(year), changes, parse.GetValue(step), ct);
            if (answer.Outcome == Features.EditOutcome.NotFound) { Console.Error.WriteLine("No data for the year."); return CliHost.Usage; }
            if (!answer.Succeeded) { foreach (var (field, messages) in answer.Errors!) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}"); return CliHost.Usage; }
            Guid? savedId = null, versionId = null;
            if (parse.GetValue(save) is { } name)
            {
                var saved = await feature.Save(Viewer.System, parse.GetValue(year), name, null, changes, "cli", ct);
                if (!saved.Succeeded) { foreach (var (field, messages) in saved.Problems) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}"); return CliHost.Usage; }
                savedId = saved.Id;
                if (parse.GetValue(asVersion) is { } versionName)
                {
                    var version = await feature.ToPlanVersion(Viewer.System, savedId!.Value, versionName, "cli", ct);
                    if (!version.Succeeded) { foreach (var (field, messages) in version.Errors ?? new Dictionary<string, string[]>()) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}"); return CliHost.Usage; }
                    versionId = version.Value!.Version.Id;
                }
            }
            var view = answer.Value!;
            var r = view.Result;
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(ScenarioSummary.Of(view, savedId, versionId), CliHost.Json));
                return CliHost.Ok;
            }
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"{view.Base.Year} as of {view.Base.AsOf:yyyy-MM-dd}: run rate = to date ÷ {view.Base.Elapsed:P1} of the year{(view.Base.PlanRevenue is { } p ? $"; plan {p:N2}" : "")}"));
            Console.WriteLine($"{"",-12} {"base",18} {"scenario",18} {"difference",18}");
            void Row(string label, decimal a, decimal b) => Console.WriteLine(string.Create(inv, $"{label,-12} {a,18:N2} {b,18:N2} {b - a,18:N2}"));
            Row("revenue", r.Base.Revenue, r.Scenario.Revenue);
            Row("margin", r.Base.Margin, r.Scenario.Margin);
            Row("collection", r.Base.Collection, r.Scenario.Collection);
            Row("customers", r.Base.Customers, r.Scenario.Customers);
            foreach (var c in r.Contributions)
                Console.WriteLine(string.Create(inv, $"  {c.Driver,-20} revenue {c.Revenue,16:N2}  margin {c.Margin,16:N2}  collection {c.Collection,16:N2}  customers {c.Customers,10:N2}"));
            Console.WriteLine(string.Create(inv, $"tornado (each driver ∓{r.Step:P0}, revenue):"));
            foreach (var t in r.Tornado) Console.WriteLine(string.Create(inv, $"  {t.Driver,-20} {t.Low,18:N2} {t.High,18:N2}"));
            if (savedId is { } sid) Console.WriteLine($"saved as scenario {sid}");
            if (versionId is { } vid) Console.WriteLine($"draft plan version {vid}");
            return CliHost.Ok;
        });
        return command;
    }

    /// <summary><c>planloop optimize reallocate --by region [--capacity-factor 1.3] [--max-above 0.2] [--max-below 0.1] [--capacity EAST=50000000] [--save-as NAME]</c>.</summary>
    static Command Reallocate()
    {
        var by = new Option<string>("--by") { Description = "region, productline, channel, team or rep.", Required = true };
        by.AcceptOnlyFromAmong([.. Dimensions.Keys]);
        var version = new Option<Guid?>("--version") { Description = "The version whose targets are re-allocated (default: the year's approved one)." };
        var factor = new Option<decimal>("--capacity-factor") { Description = "A unit's capacity for the rest of the year as a multiple of its forecast (default 1.3).", DefaultValueFactory = _ => 1.3m };
        var above = new Option<decimal?>("--max-above") { Description = "No new target more than this over the original (0.2 = 20%, the default); 'none' is not allowed: give a large number." };
        var below = new Option<decimal?>("--max-below") { Description = "No new target more than this under the original (0.1 = 10%; default: no floor). No target ever goes below what is booked." };
        var capacity = new Option<string[]>("--capacity") { Description = "A unit's capacity for the rest of the year in yuan, as MEMBER=AMOUNT (repeatable).", AllowMultipleArgumentsPerToken = true };
        var save = new Option<string?>("--save-as") { Description = "Save the proposal as a new draft version with this name." };
        var (lp, mps, format) = ExportOptions();
        var command = new Command("reallocate", "Propose the rest of the year's targets so they still add up to the annual target (or the smallest shortfall), with the rules that bind and their shadow prices. Exit 0: a proposal; 1: the rules conflict; 2: bad usage.")
        {
            by, version, factor, above, below, capacity, save, lp, mps, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (NamedNumbers.Parse(parse.GetValue(capacity) ?? [], out var badCapacity) is not { } pairs) { Console.Error.WriteLine($"--capacity '{badCapacity}': MEMBER=AMOUNT, e.g. EAST=50000000."); return CliHost.Usage; }
            var capacities = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (member, amount) in pairs) capacities[member] = amount;
            var request = new ReallocationRequest(null, Dimensions[parse.GetValue(by)!], parse.GetValue(version),
                new ReallocationRules(parse.GetValue(factor), parse.GetValue(above) ?? 0.2m, parse.GetValue(below)), capacities);
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var feature = host.Services.GetRequiredService<ReallocateTargets>();
            var answer = await feature.Handle(Viewer.System, request, ct);
            if (answer.Outcome == Features.EditOutcome.NotFound) { Console.Error.WriteLine("No plan version to re-allocate for the year."); return CliHost.Usage; }
            if (!answer.Succeeded)
            {
                foreach (var (field, messages) in answer.Errors!) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
                return CliHost.Usage;
            }
            var view = answer.Value!;
            var r = view.Result;
            await Export(view.ModelFile, parse.GetValue(lp), parse.GetValue(mps), ct);
            Guid? saved = null;
            if (r.Feasible && parse.GetValue(save) is { } name)
            {
                var draft = await feature.SaveAsDraft(Viewer.System, request, name, "cli", ct);
                if (!draft.Succeeded) { foreach (var (field, messages) in draft.Errors!) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}"); return CliHost.Usage; }
                saved = draft.Value!.Version.Id;
            }
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(ReallocationSummary.Of(view, saved), CliHost.Json));
                return r.Feasible ? CliHost.Ok : CliHost.Failed;
            }
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"Re-allocation by {view.By} of version {view.VersionNumber} ({view.VersionName}), as of {view.AsOf:yyyy-MM-dd}"));
            if (!r.Feasible)
            {
                Console.WriteLine($"The rules conflict; the smallest set found: {string.Join(", ", r.Conflicts)}");
                return CliHost.Failed;
            }
            Console.WriteLine(string.Create(inv, $"annual target {r.AnnualTarget:N2}; booked {r.Booked:N2}; left {r.Gap:N2}; shortfall {r.Shortfall:N2}{(r.CommonRise is { } t ? $"; common rise {t:P2}" : "")}; moved {r.Raised:N2}"));
            Console.WriteLine($"{"member",-12} {"target",16} {"booked",16} {"forecast rest",16} {"capacity",16} {"new target",16} {"change",16}  binding");
            foreach (var u in r.Units)
                Console.WriteLine(string.Create(inv, $"{u.Member,-12} {u.Target,16:N2} {u.Booked,16:N2} {u.Expected,16:N2} {u.Capacity,16:N2} {u.NewTarget,16:N2} {u.Change,16:N2}  {string.Join(",", u.Binding)}"));
            Console.WriteLine(string.Create(inv, $"{"total",-12} {r.Units.Sum(u => u.Target),16:N2} {r.Booked,16:N2} {r.Units.Sum(u => u.Expected),16:N2} {r.Units.Sum(u => u.Capacity),16:N2} {r.NewTotal,16:N2}"));
            foreach (var p in r.ShadowPrices.Take(10))
                Console.WriteLine(string.Create(inv, $"  shadow price {p.Rule}: {p.PerWan} {(r.PricedBy == "shortfall" ? "万 less shortfall" : "points less common rise")} per 万"));
            if (saved is { } id) Console.WriteLine($"saved as draft version {id}");
            return CliHost.Ok;
        });
        return command;
    }
}
