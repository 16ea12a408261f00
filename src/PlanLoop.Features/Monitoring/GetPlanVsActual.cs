using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Monitoring;

/// <summary>One cell of plan vs actual: the members (and their names), the actual, the year's target and the target to date, and attainment.</summary>
public sealed record PivotRow(string? A, string? AName, string? B, string? BName, decimal Actual, int Lines, decimal? AnnualTarget, decimal? TargetToDate, int Customers = 0)
{
    public decimal? Attainment => TargetToDate is { } t && t != 0m ? Actual / t : null;

    /// <summary>Actual less the target to date: positive ahead of the plan, negative behind it.</summary>
    public decimal? Gap => TargetToDate is { } t ? Actual - t : null;
}

public sealed record PlanVsActual(int Year, DateOnly AsOf, ActualDimension By, ActualDimension? Then, PlanBasis Plan, decimal Expected, PivotRow Total, IReadOnlyList<PivotRow> Rows,
    Kpi Kpi = Kpi.Revenue);

/// <summary>One order line behind a cell, with where it came from.</summary>
public sealed record DrillLine(Guid Id, DateOnly BookedOn, string OrderNumber, Guid AccountId, string Account, string? ProductLine, string? Region, string? Channel, string? Owner,
    decimal Amount, Guid? ContractId, Guid? OpportunityId);

/// <summary>A page of the order lines behind a cell, with the cell's whole count and sum so the page reconciles to the cell.</summary>
public sealed record DrillPage(IReadOnlyList<DrillLine> Lines, int Total, decimal TotalAmount, int Skip, int Take)
{
    public bool IsCut => Skip + Lines.Count < Total || Skip > 0;
}

/// <summary>
/// Revenue plan vs actual for a year to the business day, along one dimension or a pivot of two,
/// summed by the database. A member's target is its breakdown part, scaled so the parts meet the
/// year's target, phased to date by the plan's months or quarters (a period member is its own
/// period: its target to date is the part of it that has passed); a two-dimension cell's target is
/// the product of its members' targets over the total (the maximum-entropy fit when only the two
/// breakdowns are known). Dimensions without a breakdown (tier, or teams and reps without quotas)
/// have actuals only. Drill-down lists the order lines behind any cell.
/// The customer KPIs cut the same lines: 客户数 counts distinct buyers per cell (the plan's count is
/// the total's target), 客单价 and ARPU are revenue ÷ buyers per cell, each against the plan's figure.
/// </summary>
public sealed class GetPlanVsActual(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, ReadCache cache)
{
    /// <summary>The KPIs that order lines measure and that can therefore be cut along every dimension.</summary>
    public static readonly IReadOnlyList<Kpi> Cuttable = [Kpi.Revenue, Kpi.CustomerCount, Kpi.AverageDealSize, Kpi.Arpu];

    /// <summary>How the API and the CLI name the KPIs.</summary>
    public static readonly IReadOnlyDictionary<string, Kpi> KpiCodes = new Dictionary<string, Kpi>(StringComparer.OrdinalIgnoreCase)
    {
        ["revenue"] = Kpi.Revenue,
        ["customers"] = Kpi.CustomerCount,
        ["deal-size"] = Kpi.AverageDealSize,
        ["collection"] = Kpi.CollectionRate,
        ["satisfaction"] = Kpi.Satisfaction,
        ["nps"] = Kpi.Nps,
        ["qualified-leads"] = Kpi.QualifiedLeadRate,
        ["conversion"] = Kpi.ConversionRate,
        ["arpu"] = Kpi.Arpu,
    };

    public Task<PlanVsActual> Handle(int year, ActualDimension by, ActualDimension? then, Guid? versionId, Viewer viewer, CancellationToken ct) =>
        Handle(year, Kpi.Revenue, by, then, versionId, viewer, ct);

    /// <summary>Plan vs actual, from the read cache while nothing has been written (see <see cref="ReadCache"/>).</summary>
    public Task<PlanVsActual> Handle(int year, Kpi kpi, ActualDimension by, ActualDimension? then, Guid? versionId, Viewer viewer, CancellationToken ct) =>
        cache.Get("plan-vs-actual", $"{year}|{kpi}|{by}|{then}|{versionId}", viewer, businessDay.Today(), () => Compute(year, kpi, by, then, versionId, viewer, ct), ct);

    async Task<PlanVsActual> Compute(int year, Kpi kpi, ActualDimension by, ActualDimension? then, Guid? versionId, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!Cuttable.Contains(kpi)) throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Only revenue and the customer KPIs are cut by dimensions.");
        var asOf = AsOf(year);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var basis = await PlanActuals.Basis(db, year, versionId, ct);
        var expected = PlanActuals.Expected(basis, asOf);
        var lines = PlanActuals.Lines(db, viewer, new DateOnly(year, 1, 1), asOf);
        var cells = await PlanActuals.Sum(db, lines, by, then, ct, customers: kpi != Kpi.Revenue);
        var names = await Names(db, ct);
        var seesTargets = viewer.SeesAll;
        if (kpi != Kpi.Revenue)
        {
            var target = seesTargets ? basis.Kpis.GetValueOrDefault(kpi)?.Target : null;
            // A count has its target on the total only; an average holds in every cell.
            var cellTarget = kpi == Kpi.CustomerCount ? null : target;
            decimal Value(int buyers, decimal amount) => kpi == Kpi.CustomerCount ? buyers : buyers == 0 ? 0m : Math.Round(amount / buyers, 2, MidpointRounding.AwayFromZero);
            var counted = new List<PivotRow>();
            foreach (var a in Members(cells.Select(c => c.A), basis, by))
                foreach (var b in then is { } t ? Members(cells.Select(c => c.B), basis, t) : [null])
                    if (cells.FirstOrDefault(c => c.A == a && c.B == b) is { } cell)
                        counted.Add(new PivotRow(a, Name(names, by, a), b, then is { } n ? Name(names, n, b) : null, Value(cell.Customers, cell.Amount), cell.Lines,
                            cellTarget, cellTarget, cell.Customers));
            var buyers = await lines.Select(l => l.AccountId).Distinct().CountAsync(ct);
            var sum = cells.Sum(c => c.Amount);
            return new PlanVsActual(year, asOf, by, then, basis, expected,
                new PivotRow(null, null, null, null, Value(buyers, sum), cells.Sum(c => c.Lines), target, target, buyers), counted, kpi);
        }
        decimal? ToDate(ActualDimension d, string? member, decimal? annual)
        {
            if (annual is not { } t) return null;
            if (d is ActualDimension.Month or ActualDimension.Quarter)
            {
                var (from, to) = Period(year, member);
                if (from is null) return null;
                return t * Math.Clamp((decimal)(asOf.DayNumber - from.Value.DayNumber + 1) / (to!.Value.DayNumber - from.Value.DayNumber + 1), 0m, 1m);
            }
            return t * expected;
        }
        var rows = new List<PivotRow>();
        var aMembers = Members(cells.Select(c => c.A), basis, by);
        var bMembers = then is { } td ? Members(cells.Select(c => c.B), basis, td) : [null];
        foreach (var a in aMembers)
            foreach (var b in bMembers)
            {
                var cell = cells.FirstOrDefault(c => c.A == a && c.B == b);
                decimal? annual = null, toDate = null;
                if (seesTargets && basis.MemberTarget(by, a) is { } ta)
                {
                    if (then is not { } t2) (annual, toDate) = (ta, ToDate(by, a, ta));
                    else if (basis.MemberTarget(t2, b) is { } tb && basis.RevenueTarget is { } whole && whole != 0m)
                    {
                        annual = Math.Round(ta * tb / whole, 2, MidpointRounding.AwayFromZero);
                        // Time runs along whichever of the two is a period; otherwise the plan's phasing.
                        toDate = by is ActualDimension.Month or ActualDimension.Quarter ? ToDate(by, a, annual)
                            : t2 is ActualDimension.Month or ActualDimension.Quarter ? ToDate(t2, b, annual) : annual * expected;
                    }
                }
                if (cell is null && annual is null) continue;
                rows.Add(new PivotRow(a, Name(names, by, a), b, then is { } n ? Name(names, n, b) : null, cell?.Amount ?? 0m, cell?.Lines ?? 0,
                    annual, toDate is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null));
            }
        var (team, person) = await PlanActuals.Who(db, viewer, ct);
        var own = basis.RevenueTargetFor(viewer, team, person);
        var total = new PivotRow(null, null, null, null, cells.Sum(c => c.Amount), cells.Sum(c => c.Lines), own,
            own is { } yearTarget ? Math.Round(yearTarget * expected, 2, MidpointRounding.AwayFromZero) : null);
        return new PlanVsActual(year, asOf, by, then, basis, expected, total, rows);
    }

    public const int MaxDrillPage = 1000;

    /// <summary>
    /// A page of the order lines behind a cell (largest first, <paramref name="skip"/> then at most
    /// <paramref name="take"/>, up to <see cref="MaxDrillPage"/>), in the viewer's scope, with the cell's
    /// whole line count and sum: a page that is not the whole cell says so.
    /// </summary>
    public async Task<DrillPage> Drill(int year, IReadOnlyDictionary<ActualDimension, string?> cell, Viewer viewer, int skip, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cell);
        (skip, take) = (Math.Max(0, skip), Math.Clamp(take, 1, MaxDrillPage));
        await using var db = await dbs.CreateDbContextAsync(ct);
        var lines = PlanActuals.Lines(db, viewer, new DateOnly(year, 1, 1), AsOf(year));
        foreach (var (dimension, member) in cell) lines = PlanActuals.Where(db, lines, dimension, member);
        var whole = await lines.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Amount = g.Sum(l => l.Amount) }).FirstOrDefaultAsync(ct);
        var ids = lines.OrderByDescending(l => l.Amount).ThenBy(l => l.BookedOn).ThenBy(l => l.Id).Select(l => l.Id).Skip(skip).Take(take);
        var rows = await (from o in db.OrderLines
                          where ids.Contains(o.Id)
                          join a in db.Accounts on o.AccountId equals a.Id
                          select new
                          {
                              o.Id,
                              o.BookedOn,
                              o.OrderNumber,
                              o.AccountId,
                              Account = a.Name,
                              o.Amount,
                              o.ContractId,
                              Line = db.ProductLines.Where(x => x.Id == o.ProductLineId).Select(x => x.Name).FirstOrDefault(),
                              Region = db.Regions.Where(x => x.Id == o.RegionId).Select(x => x.Name).FirstOrDefault(),
                              Channel = db.Channels.Where(x => x.Id == o.ChannelId).Select(x => x.Name).FirstOrDefault(),
                              Owner = db.People.Where(x => x.Id == o.OwnerId).Select(x => x.Name).FirstOrDefault(),
                              Opportunity = db.Contracts.Where(c => c.Id == o.ContractId).Select(c => c.OpportunityId).FirstOrDefault(),
                          }).ToListAsync(ct);
        return new DrillPage(rows.OrderByDescending(r => r.Amount).ThenBy(r => r.BookedOn).ThenBy(r => r.Id)
            .Select(r => new DrillLine(r.Id, r.BookedOn, r.OrderNumber, r.AccountId, r.Account, r.Line, r.Region, r.Channel, r.Owner, r.Amount, r.ContractId, r.Opportunity)).ToList(),
            whole?.Count ?? 0, whole?.Amount ?? 0m, skip, take);
    }

    /// <summary>The versions and scenarios of the year's plans, to measure against another one.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, Domain.Planning.PlanStatus Status)>> Versions(int year, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var versions = await db.PlanVersions.AsNoTracking().Where(v => db.Plans.Any(p => p.Id == v.PlanId && p.FiscalYear == year))
            .OrderBy(v => v.Kind).ThenBy(v => v.Number).Select(v => new { v.Id, v.Name, v.Status }).ToListAsync(ct);
        return versions.Select(v => (v.Id, v.Name, v.Status)).ToList();
    }

    DateOnly AsOf(int year)
    {
        var today = businessDay.Today();
        var end = new DateOnly(year, 12, 31);
        return today < end ? today : end;
    }

    static (DateOnly? From, DateOnly? To) Period(int year, string? member)
    {
        if (member is { Length: 3 } m && m[0] == 'M' && int.TryParse(m[1..], out var month) && month is >= 1 and <= 12)
            return (new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));
        if (member is { Length: 2 } q && q[0] == 'Q' && q[1] is >= '1' and <= '4')
        {
            var start = new DateOnly(year, ((q[1] - '1') * 3) + 1, 1);
            return (start, start.AddMonths(3).AddDays(-1));
        }
        return (null, null);
    }

    /// <summary>The members to show: those with actuals and those the plan sets a target for, in a stable order.</summary>
    static List<string?> Members(IEnumerable<string?> actual, PlanBasis basis, ActualDimension d)
    {
        var planned = PlanActuals.PlanDimension(d) is { } pd && basis.RevenueBreakdowns.TryGetValue(pd, out var b) ? b.Parts.Select(p => p.Member).ToList() : [];
        var members = actual.Union(planned).ToList();
        return members.OrderBy(m => m is null ? 1 : 0).ThenBy(m => planned.IndexOf(m ?? "") is var i && i >= 0 ? i : int.MaxValue).ThenBy(m => m, StringComparer.Ordinal).ToList();
    }

    internal static async Task<Dictionary<(ActualDimension, string), string>> Names(PlanLoopDbContext db, CancellationToken ct)
    {
        // One round trip: the four master tables' codes and names as a UNION ALL.
        var rows = await db.Regions.Select(r => new { Dimension = ActualDimension.Region, r.Code, r.Name })
            .Concat(db.ProductLines.Select(r => new { Dimension = ActualDimension.ProductLine, r.Code, r.Name }))
            .Concat(db.Channels.Select(r => new { Dimension = ActualDimension.Channel, r.Code, r.Name }))
            .Concat(db.Teams.Select(r => new { Dimension = ActualDimension.Team, r.Code, r.Name }))
            .ToListAsync(ct);
        var names = new Dictionary<(ActualDimension, string), string>();
        foreach (var r in rows) names[(r.Dimension, r.Code)] = r.Name;
        return names;
    }

    /// <summary>The English names of a dimension's members by code, for the English sentences of explanations and findings.</summary>
    internal static async Task<Dictionary<string, string>> EnglishNames(PlanLoopDbContext db, ActualDimension by, CancellationToken ct) => by switch
    {
        ActualDimension.Region => await db.Regions.ToDictionaryAsync(r => r.Code, r => r.NameEn, ct),
        ActualDimension.ProductLine => await db.ProductLines.ToDictionaryAsync(r => r.Code, r => r.NameEn, ct),
        ActualDimension.Channel => await db.Channels.ToDictionaryAsync(r => r.Code, r => r.NameEn, ct),
        ActualDimension.Team => await db.Teams.ToDictionaryAsync(r => r.Code, r => r.NameEn, ct),
        _ => [],
    };

    internal static string? Name(Dictionary<(ActualDimension, string), string> names, ActualDimension d, string? member) =>
        member is null ? null : names.GetValueOrDefault((d, member)) ?? member;
}
