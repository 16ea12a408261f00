using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Execution.Data;
using PlanLoop.Features.Organisation;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;
using Spectre.Console;

namespace PlanLoop.Cli;

/// <summary><c>planloop import accounts|contacts|surveys|orders|payments|leads|opportunities|people FILE</c>, <c>planloop import alias</c> and <c>planloop health recompute</c>.</summary>
static class CustomerCommands
{
    public static Command Import()
    {
        var command = new Command("import", "Import people, customer data, leads, opportunities, booked orders or payments from .xlsx or .csv: all rows or, when any row has a problem, none.");
        foreach (var kind in Enum.GetValues<ImportKind>())
            command.Subcommands.Add(ImportOf(kind));
        command.Subcommands.Add(Alias());
        command.Subcommands.Add(MasterData());
        return command;
    }

    /// <summary><c>planloop import master-data FILE [--kind K]</c>: regions, product lines, products, channels and teams from .xlsx, or one kind from .csv.</summary>
    static Command MasterData()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An .xlsx with the sheets 区域, 产品线, 产品, 渠道, 部门 (as the export writes it), or a .csv of one kind." };
        var kind = new Option<string?>("--kind") { Description = "For a .csv: region, productline, product, channel or team." };
        kind.AcceptOnlyFromAmong("region", "productline", "product", "channel", "team");
        var command = new Command("master-data", "Import master data: creates or updates by code, all or nothing. Exit 0: imported; 1: problems, nothing written; 2: bad usage.") { file, kind };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine($"{path.FullName}: no such file."); return CliHost.Usage; }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            await using var stream = path.OpenRead();
            MasterDataKind? only = parse.GetValue(kind) is { } k ? Enum.Parse<MasterDataKind>(k, ignoreCase: true) : null;
            var result = await host.Services.GetRequiredService<MasterDataFiles>().Import(stream, path.Name, only, "cli", ct);
            foreach (var error in result.Errors) Console.Error.WriteLine($"{error.Where(english: true)}: {error.Message}");
            Console.WriteLine(result.Succeeded ? $"Imported: {string.Join(", ", result.Saved.Select(s => $"{s.Value} from {s.Key}"))}." : $"{result.Errors.Count} problem(s); nothing was imported.");
            return result.Succeeded ? CliHost.Ok : CliHost.Failed;
        });
        return command;
    }

    /// <summary><c>planloop export orders</c>: the booked order lines, streamed to .csv or .xlsx (imports back with <c>import orders</c>).</summary>
    public static Command Export()
    {
        var output = new Option<FileInfo>("--out") { Description = "The file to write (.csv or .xlsx, by its extension).", Required = true };
        var from = new Option<DateOnly?>("--from") { Description = "First booking day (yyyy-MM-dd)." };
        var to = new Option<DateOnly?>("--to") { Description = "Last booking day (yyyy-MM-dd)." };
        var orders = new Command("orders", "Export booked order lines with the orders import's headers and codes, streamed (a million lines in constant memory).") { output, from, to };
        orders.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(output)!;
            var csv = !file.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase);
            if (!csv && !file.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || csv && !file.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine("--out: a .csv or .xlsx file.");
                return CliHost.Usage;
            }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            long rows;
            await using (var stream = file.Create())
                rows = await host.Services.GetRequiredService<ExportOrders>().Handle(stream, csv, parse.GetValue(from), parse.GetValue(to), Viewer.System,
                    new Progress<long>(n => Console.Error.WriteLine($"  {n:N0} rows ({n / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} rows/s)")), ct);
            Console.WriteLine($"Exported {rows:N0} order line(s) to {file.Name} in {watch.Elapsed.TotalSeconds:0.0} s ({rows / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} rows/s).");
            return CliHost.Ok;
        });
        var peopleOut = new Option<FileInfo>("--out") { Description = "The file to write (.csv or .xlsx, by its extension).", Required = true };
        var people = new Command("people", "Export everyone of the sales organisation (active or not) with the people import's headers: an export imports back.") { peopleOut };
        people.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(peopleOut)!;
            if (!file.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) && !file.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine("--out: a .csv or .xlsx file.");
                return CliHost.Usage;
            }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var bytes = await host.Services.GetRequiredService<EditPeople>().Export(file.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase), ct);
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            Console.WriteLine($"Exported the people to {file.Name}.");
            return CliHost.Ok;
        });
        var masterOut = new Option<FileInfo>("--out") { Description = "The .xlsx to write (one sheet per kind; imports back).", Required = true };
        var master = new Command("master-data", "Export regions, product lines, products, channels and teams as one .xlsx.") { masterOut };
        master.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(masterOut)!;
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            await File.WriteAllBytesAsync(file.FullName, await host.Services.GetRequiredService<MasterDataFiles>().Export(ct), ct);
            Console.WriteLine($"Exported the master data to {file.Name}.");
            return CliHost.Ok;
        });
        return new Command("export", "Export data to .csv or .xlsx.") { orders, people, master };
    }

    static Command ImportOf(ImportKind kind)
    {
        var name = kind.ToString().ToLowerInvariant();
        var fields = string.Join(", ", AccountFiles.Fields(kind).Select(f => $"{f.Name} ({f.Header}{(f.Required ? ", required" : "")})"));
        var file = new Argument<FileInfo>("FILE") { Description = "The .xlsx (first sheet) or .csv (UTF-8) file; the first row is the header." };
        var map = new Option<string[]>("--map")
        {
            Description = $"field=Column header, repeatable or comma separated, for columns not named as PlanLoop names them. Fields: {fields}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var mapFile = new Option<FileInfo?>("--mapping-file")
        {
            Description = "A mapping as JSON: {\"columns\":{field:header}, \"values\":{field:{source:ours}}, \"defaults\":{field:value}, \"constants\":{field:value}, " +
                          "\"lookups\":{field:{\"file\":NAME,\"key\":COLUMN,\"value\":COLUMN,\"by\":FIELD}}, \"dateFormat\":\"M/d/yyyy\", \"rounding\":\"refuse|half-even\"}.",
        };
        var lookupFiles = new Option<FileInfo[]>("--lookup-file") { Description = "A second file the mapping's lookups read (repeatable; matched by file name).", AllowMultipleArgumentsPerToken = true };
        var mapName = new Option<string?>("--map-name") { Description = "Use a mapping saved earlier (with --save-map or in the web app)." };
        var saveMap = new Option<string?>("--save-map") { Description = "Save the --map given under this name for next time." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what each row would create or change; write nothing." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command(name, $"Import {name}. Exit code 0: imported (or a clean dry run); 1: problems, nothing written; 2: bad usage.")
        {
            file, map, mapFile, lookupFiles, mapName, saveMap, dryRun, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine($"{path.FullName}: no such file."); return CliHost.Usage; }
            var mapping = new Dictionary<string, string>();
            foreach (var pair in (parse.GetValue(map) ?? []).SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0) { Console.Error.WriteLine($"--map '{pair}': use field=Column header."); return CliHost.Usage; }
                mapping[pair[..at].Trim()] = pair[(at + 1)..].Trim();
            }
            FieldMap? use = mapping.Count > 0 ? FieldMap.OfColumns(mapping) : null;
            if (parse.GetValue(mapFile) is { } json)
            {
                if (!json.Exists) { Console.Error.WriteLine($"{json.FullName}: no such file."); return CliHost.Usage; }
                use = FieldMap.Parse(await File.ReadAllTextAsync(json.FullName, ct), out var problem);
                if (use is null) { Console.Error.WriteLine($"--mapping-file: {problem}"); return CliHost.Usage; }
                foreach (var (field, header) in mapping) use.Columns[field] = header;
            }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var files = host.Services.GetRequiredService<AccountFiles>();
            if (parse.GetValue(mapName) is { } saved)
            {
                use = await files.Mapping(kind, saved, ct);
                if (use is null) { Console.Error.WriteLine($"No saved mapping '{saved}' for {name}."); return CliHost.Usage; }
            }
            if (parse.GetValue(saveMap) is { } saveAs)
            {
                var problems = await files.SaveMapping(kind, saveAs, use ?? FieldMap.Empty, Viewer.System, ct);
                if (!problems.Succeeded) { Console.Error.WriteLine(string.Join(Environment.NewLine, problems.Problems.SelectMany(p => p.Value))); return CliHost.Usage; }
            }
            await using var stream = path.OpenRead();
            var others = new List<ImportFile>();
            try
            {
                foreach (var other in parse.GetValue(lookupFiles) ?? [])
                {
                    if (!other.Exists) { Console.Error.WriteLine($"{other.FullName}: no such file."); return CliHost.Usage; }
                    others.Add(new ImportFile(other.Name, other.OpenRead()));
                }
                if (others.Count > 0) use = (use ?? FieldMap.Empty) with { Files = others };
                if (RunImport.Streams(kind)) return await Bulk(kind, host.Services, stream, path.Name, use, parse.GetValue(dryRun), parse.GetValue(format) == "json", ct);
            }
            finally
            {
                foreach (var other in others) await other.Content.DisposeAsync();
            }
            var result = await files.Import(kind, stream, path.Name, use, parse.GetValue(dryRun), Viewer.System, ct);
            if (parse.GetValue(format) == "json")
                Console.WriteLine(JsonSerializer.Serialize(result, CliHost.Json));
            else
            {
                foreach (var row in result.Changes.Where(r => r.Action != RowAction.Unchanged))
                    Console.WriteLine($"row {row.Row}: {(row.Action == RowAction.Create ? "create" : "update")} {row.Key}{(row.Changes.Count > 0 ? " — " + string.Join("; ", row.Changes) : "")}");
                foreach (var error in result.Errors)
                    Console.Error.WriteLine($"{error.Where(english: true)}: {error.Message}");
                Console.WriteLine(!result.Succeeded ? $"{result.Errors.Count} problem(s); nothing was imported."
                    : result.Applied ? $"Imported: {result.Count(RowAction.Create)} created, {result.Count(RowAction.Update)} updated, {result.Count(RowAction.Unchanged)} unchanged."
                    : $"Dry run, nothing written: {result.Count(RowAction.Create)} to create, {result.Count(RowAction.Update)} to update, {result.Count(RowAction.Unchanged)} unchanged.");
            }
            return result.Succeeded ? CliHost.Ok : CliHost.Failed;
        });
        return command;
    }

    /// <summary>
    /// The streamed imports: progress on stderr — a bar with the share of the file read and rows per
    /// second on a terminal, a line per batch otherwise (logs, CI) — and a summary (or the problems) on stdout.
    /// </summary>
    static async Task<int> Bulk(ImportKind kind, IServiceProvider services, Stream stream, string name, FieldMap? mapping, bool dryRun, bool json, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var length = stream.CanSeek ? stream.Length : 0L;
        double Share() => length == 0 ? 0 : Math.Min(1, (double)stream.Position / length);
        double Rate(int rows) => rows / Math.Max(0.001, watch.Elapsed.TotalSeconds);
        Task<ImportReport> Run(IProgress<ImportProgress> progress) => services.GetRequiredService<RunImport>().Handle(kind, stream, name, mapping, dryRun, Viewer.System, progress, ct);
        ImportReport result;
        var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (!Console.IsErrorRedirected && errors.Profile.Capabilities.Interactive)
        {
            result = await errors.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(name, maxValue: 1);
                    var done = await Run(new Inline<ImportProgress>(p =>
                    {
                        task.Value = Share();
                        task.Description = $"{Markup.Escape(name)}: {p.Rows:N0} rows, {p.Errors:N0} problem(s), {Rate(p.Rows):N0} rows/s";
                    }));
                    task.Value = 1;
                    return done;
                });
        }
        else
            result = await Run(new Inline<ImportProgress>(p =>
                Console.Error.WriteLine($"  {Share() * 100:0}% of {name}: {p.Rows:N0} rows read, {p.Errors:N0} problem(s) ({Rate(p.Rows):N0} rows/s)")));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result, CliHost.Json));
            return result.Succeeded ? CliHost.Ok : CliHost.Failed;
        }
        foreach (var error in result.Errors) Console.Error.WriteLine($"{error.Where(english: true)}: {error.Message}");
        foreach (var note in result.Notes) Console.Error.WriteLine(note);
        if (result.ErrorCount > result.Errors.Count) Console.Error.WriteLine($"… and {result.ErrorCount - result.Errors.Count:N0} more.");
        foreach (var u in result.Unknown)
            Console.Error.WriteLine($"unknown {u.Kind.ToString().ToLowerInvariant()} '{u.Value}' on {u.Rows:N0} row(s) from row {u.FirstRow}: planloop import alias {u.Kind.ToString().ToLowerInvariant()} \"{u.Value}\" TARGET");
        var rate = result.Rows / Math.Max(0.001, result.Elapsed.TotalSeconds);
        Console.WriteLine(!result.Succeeded ? $"{result.ErrorCount:N0} problem(s) in {result.Rows:N0} rows; nothing was imported."
            : result.Applied ? $"Imported {result.Written:N0} {kind.ToString().ToLowerInvariant()} row(s) ({result.Updated:N0} updated) in {result.Elapsed.TotalSeconds:0.0} s ({rate:N0} rows/s)."
            : $"Dry run, nothing written: {result.Rows:N0} rows are fine ({rate:N0} rows/s).");
        return result.Succeeded ? CliHost.Ok : CliHost.Failed;
    }

    /// <summary><c>planloop import alias KIND ALIAS TARGET</c>: an external name of one of our records.</summary>
    public static Command Alias()
    {
        var kind = new Argument<string>("KIND") { Description = "account | product | channel | person" };
        kind.AcceptOnlyFromAmong("account", "product", "channel", "person");
        var alias = new Argument<string>("ALIAS") { Description = "The name the other system uses." };
        var target = new Argument<string>("TARGET") { Description = "Ours: an account's credit code or name, a product's or channel's code or name, a person's name or e-mail." };
        var command = new Command("alias", "Save an alias that imports read as one of our records.") { kind, alias, target };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var result = await host.Services.GetRequiredService<EditAliases>().Save(Enum.Parse<AliasKind>(parse.GetValue(kind)!, true), parse.GetValue(alias)!, parse.GetValue(target)!, "cli", ct);
            foreach (var e in result.Problems.SelectMany(e => e.Value)) Console.Error.WriteLine(e);
            if (result.Succeeded) Console.WriteLine($"Saved: {parse.GetValue(kind)} '{parse.GetValue(alias)}' → {parse.GetValue(target)}.");
            return result.Succeeded ? CliHost.Ok : CliHost.Failed;
        });
        return command;
    }

    public static Command Health()
    {
        var asOf = new Option<string?>("--as-of") { Description = "The business day to compute for (yyyy-MM-dd; default: PlanLoop:AsOf, the demo's day, or today)." };
        var recompute = new Command("recompute", "Run the customer job now: tiers, health scores (one per account and day; safe to run again), ICP fit, follow-ups for A accounts at risk.")
        {
            asOf,
        };
        recompute.SetAction(async (parse, ct) =>
        {
            DateOnly? day = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) { Console.Error.WriteLine($"--as-of '{text}': use yyyy-MM-dd."); return CliHost.Usage; }
                day = d;
            }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var started = DateTime.UtcNow;
            var progress = new Progress<RefreshProgress>(p =>
                Console.Error.WriteLine($"  {p.Processed}/{p.Total} accounts ({p.Processed / Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds):0} per second)"));
            var result = await host.Services.GetRequiredService<RefreshAccounts>().Handle("cli", day, progress, ct);
            if (result.AlreadyRunning) { Console.Error.WriteLine("The customer job is already running in this process."); return CliHost.Failed; }
            var table = new Table().AddColumns("as of", "accounts", "tier changes", "follow-ups", "seconds");
            table.AddRow(result.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Num(result.Accounts), Num(result.TierChanges), Num(result.FollowUps),
                (DateTime.UtcNow - started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return CliHost.Ok;
        });
        var command = new Command("health", "Customer health.");
        command.Subcommands.Add(recompute);
        return command;
    }

    static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Progress reported on the importer's own thread, in order, before the import returns (Progress&lt;T&gt; posts to the thread pool and may print after the summary).</summary>
sealed class Inline<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
