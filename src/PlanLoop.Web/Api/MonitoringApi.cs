using System.Security.Claims;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Web.Api;

/// <summary>Plan vs actual: the dashboard, any dimension or pivot with drill-down and export, and the variance analysis.</summary>
public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/monitoring").WithTags("Monitoring");
        api.MapGet("/dashboard", async Task<Results<Ok<Dashboard>, FileContentHttpResult, ValidationProblem>> (int? year, Guid? version, string? format, ClaimsPrincipal user, GetViewer v, GetDashboard f, BusinessDay day, CancellationToken ct) =>
            {
                if (format is not (null or "xlsx" or "csv")) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format 应为 xlsx 或 csv(不填则返回 JSON)。"] });
                var dashboard = await f.Handle(year ?? day.Today().Year, version, await CustomersApi.Viewer(user, v, ct), ct);
                if (format is null) return TypedResults.Ok(dashboard);
                var csv = format == "csv";
                return TypedResults.File(csv ? TabularFile.Write("KPI", KpiHeaders, KpiRows(dashboard), csv: true) : ExportDashboard(dashboard),
                    csv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"dashboard-{dashboard.Year}.{format}");
            }).WithName("GetDashboard")
            .WithSummary("Every plan KPI against its actual to the business day (attainment, expected by now, gap, run-rate needed, pace), cumulative revenue by month, this quarter by region, mix. format=xlsx: every table as a sheet; csv: the KPI table.");
        api.MapGet("/funnel", async Task<Results<Ok<FunnelAndCustomers>, ValidationProblem>> (int? year, Guid? version, ClaimsPrincipal user, GetViewer v, GetFunnelAndCustomers f, BusinessDay day, CancellationToken ct) =>
            {
                if (year is < 2000 or > 2100) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["year 应在 2000 到 2100 之间。"] });
                return TypedResults.Ok(await f.Handle(year ?? day.Today().Year, version, await CustomersApi.Viewer(user, v, ct), ct));
            }).WithName("GetFunnel")
            .WithSummary("The year's funnel (leads → qualified → opportunities → proposal → negotiation → won, with conversion and the plan's targets), the customer view (new, retained, churned, ARPU) and each channel against its target.");
        api.MapGet("/plan-vs-actual", PlanVsActual).WithName("GetPlanVsActual")
            .WithSummary("Plan vs actual of kpi = revenue (default) | customers | deal-size | arpu along by = month | quarter | region | productline | channel | team | rep | tier, optionally pivoted by 'then'; format=xlsx|csv exports the table.");
        api.MapGet("/drill", Drill).WithName("DrillPlanVsActual")
            .WithSummary("The order lines behind a cell: region=EAST&quarter=Q3 … (any dimension as a parameter; '-' for no member). Largest first, at most 'take' (1000).");
        api.MapGet("/variance", async Task<Results<Ok<VarianceReport>, ValidationProblem, NotFound>> (int? year, string? by, Guid? version, ClaimsPrincipal user, GetViewer v, GetVariance f, BusinessDay day, CancellationToken ct) =>
            {
                if (Dimension(by ?? "productline") is not { } d) return BadDimension("by", by);
                return await f.Handle(year ?? day.Today().Year, d, version, await CustomersApi.Viewer(user, v, ct), ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();
            }).WithName("GetVariance")
            .WithSummary("Price / volume / mix effects of the revenue variance to date along productline | region | channel (adding up to the fen), with an explanation in Chinese and English. 404 without a breakdown or for a scoped viewer.");
        api.MapGet("/findings", async Task<Ok<IReadOnlyList<PlanLoop.Features.Monitoring.Finding>>> (int? year, ClaimsPrincipal user, GetViewer v, GetReviewFindings f, BusinessDay day, CancellationToken ct) =>
                TypedResults.Ok(await f.Handle(year ?? day.Today().Year, await CustomersApi.Viewer(user, v, ct), ct)))
            .WithName("GetReviewFindings")
            .WithSummary("The weekly review's findings (KPIs off pace, regions / product lines / channels more than 10% off their target to date, slipped deals, overdue payments, SLA breaches, customers newly at risk), risks first, in Chinese and English.");
        return app;
    }

    internal static ActualDimension? Dimension(string? text) =>
        Enum.TryParse<ActualDimension>(text?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), true, out var d) && !int.TryParse(text, out _) ? d : null;

    static ValidationProblem BadDimension(string field, string? value) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"未知维度 '{value}';可用: {string.Join(", ", Enum.GetNames<ActualDimension>().Select(n => n.ToLowerInvariant()))}。"] });

    static async Task<Results<Ok<PlanVsActual>, FileContentHttpResult, ValidationProblem>> PlanVsActual(int? year, string? by, string? then, string? kpi, Guid? version, string? format,
        ClaimsPrincipal user, GetViewer v, GetPlanVsActual f, BusinessDay day, CancellationToken ct)
    {
        if (Dimension(by ?? "region") is not { } first) return BadDimension("by", by);
        ActualDimension? second = null;
        if (!string.IsNullOrWhiteSpace(then))
        {
            if (Dimension(then) is not { } t) return BadDimension("then", then);
            if (t == first) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["then"] = [$"then 应与 by 不同(都是 '{then}')。"] });
            second = t;
        }
        if (year is < 2000 or > 2100) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["year 应在 2000 到 2100 之间。"] });
        var measure = Kpi.Revenue;
        if (kpi is not null && (!GetPlanVsActual.KpiCodes.TryGetValue(kpi, out measure) || !GetPlanVsActual.Cuttable.Contains(measure)))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["kpi"] = [$"指标 '{kpi}' 不能按维度拆分;可用: {string.Join(", ", GetPlanVsActual.KpiCodes.Where(k => GetPlanVsActual.Cuttable.Contains(k.Value)).Select(k => k.Key))}。"],
            });
        if (format is not (null or "xlsx" or "csv")) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format 应为 xlsx 或 csv(不填则返回 JSON)。"] });
        var report = await f.Handle(year ?? day.Today().Year, measure, first, second, version, await CustomersApi.Viewer(user, v, ct), ct);
        if (format is null) return TypedResults.Ok(report);
        var bytes = Export(report, format == "csv");
        return TypedResults.File(bytes, format == "csv" ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"plan-vs-actual-{report.Year}-{(measure == Kpi.Revenue ? "" : kpi!.ToLowerInvariant() + "-")}{first.ToString().ToLowerInvariant()}{(second is { } s ? "-" + s.ToString().ToLowerInvariant() : "")}.{format}");
    }

    static readonly string[] KpiHeaders = ["kpi", "target", "actual", "attainment", "expected", "remaining", "run_rate_needed", "pace"];

    static IEnumerable<object?[]> KpiRows(Dashboard d) => d.Kpis.Select(k => new object?[]
    {
        k.Kpi.ToString(), k.Figures.Target, k.Figures.Actual, k.Figures.Attainment is { } a ? Math.Round(a, 4) : null, Math.Round(k.Figures.Expected, 4),
        k.Figures.Remaining, k.Figures.RunRateNeeded, k.Figures.Pace?.ToString(),
    });

    /// <summary>The dashboard's tables as the sheets of one workbook, in numbers.</summary>
    internal static byte[] ExportDashboard(Dashboard d) => TabularFile.WriteSheets(
    [
        ("KPI", KpiHeaders, KpiRows(d)),
        ("Cumulative", ["month", "actual", "cumulative_actual", "cumulative_target"], d.Cumulative.Select(p => new object?[] { p.Month, p.Actual, p.CumulativeActual, p.CumulativeTarget })),
        ($"Q{d.Quarter} by region", ["region", "name", "actual", "quarter_target"], d.QuarterByRegion.Select(b => new object?[] { b.Member, b.Name, b.Actual, b.Target })),
        ("Product lines", ["product_line", "name", "actual", "actual_share", "plan_share"], d.ProductLines.Select(m => new object?[] { m.Member, m.Name, m.Actual, m.ActualShare, m.PlanShare })),
        ("Channels", ["channel", "name", "actual", "actual_share", "plan_share"], d.Channels.Select(m => new object?[] { m.Member, m.Name, m.Actual, m.ActualShare, m.PlanShare })),
    ]);

    /// <summary>The table as numbers (not pictures): one row per cell plus the total.</summary>
    internal static byte[] Export(PlanVsActual report, bool csv)
    {
        string[] headers = report.Then is { } t
            ? [report.By.ToString(), "name", t.ToString(), "name2", "actual", "lines", "customers", "target_to_date", "attainment", "gap", "annual_target"]
            : [report.By.ToString(), "name", "actual", "lines", "customers", "target_to_date", "attainment", "gap", "annual_target"];
        var rows = report.Rows.Append(report.Total with { A = "TOTAL", AName = "合计" }).Select(r => report.Then is null
            ? new object?[] { r.A, r.AName, r.Actual, r.Lines, r.Customers, r.TargetToDate, r.Attainment is { } a ? Math.Round(a, 4) : null, r.Gap, r.AnnualTarget }
            : new object?[] { r.A, r.AName, r.B, r.BName, r.Actual, r.Lines, r.Customers, r.TargetToDate, r.Attainment is { } a2 ? Math.Round(a2, 4) : null, r.Gap, r.AnnualTarget });
        return TabularFile.Write("计划与实际", headers, rows, csv);
    }

    static async Task<Results<Ok<DrillPage>, ValidationProblem>> Drill(int? year, int? skip, int? take, HttpContext http, ClaimsPrincipal user, GetViewer v, GetPlanVsActual f, BusinessDay day, CancellationToken ct)
    {
        var cell = new Dictionary<ActualDimension, string?>();
        foreach (var (key, value) in http.Request.Query)
        {
            if (key is "year" or "take" or "skip") continue;
            if (Dimension(key) is not { } d) return BadDimension(key, key);
            cell[d] = value.ToString() == "-" ? null : value.ToString();
        }
        if (take is < 1 or > GetPlanVsActual.MaxDrillPage)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"take is 1 to {GetPlanVsActual.MaxDrillPage}."] });
        if (skip is < 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["skip"] = ["skip cannot be negative."] });
        return TypedResults.Ok(await f.Drill(year ?? day.Today().Year, cell, await CustomersApi.Viewer(user, v, ct), skip ?? 0, take ?? 200, ct));
    }
}
