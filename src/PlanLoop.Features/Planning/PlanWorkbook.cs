using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Planning;

/// <summary>A plan as a file holds it: every figure of one version, and the plan it belongs to.</summary>
public sealed record PlanFile(
    string PlanName,
    int FiscalYear,
    string VersionName,
    IReadOnlyList<KpiFigure> Kpis,
    IReadOnlyList<Breakdown> Breakdowns,
    IReadOnlyList<ChannelLever> Levers,
    IReadOnlyList<PyramidLevel> Pyramid,
    IReadOnlyList<StrategyGoal> Goals);

/// <summary>
/// The .xlsx form of a plan (template, export and import). Each sheet starts with a header row;
/// codes (Revenue, Quarter, Shares …) are listed on the 说明 sheet. Reading checks every cell and
/// returns all the errors it finds, or the plan when there are none.
/// </summary>
public static class PlanWorkbook
{
    public const string PlanSheet = "计划";
    public const string KpiSheet = "指标";
    public const string BreakdownSheet = "分解";
    public const string LeverSheet = "渠道产能";
    public const string PyramidSheet = "产品金字塔";
    public const string GoalSheet = "策略目标";
    public const string HelpSheet = "说明";

    static readonly string[] PlanHeader = ["项目", "值"];
    static readonly string[] KpiHeader = ["指标", "基准", "目标", "写明的增长"];
    static readonly string[] BreakdownHeader = ["指标", "维度", "方法", "分解项", "占比", "金额"];
    static readonly string[] LeverHeader = ["渠道", "类型", "单位数", "单位产出"];
    static readonly string[] PyramidHeader = ["层级", "占比", "毛利率"];
    static readonly string[] GoalHeader = ["目标", "数值", "范围"];

    public static byte[] Template() => Write(new PlanFile("", DateTime.UtcNow.Year + 1, "V1.0", [], [], [], [], []));

    public static byte[] Write(PlanFile plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sheets = new Dictionary<string, List<Dictionary<string, object?>>>
        {
            [PlanSheet] = Workbook.Rows(PlanHeader, [["计划名称", plan.PlanName], ["财年", plan.FiscalYear], ["版本名称", plan.VersionName]]),
            [KpiSheet] = Workbook.Rows(KpiHeader, plan.Kpis.Select(k => new object?[] { k.Kpi.ToString(), k.Baseline, k.Target, k.StatedGrowth })),
            [BreakdownSheet] = Workbook.Rows(BreakdownHeader, plan.Breakdowns.SelectMany(b => b.Parts.Select(p => new object?[] { b.Kpi.ToString(), b.Dimension.ToString(), b.Method.ToString(), p.Member, p.Share, p.Amount }))),
            [LeverSheet] = Workbook.Rows(LeverHeader, plan.Levers.Select(l => new object?[] { l.Channel, l.Kind.ToString(), l.Units, l.OutputPerUnit })),
            [PyramidSheet] = Workbook.Rows(PyramidHeader, plan.Pyramid.Select(l => new object?[] { l.Tier.ToString(), l.Share, l.GrossMargin })),
            [GoalSheet] = Workbook.Rows(GoalHeader, plan.Goals.Select(g => new object?[] { g.Kind.ToString(), g.Value, g.Scope })),
            [HelpSheet] = Workbook.Rows(["说明"], Help().Select(h => new object?[] { h })),
        };
        return Workbook.Write(sheets);
    }

    static IEnumerable<string> Help() =>
    [
        "每个工作表第一行是表头,请勿修改。金额以元为单位;占比、比率、毛利率用小数(20% 写 0.2);分(0.01 元)以下的金额无法保存。",
        $"指标: {string.Join(", ", Enum.GetNames<Kpi>())}。客单价 (AverageDealSize) 由销售额 ÷ 客户数计算,这里只记录文件写明的数值。",
        $"维度: {string.Join(", ", Enum.GetNames<Dimension>())}",
        $"方法: {string.Join(", ", Enum.GetNames<SplitMethod>())}",
        $"渠道类型: {string.Join(", ", Enum.GetNames<ChannelKind>())}",
        $"金字塔层级: {string.Join(", ", Enum.GetNames<PyramidTier>())}",
        $"策略目标: {string.Join(", ", Enum.GetNames<StrategyGoalKind>())}",
        "写明的增长: 金额与数量写比例 (25% 写 0.25),比率与评分写点数 (7pt 写 7)。",
        "导入时整个文件要么全部导入,要么不导入;每个错误都指出工作表、行和列。",
    ];

    public static (PlanFile? Plan, IReadOnlyList<WorkbookError> Errors) Read(Stream xlsx)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        var errors = new List<WorkbookError>();
        var reader = Workbook.Open(xlsx, errors);
        if (reader is null) return (null, errors);
        var plan = reader.Sheet(PlanSheet, PlanHeader);
        string? planName = null;
        int? fiscalYear = null;
        string? versionName = null;
        foreach (var row in plan)
        {
            switch (row.Text("A"))
            {
                case "计划名称": planName = row.Required("B"); break;
                case "财年":
                    fiscalYear = (int?)row.Number("B", required: true, min: 2000m, max: 2100m);
                    if (fiscalYear is { } fy && fy != row.Number("B", min: 2000m, max: 2100m)) row.Error("B", "财年须为整数。");
                    break;
                case "版本名称": versionName = row.Required("B"); break;
                case null: break;
                default: row.Error("A", $"未知的项目 '{row.Text("A")}';应为 计划名称、财年 或 版本名称。"); break;
            }
        }
        if (reader.HasSheet(PlanSheet))
        {
            if (planName is null) errors.Add(new WorkbookError(PlanSheet, 0, "", "缺少 计划名称。"));
            if (fiscalYear is null) errors.Add(new WorkbookError(PlanSheet, 0, "", "缺少 财年。"));
        }

        var kpis = new List<KpiFigure>();
        foreach (var row in reader.Sheet(KpiSheet, KpiHeader))
        {
            var kpi = row.Enum<Kpi>("A");
            if (kpi is { } k && kpis.Any(x => x.Kpi == k)) { row.Error("A", $"指标 {k} 出现了两次。"); continue; }
            var unit = kpi is { } kk ? KpiCatalog.Unit(kk) : KpiUnit.Amount;
            decimal? max = unit == KpiUnit.Percent ? 1m : null;
            decimal? min = kpi == Kpi.Nps ? -100m : 0m;
            var baseline = row.Number("B", min: min, max: max);
            var target = row.Number("C", min: min, max: max);
            var growth = row.Number("D");
            if (kpi is { } ok) kpis.Add(new KpiFigure(ok, baseline, target, growth));
        }

        var parts = new List<(Kpi Kpi, Dimension Dimension, SplitMethod Method, BreakdownPart Part, Workbook.SheetRow Row)>();
        foreach (var row in reader.Sheet(BreakdownSheet, BreakdownHeader))
        {
            var kpi = row.Enum<Kpi>("A");
            var dimension = row.Enum<Dimension>("B");
            var method = row.Enum<SplitMethod>("C");
            var member = row.Required("D");
            var share = row.Number("E", min: 0m, max: 1m);
            var amount = row.Number("F", required: true, min: 0m, decimals: 2);
            if (kpi is { } k && dimension is { } d && method is { } m && member is not null && amount is { } a)
            {
                if (parts.Any(p => p.Kpi == k && p.Dimension == d && p.Part.Member == member)) row.Error("D", $"分解项 {member} 在 {k}/{d} 中出现了两次。");
                else if (parts.FirstOrDefault(p => p.Kpi == k && p.Dimension == d) is { Row: not null } first && first.Method != m) row.Error("C", $"同一分解 {k}/{d} 的方法须一致(第 {first.Row.RowNumber} 行为 {first.Method})。");
                else parts.Add((k, d, m, new BreakdownPart(member, share, a), row));
            }
        }
        var breakdowns = parts.GroupBy(p => (p.Kpi, p.Dimension))
            .Select(g => new Breakdown(g.Key.Kpi, g.Key.Dimension, g.First().Method, [.. g.Select(p => p.Part)])).ToList();

        var levers = new List<ChannelLever>();
        foreach (var row in reader.Sheet(LeverSheet, LeverHeader))
        {
            var channel = row.Required("A");
            var kind = row.Enum<ChannelKind>("B");
            var units = row.Number("C", min: 0m);
            var output = row.Number("D", min: 0m, decimals: 2);
            if (channel is not null && kind is { } k) levers.Add(new ChannelLever(channel, k, units, output));
        }

        var pyramid = new List<PyramidLevel>();
        foreach (var row in reader.Sheet(PyramidSheet, PyramidHeader))
        {
            var tier = row.Enum<PyramidTier>("A");
            var share = row.Number("B", required: true, min: 0m, max: 1m);
            var margin = row.Number("C", required: true, min: -1m, max: 1m);
            if (tier is { } t && share is { } s && margin is { } m) pyramid.Add(new PyramidLevel(t, s, m));
        }

        var goals = new List<StrategyGoal>();
        foreach (var row in reader.Sheet(GoalSheet, GoalHeader))
        {
            var kind = row.Enum<StrategyGoalKind>("A");
            var value = row.Number("B", required: true);
            var scope = row.Text("C");
            if (kind is { } k && value is { } v) goals.Add(new StrategyGoal(k, v, scope));
        }

        if (errors.Count > 0) return (null, errors);
        return (new PlanFile(planName!, fiscalYear!.Value, versionName ?? "V1.0", kpis, breakdowns, levers, pyramid, goals), errors);
    }
}
