using System.Globalization;
using PlanLoop.Domain.Amounts;
using PlanLoop.Domain.Formatting;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Domain.Planning;

public enum FindingSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>
/// What a check found: a stable code, how serious it is, the message in Chinese and English, the
/// figures involved (by name) and the path of the figure at fault (kpis/Revenue, breakdowns/Quarter …).
/// </summary>
public sealed record Finding(string Code, FindingSeverity Severity, string Message, string MessageEn, IReadOnlyDictionary<string, decimal> Figures, string Path);

/// <summary>Everything the checks look at: one plan version's figures and the organisation's planned headcount.</summary>
public sealed record PlanSnapshot(
    IReadOnlyList<KpiFigure> Kpis,
    IReadOnlyList<Breakdown> Breakdowns,
    IReadOnlyList<ChannelLever> Levers,
    IReadOnlyList<PyramidLevel> Pyramid,
    IReadOnlyList<StrategyGoal> Goals,
    int? DirectSellersInOrganisation);

/// <summary>
/// The plan checks (PRODUCT.md §5). Pure: a snapshot in, findings out. Each rule is one method;
/// a figure stated in a document is held to the precision it was stated in (14.1万 agrees with 14.12万).
/// </summary>
public static class PlanChecks
{
    public static class Codes
    {
        public const string PartsSum = "PARTS_SUM";
        public const string SharesSum = "SHARES_SUM";
        public const string ShareAmount = "SHARE_AMOUNT";
        public const string DerivedKpi = "DERIVED_KPI";
        public const string Growth = "GROWTH";
        public const string ChannelCapacity = "CHANNEL_CAPACITY";
        public const string CapacityUnknown = "CAPACITY_UNKNOWN";
        public const string Headcount = "HEADCOUNT";
        public const string StrategyConflict = "STRATEGY_CONFLICT";
        public const string PyramidShares = "PYRAMID_SHARES";
        public const string BlendedMargin = "BLENDED_MARGIN";
        public const string CubeMarginals = "CUBE_MARGINALS";
        public const string QuotaOverCapacity = "QUOTA_OVER_CAPACITY";
    }

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<Finding> Run(PlanSnapshot plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var findings = new List<Finding>();
        var lines = KpiSheet.Lines(plan.Kpis);
        findings.AddRange(BreakdownChecks(plan, lines));
        findings.AddRange(KpiChecks(lines));
        findings.AddRange(CapacityChecks(plan));
        findings.AddRange(StrategyChecks(plan, lines));
        findings.AddRange(PyramidChecks(plan));
        findings.AddRange(CubeChecks(plan));
        findings.AddRange(QuotaChecks(plan));
        return [.. findings.OrderBy(f => f.Severity).ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    static IEnumerable<Finding> BreakdownChecks(PlanSnapshot plan, IReadOnlyList<KpiLine> lines)
    {
        foreach (var b in plan.Breakdowns)
        {
            var path = $"breakdowns/{b.Kpi}/{b.Dimension}";
            var whole = lines.FirstOrDefault(l => l.Kpi == b.Kpi)?.Target;
            var dim = DimensionName(b.Dimension);
            if (whole is { } w && b.Sum != w)
            {
                yield return new Finding(Codes.PartsSum, FindingSeverity.Error,
                    $"{dim.Zh}分解合计 {Amt(b.Sum)},与年度目标 {Amt(w)} 相差 {Amt(b.Sum - w)}。",
                    $"The {dim.En} breakdown adds up to {Amt(b.Sum)}, not the annual target {Amt(w)} (difference {Amt(b.Sum - w)}).",
                    Figs(("sum", b.Sum), ("target", w), ("difference", b.Sum - w)), path);
            }
            if (b.ShareSum is { } s && s != 1m)
            {
                yield return new Finding(Codes.SharesSum, FindingSeverity.Error,
                    $"{dim.Zh}分解的占比合计 {Pct(s)},不是 100%。",
                    $"The {dim.En} shares add up to {Pct(s)}, not 100%.",
                    Figs(("shareSum", s)), path);
            }
            if (whole is { } total && b.Method != SplitMethod.Capacity)
            {
                foreach (var part in b.Parts.Where(p => p.Share is not null))
                {
                    // Held to the precision of the share: 20% agrees with any amount that is 19.5%–20.5% of the whole.
                    var expected = total * part.Share!.Value;
                    if (total != 0m && !Agrees(part.Share.Value, part.Amount / total))
                    {
                        yield return new Finding(Codes.ShareAmount, FindingSeverity.Warning,
                            $"{dim.Zh}分解中 {part.Member} 的占比 {Pct(part.Share.Value)} 对应 {Amt(expected)},但金额写的是 {Amt(part.Amount)}。",
                            $"In the {dim.En} breakdown, {part.Member}'s share {Pct(part.Share.Value)} means {Amt(expected)}, but its amount is {Amt(part.Amount)}.",
                            Figs(("share", part.Share.Value), ("amount", part.Amount), ("expected", expected)), $"{path}/{part.Member}");
                    }
                }
            }
        }
    }

    static IEnumerable<Finding> KpiChecks(IReadOnlyList<KpiLine> lines)
    {
        foreach (var line in lines)
        {
            var path = $"kpis/{line.Kpi}";
            var stated = line.Stated;
            if (line.IsDerived && stated is not null)
            {
                foreach (var (side, statedValue, computed) in new[] { ("baseline", stated.Baseline, line.Baseline), ("target", stated.Target, line.Target) })
                {
                    if (statedValue is { } sv && computed is { } cv && !Agrees(sv, cv))
                    {
                        yield return new Finding(Codes.DerivedKpi, FindingSeverity.Warning,
                            $"{KpiName(line.Kpi).Zh}{(side == "baseline" ? "基准" : "目标")}写作 {Value(line, sv)},按销售额÷客户数计算为 {Value(line, cv)}。",
                            $"The {KpiName(line.Kpi).En} {side} is stated as {Value(line, sv)}, but revenue ÷ customers gives {Value(line, cv)}.",
                            Figs(("stated", sv), ("computed", cv)), path);
                    }
                }
            }
            if (stated?.StatedGrowth is { } g && line.Growth is { } computedGrowth && !Agrees(g, computedGrowth))
            {
                var (gz, ge) = line.GrowthInPoints ? (Figures.Points(g, Inv), Figures.Points(computedGrowth, Inv)) : (Pct(g), Pct(computedGrowth));
                yield return new Finding(Codes.Growth, FindingSeverity.Warning,
                    $"{KpiName(line.Kpi).Zh}的增长写作 {gz},按基准 {Value(line, line.Baseline!.Value)} 与目标 {Value(line, line.Target!.Value)} 计算为 {ge}。",
                    $"{KpiName(line.Kpi).En} growth is stated as {gz}; baseline {Value(line, line.Baseline!.Value)} and target {Value(line, line.Target!.Value)} give {ge}.",
                    Figs(("stated", g), ("computed", computedGrowth)), path);
            }
        }
    }

    static IEnumerable<Finding> CapacityChecks(PlanSnapshot plan)
    {
        var byChannel = plan.Breakdowns.FirstOrDefault(b => b.Kpi == Kpi.Revenue && b.Dimension == Dimension.Channel);
        foreach (var lever in plan.Levers)
        {
            var path = $"levers/{lever.Channel}";
            var target = byChannel?.Parts.FirstOrDefault(p => p.Member == lever.Channel)?.Amount;
            if (target is not { } t) continue;
            if (lever.Capacity is { } capacity)
            {
                if (capacity < t)
                {
                    yield return new Finding(Codes.ChannelCapacity, FindingSeverity.Error,
                        $"{lever.Channel} 渠道产能 {Units(lever)} = {Amt(capacity)},承载不了渠道目标 {Amt(t)}(缺口 {Amt(t - capacity)})。",
                        $"Channel {lever.Channel}'s capacity {Units(lever)} = {Amt(capacity)} cannot carry its target {Amt(t)} (short by {Amt(t - capacity)}).",
                        Figs(("units", lever.Units!.Value), ("outputPerUnit", lever.OutputPerUnit!.Value), ("capacity", capacity), ("target", t)), path);
                }
                else if (capacity != t && lever.Units is { } u && u != 0m)
                {
                    yield return new Finding(Codes.ChannelCapacity, FindingSeverity.Warning,
                        $"{lever.Channel} 渠道产能 {Units(lever)} = {Amt(capacity)},是渠道目标 {Amt(t)} 的 {Pct(capacity / t)};按目标反推人均/单位产出只需 {Amt(t / u)}。",
                        $"Channel {lever.Channel}'s capacity {Units(lever)} = {Amt(capacity)} is {Pct(capacity / t)} of its target {Amt(t)}; the target implies only {Amt(t / u)} per unit.",
                        Figs(("units", u), ("outputPerUnit", lever.OutputPerUnit!.Value), ("capacity", capacity), ("target", t), ("impliedOutputPerUnit", t / u)), path);
                }
            }
            else if (lever.Units is { } units && units != 0m)
            {
                yield return new Finding(Codes.CapacityUnknown, FindingSeverity.Info,
                    $"{lever.Channel} 渠道计划 {units.ToString("0.##", Inv)} 个单位,但没有单位产出,产能无法核对;按目标每个单位需产出 {Amt(t / units)}。",
                    $"Channel {lever.Channel} plans {units.ToString("0.##", Inv)} units but no output per unit, so its capacity cannot be checked; the target needs {Amt(t / units)} per unit.",
                    Figs(("units", units), ("target", t), ("impliedOutputPerUnit", t / units)), path);
            }
        }

        var direct = plan.Levers.FirstOrDefault(l => l.Kind == ChannelKind.Direct);
        if (direct?.Units is { } assumed && plan.DirectSellersInOrganisation is { } org && assumed != org)
        {
            yield return new Finding(Codes.Headcount, FindingSeverity.Warning,
                $"渠道计划假设直销团队 {assumed.ToString("0.##", Inv)} 人,组织架构中直销部门(战略客户部 + 企业客户部)计划编制 {org} 人。",
                $"The channel plan assumes {assumed.ToString("0.##", Inv)} direct sellers; the organisation plans {org} in its direct sales departments (KA + SMB).",
                Figs(("assumed", assumed), ("organisation", org)), $"levers/{direct.Channel}");
        }
    }

    static IEnumerable<Finding> StrategyChecks(PlanSnapshot plan, IReadOnlyList<KpiLine> lines)
    {
        var dealSize = lines.FirstOrDefault(l => l.Kpi == Kpi.AverageDealSize);
        if (dealSize?.Growth is not { } dealGrowth || dealGrowth >= 0m) yield break;
        foreach (var goal in plan.Goals.Where(g => g.Kind is StrategyGoalKind.ArpuUplift or StrategyGoalKind.BundleDealSizeUplift && g.Value > 0m))
        {
            var (zh, en) = goal.Kind == StrategyGoalKind.ArpuUplift ? ("交叉销售提升 ARPU", "cross-selling to raise ARPU") : ("捆绑销售提升客单价", "bundles to raise the average deal size");
            yield return new Finding(Codes.StrategyConflict, FindingSeverity.Warning,
                $"策略目标「{zh} {Pct(goal.Value)}」与客单价目标下降 {Pct(-dealGrowth)}({Amt(dealSize.Baseline!.Value)} → {Amt(dealSize.Target!.Value)})相互矛盾。",
                $"The strategy goal of {en} by {Pct(goal.Value)} pulls against an average deal size target that falls {Pct(-dealGrowth)} ({Amt(dealSize.Baseline!.Value)} → {Amt(dealSize.Target!.Value)}).",
                Figs(("goal", goal.Value), ("dealSizeGrowth", dealGrowth)), $"goals/{goal.Kind}");
        }
    }

    /// <summary>Breakdowns of one KPI are the marginals of its cube; if they total differently no cube meets them all.</summary>
    static IEnumerable<Finding> CubeChecks(PlanSnapshot plan)
    {
        foreach (var group in plan.Breakdowns.GroupBy(b => b.Kpi))
        {
            var totals = group.Select(b => (b.Dimension, b.Sum)).ToList();
            if (totals.Count < 2 || totals.All(t => t.Sum == totals[0].Sum)) continue;
            var list = string.Join("、", totals.Select(t => $"{DimensionName(t.Dimension).Zh} {Amt(t.Sum)}"));
            var listEn = string.Join(", ", totals.Select(t => $"{DimensionName(t.Dimension).En} {Amt(t.Sum)}"));
            yield return new Finding(Codes.CubeMarginals, FindingSeverity.Error,
                $"{KpiName(group.Key).Zh}的各维度分解合计不一致({list}),多维目标立方体无法同时满足。",
                $"The {KpiName(group.Key).En} breakdowns total differently ({listEn}), so no target cube can meet them all.",
                totals.ToDictionary(t => t.Dimension.ToString(), t => t.Sum), $"cube/{group.Key}");
        }
    }

    /// <summary>A rep's quota above the productivity per head the direct channel plans (e.g. 500万) cannot be carried by that rep.</summary>
    static IEnumerable<Finding> QuotaChecks(PlanSnapshot plan)
    {
        var perHead = plan.Levers.FirstOrDefault(l => l.Kind == ChannelKind.Direct)?.OutputPerUnit;
        if (perHead is not { } capacity || capacity <= 0m) yield break;
        foreach (var b in plan.Breakdowns.Where(b => b.Dimension == Dimension.Rep && b.Kpi == Kpi.Revenue))
        {
            foreach (var part in b.Parts.Where(p => p.Amount > capacity))
            {
                yield return new Finding(Codes.QuotaOverCapacity, FindingSeverity.Warning,
                    $"{part.Member} 的配额 {Amt(part.Amount)} 超过直销人均产能 {Amt(capacity)}({Pct(part.Amount / capacity)})。",
                    $"{part.Member}'s quota {Amt(part.Amount)} is above the direct channel's productivity per head {Amt(capacity)} ({Pct(part.Amount / capacity)}).",
                    Figs(("quota", part.Amount), ("capacity", capacity)), $"breakdowns/{b.Kpi}/{b.Dimension}/{part.Member}");
            }
        }
    }

    static IEnumerable<Finding> PyramidChecks(PlanSnapshot plan)
    {
        if (plan.Pyramid.Count == 0) yield break;
        var shares = plan.Pyramid.Sum(l => l.Share);
        if (shares != 1m)
        {
            yield return new Finding(Codes.PyramidShares, FindingSeverity.Error,
                $"产品金字塔各层占比合计 {Pct(shares)},不是 100%。",
                $"The product pyramid's shares add up to {Pct(shares)}, not 100%.",
                Figs(("shareSum", shares)), "pyramid");
            yield break;
        }
        var margin = Pyramid.BlendedMargin(plan.Pyramid)!.Value;
        yield return new Finding(Codes.BlendedMargin, FindingSeverity.Info,
            $"按金字塔占比加权,综合毛利率为 {Pct(margin)}。",
            $"Weighted by the pyramid's shares, the blended gross margin is {Pct(margin)}.",
            Figs(("blendedMargin", margin)), "pyramid");
    }

    /// <summary>
    /// A stated figure agrees with a computed one when they are equal at the precision the figure was
    /// stated in: 141000 (14.1万) is stated to the 1000, 0.29 to the 0.01, 0.035 to the 0.001.
    /// </summary>
    public static bool Agrees(decimal stated, decimal computed) => Math.Abs(stated - computed) <= Precision(stated) / 2m;

    public static decimal Precision(decimal stated)
    {
        if (stated != decimal.Truncate(stated))
        {
            // Dividing by 1.000… drops trailing zeros, so Scale counts the decimals that were written.
            var normalized = stated / 1.0000000000000000000000000000m;
            return 1m / Pow10(normalized.Scale);
        }
        var whole = Math.Abs(stated);
        if (whole == 0m) return 1m;
        var precision = 1m;
        while (whole % (precision * 10m) == 0m && precision < 1_000_000m) precision *= 10m;
        return precision;
    }

    static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++) p *= 10m;
        return p;
    }

    static Dictionary<string, decimal> Figs(params (string Name, decimal Value)[] figures) => figures.ToDictionary(f => f.Name, f => f.Value);

    static string Amt(decimal v) => Figures.Amount(v, AmountStyle.WanYi, Inv);

    static string Pct(decimal fraction) => Figures.Percent(new Percent(fraction), Inv);

    static string Units(ChannelLever l) => $"{l.Units!.Value.ToString("0.##", Inv)} × {Amt(l.OutputPerUnit!.Value)}";

    static string Value(KpiLine line, decimal v) => line.Unit switch
    {
        KpiUnit.Amount => Amt(v),
        KpiUnit.Percent => Pct(v),
        _ => v.ToString("0.##", Inv),
    };

    public static (string Zh, string En) DimensionName(Dimension d) => d switch
    {
        Dimension.Quarter => ("按季度", "quarterly"),
        Dimension.Month => ("按月", "monthly"),
        Dimension.Region => ("按区域", "regional"),
        Dimension.ProductLine => ("按产品", "product line"),
        Dimension.Channel => ("按渠道", "channel"),
        Dimension.Team => ("按团队", "team"),
        Dimension.Rep => ("按销售", "rep"),
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public static (string Zh, string En) KpiName(Kpi k) => k switch
    {
        Kpi.Revenue => ("销售额", "revenue"),
        Kpi.CustomerCount => ("客户数", "customer count"),
        Kpi.AverageDealSize => ("客单价", "average deal size"),
        Kpi.CollectionRate => ("回款率", "collection rate"),
        Kpi.Satisfaction => ("客户满意度", "customer satisfaction"),
        Kpi.Nps => ("NPS", "NPS"),
        Kpi.QualifiedLeadRate => ("线索合格率", "qualified-lead rate"),
        Kpi.Arpu => ("ARPU", "ARPU"),
        Kpi.ConversionRate => ("转化率", "conversion rate"),
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };
}
