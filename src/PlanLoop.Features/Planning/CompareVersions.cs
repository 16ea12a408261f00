using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Planning;

/// <summary>One figure that differs between two versions (null: the figure is absent on that side).</summary>
public sealed record FigureChange(string Path, string Figure, decimal? Left, decimal? Right)
{
    public decimal? Difference => Left is { } l && Right is { } r ? r - l : null;
}

public sealed record VersionComparison(PlanVersionSummary Left, PlanVersionSummary Right, IReadOnlyList<FigureChange> Changes);

/// <summary>Every figure that differs between two versions of the same plan: KPIs, breakdown parts, levers, pyramid and goals.</summary>
public sealed class CompareVersions(IDbContextFactory<PlanLoopDbContext> dbs)
{
    /// <summary>The comparison; not found when either version is missing; invalid ("other") for versions of different plans.</summary>
    public async Task<EditResult<VersionComparison>> Handle(Guid leftId, Guid rightId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var versions = await db.PlanVersions.AsNoTracking().Where(v => v.Id == leftId || v.Id == rightId).ToListAsync(ct);
        var left = versions.FirstOrDefault(v => v.Id == leftId);
        var right = versions.FirstOrDefault(v => v.Id == rightId);
        if (left is null || right is null) return EditResult<VersionComparison>.NotFound;
        if (left.PlanId != right.PlanId)
            return EditResult<VersionComparison>.Invalid(new Dictionary<string, string[]> { ["other"] = ["Only versions of the same plan can be compared."] });
        return EditResult<VersionComparison>.Saved(new VersionComparison(Summary(left), Summary(right), [.. Figures(left).FullJoin(Figures(right))]));
    }

    static PlanVersionSummary Summary(PlanVersion v) => new(v.Id, v.Number, v.Name, v.Kind, v.Status, v.CreatedAt, v.CreatedBy, v.ApprovedAt, v.ApprovedBy, v.CopiedFromId);

    /// <summary>Every figure of a version by path, in a stable order.</summary>
    static List<(string Path, string Figure, decimal? Value)> Figures(PlanVersion v)
    {
        var list = new List<(string, string, decimal?)>();
        foreach (var k in v.Kpis.OrderBy(k => k.Kpi))
        {
            list.Add(($"kpis/{k.Kpi}", "baseline", k.Baseline));
            list.Add(($"kpis/{k.Kpi}", "target", k.Target));
            list.Add(($"kpis/{k.Kpi}", "statedGrowth", k.StatedGrowth));
        }
        foreach (var b in v.Breakdowns.OrderBy(b => b.Kpi).ThenBy(b => b.Dimension))
        {
            foreach (var p in b.Parts)
            {
                list.Add(($"breakdowns/{b.Kpi}/{b.Dimension}/{p.Member}", "share", p.Share));
                list.Add(($"breakdowns/{b.Kpi}/{b.Dimension}/{p.Member}", "amount", p.Amount));
            }
        }
        foreach (var l in v.Levers)
        {
            list.Add(($"levers/{l.Channel}", "units", l.Units));
            list.Add(($"levers/{l.Channel}", "outputPerUnit", l.OutputPerUnit));
        }
        foreach (var p in v.Pyramid)
        {
            list.Add(($"pyramid/{p.Tier}", "share", p.Share));
            list.Add(($"pyramid/{p.Tier}", "grossMargin", p.GrossMargin));
        }
        foreach (var g in v.Goals) list.Add(($"goals/{g.Kind}", "value", g.Value));
        return list;
    }
}

static class FigureJoin
{
    /// <summary>Pairs figures by (path, figure) and keeps those that differ, in the left side's order then the right's new ones.</summary>
    public static IEnumerable<FigureChange> FullJoin(this List<(string Path, string Figure, decimal? Value)> left, List<(string Path, string Figure, decimal? Value)> right)
    {
        var rightByKey = right.ToDictionary(r => (r.Path, r.Figure), r => r.Value);
        var leftKeys = new HashSet<(string, string)>();
        foreach (var (path, figure, value) in left)
        {
            leftKeys.Add((path, figure));
            rightByKey.TryGetValue((path, figure), out var other);
            if (value != other) yield return new FigureChange(path, figure, value, other);
        }
        foreach (var (path, figure, value) in right.Where(r => !leftKeys.Contains((r.Path, r.Figure)) && r.Value is not null))
            yield return new FigureChange(path, figure, null, value);
    }
}
