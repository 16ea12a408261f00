using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Planning;

/// <summary>
/// Builds a version's target cube (e.g. region × quarter × product line) from its breakdowns, which
/// are the cube's marginals, by iterative proportional fitting.
/// </summary>
public sealed class BuildTargetCube(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public static readonly IReadOnlyList<Dimension> DefaultDimensions = [Dimension.Region, Dimension.Quarter, Dimension.ProductLine];

    /// <summary>The fitted cube; not found when the version does not exist; invalid ("dimensions") when a dimension repeats or has no breakdown.</summary>
    public async Task<EditResult<CubeFit>> Handle(Guid versionId, IReadOnlyList<Dimension>? dimensions, Kpi kpi, CancellationToken ct)
    {
        var dims = dimensions is { Count: > 0 } ? dimensions : DefaultDimensions;
        if (dims.Distinct().Count() != dims.Count)
            return Invalid("Each dimension can be used once in a cube.");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var version = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return EditResult<CubeFit>.NotFound;
        var axes = new List<CubeAxis>();
        foreach (var dimension in dims)
        {
            var breakdown = version.Breakdowns.FirstOrDefault(b => b.Kpi == kpi && b.Dimension == dimension);
            if (breakdown is null) return Invalid($"The plan has no {kpi} breakdown by {dimension} to use as a marginal.");
            axes.Add(new CubeAxis(dimension, [.. breakdown.Parts.Select(p => p.Member)], [.. breakdown.Parts.Select(p => p.Amount)]));
        }
        return EditResult<CubeFit>.Saved(TargetCube.Fit(axes, tolerance: 1e-12, maxIterations: 500));
    }

    static EditResult<CubeFit> Invalid(string problem) => EditResult<CubeFit>.Invalid(new Dictionary<string, string[]> { ["dimensions"] = [problem] });
}
