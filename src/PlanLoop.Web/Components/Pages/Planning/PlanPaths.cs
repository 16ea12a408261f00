using Microsoft.Extensions.Localization;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Organisation;

namespace PlanLoop.Web.Components.Pages.Planning;

/// <summary>
/// A plan figure's path as a person reads it: "breakdowns/Revenue/Quarter/Q4" → "销售额 · 按季度 · Q4",
/// "kpis/Revenue" → "销售额", "levers/DIRECT" → "渠道产能 · 直销". Audit lines, findings and comparisons keep
/// paths as codes; every page that shows one reads it here.
/// </summary>
static class PlanPaths
{
    public static string Text(string path, IStringLocalizer L, Func<Dimension, string, string> memberName) => path.Split('/') switch
    {
        ["breakdowns", var kpi, var dim, .. var member] when Enum.TryParse<Kpi>(kpi, out var k) && Enum.TryParse<Dimension>(dim, out var d) =>
            string.Join(" · ", new[] { (string)L[$"Kpi.{k}"], L[$"Dimension.{d}"] }.Concat(member.Select(m => memberName(d, m)))),
        ["kpis", var kpi] when Enum.TryParse<Kpi>(kpi, out var k) => L[$"Kpi.{k}"],
        ["levers", var channel] => $"{L["Plan.Levers"]} · {memberName(Dimension.Channel, channel)}",
        ["pyramid", var tier] when Enum.TryParse<PyramidTier>(tier, out var t) => L[$"PyramidTier.{t}"],
        ["goals", var goal] when Enum.TryParse<StrategyGoalKind>(goal, out var g) => L[$"StrategyGoalKind.{g}"],
        ["status"] => L["Audit.Status"],
        ["created"] => L["Audit.Created"],
        _ => path,
    };

    /// <summary>A breakdown member by its master-data name in the page's language (regions, product lines, channels, teams); other members (quarters, months, reps) as they are.</summary>
    public static string MemberName(OrganisationView org, Dimension dimension, string code, bool english)
    {
        ArgumentNullException.ThrowIfNull(org);
        NamedItem? item = dimension switch
        {
            Dimension.Region => org.Regions.FirstOrDefault(r => r.Code == code),
            Dimension.ProductLine => org.ProductLines.FirstOrDefault(r => r.Code == code),
            _ => null,
        };
        if (item is not null) return english ? item.NameEn : item.Name;
        if (dimension == Dimension.Channel && org.Channels.FirstOrDefault(c => c.Code == code) is { } ch) return english ? ch.NameEn : ch.Name;
        if (dimension == Dimension.Team && org.Teams.FirstOrDefault(t => t.Code == code) is { } team) return english ? team.NameEn : team.Name;
        return code;
    }
}
