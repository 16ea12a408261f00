using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Formatting;
using PlanLoop.Domain.Monitoring;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Monitoring;

public enum FindingLevel
{
    /// <summary>Behind by more than 10% of what the plan expects by now.</summary>
    Risk,

    /// <summary>Behind, within 10%; or something to chase this week.</summary>
    Watch,

    /// <summary>Ahead of the plan.</summary>
    Good,
}

/// <summary>One sentence of the weekly review, in Chinese and English, with where to look.</summary>
public sealed record Finding(FindingLevel Level, string Code, string Text, string TextEn, string Link);

/// <summary>
/// The findings of the weekly review, written from the figures the dashboard already shows: every
/// plan KPI that does not keep pace (with the run-rate it now needs), each region, product line and
/// channel more than 10% behind or ahead of its target to date, and this week's slipped deals, new
/// overdue payments, SLA breaches and customers newly at risk. Risks first, then things to watch,
/// then what is ahead — the order the sales meeting takes them in.
/// </summary>
public sealed class GetReviewFindings(GetDashboard dashboards, GetPlanVsActual planVsActual, GetWeeklyChanges changes, IDbContextFactory<PlanLoopDbContext> dbs)
{
    static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN"), En = CultureInfo.GetCultureInfo("en");

    public async Task<IReadOnlyList<Finding>> Handle(int year, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var findings = new List<Finding>();
        var dashboard = await dashboards.Handle(year, null, viewer, ct);
        foreach (var card in dashboard.Kpis)
        {
            var f = card.Figures;
            if (f.Pace is not (Pace.Watch or Pace.Behind) || f.Attainment is not { } a) continue;
            var (zh, en) = PlanChecks.KpiName(card.Kpi);
            var need = f.RunRateNeeded is { } rr && card.Unit == KpiUnit.Amount
                ? ($"剩余每月需 {Figures.Amount(rr, AmountStyle.WanYi, Zh)}。", $" {Figures.Amount(rr, AmountStyle.Full, En)} a month is needed from here.")
                : ("", "");
            // Each KPI is compared with its own "expected by now" (phasing, trajectory, derived); said when it is not the target itself.
            var expectedIsNotTarget = f.Expected != 1m;
            findings.Add(new Finding(f.Pace == Pace.Behind ? FindingLevel.Risk : FindingLevel.Watch, $"kpi-{card.Kpi}",
                $"{zh}:实际 {Value(card.Unit, f.Actual, Zh)},目标 {Value(card.Unit, f.Target, Zh)},达成 {a.ToString("0.0%", Zh)}{(expectedIsNotTarget ? $",进度应为 {f.Expected.ToString("0.0%", Zh)}" : "")}。{need.Item1}",
                $"{char.ToUpperInvariant(en[0])}{en[1..]}: {Value(card.Unit, f.Actual, En)} against {Value(card.Unit, f.Target, En)}, {a.ToString("0.0%", En)} attained{(expectedIsNotTarget ? $" where {f.Expected.ToString("0.0%", En)} was expected by now" : "")}.{need.Item2}",
                "monitoring"));
        }

        foreach (var by in new[] { ActualDimension.Region, ActualDimension.ProductLine, ActualDimension.Channel })
        {
            var report = await planVsActual.Handle(year, by, null, null, viewer, ct);
            Dictionary<string, string> english;
            await using (var db = await dbs.CreateDbContextAsync(ct)) english = await GetPlanVsActual.EnglishNames(db, by, ct);
            foreach (var row in report.Rows)
            {
                if (row.Attainment is not { } a || row.TargetToDate is not { } t || row.AName is null) continue;
                if (a >= 0.9m && a <= 1.1m) continue;
                var behind = a < 0.9m;
                var gap = Math.Abs(t - row.Actual);
                findings.Add(new Finding(behind ? (a < 0.8m ? FindingLevel.Risk : FindingLevel.Watch) : FindingLevel.Good, $"{by}-{row.A}",
                    $"{row.AName}:{Figures.Amount(row.Actual, AmountStyle.WanYi, Zh)} / 目标进度 {Figures.Amount(t, AmountStyle.WanYi, Zh)},达成 {a.ToString("0.0%", Zh)},{(behind ? "落后" : "超出")} {Figures.Amount(gap, AmountStyle.WanYi, Zh)}。",
                    $"{english.GetValueOrDefault(row.A!) ?? row.AName}: {Figures.Amount(row.Actual, AmountStyle.Full, En)} against {Figures.Amount(t, AmountStyle.Full, En)} to date, {a.ToString("0.0%", En)}, {Figures.Amount(gap, AmountStyle.Full, En)} {(behind ? "behind" : "ahead")}.",
                    $"monitoring?by={by}"));
            }
        }

        var week = await changes.Handle(viewer, ct);
        if (week.Slipped.Count > 0)
        {
            var amount = week.Slipped.Sum(s => s.Amount ?? 0m);
            findings.Add(new Finding(FindingLevel.Watch, "slipped", $"本周 {week.Slipped.Count} 个商机过了预计成交日仍未关闭,合计 {Figures.Amount(amount, AmountStyle.WanYi, Zh)}。",
                $"{week.Slipped.Count} deal(s) passed their expected close date this week without closing, {Figures.Amount(amount, AmountStyle.Full, En)} in all.", "opportunities"));
        }
        if (week.NewlyOverdue.Count > 0)
        {
            var amount = week.NewlyOverdue.Sum(s => s.Amount ?? 0m);
            findings.Add(new Finding(FindingLevel.Watch, "overdue", $"本周新增逾期回款节点 {week.NewlyOverdue.Count} 个,未收 {Figures.Amount(amount, AmountStyle.WanYi, Zh)}。",
                $"{week.NewlyOverdue.Count} payment node(s) fell overdue this week, {Figures.Amount(amount, AmountStyle.Full, En)} open.", "collection"));
        }
        if (week.SlaBreaches > 0)
            findings.Add(new Finding(FindingLevel.Watch, "sla", $"当前有 {week.SlaBreaches} 项 SLA 超时。", $"{week.SlaBreaches} SLA breach(es) stand today.", "opportunities"));
        if (week.NewAtRisk.Count > 0)
            findings.Add(new Finding(FindingLevel.Watch, "at-risk", $"本周新增高风险客户 {week.NewAtRisk.Count} 家:{string.Join("、", week.NewAtRisk.Take(5).Select(r => r.Title))}。",
                $"{week.NewAtRisk.Count} customer(s) newly at risk: {string.Join(", ", week.NewAtRisk.Take(5).Select(r => r.Title))}.", "customers"));
        return findings.OrderBy(f => f.Level).ToList();
    }

    static string Value(KpiUnit unit, decimal? v, CultureInfo culture) => v is not { } x ? "—" : unit switch
    {
        KpiUnit.Amount => Figures.Amount(x, culture.Name == "en" ? AmountStyle.Full : AmountStyle.WanYi, culture),
        KpiUnit.Percent => x.ToString("0.0%", culture),
        KpiUnit.Count => x.ToString("N0", culture),
        _ => x.ToString("0.#", culture),
    };
}
