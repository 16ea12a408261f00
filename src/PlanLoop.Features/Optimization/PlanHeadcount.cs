using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Optimization;
using PlanLoop.Domain.Organisation;
using PlanLoop.Features.Data;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Planning;

namespace PlanLoop.Features.Optimization;

/// <summary>A hiring plan as the API, the page and the command line give it: the months with decisions, starts, sellers and capacity.</summary>
public sealed record HeadcountSummary(double? Objective, SolveStatus Status, string? Solver, string Segment, decimal Target, int HeadsAtStart, decimal YearCapacity, decimal Shortfall,
    decimal Cover, int Hires, int? LatestUsefulDecision, IReadOnlyList<HeadcountMonth> Months)
{
    public static HeadcountSummary Of(HeadcountSegment segment, HeadcountResult plan)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(plan);
        return new(plan.Solution.Objective, plan.Status, plan.Solution.Solver, plan.Segment, plan.Target, segment.Heads, plan.YearCapacity, plan.Shortfall, plan.Cover, plan.Hires,
            plan.LatestUsefulDecision, [.. Enumerable.Range(0, 12).Select(i => new HeadcountMonth(i + 1, plan.Decided[i], plan.Starting[i], plan.Heads[i], plan.Capacity[i]))]);
    }
}

public sealed record HeadcountMonth(int Month, int Decided, int Starting, decimal Heads, decimal Capacity);

/// <summary>The plan as given and its model, for export.</summary>
public sealed record HeadcountAnswer(HeadcountSummary Summary, LinearModel Model)
{
    /// <summary>The hiring plan's last integer programme as a file another solver re-solves to the same optimum.</summary>
    public string ModelFile(ModelFormat format) =>
        ModelFiles.Write(Model, format, [$"hiring plan for {Summary.Segment}; amounts in 10,000 yuan; hire_start_MM = sellers starting in month MM"]);
}

/// <summary>What the page starts from: the direct channel's target in the year's version, its sellers today and the productivity per head the plan assumes.</summary>
public sealed record HeadcountDefaults(string Segment, decimal Target, int Heads, decimal ProductivityPerHead, decimal? PlannedHeads);

/// <summary>
/// Plans the hires a segment needs (<see cref="HeadcountPlan"/>), starting from the plan: the direct channel's revenue target
/// (the seed's 7,500万), the account executives in the organisation (20) and the planned output per head (500万, for 30 heads).
/// </summary>
public sealed class PlanHeadcount(IDbContextFactory<PlanLoopDbContext> dbs, ISolver solver)
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public async Task<HeadcountDefaults> Defaults(int year, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var basis = await PlanActuals.Basis(db, year, null, ct);
        var levers = basis.VersionId is { } id ? await db.PlanVersions.AsNoTracking().Where(v => v.Id == id).Select(v => v.Levers).FirstAsync(ct) : [];
        var direct = levers.FirstOrDefault(l => l.Kind == ChannelKind.Direct);
        var code = direct?.Channel ?? await db.Channels.Where(c => c.Kind == ChannelKind.Direct).OrderBy(c => c.SortOrder).Select(c => c.Code).FirstOrDefaultAsync(ct);
        var name = code is null ? "" : await db.Channels.Where(c => c.Code == code).Select(c => c.Name).FirstAsync(ct);
        var target = code is not null ? basis.MemberTarget(ActualDimension.Channel, code) ?? direct?.Capacity ?? 0m : 0m;
        var heads = await GetPlanVersion.DirectSellers(db, ct) ?? 0;
        return new HeadcountDefaults(name, Math.Round(target, 2), heads, direct?.OutputPerUnit ?? 5_000_000m, direct?.Units);
    }

    public EditResult<HeadcountAnswer> Handle(HeadcountSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var errors = segment.Errors();
        if (errors.Count > 0) return EditResult<HeadcountAnswer>.Invalid(errors);
        var plan = HeadcountPlan.Solve(segment, solver, Limit);
        return EditResult<HeadcountAnswer>.Saved(new HeadcountAnswer(HeadcountSummary.Of(segment, plan), plan.Model));
    }
}
