using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;
using Spectre.Console;

namespace PlanLoop.Cli;

/// <summary><c>planloop report attainment</c>: the same plan-vs-actual figures as the web app, as text, JSON or CSV.</summary>
static class ReportCommands
{
    static IReadOnlyDictionary<string, Kpi> Kpis => GetPlanVsActual.KpiCodes;

    public static Command Create()
    {
        var by = new Option<string?>("--by") { Description = "One dimension or two (a pivot): month, quarter, region, productline, channel, team, rep, tier. Without it: every KPI card." };
        var kpi = new Option<string>("--kpi") { Description = $"The KPI ({string.Join(", ", Kpis.Keys)}); revenue, customers, deal-size and arpu are cut by dimensions; collection by month, quarter, region, team, rep or tier.", DefaultValueFactory = _ => "revenue" };
        var period = new Option<int?>("--period") { Description = "The fiscal year (default: the business day's)." };
        var version = new Option<Guid?>("--version") { Description = "A plan version id (default: the year's approved version)." };
        var format = new Option<string>("--format") { Description = "text, json or csv.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var attainment = new Command("attainment", "Plan vs actual to the business day, as the dashboard and the plan-vs-actual page show it. Exit 0, or 2 for bad usage.")
        {
            by, kpi, period, version, format,
        };
        attainment.SetAction(async (parse, ct) =>
        {
            if (!Kpis.TryGetValue(parse.GetValue(kpi)!, out var chosen)) { Console.Error.WriteLine($"--kpi: one of {string.Join(", ", Kpis.Keys)}."); return CliHost.Usage; }
            var dims = new List<ActualDimension>();
            foreach (var d in (parse.GetValue(by) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<ActualDimension>(d, true, out var dim) || int.TryParse(d, out _)) { Console.Error.WriteLine($"--by '{d}': one of {string.Join(", ", Enum.GetNames<ActualDimension>().Select(n => n.ToLowerInvariant()))}."); return CliHost.Usage; }
                dims.Add(dim);
            }
            if (dims.Count > 2) { Console.Error.WriteLine("--by: at most two dimensions (a pivot)."); return CliHost.Usage; }
            CollectionDimension? collectionBy = dims.Count == 1 && chosen == Kpi.CollectionRate ? dims[0] switch
            {
                ActualDimension.Month => CollectionDimension.Month,
                ActualDimension.Quarter => CollectionDimension.Quarter,
                ActualDimension.Region => CollectionDimension.Region,
                ActualDimension.Team => CollectionDimension.Team,
                ActualDimension.Rep => CollectionDimension.Owner,
                ActualDimension.Tier => CollectionDimension.Tier,
                _ => null,
            } : null;
            if (dims.Count > 0 && !GetPlanVsActual.Cuttable.Contains(chosen) && collectionBy is null)
            {
                Console.Error.WriteLine("--by: revenue, customers, deal-size and arpu are cut by one or two dimensions, collection by one of month, quarter, region, team, rep, tier; drop --by for the other KPIs.");
                return CliHost.Usage;
            }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var year = parse.GetValue(period) ?? host.Services.GetRequiredService<BusinessDay>().Today().Year;
            var fmt = parse.GetValue(format)!;
            if (dims.Count == 0)
            {
                var dashboard = await host.Services.GetRequiredService<GetDashboard>().Handle(year, parse.GetValue(version), Viewer.System, ct);
                var cards = dashboard.Kpis.Where(c => parse.GetResult(kpi) is null || c.Kpi == chosen).ToList();
                if (fmt == "json") { Console.WriteLine(JsonSerializer.Serialize(new { dashboard.Year, dashboard.AsOf, dashboard.Expected, cards }, CliHost.Json)); return CliHost.Ok; }
                var rows = cards.Select(c => new[] { c.Kpi.ToString(), N(c.Figures.Target), N(c.Figures.Actual), P(c.Figures.Attainment), P(c.Figures.Expected), N(c.Figures.Remaining), N(c.Figures.RunRateNeeded), c.Figures.Pace?.ToString() ?? "" }).ToList();
                return Print(fmt, ["kpi", "target", "actual", "attainment", "expected", "remaining", "run_rate_needed", "pace"], rows, $"{dashboard.Year} to {dashboard.AsOf:yyyy-MM-dd}, plan {dashboard.Plan.VersionName}");
            }
            if (collectionBy is { } cb)
            {
                var money = await host.Services.GetRequiredService<GetCollectionReport>().Handle(year, cb, Viewer.System, ct);
                if (fmt == "json") { Console.WriteLine(JsonSerializer.Serialize(money, CliHost.Json)); return CliHost.Ok; }
                var due = money.Rows.Append(money.Total with { Key = "TOTAL" }).Select(r => new[] { r.Key, N(r.Due), N(r.Received), P(r.Rate), P(money.Target) }).ToList();
                return Print(fmt, [dims[0].ToString().ToLowerInvariant(), "due", "received", "rate", "target"], due, $"collection {money.Year} to {money.AsOf:yyyy-MM-dd}");
            }
            var report = await host.Services.GetRequiredService<GetPlanVsActual>().Handle(year, chosen, dims[0], dims.Count > 1 ? dims[1] : null, parse.GetValue(version), Viewer.System, ct);
            if (fmt == "json") { Console.WriteLine(JsonSerializer.Serialize(report, CliHost.Json)); return CliHost.Ok; }
            var lines = report.Rows.Append(report.Total with { A = "TOTAL" })
                .Select(r => new[] { r.A ?? "—", r.B ?? "", N(r.Actual), N(r.TargetToDate), P(r.Attainment), N(r.Gap), N(r.AnnualTarget), chosen == Kpi.Revenue ? "" : N(r.Customers) }).ToList();
            return Print(fmt, [dims[0].ToString().ToLowerInvariant(), dims.Count > 1 ? dims[1].ToString().ToLowerInvariant() : "", "actual", "target_to_date", "attainment", "gap", "annual_target",
                chosen == Kpi.Revenue ? "" : "customers"], lines, $"{Kpis.First(k => k.Value == chosen).Key} {report.Year} to {report.AsOf:yyyy-MM-dd}, plan {report.Plan.VersionName}, {report.Expected:P1} of the year expected by now");
        });
        var command = new Command("report", "Reports on plan vs actual and on the pipeline.");
        command.Subcommands.Add(attainment);
        command.Subcommands.Add(WinRates());
        return command;
    }

    /// <summary><c>planloop report win-rates</c>: deals per stage, won, lost, win rate and cycle by owner, team, region, quarter or month.</summary>
    static Command WinRates()
    {
        var by = new Option<string>("--by") { Description = "owner, team, region, channel, quarter or month.", DefaultValueFactory = _ => "owner" };
        by.AcceptOnlyFromAmong("owner", "team", "region", "channel", "quarter", "month");
        var from = new Option<DateOnly?>("--from") { Description = "First close day counted (default: 1 January of the business day's year)." };
        var to = new Option<DateOnly?>("--to") { Description = "Last close day counted (default: the business day)." };
        var format = new Option<string>("--format") { Description = "text, json or csv.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var command = new Command("win-rates", "Open deals by stage, won and lost in the period, win rate (won ÷ closed) and the average cycle of won deals, as the API's /api/opportunities/win-rates.")
        {
            by, from, to, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            var today = host.Services.GetRequiredService<BusinessDay>().Today();
            var (start, end) = (parse.GetValue(from) ?? new DateOnly(today.Year, 1, 1), parse.GetValue(to) ?? today);
            if (end < start) { Console.Error.WriteLine("--to is before --from."); return CliHost.Usage; }
            var group = Enum.Parse<WinRateGroup>(parse.GetValue(by)!, ignoreCase: true);
            var rates = await host.Services.GetRequiredService<GetWinRates>().Handle(start, end, group, Viewer.System, ct);
            var fmt = parse.GetValue(format)!;
            if (fmt == "json") { Console.WriteLine(JsonSerializer.Serialize(rates, CliHost.Json)); return CliHost.Ok; }
            var rows = rates.Rows.Append(rates.Total with { Name = "TOTAL" }).Select(r =>
                new[] { r.Name.Length == 0 ? "—" : r.Name }.Concat(rates.Stages.Select(s => r.OpenByStage[s].ToString(CultureInfo.InvariantCulture)))
                    .Concat([N(r.OpenAmount), r.Won.ToString(CultureInfo.InvariantCulture), N(r.WonAmount), r.Lost.ToString(CultureInfo.InvariantCulture), P(r.WinRate), r.AverageCycleDays?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""]).ToArray()).ToList();
            return Print(fmt, [group.ToString().ToLowerInvariant(), .. rates.Stages.Select(s => s.ToLowerInvariant()), "open_amount", "won", "won_amount", "lost", "win_rate", "avg_cycle_days"], rows,
                $"win rates by {group.ToString().ToLowerInvariant()}, closed {start:yyyy-MM-dd} to {end:yyyy-MM-dd}, open now");
        });
        return command;
    }

    static string N(decimal? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    static string P(decimal? v) => v is { } x ? (x * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    static int Print(string format, string[] headers, List<string[]> rows, string title)
    {
        if (format == "csv")
        {
            var csv = new StringBuilder();
            csv.AppendLine(string.Join(',', headers.Where(h => h.Length > 0)));
            foreach (var r in rows) csv.AppendLine(string.Join(',', r.Where((_, i) => headers[i].Length > 0).Select(c => c.Contains(',', StringComparison.Ordinal) ? $"\"{c}\"" : c)));
            Console.Write(csv.ToString());
            return CliHost.Ok;
        }
        var table = new Table().Title(Markup.Escape(title));
        foreach (var h in headers.Where(h => h.Length > 0)) table.AddColumn(h);
        foreach (var r in rows) table.AddRow(r.Where((_, i) => headers[i].Length > 0).Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
        return CliHost.Ok;
    }
}
