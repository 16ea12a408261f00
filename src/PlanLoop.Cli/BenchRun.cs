using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PlanLoop.Features.Bench;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;

namespace PlanLoop.Cli;

/// <summary>
/// <c>planloop bench run</c>: generates the data set into a fresh database and measures PlanLoop next
/// to the database's own limits in the same run — the orders import against <c>sqlite3 .import</c> /
/// PostgreSQL <c>COPY</c>, every monitoring query against the same aggregate written by hand in SQL,
/// the orders export against <c>sqlite3 -csv</c> / <c>COPY TO</c>, API reads under <c>wrk</c> against a
/// bare endpoint of the same server, and the server's peak memory — and writes a markdown and a JSON
/// report. Timings are reported, never asserted.
/// </summary>
static partial class BenchRun
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    const string AsOf = "2024-09-30";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly string[] OrderColumns = ["Id", "AccountId", "Amount", "BookedOn", "ChannelId", "ContractId", "OrderNumber", "OwnerId", "ProductId", "ProductLineId", "RegionId"];

    sealed record Measure(string Name, double P50Ms, double P95Ms, double? HandP50Ms, double? HandP95Ms, int Runs)
    {
        public double? Ratio => HandP50Ms is { } h && h > 0 ? P50Ms / h : null;
    }

    sealed record Loader(string Name, long Rows, double Seconds, double? RawSeconds, string RawTool)
    {
        public double RowsPerSecond => Rows / Math.Max(1e-9, Seconds);
        public double? RawRowsPerSecond => RawSeconds is { } r ? Rows / Math.Max(1e-9, r) : null;
    }

    sealed record Load(string Endpoint, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, double? OfBare, double? FirstMs = null);

    sealed record Report(string Provider, string Scale, DateTime RanAt, string Machine, IReadOnlyList<BenchStep> Generation, IReadOnlyList<Loader> Loaders,
        IReadOnlyList<Measure> Queries, IReadOnlyList<Load> Api, string? ApiNote, double? PeakRssMb, double? RssAfterMb, IReadOnlyList<MemoryPoint> Memory);

    /// <summary>The server's resident memory after one piece of work (and its peak so far), in MB.</summary>
    sealed record MemoryPoint(string After, double? RssMb, double? PeakMb, double Seconds);

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs per query (after one warm-up); p50 and p95 are reported.", DefaultValueFactory = _ => 10 };
        var seconds = new Option<int>("--api-seconds") { Description = "How long wrk drives each endpoint (0: no API measurement).", DefaultValueFactory = _ => 10 };
        var output = new Option<string>("--out") { Description = "Folder for the markdown and JSON report.", DefaultValueFactory = _ => Path.Combine(BenchCommands.Root(), "bench", "results") };
        var seed = new Option<int>("--seed") { Description = "Random seed of the data set.", DefaultValueFactory = _ => 42 };
        var reuse = new Option<bool>("--reuse")
        {
            Description = "Measure the queries, export and API again on the data set an earlier run left (bench/work on SQLite, the planloop_bench_SCALE database on PostgreSQL), "
                + "without generating or importing; writes PROVIDER-SCALE-rerun.md and .json.",
        };
        var command = new Command("run", "Generate into a fresh database and measure imports, monitoring queries, export, API reads and memory against the database's own tools; writes bench/results/PROVIDER-SCALE.md and .json.")
        {
            BenchCommands.ScaleOption, runs, seconds, output, seed, reuse,
        };
        command.SetAction(async (parse, ct) =>
        {
            var scale = BenchCommands.Scale(parse);
            var provider = parse.GetValue(CliHost.ProviderOption) ?? "sqlite";
            var name = scale.ToString().ToLowerInvariant();
            var work = Path.GetFullPath(Path.Combine(BenchCommands.Root(), "bench", "work", $"{provider}-{name}"));
            var again = parse.GetValue(reuse);
            string connection;
            if (provider == "sqlite")
            {
                connection = $"Data Source={Path.Combine(work, "planloop.db")}";
                if (again && !File.Exists(Path.Combine(work, "planloop.db"))) { Console.Error.WriteLine($"--reuse: no data set in {work}; run bench run first."); return CliHost.Usage; }
            }
            else
            {
                var server = parse.GetValue(CliHost.DbOption) ?? Environment.GetEnvironmentVariable("PLANLOOP_TEST_POSTGRES")
                    ?? throw new InvalidOperationException("--provider postgres needs --db with a connection string to a server (a database planloop_bench_SCALE is created on it).");
                connection = again ? new NpgsqlConnectionStringBuilder(server) { Database = $"planloop_bench_{name}" }.ConnectionString
                    : await FreshPostgres(server, $"planloop_bench_{name}", ct);
            }
            if (!again)
            {
                if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
                Directory.CreateDirectory(work);
            }
            var settings = new Dictionary<string, string?>
            {
                ["PlanLoop:Database:Provider"] = provider,
                ["ConnectionStrings:PlanLoop"] = connection,
                ["PlanLoop:AsOf"] = AsOf,
                ["PlanLoop:Demo"] = "true",
            };
            using var host = CliHost.Build(parse, settings);
            var services = host.Services;
            await services.GetRequiredService<MigrateDatabase>().Handle(ct);

            var loaders = new List<Loader>();
            BenchDataSet? set = null;
            if (!again)
            {
                Console.Error.WriteLine($"Generating the {name} data set on {provider} …");
                set = await BenchCommands.Run(services, scale, parse.GetValue(seed), Path.Combine(work, "files"), ct);
                SqliteConnectionsClosed();
                var orders = set.Steps.Single(s => s.Name == "orders");
                Console.Error.WriteLine("Raw bulk loader on the same rows …");
                var raw = provider == "sqlite" ? await SqliteImport(connection, work, RawOrders, ct) : await PostgresCopy(connection, work, RawOrders, ct);
                loaders.Add(new Loader("import orders .csv (validated) vs raw loader", orders.Rows, orders.Elapsed.TotalSeconds, raw, provider == "sqlite" ? "sqlite3 .import" : "COPY FROM"));
                // Opportunities with their stage history and lines: every row the import wrote, in three tables, against the raw loader writing the same rows.
                var deals = set.Steps.Single(s => s.Name == "opportunities");
                var rawDeals = provider == "sqlite" ? await SqliteImport(connection, work, RawOpportunities, ct) : await PostgresCopy(connection, work, RawOpportunities, ct);
                loaders.Add(new Loader("import opportunities .csv with stage history (validated) vs raw loader", deals.Rows, deals.Elapsed.TotalSeconds, rawDeals,
                    provider == "sqlite" ? "sqlite3 .import (3 tables)" : "COPY FROM (3 tables)"));
            }

            Console.Error.WriteLine("Monitoring queries against hand-written SQL …");
            var queries = await Queries(services, provider, Math.Max(1, parse.GetValue(runs)), ct);

            Console.Error.WriteLine("Export …");
            loaders.AddRange(await Exports(services, provider, connection, work, ct));

            var apiSeconds = parse.GetValue(seconds);
            var (loads, note, peak, after, memory) = apiSeconds > 0 ? await Api(provider, connection, apiSeconds, Path.Combine(work, "files", "accounts.csv"), ct)
                : ([], "not measured (--api-seconds 0)", null, null, []);

            if (set is not null)
            {
                Console.Error.WriteLine("Import orders .xlsx …");
                loaders.Add(await XlsxImport(services, set, work, ct));
            }

            var report = new Report(provider, name, DateTime.UtcNow, Machine(), set?.Steps ?? [], loaders, queries, loads, note, peak, after, memory);
            var folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var stem = Path.Combine(folder, again ? $"{provider}-{name}-rerun" : $"{provider}-{name}");
            await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(report, Json), ct);
            await File.WriteAllTextAsync(stem + ".md", Markdown(report), ct);
            Console.WriteLine(Markdown(report));
            Console.Error.WriteLine($"Wrote {stem}.md and .json");
            return CliHost.Ok;
        });
        return command;
    }

    // ------------------------------------------------------------------ imports

    static void SqliteConnectionsClosed() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    /// <summary>A table's generated rows, by a condition, and the columns the raw loader writes (* for all, in the table's order).</summary>
    sealed record RawTable(string Table, string Columns, string Where, bool Cloned = false);

    static RawTable[] RawOrders => [new("sales_order_lines", RawColumns(), "\"OrderNumber\" LIKE 'BO%'")];

    /// <summary>The generated opportunities with their stage history and lines: what the opportunity import wrote, parents first.</summary>
    static RawTable[] RawOpportunities
    {
        get
        {
            const string Generated = "\"OpportunityId\" IN (SELECT \"Id\" FROM exe_opportunities WHERE \"Name\" LIKE '基准商机%')";
            // On PostgreSQL other tables (contracts) point at these deals: their rows are copied back under new ids rather than deleted first.
            return [new("exe_opportunities", "*", "\"Name\" LIKE '基准商机%'", true), new("exe_opportunity_moves", "*", Generated, true), new("exe_opportunity_lines", "*", Generated, true)];
        }
    }

    /// <summary>
    /// The tables' generated rows as raw CSV (exported untimed), removed from a copy of the database,
    /// then loaded back by sqlite3's .import, timed: same rows, same schema and indexes.
    /// </summary>
    static async Task<double?> SqliteImport(string connection, string work, RawTable[] tables, CancellationToken ct)
    {
        var db = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
        var copy = Path.Combine(work, "raw.db");
        var files = tables.Select(t => Path.Combine(work, $"raw-{t.Table}.csv")).ToArray();
        for (var i = 0; i < tables.Length; i++)
            await Tool("sqlite3", ["-csv", db, $"SELECT {await SqliteColumns(db, tables[i], ct)} FROM {tables[i].Table} WHERE {tables[i].Where}"], files[i], ct);
        File.Copy(db, copy, overwrite: true);
        // Children before their parents (sqlite3 does not enforce the foreign keys unless asked).
        foreach (var t in tables.Reverse()) await Tool("sqlite3", [copy, $"DELETE FROM {t.Table} WHERE {t.Where}"], null, ct);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < tables.Length; i++) await Tool("sqlite3", [copy, $".import --csv {files[i]} {tables[i].Table}"], null, ct);
        var seconds = watch.Elapsed.TotalSeconds;
        File.Delete(copy);
        return seconds;
    }

    /// <summary>
    /// The columns to export for sqlite3's .import, in the table's order. .import reads an empty field as
    /// '' rather than NULL, which a unique index on a nullable column (an external id) refuses the second
    /// time: those export a unique stand-in (the row's id), so the index does the same work.
    /// </summary>
    static async Task<string> SqliteColumns(string db, RawTable table, CancellationToken ct)
    {
        if (table.Columns != "*") return table.Columns;
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table.Table}') ORDER BY cid";
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) columns.Add(reader.GetString(0));
        return string.Join(", ", columns.Select(c => c == "ExternalId" ? "COALESCE(\"ExternalId\", \"Id\")" : $"\"{c}\""));
    }

    static async Task<double?> PostgresCopy(string connection, string work, RawTable[] tables, CancellationToken ct)
    {
        var files = tables.Select(t => Path.Combine(work, $"raw-{t.Table}.csv")).ToArray();
        var targets = new string[tables.Length];
        for (var i = 0; i < tables.Length; i++)
        {
            var (select, into) = tables[i].Cloned ? await Renumbered(connection, tables[i].Table, ct) : (tables[i].Columns, tables[i].Columns == "*" ? "" : $" ({tables[i].Columns})");
            targets[i] = into;
            await Psql(connection, $"\\copy (SELECT {select} FROM {tables[i].Table} WHERE {tables[i].Where}) TO '{files[i]}' CSV", ct);
        }
        // The same rows copied back inside one transaction that is rolled back: only the COPYs are timed. Orders are deleted
        // first; deals other tables point at (contracts) stay, and their rows come back under new ids, foreign keys checked.
        var script = Path.Combine(work, "copy.sql");
        var sql = new StringBuilder("BEGIN;\n");
        foreach (var t in tables.Reverse().Where(t => !t.Cloned)) sql.Append(CultureInfo.InvariantCulture, $"DELETE FROM {t.Table} WHERE {t.Where};\n");
        sql.Append("\\timing on\n");
        for (var i = 0; i < tables.Length; i++)
            sql.Append(CultureInfo.InvariantCulture, $"\\copy {tables[i].Table}{targets[i]} FROM '{files[i]}' CSV\n");
        sql.Append("\\timing off\nROLLBACK;\n");
        await File.WriteAllTextAsync(script, sql.ToString(), ct);
        var output = await Psql(connection, null, ct, script);
        var matches = TimingLine().Matches(output);
        return matches.Count == tables.Length ? matches.Sum(m => double.Parse(m.Groups[1].Value, Inv)) / 1000d : null;
    }

    /// <summary>
    /// A deal table's columns exported under new ids (the same new id for a deal and its rows: md5 of the old one), without
    /// the owned rows' identity and without the external id (unique), and the column list the COPY writes them into.
    /// </summary>
    static async Task<(string Select, string Into)> Renumbered(string connection, string table, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = @t ORDER BY ordinal_position", db);
        command.Parameters.AddWithValue("t", table);
        var columns = new List<(string Name, string Type)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) columns.Add((reader.GetString(0), reader.GetString(1)));
        var kept = columns.Where(c => !(c.Name == "Id" && c.Type == "integer")).ToList();
        string Expression((string Name, string Type) c) => c.Name switch
        {
            "Id" or "OpportunityId" => $"md5(\"{c.Name}\"::text || 'raw')::uuid",
            "ExternalId" => "NULL",
            _ => $"\"{c.Name}\"",
        };
        return (string.Join(", ", kept.Select(Expression)), $" ({string.Join(", ", kept.Select(c => $"\"{c.Name}\""))})");
    }

    static string RawColumns() => string.Join(", ", OrderColumns.Select(c => $"\"{c}\""));

    static async Task<Loader> XlsxImport(IServiceProvider services, BenchDataSet set, string work, CancellationToken ct)
    {
        var file = Path.Combine(work, "orders.xlsx");
        // The same rows as the .csv, as a workbook, under new order numbers so they book beside them (the generated file has no quoted cells).
        var lines = File.ReadLines(Path.Combine(set.Folder, "orders.csv"));
        var headers = lines.First().Split(',');
        IEnumerable<object?[]> Rows() => lines.Skip(1).Select(l => l.Split(',')).Select(c => (object?[])[.. c.Select((v, i) => i == 0 ? "XO" + v[2..] : (object?)v)]);
        await using (var stream = File.Create(file))
            PlanLoop.Features.Workbooks.TabularFile.WriteTo(stream, "orders", headers, Rows(), csv: false);
        var watch = Stopwatch.StartNew();
        await using var input = File.OpenRead(file);
        var result = await services.GetRequiredService<ImportOrders>().Handle(input, "orders.xlsx", null, false, Viewer.System, null, ct);
        if (!result.Applied) throw new InvalidOperationException($"The .xlsx import was refused: {string.Join("; ", result.Errors.Take(3))}");
        return new Loader("import orders .xlsx (validated)", result.Written, watch.Elapsed.TotalSeconds, null, "");
    }

    // ------------------------------------------------------------------ queries

    static async Task<List<Measure>> Queries(IServiceProvider services, string provider, int runs, CancellationToken ct)
    {
        var pg = provider != "sqlite";
        var list = new List<Measure>();
        const string Window = "o.\"BookedOn\" >= '2024-01-01' AND o.\"BookedOn\" <= '2024-09-30'";
        var month = pg ? "EXTRACT(MONTH FROM o.\"BookedOn\")" : "CAST(substr(o.\"BookedOn\", 6, 2) AS INTEGER)";
        string ByJoin(string table, string column) =>
            $"SELECT d.\"Code\", SUM(o.\"Amount\"), COUNT(*) FROM sales_order_lines o LEFT JOIN {table} d ON d.\"Id\" = o.\"{column}\" WHERE {Window} GROUP BY d.\"Code\"";
        var byDimension = new Dictionary<ActualDimension, string>
        {
            [ActualDimension.Month] = $"SELECT {month}, SUM(o.\"Amount\"), COUNT(*) FROM sales_order_lines o WHERE {Window} GROUP BY {month}",
            [ActualDimension.Quarter] = $"SELECT ({month} + 2) / 3, SUM(o.\"Amount\"), COUNT(*) FROM sales_order_lines o WHERE {Window} GROUP BY ({month} + 2) / 3",
            [ActualDimension.Region] = ByJoin("org_regions", "RegionId"),
            [ActualDimension.ProductLine] = ByJoin("org_product_lines", "ProductLineId"),
            [ActualDimension.Channel] = ByJoin("org_channels", "ChannelId"),
            [ActualDimension.Team] = $"SELECT t.\"Code\", SUM(o.\"Amount\"), COUNT(*) FROM sales_order_lines o LEFT JOIN org_people p ON p.\"Id\" = o.\"OwnerId\" LEFT JOIN org_teams t ON t.\"Id\" = p.\"TeamId\" WHERE {Window} GROUP BY t.\"Code\"",
            [ActualDimension.Rep] = $"SELECT p.\"Name\", SUM(o.\"Amount\"), COUNT(*) FROM sales_order_lines o LEFT JOIN org_people p ON p.\"Id\" = o.\"OwnerId\" WHERE {Window} GROUP BY p.\"Name\"",
            [ActualDimension.Tier] = $"SELECT a.\"Tier\", SUM(o.\"Amount\"), COUNT(*) FROM sales_order_lines o JOIN cust_accounts a ON a.\"Id\" = o.\"AccountId\" WHERE {Window} GROUP BY a.\"Tier\"",
        };
        var pva = services.GetRequiredService<GetPlanVsActual>();
        foreach (var (dimension, sql) in byDimension)
            list.Add(await Time(services, $"plan vs actual by {dimension.ToString().ToLowerInvariant()}", runs, () => pva.Handle(2024, dimension, null, null, Viewer.System, ct), [sql], ct));
        list.Add(await Time(services, "pivot region × quarter", runs, () => pva.Handle(2024, ActualDimension.Region, ActualDimension.Quarter, null, Viewer.System, ct),
            [$"SELECT r.\"Code\", ({month} + 2) / 3, SUM(o.\"Amount\"), COUNT(*) FROM sales_order_lines o LEFT JOIN org_regions r ON r.\"Id\" = o.\"RegionId\" WHERE {Window} GROUP BY r.\"Code\", ({month} + 2) / 3"], ct));
        list.Add(await Time(services, "customers by region (distinct buyers)", runs, () => pva.Handle(2024, PlanLoop.Domain.Planning.Kpi.CustomerCount, ActualDimension.Region, null, null, Viewer.System, ct),
            [$"SELECT r.\"Code\", SUM(o.\"Amount\"), COUNT(*), COUNT(DISTINCT o.\"AccountId\") FROM sales_order_lines o LEFT JOIN org_regions r ON r.\"Id\" = o.\"RegionId\" WHERE {Window} GROUP BY r.\"Code\"",
             $"SELECT COUNT(DISTINCT o.\"AccountId\") FROM sales_order_lines o WHERE {Window}"], ct));
        list.Add(await Time(services, "drill-down: largest 100 lines of a region", runs,
            () => pva.Drill(2024, new Dictionary<ActualDimension, string?> { [ActualDimension.Region] = "EAST" }, Viewer.System, 0, 100, ct),
            [$"SELECT o.\"OrderNumber\", o.\"BookedOn\", a.\"Name\", o.\"Amount\" FROM sales_order_lines o JOIN cust_accounts a ON a.\"Id\" = o.\"AccountId\" JOIN org_regions r ON r.\"Id\" = o.\"RegionId\" WHERE {Window} AND r.\"Code\" = 'EAST' ORDER BY o.\"Amount\" DESC LIMIT 100"], ct));
        var least = pg ? "LEAST" : "MIN";
        var collectionSql = $"SELECT SUM(n.\"Amount\"), SUM({least}(n.\"Amount\", COALESCE((SELECT SUM(p.\"Amount\") FROM exe_payments p WHERE p.\"InstalmentId\" = n.\"Id\" AND p.\"ReceivedOn\" <= '2024-09-30'), 0))) " +
            "FROM exe_payment_nodes n JOIN exe_contracts c ON c.\"Id\" = n.\"ContractId\" WHERE n.\"DueOn\" >= '2024-01-01' AND n.\"DueOn\" <= '2024-09-30'";
        var collection = services.GetRequiredService<GetCollectionReport>();
        // The report also shows what is open by age, overdue by owner, and the reminder and alert lists: the same by hand.
        const string Open = "FROM exe_payment_nodes n JOIN exe_contracts c ON c.\"Id\" = n.\"ContractId\" AND c.\"Status\" = 'Signed' " +
            "LEFT JOIN (SELECT \"InstalmentId\", SUM(\"Amount\") AS paid FROM exe_payments WHERE \"ReceivedOn\" <= '2024-09-30' GROUP BY \"InstalmentId\") p ON p.\"InstalmentId\" = n.\"Id\" " +
            "WHERE n.\"Amount\" > COALESCE(p.paid, 0)";
        var dueMonth = pg ? "EXTRACT(MONTH FROM n.\"DueOn\")" : "CAST(substr(n.\"DueOn\", 6, 2) AS INTEGER)";
        string[] collectionReport =
        [
            $"SELECT {dueMonth}, SUM(n.\"Amount\") FROM exe_payment_nodes n JOIN exe_contracts c ON c.\"Id\" = n.\"ContractId\" AND c.\"Status\" = 'Signed' WHERE n.\"DueOn\" >= '2024-01-01' AND n.\"DueOn\" <= '2024-09-30' GROUP BY {dueMonth}",
            collectionSql,
            $"SELECT CASE WHEN n.\"DueOn\" >= '2024-09-30' THEN 0 WHEN n.\"DueOn\" >= '2024-08-31' THEN 1 WHEN n.\"DueOn\" >= '2024-08-01' THEN 2 WHEN n.\"DueOn\" >= '2024-07-02' THEN 3 ELSE 4 END, SUM(n.\"Amount\" - COALESCE(p.paid, 0)), COUNT(*) {Open} GROUP BY 1",
            $"SELECT w.\"Name\", SUM(n.\"Amount\" - COALESCE(p.paid, 0)), COUNT(*) {Open} AND n.\"DueOn\" < '2024-09-30' GROUP BY w.\"Name\"".Replace("WHERE n.", "LEFT JOIN org_people w ON w.\"Id\" = c.\"OwnerId\" WHERE n.", StringComparison.Ordinal),
            $"SELECT c.\"Number\", n.\"Name\", n.\"DueOn\", n.\"Amount\" - COALESCE(p.paid, 0) {Open} AND n.\"DueOn\" >= '2024-09-30' AND n.\"DueOn\" <= '2024-10-07' ORDER BY n.\"DueOn\" LIMIT 200",
            $"SELECT c.\"Number\", n.\"Name\", n.\"DueOn\", n.\"Amount\" - COALESCE(p.paid, 0) {Open} AND n.\"DueOn\" < '2024-09-30' ORDER BY n.\"DueOn\" LIMIT 200",
        ];
        list.Add(await Time(services, "collection report by month (rate, ageing, overdue, reminders)", runs, () => collection.Handle(2024, CollectionDimension.Month, Viewer.System, ct), collectionReport, ct));
        var dashboard = services.GetRequiredService<GetDashboard>();
        list.Add(await Time(services, "home dashboard (all cards and charts)", runs, () => dashboard.Handle(2024, null, Viewer.System, ct),
        [
            byDimension[ActualDimension.Month], $"SELECT COUNT(DISTINCT o.\"AccountId\") FROM sales_order_lines o WHERE {Window}", collectionSql,
            $"SELECT r.\"Code\", SUM(o.\"Amount\") FROM sales_order_lines o LEFT JOIN org_regions r ON r.\"Id\" = o.\"RegionId\" WHERE o.\"BookedOn\" >= '2024-07-01' AND o.\"BookedOn\" <= '2024-09-30' GROUP BY r.\"Code\"",
            byDimension[ActualDimension.ProductLine], byDimension[ActualDimension.Channel],
            "SELECT o.\"StageCode\" = 'WON', COUNT(*) FROM exe_opportunities o WHERE o.\"ClosedOn\" >= '2024-01-01' AND o.\"ClosedOn\" <= '2024-09-30' GROUP BY o.\"StageCode\" = 'WON'",
            "SELECT COUNT(*), COUNT(l.\"WorkedOn\"), SUM(CASE WHEN l.\"Status\" IN ('Qualified', 'Converted') THEN 1 ELSE 0 END) FROM exe_leads l WHERE l.\"CreatedOn\" >= '2024-01-01' AND l.\"CreatedOn\" <= '2024-09-30'",
        ], ct));
        var funnel = services.GetRequiredService<GetFunnelAndCustomers>();
        list.Add(await Time(services, "funnel, customers and channels", runs, () => funnel.Handle(2024, null, Viewer.System, ct), [], ct));
        var variance = services.GetRequiredService<GetVariance>();
        list.Add(await Time(services, "variance by product line", runs, () => variance.Handle(2024, ActualDimension.ProductLine, null, Viewer.System, ct),
            [byDimension[ActualDimension.ProductLine], byDimension[ActualDimension.ProductLine].Replace("2024-01-01", "2023-01-01", StringComparison.Ordinal).Replace("2024-09-30", "2023-12-31", StringComparison.Ordinal)], ct));
        var scenarios = services.GetRequiredService<PlanLoop.Features.Optimization.RunScenarios>();
        PlanLoop.Domain.Optimization.DriverChange[] changes = [new(PlanLoop.Domain.Optimization.Driver.WinRate, PlanLoop.Domain.Optimization.ChangeKind.Percent, 0.1m),
            new(PlanLoop.Domain.Optimization.Driver.BundleUplift, PlanLoop.Domain.Optimization.ChangeKind.Set, 0.12m), new(PlanLoop.Domain.Optimization.Driver.RebateRate, PlanLoop.Domain.Optimization.ChangeKind.Set, 0.05m)];
        list.Add(await Time(services, "what-if scenario: measure the driver tree, 3 changes, contributions and tornado", runs, () => scenarios.Run(Viewer.System, 2024, changes, 0.1m, ct), [], ct));
        return list;
    }

    static async Task<Measure> Time<T>(IServiceProvider services, string name, int runs, Func<Task<T>> ours, string[] hand, CancellationToken ct)
    {
        var dbs = services.GetRequiredService<IDbContextFactory<PlanLoopDbContext>>();
        Console.Error.WriteLine($"  {name}");
        // The views are cached until the next write (ReadCache): every timed run follows a "write", so it computes.
        var version = services.GetRequiredService<DataVersion>();
        var mine = await Repeat(runs, async () =>
        {
            version.Bump();
            await ours();
        });
        if (hand.Length == 0) return new Measure(name, Percentile(mine, 0.5), Percentile(mine, 0.95), null, null, runs);
        var theirs = await Repeat(runs, async () =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            foreach (var sql in hand)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            }
        });
        return new Measure(name, Percentile(mine, 0.5), Percentile(mine, 0.95), Percentile(theirs, 0.5), Percentile(theirs, 0.95), runs);
    }

    static async Task<List<double>> Repeat(int runs, Func<Task> work)
    {
        await work(); // warm-up: plans compiled, pages cached
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    /// <summary>Nearest-rank percentile.</summary>
    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    // ------------------------------------------------------------------ export

    static async Task<List<Loader>> Exports(IServiceProvider services, string provider, string connection, string work, CancellationToken ct)
    {
        var export = services.GetRequiredService<ExportOrders>();
        var result = new List<Loader>();
        var rawSql = "SELECT o.\"OrderNumber\", o.\"BookedOn\", COALESCE(a.\"CreditCode\", a.\"Name\"), o.\"Amount\" / 10000.0, p.\"Code\", l.\"Code\", r.\"Code\", c.\"Code\", w.\"Name\", k.\"Number\" " +
            "FROM sales_order_lines o JOIN cust_accounts a ON a.\"Id\" = o.\"AccountId\" LEFT JOIN org_products p ON p.\"Id\" = o.\"ProductId\" LEFT JOIN org_product_lines l ON l.\"Id\" = o.\"ProductLineId\" " +
            "LEFT JOIN org_regions r ON r.\"Id\" = o.\"RegionId\" LEFT JOIN org_channels c ON c.\"Id\" = o.\"ChannelId\" LEFT JOIN org_people w ON w.\"Id\" = o.\"OwnerId\" " +
            "LEFT JOIN exe_contracts k ON k.\"Id\" = o.\"ContractId\" ORDER BY o.\"BookedOn\", o.\"OrderNumber\"";
        var rawFile = Path.Combine(work, "raw-export.csv");
        var watch = Stopwatch.StartNew();
        if (provider == "sqlite")
            await Tool("sqlite3", ["-csv", "-header", new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource, rawSql], rawFile, ct);
        else
            await Psql(connection, $"\\copy ({rawSql}) TO '{rawFile}' CSV HEADER", ct);
        var raw = watch.Elapsed.TotalSeconds;
        foreach (var csv in new[] { true, false })
        {
            var file = Path.Combine(work, csv ? "export.csv" : "export.xlsx");
            watch.Restart();
            long rows;
            await using (var stream = File.Create(file))
                rows = await export.Handle(stream, csv, null, null, Viewer.System, null, ct);
            result.Add(new Loader($"export orders {(csv ? ".csv" : ".xlsx")} vs raw export", rows, watch.Elapsed.TotalSeconds, raw, provider == "sqlite" ? "sqlite3 -csv" : "COPY TO"));
        }
        return result;
    }

    // ------------------------------------------------------------------ API

    static async Task<(List<Load>, string?, double?, double?, List<MemoryPoint>)> Api(string provider, string connection, int seconds, string accountsFile, CancellationToken ct)
    {
        if (!File.Exists("/usr/bin/wrk") && !File.Exists("/usr/local/bin/wrk")) return ([], "not measured: wrk is not installed (apt-get install wrk)", null, null, []);
        var config = Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var web = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "PlanLoop.Web", config, "PlanLoop.Web.dll"));
        if (!File.Exists(web)) return ([], $"not measured: the web app is not built ({web})", null, null, []);
        var port = 5900 + Random.Shared.Next(90);
        var start = new ProcessStartInfo("dotnet", [web, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.Environment["PlanLoop__Database__Provider"] = provider;
        start.Environment["ConnectionStrings__PlanLoop"] = connection;
        start.Environment["PlanLoop__AsOf"] = AsOf;
        start.Environment["PlanLoop__Demo"] = "true";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            for (var i = 0; ; i++)
            {
                try { if ((await http.GetAsync("/health", ct)).IsSuccessStatusCode) break; }
                catch (HttpRequestException) when (i < 240) { }
                if (i >= 240) return ([], "not measured: the web app did not start", null, null, []);
                await Task.Delay(500, ct);
            }
            var token = await http.PostAsJsonAsync("/api/auth/token", new { userName = "director", password = PlanLoop.Features.Demo.DemoUsers.Password }, ct);
            var bearer = (await token.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            var list = await http.GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=1&search=基准客户", ct);
            var account = list.GetProperty("rows") is { ValueKind: JsonValueKind.Array } items && items.GetArrayLength() > 0 ? items[0].GetProperty("id").GetString() : null;
            var loads = new List<Load>();
            var bare = await Wrk("/api/ping", bearer, port, seconds, ct);
            loads.Add(bare);
            // Cheapest first; the account list (a 12-month purchase sum per account, seconds a page at 100,000 accounts) last.
            var endpoints = new List<string> { "/api/monitoring/plan-vs-actual?year=2024&by=region", "/api/monitoring/dashboard?year=2024", "/api/accounts?pageSize=50" };
            if (account is not null) endpoints.Insert(2, $"/api/accounts/{account}");
            foreach (var endpoint in endpoints)
            {
                // Requests wrk left in flight keep the server busy (a SQLite statement is not interrupted when its client goes):
                // wait until the server is idle, so each endpoint is measured on its own.
                await Settle(server.Id, ct);
                // One request first (timed): a monitoring view is computed then and read from the cache until the next write,
                // so wrk measures the steady state and the first request shows the cold cost.
                var first = Stopwatch.StartNew();
                (await http.GetAsync(endpoint, ct)).EnsureSuccessStatusCode();
                var cold = first.Elapsed.TotalMilliseconds;
                await Settle(server.Id, ct);
                var load = await Wrk(endpoint, bearer, port, seconds, ct);
                loads.Add(load with { OfBare = load.RequestsPerSecond / Math.Max(1e-9, bare.RequestsPerSecond), FirstMs = cold });
            }
            server.Refresh();
            var (peak, now) = Rss(server.Id);
            var memory = new List<MemoryPoint> { new("the read load", now, peak, 0) };
            // Then the heavy single requests a person makes (whole exports, an import's check of the data set's file), and
            // the server left alone: the memory must come back near where it was (issue: 552 MB after a 100,000-account export, staying).
            async Task Measured(string what, Func<Task> work)
            {
                await Settle(server.Id, ct);
                var watch = Stopwatch.StartNew();
                await work();
                var (p, n) = Rss(server.Id);
                memory.Add(new MemoryPoint(what, n, p, watch.Elapsed.TotalSeconds));
                Console.Error.WriteLine($"  {what}: RSS {n:0} MB (peak {p:0} MB)");
            }
            async Task Download(string path)
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                await body.CopyToAsync(Stream.Null, ct);
            }
            await Measured("exporting every account (.csv)", () => Download("/api/accounts/export?format=csv"));
            await Measured("exporting every account (.xlsx)", () => Download("/api/accounts/export?format=xlsx"));
            await Measured("exporting every order line (.csv)", () => Download("/api/exports/orders?format=csv"));
            await Measured("exporting every order line (.xlsx)", () => Download("/api/exports/orders?format=xlsx"));
            if (File.Exists(accountsFile))
                await Measured("checking the data set's accounts file (import dry run)", async () =>
                {
                    await using var file = File.OpenRead(accountsFile);
                    using var form = new MultipartFormDataContent { { new StreamContent(file), "file", "accounts.csv" } };
                    (await http.PostAsync("/api/imports/accounts?dryRun=true", form, ct)).EnsureSuccessStatusCode();
                });
            await Measured("30 s idle", () => Task.Delay(TimeSpan.FromSeconds(30), ct));
            return (loads, null, peak, now, memory);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    static async Task<Load> Wrk(string path, string bearer, int port, int seconds, CancellationToken ct)
    {
        Console.Error.WriteLine($"  wrk {path}");
        var output = await Tool("wrk", ["-t2", "-c16", $"-d{seconds}s", "--timeout", "30s", "--latency", "-H", $"Authorization: Bearer {bearer}", $"http://127.0.0.1:{port}{path}"], null, ct);
        double Number(Regex pattern) => pattern.Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, Inv) * Unit(m.Groups[2].Value) : double.NaN;
        var errors = 0L;
        if (Non2xx().Match(output) is { Success: true } bad) errors += long.Parse(bad.Groups[1].Value, Inv);
        if (SocketErrors().Match(output) is { Success: true } socket)
            errors += socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, Inv));
        var requests = RequestsLine().Match(output) is { Success: true } r ? long.Parse(r.Groups[1].Value, Inv) : 0;
        return new Load(path, Number(RequestsPerSecond()), Number(Latency50()), Number(Latency99()), requests, errors, null);
    }

    /// <summary>Waits (up to two minutes) until a process has used less than 5% of a core over half a second.</summary>
    static async Task Settle(int pid, CancellationToken ct)
    {
        static double CpuSeconds(int pid)
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (double.Parse(fields[11], Inv) + double.Parse(fields[12], Inv)) / 100d;   // utime + stime, in clock ticks of 1/100 s
        }
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            var before = CpuSeconds(pid);
            await Task.Delay(500, ct);
            if (CpuSeconds(pid) - before < 0.025) return;
        }
    }

    static double Unit(string unit) => unit switch { "us" => 0.001, "s" => 1000, "m" => 60_000, "" => 1, _ => 1 };

    /// <summary>Peak and current resident memory of a process, in MB (VmHWM and VmRSS of /proc/PID/status).</summary>
    static (double? Peak, double? Now) Rss(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        double? Kb(string key) => status.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line
            ? double.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], Inv) / 1024d : null;
        return (Kb("VmHWM"), Kb("VmRSS"));
    }

    // ------------------------------------------------------------------ tools

    static async Task<string> Tool(string tool, IReadOnlyList<string> arguments, string? stdoutFile, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string output;
        var errors = process.StandardError.ReadToEndAsync(ct);
        if (stdoutFile is not null)
        {
            await using var file = File.Create(stdoutFile);
            await process.StandardOutput.BaseStream.CopyToAsync(file, ct);
            output = "";
        }
        else output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await errors}");
        return output;
    }

    static Task<string> Psql(string connection, string? command, CancellationToken ct, string? file = null)
    {
        var b = new NpgsqlConnectionStringBuilder(connection);
        var args = new List<string> { "-X", "-v", "ON_ERROR_STOP=1", "-h", b.Host!, "-p", b.Port.ToString(Inv), "-U", b.Username!, "-d", b.Database! };
        if (command is not null) args.AddRange(["-c", command]);
        if (file is not null) args.AddRange(["-f", file]);
        if (b.Password is { } password) Environment.SetEnvironmentVariable("PGPASSWORD", password);
        return Tool("psql", args, null, ct);
    }

    static async Task<string> FreshPostgres(string server, string database, CancellationToken ct)
    {
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    static string Machine() =>
        $"{Environment.ProcessorCount} cores, {(File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim() : "?")} memory, .NET {Environment.Version}, " +
        $"{(File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() : "")}";

    // ------------------------------------------------------------------ report

    static string Markdown(Report r)
    {
        var md = new StringBuilder();
        string F(double? v, string format = "0.0") => v is { } x && !double.IsNaN(x) ? x.ToString(format, Inv) : "—";
        md.AppendLine(Inv, $"# PlanLoop benchmark — {r.Provider}, {r.Scale} scale");
        md.AppendLine();
        md.AppendLine(Inv, $"Run {r.RanAt:yyyy-MM-dd HH:mm} UTC on {r.Machine}. Business day {AsOf}. Timings are measured, never asserted.");
        md.AppendLine();
        md.AppendLine("## Data set (generated through the importers)");
        md.AppendLine();
        md.AppendLine("| step | rows | seconds | rows/s |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var s in r.Generation) md.AppendLine(Inv, $"| {s.Name} | {s.Rows:N0} | {F(s.Elapsed.TotalSeconds)} | {F(s.RowsPerSecond, "N0")} |");
        md.AppendLine();
        md.AppendLine("## Import and export against the database's own tools");
        md.AppendLine();
        md.AppendLine("| what | rows | PlanLoop s | rows/s | raw tool | raw s | raw rows/s | PlanLoop ÷ raw (rate) |");
        md.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|");
        foreach (var l in r.Loaders)
            md.AppendLine(Inv, $"| {l.Name} | {l.Rows:N0} | {F(l.Seconds, "0.00")} | {F(l.RowsPerSecond, "N0")} | {l.RawTool} | {F(l.RawSeconds, "0.00")} | {F(l.RawRowsPerSecond, "N0")} | {F(l.RawRowsPerSecond is { } raw ? l.RowsPerSecond / raw : null, "0.00")} |");
        md.AppendLine();
        md.AppendLine("## Monitoring queries against the same aggregate in hand-written SQL");
        md.AppendLine();
        md.AppendLine("| query | runs | PlanLoop p50 ms | p95 ms | hand SQL p50 ms | p95 ms | ratio (p50) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var q in r.Queries)
            md.AppendLine(Inv, $"| {q.Name} | {q.Runs} | {F(q.P50Ms)} | {F(q.P95Ms)} | {F(q.HandP50Ms)} | {F(q.HandP95Ms)} | {F(q.Ratio, "0.00")} |");
        md.AppendLine();
        md.AppendLine("## API reads under wrk (2 threads, 16 connections, loopback)");
        md.AppendLine();
        if (r.ApiNote is not null) md.AppendLine(r.ApiNote);
        else
        {
            md.AppendLine("| endpoint | first request ms | requests/s | p50 ms | p99 ms | requests | errors | of bare |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var a in r.Api)
                md.AppendLine(Inv, $"| `{a.Endpoint}` | {F(a.FirstMs, "0")} | {F(a.RequestsPerSecond, "N0")} | {F(a.P50Ms, "0.00")} | {F(a.P99Ms, "0.00")} | {a.Requests:N0} | {a.Errors:N0} | {(a.OfBare is { } o ? o.ToString("P0", Inv) : "bare")} |");
            md.AppendLine();
            md.AppendLine(Inv, $"Server memory: peak RSS {F(r.PeakRssMb)} MB, {F(r.RssAfterMb)} MB after the load.");
            if (r.Memory.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("| server memory after | seconds | RSS MB | peak RSS so far MB |");
                md.AppendLine("|---|---:|---:|---:|");
                foreach (var m in r.Memory) md.AppendLine(Inv, $"| {m.After} | {m.Seconds:0.0} | {F(m.RssMb)} | {F(m.PeakMb)} |");
            }
        }
        return md.ToString();
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)()")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"\s50%\s+([\d.]+)(us|ms|s|m)")]
    private static partial Regex Latency50();

    [GeneratedRegex(@"\s99%\s+([\d.]+)(us|ms|s|m)")]
    private static partial Regex Latency99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"COPY \d+\s+Time: ([\d.]+) ms")]
    private static partial Regex TimingLine();
}
