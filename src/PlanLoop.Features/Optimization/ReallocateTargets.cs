using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Domain.Optimization;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Optimization;

/// <summary>
/// What to re-allocate: the year, the dimension (region, product line, channel, team or rep), the version whose
/// targets are re-allocated (the year's approved one unless named), the rules, and capacities a person knows better
/// than the forecast (by member code or rep name).
/// </summary>
public sealed record ReallocationRequest(int? Year, ActualDimension By, Guid? VersionId, ReallocationRules Rules, IReadOnlyDictionary<string, decimal>? Capacities = null);

/// <summary>The proposal with where it came from: the version, the business day, the English names of the members.</summary>
public sealed record ReallocationView(int Year, DateOnly AsOf, ActualDimension By, Guid VersionId, string VersionName, int VersionNumber, ReallocationResult Result,
    IReadOnlyDictionary<string, string> NamesEn, IReadOnlyList<(int Month, decimal Weight)> RemainingMonths)
{
    /// <summary>
    /// A unit's remaining target (new target − booked) by the months still to come, in proportion to the version's
    /// phasing of those months (evenly when it gives them nothing), to the fen: the months add up to the remaining target.
    /// </summary>
    public IReadOnlyList<decimal> Monthly(ReallocatedUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (RemainingMonths.Count == 0) return [];
        var weights = RemainingMonths.Sum(m => m.Weight) > 0m ? RemainingMonths.Select(m => m.Weight).ToList() : [.. RemainingMonths.Select(_ => 1m)];
        return [.. Domain.Amounts.Money.Cny(unit.Remaining).Allocate(weights).Select(m => m.Amount)];
    }

    /// <summary>The model of the proposal's last stage as a file, headed by what it is and what each variable stands for.</summary>
    public string? ModelFile(ModelFormat format) => Result.Model is { } model
        ? ModelFiles.Write(model, format,
            [$"re-allocation by {By} of version {VersionNumber} ({VersionName}) as of {AsOf:yyyy-MM-dd}; amounts in 10,000 yuan; objective: target moved",
             .. Result.Units.Select((u, i) => $"remaining_{i + 1} = {u.Member} {NamesEn.GetValueOrDefault(u.Member) ?? u.Name}")])
        : null;
}

/// <summary>One unit of a proposal as the API and the command line give it (the English name beside the Chinese one).</summary>
public sealed record ReallocatedLine(string Member, string Name, string NameEn, decimal Target, decimal Booked, decimal Expected, decimal Capacity, decimal NewTarget,
    decimal Remaining, decimal Change, decimal? Stretch, IReadOnlyList<string> Binding, IReadOnlyList<decimal> Months);

/// <summary>A proposal as the API and the command line give it: the solver's objective and status with the figures, never the model itself.</summary>
public sealed record ReallocationSummary(int Year, DateOnly AsOf, ActualDimension By, Guid VersionId, string VersionName, double? Objective, SolveStatus? Status, string? Solver,
    decimal AnnualTarget, decimal Booked, decimal Gap, decimal Shortfall, decimal? CommonRise, decimal Raised, decimal Cut, decimal NewTotal, bool Feasible,
    IReadOnlyList<string> Conflicts, string? Note, IReadOnlyList<ReallocatedLine> Units, string PricedBy, IReadOnlyList<ShadowPrice> ShadowPrices, IReadOnlyList<int> RemainingMonths,
    Guid? SavedVersionId = null)
{
    public static ReallocationSummary Of(ReallocationView view, Guid? saved = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var r = view.Result;
        return new(view.Year, view.AsOf, view.By, view.VersionId, view.VersionName, r.Solution?.Objective, r.Solution?.Status, r.Solution?.Solver,
            r.AnnualTarget, r.Booked, r.Gap, r.Shortfall, r.CommonRise, r.Raised, r.Cut, r.NewTotal, r.Feasible, r.Conflicts, r.Note,
            [.. r.Units.Select(u => new ReallocatedLine(u.Member, u.Name, view.NamesEn.GetValueOrDefault(u.Member) ?? u.Name, u.Target, u.Booked, u.Expected, u.Capacity, u.NewTarget,
                u.Remaining, u.Change, u.Stretch, u.Binding, view.Monthly(u)))],
            r.PricedBy, r.ShadowPrices, [.. view.RemainingMonths.Select(m => m.Month)], saved);
    }
}

/// <summary>
/// Proposes the rest of the year's targets from what each unit has booked and its own forecast for the rest of the
/// year (the combination of the time-series methods and its open deals: P50 − booked), within the rules a person
/// sets; the original targets are the version's breakdown scaled to its revenue target to the fen. The proposal can
/// be saved as a new draft version, which then goes through the plan checks and approval like any other.
/// </summary>
public sealed class ReallocateTargets(IDbContextFactory<PlanLoopDbContext> dbs, GetRevenueForecast forecasts, BusinessDay businessDay, ISolver solver, TimeProvider clock)
{
    public static readonly IReadOnlyList<ActualDimension> Dimensions =
        [ActualDimension.Region, ActualDimension.ProductLine, ActualDimension.Channel, ActualDimension.Team, ActualDimension.Rep];

    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    public const int MaxUnits = 5000;

    public async Task<EditResult<ReallocationView>> Handle(Viewer viewer, ReallocationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(request);
        var today = businessDay.Today();
        var year = request.Year ?? today.Year;
        var errors = new Dictionary<string, string[]>(request.Rules.Errors());
        if (year != today.Year) errors["year"] = [$"Targets are re-allocated for the year being lived ({today.Year})."];
        if (!Dimensions.Contains(request.By)) errors["by"] = [$"Targets are re-allocated by {string.Join(", ", Dimensions)}."];
        foreach (var (member, capacity) in request.Capacities ?? new Dictionary<string, decimal>())
            if (capacity is < 0m or > 1_000_000_000_000m) errors[$"capacities.{member}"] = ["A capacity must be between 0 and 1,000,000,000,000."];
        if (errors.Count > 0) return EditResult<ReallocationView>.Invalid(errors);
        if (!viewer.SeesAll) return EditResult<ReallocationView>.NotFound;

        await using var db = await dbs.CreateDbContextAsync(ct);
        var basis = await PlanActuals.Basis(db, year, request.VersionId, ct);
        if (basis.VersionId is not { } versionId) return EditResult<ReallocationView>.NotFound;
        var planned = PlanActuals.PlanDimension(request.By)!.Value;
        if (basis.RevenueTarget is not { } annual || annual <= 0m)
            return EditResult<ReallocationView>.Invalid(new Dictionary<string, string[]> { ["versionId"] = ["The version has no revenue target to re-allocate."] });
        if (!basis.RevenueBreakdowns.TryGetValue(planned, out var breakdown) || breakdown.Parts.Count == 0 || breakdown.Sum <= 0m)
            return EditResult<ReallocationView>.Invalid(new Dictionary<string, string[]> { ["by"] = [$"The version does not break its revenue target down by {request.By}."] });
        if (breakdown.Parts.Count > MaxUnits)
            return EditResult<ReallocationView>.Invalid(new Dictionary<string, string[]> { ["by"] = [$"At most {MaxUnits} units are re-allocated at once."] });
        var unknown = (request.Capacities?.Keys ?? []).Where(k => breakdown.Parts.All(p => p.Member != k)).ToList();
        if (unknown.Count > 0)
            return EditResult<ReallocationView>.Invalid(new Dictionary<string, string[]> { ["capacities"] = [$"Not a member of the breakdown: {string.Join(", ", unknown)}."] });

        var targets = Domain.Amounts.Money.Cny(annual).Allocate([.. breakdown.Parts.Select(p => Math.Max(0m, p.Amount))]);
        var names = await GetPlanVsActual.Names(db, ct);
        var units = new List<ReallocationUnit>();
        DateOnly asOf = today;
        for (var i = 0; i < breakdown.Parts.Count; i++)
        {
            var member = breakdown.Parts[i].Member;
            var f = await forecasts.Handle(viewer, year, request.By, member, ForecastMethod.Combination, ct);
            var view = f.Value!;
            asOf = view.AsOf;
            units.Add(new ReallocationUnit(member, GetPlanVsActual.Name(names, request.By, member)!, targets[i].Amount, view.Booked,
                Math.Max(0m, Math.Round(view.P50 - view.Booked, 2)), request.Capacities?.GetValueOrDefault(member) is { } c && request.Capacities.ContainsKey(member) ? c : null));
        }
        var result = Reallocation.Solve(annual, units, request.Rules, solver, Limit);
        var version = await db.PlanVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => new { v.Name, v.Number }).SingleAsync(ct);
        return EditResult<ReallocationView>.Saved(new ReallocationView(year, asOf, request.By, versionId, version.Name, version.Number, result,
            await GetPlanVsActual.EnglishNames(db, request.By, ct), Domain.Monitoring.Phasing.RemainingMonths(asOf, basis.Phasing)));
    }

    /// <summary>Saves the proposal as a new draft version copied from the re-allocated one, its breakdown replaced by the new targets.</summary>
    public async Task<EditResult<PlanVersionView>> SaveAsDraft(Viewer viewer, ReallocationRequest request, string name, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            return EditResult<PlanVersionView>.Invalid(new Dictionary<string, string[]> { ["name"] = ["Name the new version (1 to 100 characters)."] });
        var proposal = await Handle(viewer, request, ct);
        if (!proposal.Succeeded) return proposal.Outcome == EditOutcome.Invalid ? EditResult<PlanVersionView>.Invalid(proposal.Errors!) : EditResult<PlanVersionView>.NotFound;
        var view = proposal.Value!;
        if (!view.Result.Feasible || view.Result.Units.Count == 0)
            return EditResult<PlanVersionView>.Invalid(new Dictionary<string, string[]> { ["rules"] = [$"The rules conflict ({string.Join(", ", view.Result.Conflicts)}): there is no proposal to save."] });

        await using var db = await dbs.CreateDbContextAsync(ct);
        var source = await db.PlanVersions.AsNoTracking().SingleAsync(v => v.Id == view.VersionId, ct);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == source.PlanId, ct);
        var number = await db.PlanVersions.Where(v => v.PlanId == source.PlanId).MaxAsync(v => v.Number, ct) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var copy = source.CopyAs(number, name, VersionKind.Version, user, now);
        var dimension = PlanActuals.PlanDimension(request.By)!.Value;
        copy.SetBreakdown(Decomposition.ByAmounts(Kpi.Revenue, dimension, [.. view.Result.Units.Select(u => (u.Member, u.NewTarget))]));
        db.PlanVersions.Add(copy);
        db.AuditEntries.Add(new AuditEntry(now, user, nameof(PlanVersion), copy.Id, "created", null, $"{VersionKind.Version} {number} {copy.Name}",
            $"re-allocated by {request.By} from version {source.Number} on {view.AsOf:yyyy-MM-dd}: shortfall {view.Result.Shortfall:0.00}, moved {view.Result.Raised:0.00}"));
        await db.SaveChangesAsync(ct);
        return EditResult<PlanVersionView>.Saved(GetPlanVersion.View(plan, copy, await GetPlanVersion.DirectSellers(db, ct)));
    }
}
