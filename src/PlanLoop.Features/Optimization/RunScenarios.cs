using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Amounts;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Optimization;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Optimization;

/// <summary>
/// The year's drivers as measured: the segments (channel × region) with the values that reproduce the year's run rate
/// (to date ÷ share of the year gone), where each company-wide figure came from, and what is assumed rather than measured.
/// </summary>
public sealed record DriverBase(int Year, DateOnly AsOf, decimal Elapsed, Guid? VersionId, string? VersionName, decimal? PlanRevenue, decimal? PlanCustomers,
    IReadOnlyList<SegmentDrivers> Segments, IReadOnlyList<string> Assumptions);

/// <summary>A scenario computed: the base it was measured on, its name when saved, and the result.</summary>
public sealed record ScenarioView(Guid? Id, string? Name, string? Note, IReadOnlyList<DriverChange> Changes, DriverBase Base, ScenarioResult Result);

/// <summary>A scenario as the API and the command line give it: the base and the scenario, the contributions, the tornado and both sets of drivers.</summary>
public sealed record ScenarioSummary(int Year, DateOnly AsOf, decimal Elapsed, string? VersionName, decimal? PlanRevenue, Guid? Id, string? Name, string? Note,
    IReadOnlyList<DriverChange> Changes, TreeOutcome Base, TreeOutcome Scenario, IReadOnlyList<Contribution> Contributions, IReadOnlyList<TornadoBar> Tornado, decimal Step,
    IReadOnlyList<SegmentDrivers> BaseDrivers, IReadOnlyList<SegmentDrivers> Drivers, IReadOnlyList<string> Assumptions, Guid? SavedId = null, Guid? VersionId = null)
{
    public static ScenarioSummary Of(ScenarioView view, Guid? saved = null, Guid? version = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var b = view.Base;
        var r = view.Result;
        return new(b.Year, b.AsOf, b.Elapsed, b.VersionName, b.PlanRevenue, view.Id, view.Name, view.Note, view.Changes, r.Base, r.Scenario, r.Contributions, r.Tornado, r.Step,
            b.Segments, r.Drivers, b.Assumptions, saved ?? view.Id, version);
    }
}

/// <summary>A saved scenario as listed: its figures computed from today's drivers.</summary>
public sealed record ScenarioLine(Guid Id, string Name, string? Note, int Changes, string CreatedBy, DateTime CreatedAt, decimal Revenue, decimal Margin, decimal Collection, decimal Customers);

/// <summary>
/// What-if scenarios on the driver tree (<see cref="DriverTree"/>): measures the year's drivers from the leads, the
/// opportunities, the order lines and the collection in the database, computes a scenario's revenue, margin,
/// collection and customers with each driver's contribution and the tornado, saves scenarios, and turns one into a
/// draft plan version whose targets and breakdowns by region and channel are the scenario's.
/// </summary>
public sealed class RunScenarios(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, GetCollectionReport collection, TimeProvider clock)
{
    /// <summary>Rates are measured per channel from this many observations; below it the company's rate stands in.</summary>
    public const int MinObservations = 20;

    public const int MaxSaved = 200;

    public async Task<DriverBase?> Measure(Viewer viewer, int? year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.SeesAll) return null;
        var today = businessDay.Today();
        var y = year ?? today.Year;
        var first = new DateOnly(y, 1, 1);
        var asOf = today < new DateOnly(y, 12, 31) ? today : new DateOnly(y, 12, 31);
        if (asOf < first) return null;
        var elapsed = Domain.Monitoring.Phasing.TimeElapsed(asOf);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var assumptions = new List<string>();

        var lines = PlanActuals.Lines(db, viewer, first, asOf);
        var existing = lines.Where(l => db.OrderLines.Any(o => o.AccountId == l.AccountId && o.BookedOn < first));
        var fresh = lines.Where(l => !db.OrderLines.Any(o => o.AccountId == l.AccountId && o.BookedOn < first));
        var old = await PlanActuals.Sum(db, existing, ActualDimension.Channel, ActualDimension.Region, ct, customers: true);
        var young = await PlanActuals.Sum(db, fresh, ActualDimension.Channel, ActualDimension.Region, ct, customers: true);
        var mix = await PlanActuals.Sum(db, lines, ActualDimension.Channel, ActualDimension.ProductLine, ct);
        var sellers = await PlanActuals.With(db, PlanActuals.With(db, lines, ActualDimension.Channel), ActualDimension.Region)
            .Where(l => l.OwnerId != null)
            .GroupBy(l => new { l.Channel, l.Region })
            .Select(g => new { g.Key.Channel, g.Key.Region, Heads = g.Select(l => l.OwnerId).Distinct().Count() })
            .ToListAsync(ct);
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => new { c.Code, c.Kind }).ToListAsync(ct);

        // Leads by region and source; a source points to the channel kind that works it.
        var leads = await db.Leads.AsNoTracking().Where(l => l.CreatedOn >= first && l.CreatedOn <= asOf)
            .GroupBy(l => new { Region = db.Regions.Where(r => r.Id == l.RegionId).Select(r => r.Code).FirstOrDefault(), l.Source })
            .Select(g => new { g.Key.Region, g.Key.Source, Leads = g.Count(), Worked = g.Count(l => l.Status != LeadStatus.New), Qualified = g.Count(l => l.Status == LeadStatus.Qualified) })
            .ToListAsync(ct);
        var deals = await db.Opportunities.AsNoTracking()
            .Where(o => (o.CreatedOn >= first && o.CreatedOn <= asOf) || (o.ClosedOn >= first && o.ClosedOn <= asOf))
            .GroupBy(o => db.Channels.Where(c => c.Id == o.ChannelId).Select(c => c.Code).FirstOrDefault())
            .Select(g => new
            {
                Channel = g.Key,
                Opened = g.Count(o => o.CreatedOn >= first && o.CreatedOn <= asOf),
                Won = g.Count(o => o.StageCode == SopStages.Won && o.ClosedOn >= first && o.ClosedOn <= asOf),
                Lost = g.Count(o => o.StageCode == SopStages.Lost && o.ClosedOn >= first && o.ClosedOn <= asOf),
            }).ToListAsync(ct);
        var wonDays = await db.Opportunities.AsNoTracking().Where(o => o.StageCode == SopStages.Won && o.ClosedOn >= first && o.ClosedOn <= asOf)
            .Select(o => new { o.CreatedOn, Closed = o.ClosedOn!.Value }).ToListAsync(ct);
        var days = wonDays.Select(d => d.Closed.DayNumber - d.CreatedOn.DayNumber).Order().ToList();
        decimal cycle = days.Count == 0 ? 0m : days[(days.Count - 1) / 2];
        if (days.Count == 0) assumptions.Add("cycle:none");

        string? ChannelFor(LeadSource source, string? region)
        {
            var kind = source switch { LeadSource.Agent => ChannelKind.Agent, LeadSource.Partner => ChannelKind.Partner, LeadSource.Website => ChannelKind.Online, _ => ChannelKind.Direct };
            return channels.FirstOrDefault(c => c.Kind == kind)?.Code ?? channels.FirstOrDefault(c => c.Kind == ChannelKind.Direct)?.Code;
        }
        var leadCells = leads.Select(l => new { Channel = ChannelFor(l.Source, l.Region), l.Region, l.Leads, l.Worked, l.Qualified }).ToList();
        decimal? Rate(int part, int whole) => whole == 0 ? null : (decimal)part / whole;
        var companyQ = Rate(leadCells.Sum(l => l.Qualified), leadCells.Sum(l => l.Worked));
        var companyO = Rate(deals.Sum(d => d.Opened), leadCells.Sum(l => l.Qualified));
        var companyW = Rate(deals.Sum(d => d.Won), deals.Sum(d => d.Won + d.Lost));
        if (companyQ is null) assumptions.Add("qualified:none");
        if (companyO is null) assumptions.Add("opportunity:none");
        if (companyW is null) assumptions.Add("win:none");
        decimal Q(string? channel) =>
            leadCells.Where(l => l.Channel == channel).ToList() is var own && own.Sum(l => l.Worked) >= MinObservations ? Rate(own.Sum(l => l.Qualified), own.Sum(l => l.Worked))!.Value : companyQ ?? 0m;
        decimal O(string? channel) =>
            deals.FirstOrDefault(d => d.Channel == channel && channel != null) is { Opened: >= MinObservations } d && leadCells.Where(l => l.Channel == channel).Sum(l => l.Qualified) is var q and > 0
                ? Math.Min(1m, (decimal)d.Opened / q) : Math.Min(1m, companyO ?? 0m);
        decimal W(string? channel) =>
            deals.FirstOrDefault(d => d.Channel == channel && channel != null) is { } d && d.Won + d.Lost >= MinObservations ? (decimal)d.Won / (d.Won + d.Lost) : companyW ?? 0m;

        var basis = await PlanActuals.Basis(db, y, null, ct);
        var pyramid = basis.VersionId is { } vid ? await db.PlanVersions.AsNoTracking().Where(v => v.Id == vid).Select(v => v.Pyramid).FirstAsync(ct) : [];
        var margin = Pyramid.BlendedMargin(pyramid);
        if (margin is null) assumptions.Add("margin:none");
        var cash = await collection.Total(y, viewer, ct);
        var collected = cash.Rate ?? basis.Kpis.GetValueOrDefault(Kpi.CollectionRate)?.Target;
        assumptions.Add(cash.Rate is not null ? "collection:measured" : collected is not null ? "collection:plan" : "collection:none");
        collected ??= 1m;
        collected = Math.Min(1m, Math.Round(collected.Value, 4, MidpointRounding.AwayFromZero));
        assumptions.Add("bundle:none");
        assumptions.Add("rebate:none");

        var keys = old.Select(c => (Channel: c.A ?? "—", Region: c.B ?? "—")).Union(young.Select(c => (Channel: c.A ?? "—", Region: c.B ?? "—")))
            .Union(leadCells.Where(l => l.Channel is not null).Select(l => (Channel: l.Channel!, Region: l.Region ?? "—")))
            .OrderBy(k => channels.FindIndex(c => c.Code == k.Channel) is var i && i >= 0 ? i : int.MaxValue).ThenBy(k => k.Region, StringComparer.Ordinal).ToList();
        var segments = new List<SegmentDrivers>();
        foreach (var (channel, region) in keys)
        {
            var o = old.FirstOrDefault(c => (c.A ?? "—") == channel && (c.B ?? "—") == region);
            var n = young.FirstOrDefault(c => (c.A ?? "—") == channel && (c.B ?? "—") == region);
            var leadCount = leadCells.Where(l => l.Channel == channel && (l.Region ?? "—") == region).Sum(l => l.Leads) / elapsed;
            var (q, op, w) = (Q(channel), O(channel), W(channel));
            var wins = leadCount * q * op * w;
            var newRevenue = (n?.Amount ?? 0m) / elapsed;
            var newCustomers = (n?.Customers ?? 0) / elapsed;
            var retained = (decimal)(o?.Customers ?? 0);
            var retainedRevenue = (o?.Amount ?? 0m) / elapsed;
            decimal deal = 0m, share = 0m;
            if (wins > 0m) (deal, share) = (newRevenue / wins, newCustomers / wins);
            else
            {
                // No funnel measured for the segment: its new customers are carried with the existing ones.
                retainedRevenue += newRevenue;
                retained += newCustomers;
            }
            var perRetained = retained > 0m ? retainedRevenue / retained : 0m;
            var channelMix = mix.Where(m => (m.A ?? "—") == channel && m.B is not null).ToList();
            var total = channelMix.Sum(m => m.Amount);
            var lineShares = total > 0m ? channelMix.ToDictionary(m => m.B!, m => m.Amount / total) : [];
            var heads = channels.FirstOrDefault(c => c.Code == channel)?.Kind == ChannelKind.Direct
                ? sellers.FirstOrDefault(s => s.Channel == channel && (s.Region ?? "—") == region)?.Heads ?? 0 : 0;
            segments.Add(new SegmentDrivers(channel, region, leadCount, q, op, w, deal, retained, perRetained, share, 0m, 0m, margin ?? 0m, collected.Value, cycle, heads,
                lineShares, lineShares.Keys.ToDictionary(k => k, _ => 1m)));
        }
        var version = basis.VersionId is { } id ? await db.PlanVersions.AsNoTracking().Where(v => v.Id == id).Select(v => v.Name).FirstAsync(ct) : null;
        return new DriverBase(y, asOf, elapsed, basis.VersionId, version, basis.RevenueTarget, basis.Kpis.GetValueOrDefault(Kpi.CustomerCount)?.Target, segments, assumptions);
    }

    /// <summary>A scenario's figures against the base; invalid with the errors by change; not found for a viewer who does not see the whole company.</summary>
    public async Task<EditResult<ScenarioView>> Run(Viewer viewer, int? year, IReadOnlyList<DriverChange> changes, decimal step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return await Measure(viewer, year, ct) is { } measured ? Run(measured, changes, step) : EditResult<ScenarioView>.NotFound;
    }

    /// <summary>A scenario on drivers measured before (a page measures once and computes on every change).</summary>
    public static EditResult<ScenarioView> Run(DriverBase measured, IReadOnlyList<DriverChange> changes, decimal step)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(changes);
        var errors = new Dictionary<string, string[]>();
        var result = DriverTree.Run(measured.Segments, changes, step, errors);
        return result is null ? EditResult<ScenarioView>.Invalid(errors) : EditResult<ScenarioView>.Saved(new ScenarioView(null, null, null, changes, measured, result));
    }

    public async Task<IReadOnlyList<ScenarioLine>?> List(Viewer viewer, int? year, CancellationToken ct) =>
        await Measure(viewer, year, ct) is { } measured ? await List(measured, ct) : null;

    /// <summary>The year's saved scenarios, each computed on the same measured drivers.</summary>
    public async Task<IReadOnlyList<ScenarioLine>> List(DriverBase measured, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(measured);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var saved = await db.Scenarios.AsNoTracking().Where(s => s.Year == measured.Year).OrderBy(s => s.CreatedAt).ThenBy(s => s.Name).ToListAsync(ct);
        var lines = new List<ScenarioLine>();
        foreach (var s in saved)
        {
            var now = DriverTree.Apply(measured.Segments, s.Changes, []);
            var outcome = DriverTree.Evaluate(measured.Segments, now);
            lines.Add(new ScenarioLine(s.Id, s.Name, s.Note, s.Changes.Count, s.CreatedBy, s.CreatedAt, outcome.Revenue, outcome.Margin, outcome.Collection, outcome.Customers));
        }
        return lines;
    }

    public async Task<EditResult<ScenarioView>> Get(Viewer viewer, Guid id, decimal step, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Scenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is not { } saved) return EditResult<ScenarioView>.NotFound;
        var run = await Run(viewer, saved.Year, saved.Changes, step, ct);
        return run.Succeeded ? EditResult<ScenarioView>.Saved(run.Value! with { Id = saved.Id, Name = saved.Name, Note = saved.Note }) : run;
    }

    /// <summary>Saves a scenario under a name unique in its year, after checking that it computes.</summary>
    public async Task<EditResult> Save(Viewer viewer, int? year, string name, string? note, IReadOnlyList<DriverChange> changes, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Scenario.MaxName) errors["name"] = [$"Name the scenario (1 to {Scenario.MaxName} characters)."];
        if (note is { Length: > Scenario.MaxNote }) errors["note"] = [$"A note is at most {Scenario.MaxNote} characters."];
        if (errors.Count > 0) return EditResult.Invalid(errors);
        var run = await Run(viewer, year, changes, 0.1m, ct);
        if (!run.Succeeded) return new EditResult(run.Outcome, null, run.Errors);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var y = run.Value!.Base.Year;
        if (await db.Scenarios.CountAsync(s => s.Year == y, ct) >= MaxSaved) return EditResult.Invalid(new Dictionary<string, string[]> { ["name"] = [$"At most {MaxSaved} scenarios a year: delete one first."] });
        if (await db.Scenarios.AnyAsync(s => s.Year == y && s.Name == name.Trim(), ct))
            return EditResult.Invalid(new Dictionary<string, string[]> { ["name"] = [$"A scenario of {y} is already called '{name.Trim()}'."] });
        var scenario = new Scenario(name, y, changes, note, user, clock.GetUtcNow().UtcDateTime);
        db.Scenarios.Add(scenario);
        db.AuditEntries.Add(new AuditEntry(scenario.CreatedAt, user, nameof(Scenario), scenario.Id, "created", null, scenario.Name, $"{changes.Count} change(s) on {y}"));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (DatabaseConflicts.Reason(e) == DatabaseConflicts.Duplicate)
        {
            return EditResult.Invalid(new Dictionary<string, string[]> { ["name"] = [$"A scenario of {y} is already called '{name.Trim()}'."] });
        }
        return EditResult.Saved(scenario.Id);
    }

    public async Task<EditResult> Delete(Viewer viewer, Guid id, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.SeesAll) return EditResult.NotFound;
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Scenarios.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } saved) return EditResult.NotFound;
        db.Scenarios.Remove(saved);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user, nameof(Scenario), saved.Id, "deleted", saved.Name, null, null));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(id);
    }

    /// <summary>
    /// A new draft version copied from the year's version, with the scenario's revenue as its revenue target and its
    /// breakdowns by region and channel; every other revenue breakdown keeps its proportions, scaled to the new target
    /// to the fen; the customer and collection-rate targets are the scenario's.
    /// </summary>
    public async Task<EditResult<PlanVersionView>> ToPlanVersion(Viewer viewer, Guid id, string name, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            return EditResult<PlanVersionView>.Invalid(new Dictionary<string, string[]> { ["name"] = ["Name the new version (1 to 100 characters)."] });
        var run = await Get(viewer, id, 0.1m, ct);
        if (!run.Succeeded) return new EditResult<PlanVersionView>(run.Outcome, null, run.Errors);
        var view = run.Value!;
        if (view.Base.VersionId is not { } sourceId)
            return EditResult<PlanVersionView>.Invalid(new Dictionary<string, string[]> { ["year"] = [$"There is no plan version of {view.Base.Year} to copy."] });
        var outcome = view.Result.Scenario;
        if (outcome.Revenue <= 0m) return EditResult<PlanVersionView>.Invalid(new Dictionary<string, string[]> { ["changes"] = ["The scenario leaves no revenue to plan."] });

        await using var db = await dbs.CreateDbContextAsync(ct);
        var source = await db.PlanVersions.AsNoTracking().SingleAsync(v => v.Id == sourceId, ct);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == source.PlanId, ct);
        var number = await db.PlanVersions.Where(v => v.PlanId == source.PlanId).MaxAsync(v => v.Number, ct) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var copy = source.CopyAs(number, name.Trim(), VersionKind.Version, user, now);
        var total = Money.Cny(outcome.Revenue);
        var revenue = source.Kpis.FirstOrDefault(k => k.Kpi == Kpi.Revenue);
        copy.SetKpi(new KpiFigure(Kpi.Revenue, revenue?.Baseline, outcome.Revenue));
        var customers = source.Kpis.FirstOrDefault(k => k.Kpi == Kpi.CustomerCount);
        copy.SetKpi(new KpiFigure(Kpi.CustomerCount, customers?.Baseline, Math.Round(outcome.Customers, 0, MidpointRounding.AwayFromZero)));
        if (outcome.CollectionRate is { } rate)
            copy.SetKpi(new KpiFigure(Kpi.CollectionRate, source.Kpis.FirstOrDefault(k => k.Kpi == Kpi.CollectionRate)?.Baseline, Math.Round(rate, 4, MidpointRounding.AwayFromZero)));
        Breakdown By(Dimension dimension, Func<SegmentOutcome, string> member)
        {
            var parts = outcome.Segments.Where(s => member(s) != "—").GroupBy(member).Select(g => (Member: g.Key, Amount: g.Sum(s => s.Revenue))).Where(p => p.Amount > 0m).ToList();
            var amounts = total.Allocate([.. parts.Select(p => p.Amount)]);
            return Decomposition.ByAmounts(Kpi.Revenue, dimension, [.. parts.Select((p, i) => (p.Member, amounts[i].Amount))]);
        }
        foreach (var b in source.Breakdowns.Where(b => b.Kpi == Kpi.Revenue && b.Dimension is not (Dimension.Region or Dimension.Channel)))
        {
            var parts = b.Parts;
            if (parts.Sum(p => p.Amount) <= 0m) continue;
            var amounts = total.Allocate([.. parts.Select(p => Math.Max(0m, p.Amount))]);
            copy.SetBreakdown(Decomposition.ByAmounts(Kpi.Revenue, b.Dimension, [.. parts.Select((p, i) => (p.Member, amounts[i].Amount))]));
        }
        copy.SetBreakdown(By(Dimension.Region, s => s.Region));
        copy.SetBreakdown(By(Dimension.Channel, s => s.Channel));
        db.PlanVersions.Add(copy);
        db.AuditEntries.Add(new AuditEntry(now, user, nameof(PlanVersion), copy.Id, "created", null, $"{VersionKind.Version} {number} {copy.Name}",
            $"from scenario '{view.Name}' on {view.Base.AsOf:yyyy-MM-dd} (version {source.Number}): revenue {outcome.Revenue:0.00}, customers {outcome.Customers:0.##}"));
        await db.SaveChangesAsync(ct);
        return EditResult<PlanVersionView>.Saved(GetPlanVersion.View(plan, copy, await GetPlanVersion.DirectSellers(db, ct)));
    }
}
