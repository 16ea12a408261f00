using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Monitoring;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Monitoring;

/// <summary>What actuals can be cut by: the plan's dimensions and the customer tier.</summary>
public enum ActualDimension
{
    Month,
    Quarter,
    Region,
    ProductLine,
    Channel,
    Team,
    Rep,
    Tier,
}

/// <summary>The plan version actuals are measured against, with its revenue target and the phasing of the year.</summary>
public sealed record PlanBasis(Guid? VersionId, string? PlanName, string? VersionName, PlanStatus? Status, decimal? RevenueTarget, IReadOnlyList<decimal>? Phasing,
    IReadOnlyDictionary<Kpi, KpiFigure> Kpis, IReadOnlyDictionary<Dimension, Breakdown> RevenueBreakdowns)
{
    /// <summary>A member's share of the year's revenue target by its breakdown (normalised: parts that do not add up to the target are scaled to it).</summary>
    public decimal? MemberTarget(ActualDimension dimension, string? member)
    {
        if (RevenueTarget is not { } total || member is null || PlanActuals.PlanDimension(dimension) is not { } d || !RevenueBreakdowns.TryGetValue(d, out var b)) return null;
        var sum = b.Parts.Sum(p => p.Amount);
        var part = b.Parts.FirstOrDefault(p => p.Member == member);
        return sum == 0m || part is null ? null : total * part.Amount / sum;
    }

    /// <summary>
    /// The revenue target a viewer is measured against: the company's for those who see everything, a
    /// Manager's team part (by team code) or a Rep's quota (by name) when the plan breaks revenue down
    /// that way; none otherwise.
    /// </summary>
    public decimal? RevenueTargetFor(Users.Viewer viewer, string? teamCode, string? personName)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.SeesAll) return RevenueTarget;
        if (viewer.SeesTeam) return MemberTarget(ActualDimension.Team, teamCode);
        return MemberTarget(ActualDimension.Rep, personName);
    }

    public bool HasTargets(ActualDimension dimension) =>
        RevenueTarget is not null && PlanActuals.PlanDimension(dimension) is { } d && RevenueBreakdowns.ContainsKey(d);
}

/// <summary>One order line as the monitoring views cut it (codes, not ids, so they meet the plan's members).</summary>
public sealed class ActualLine
{
    public Guid Id { get; init; }
    public DateOnly BookedOn { get; init; }
    public int Month { get; init; }
    public decimal Amount { get; init; }
    public Guid AccountId { get; init; }
    public Guid? RegionId { get; init; }
    public Guid? ProductLineId { get; init; }
    public Guid? ChannelId { get; init; }
    public Guid? OwnerId { get; init; }
    public string? Region { get; init; }
    public string? ProductLine { get; init; }
    public string? Channel { get; init; }
    public string? Team { get; init; }
    public string? Rep { get; init; }
    public CustomerTier? Tier { get; init; }
}

/// <summary>
/// The shared ground of the monitoring views: the plan version they measure against (the year's
/// approved version unless another is named) and the booked order lines in the viewer's scope,
/// projected with the codes of every dimension by left joins, ready to be grouped by the database.
/// </summary>
public static class PlanActuals
{
    public static Dimension? PlanDimension(ActualDimension d) => d switch
    {
        ActualDimension.Month => Dimension.Month,
        ActualDimension.Quarter => Dimension.Quarter,
        ActualDimension.Region => Dimension.Region,
        ActualDimension.ProductLine => Dimension.ProductLine,
        ActualDimension.Channel => Dimension.Channel,
        ActualDimension.Team => Dimension.Team,
        ActualDimension.Rep => Dimension.Rep,
        _ => null,
    };

    public static async Task<PlanBasis> Basis(PlanLoopDbContext db, int year, Guid? versionId, CancellationToken ct)
    {
        var version = await db.PlanVersions.AsNoTracking()
            .Where(v => versionId != null ? v.Id == versionId : db.Plans.Any(p => p.Id == v.PlanId && p.FiscalYear == year) && v.Kind == VersionKind.Version)
            .InBaselineOrder()
            // Only what is measured against (KPIs and breakdowns), not the version's levers, pyramid and goals: fewer queries on every view.
            .Select(v => new { v.Id, v.Name, v.Status, v.Kpis, v.Breakdowns, Plan = db.Plans.Where(p => p.Id == v.PlanId).Select(p => p.Name).First() })
            .FirstOrDefaultAsync(ct);
        if (version is null) return new PlanBasis(null, null, null, null, null, null, new Dictionary<Kpi, KpiFigure>(), new Dictionary<Dimension, Breakdown>());
        var revenue = version.Breakdowns.Where(b => b.Kpi == Kpi.Revenue).ToDictionary(b => b.Dimension, b => b.ToBreakdown());
        IReadOnlyList<decimal>? phasing = revenue.TryGetValue(Dimension.Month, out var months)
            ? Enumerable.Range(1, 12).Select(m => months.Parts.FirstOrDefault(p => p.Member == $"M{m:00}")?.Amount ?? 0m).ToList()
            : revenue.TryGetValue(Dimension.Quarter, out var quarters)
                ? Enumerable.Range(1, 4).Select(q => quarters.Parts.FirstOrDefault(p => p.Member == $"Q{q}")?.Amount ?? 0m).ToList()
                : null;
        var kpis = version.Kpis.ToDictionary(k => k.Kpi);
        return new PlanBasis(version.Id, version.Plan, version.Name, version.Status, kpis.GetValueOrDefault(Kpi.Revenue)?.Target, phasing, kpis, revenue);
    }

    /// <summary>
    /// The order lines a viewer may see (their own; a Manager their team's; Director, SalesOps, Finance
    /// all) booked in [first, last], with their keys only: <see cref="Sum"/> and <see cref="Where"/>
    /// join the one master table a dimension needs (the database would otherwise look up every
    /// table for every line — neither SQLite nor PostgreSQL drops an unread join here).
    /// </summary>
    public static IQueryable<ActualLine> Lines(PlanLoopDbContext db, Viewer viewer, DateOnly first, DateOnly last) =>
        db.OrderLines.Visible(db, viewer).Where(o => o.BookedOn >= first && o.BookedOn <= last).Select(o => new ActualLine
        {
            Id = o.Id,
            BookedOn = o.BookedOn,
            Month = o.BookedOn.Month,
            Amount = o.Amount,
            AccountId = o.AccountId,
            RegionId = o.RegionId,
            ProductLineId = o.ProductLineId,
            ChannelId = o.ChannelId,
            OwnerId = o.OwnerId,
        });

    /// <summary>The lines with the member codes of a dimension filled in: one LEFT JOIN (two for a team), none for periods.</summary>
    public static IQueryable<ActualLine> With(PlanLoopDbContext db, IQueryable<ActualLine> lines, ActualDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(db);
        return dimension switch
        {
            ActualDimension.Region => Join(lines, db.Regions.Select(r => new Master<string?> { Id = r.Id, Value = r.Code }), l => l.RegionId, nameof(ActualLine.Region)),
            ActualDimension.ProductLine => Join(lines, db.ProductLines.Select(r => new Master<string?> { Id = r.Id, Value = r.Code }), l => l.ProductLineId, nameof(ActualLine.ProductLine)),
            ActualDimension.Channel => Join(lines, db.Channels.Select(r => new Master<string?> { Id = r.Id, Value = r.Code }), l => l.ChannelId, nameof(ActualLine.Channel)),
            ActualDimension.Rep => Join(lines, db.People.Select(r => new Master<string?> { Id = r.Id, Value = r.Name }), l => l.OwnerId, nameof(ActualLine.Rep)),
            ActualDimension.Team => Join(lines, from p in db.People join t in db.Teams on p.TeamId equals t.Id select new Master<string?> { Id = p.Id, Value = t.Code }, l => l.OwnerId, nameof(ActualLine.Team)),
            ActualDimension.Tier => Join(lines, db.Accounts.Select(a => new Master<CustomerTier?> { Id = a.Id, Value = a.Tier }), l => l.AccountId, nameof(ActualLine.Tier)),
            _ => lines,
        };
    }

    /// <summary>A master row as the joins read it: its id and the one value a line takes from it.</summary>
    public sealed class Master<T>
    {
        public Guid Id { get; init; }
        public T Value { get; init; } = default!;
    }

    public sealed class Joined<T>
    {
        public ActualLine Line { get; init; } = default!;
        public IEnumerable<Master<T>> Masters { get; init; } = default!;
    }

    /// <summary>lines LEFT JOIN masters ON key = master.Id, copying every field of the line and setting <paramref name="field"/> from the master.</summary>
    static IQueryable<ActualLine> Join<T>(IQueryable<ActualLine> lines, IQueryable<Master<T>> masters, Expression<Func<ActualLine, Guid?>> key, string field)
    {
        var grouped = lines.GroupJoin(masters, key, m => (Guid?)m.Id, (l, ms) => new Joined<T> { Line = l, Masters = ms });
        var pair = Expression.Parameter(typeof(Joined<T>), "p");
        var master = Expression.Parameter(typeof(Master<T>), "m");
        var line = Expression.Property(pair, nameof(Joined<T>.Line));
        var bindings = typeof(ActualLine).GetProperties().Select(p => Expression.Bind(p, p.Name == field
            ? Expression.Convert(Expression.Property(master, nameof(Master<T>.Value)), p.PropertyType)
            : Expression.Property(line, p)));
        var copy = Expression.Lambda<Func<Joined<T>, Master<T>, ActualLine>>(Expression.MemberInit(Expression.New(typeof(ActualLine)), bindings), pair, master);
        return grouped.SelectMany(p => p.Masters.DefaultIfEmpty(), copy!);
    }

    /// <summary>The lines of one member along a dimension that is not a period (its code, a person's name, A/B/C); fill the member first with <see cref="With"/>.</summary>
    public static IQueryable<ActualLine> OfMember(IQueryable<ActualLine> lines, ActualDimension dimension, string member)
    {
        var key = Key(dimension);
        return lines.Where(Expression.Lambda<Func<ActualLine, bool>>(Expression.Equal(key.Body, Expression.Constant(member, typeof(string))), key.Parameters));
    }

    /// <summary>
    /// The member a line belongs to along a dimension that is not a period, as SQL can compute it (codes, names,
    /// A/B/C). Periods are grouped and filtered by number (<see cref="Sum"/>, <see cref="Where"/>).
    /// </summary>
    static Expression<Func<ActualLine, string?>> Key(ActualDimension dimension) => dimension switch
    {
        ActualDimension.Month or ActualDimension.Quarter => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Periods have no member key."),
        ActualDimension.Region => x => x.Region,
        ActualDimension.ProductLine => x => x.ProductLine,
        ActualDimension.Channel => x => x.Channel,
        ActualDimension.Team => x => x.Team,
        ActualDimension.Rep => x => x.Rep,
        _ => x => x.Tier == CustomerTier.A ? "A" : x.Tier == CustomerTier.B ? "B" : x.Tier == CustomerTier.C ? "C" : null,
    };

    /// <summary>
    /// Groups lines by up to two dimensions in the database: the sum and the number of lines per cell,
    /// and, when asked, the number of distinct customers (COUNT DISTINCT, so a customer buying in two
    /// cells counts in each and once in the total).
    /// </summary>
    public static async Task<List<Cell>> Sum(PlanLoopDbContext db, IQueryable<ActualLine> lines, ActualDimension a, ActualDimension? b, CancellationToken ct, bool customers = false)
    {
        lines = With(db, lines, a);
        if (b is { } second && second != a) lines = With(db, lines, second);
        var x = Expression.Parameter(typeof(ActualLine), "x");
        // Periods are grouped by booking day in SQL and folded into months or quarters (named M01…/Q1…) here: the
        // booking-date index hands the days over in order, so the database streams the sums without sorting (a CASE
        // per line building the name was 3.3x the hand-written GROUP BY of the month, the month number 1.8x, the day
        // 0.3x). Distinct customers cannot be added up from days, so they are grouped by the month number.
        // Only the members a cut uses are grouped on: constant NULL keys still cost SQLite a comparison per line.
        Expression Swapped<T>(Expression<Func<ActualLine, T>> e) => new Swap(e.Parameters[0], x).Visit(e.Body)!;
        (string Member, Expression Value) Part(ActualDimension d, bool first)
        {
            if (!IsPeriod(d))
            {
                var key = Key(d);   // one expression: its parameter and its body must be the same instance
                return (first ? nameof(CellKey.A) : nameof(CellKey.B), new Swap(key.Parameters[0], x).Visit(key.Body)!);
            }
            if (customers)
                return (first ? nameof(CellKey.NumberA) : nameof(CellKey.NumberB),
                    d == ActualDimension.Month ? Swapped<int?>(l => l.Month) : Swapped<int?>(l => (l.Month + 2) / 3));
            return (first ? nameof(CellKey.DayA) : nameof(CellKey.DayB), Swapped<DateOnly?>(l => l.BookedOn));
        }
        var parts = b is { } bp ? new[] { Part(a, true), Part(bp, false) } : [Part(a, true)];
        var keyType = typeof(CellKey);
        var selector = Expression.Lambda<Func<ActualLine, CellKey>>(
            Expression.MemberInit(Expression.New(keyType), parts.Select(p => Expression.Bind(keyType.GetProperty(p.Member)!, p.Value))), x);

        // g => new CellRow { <the key's members>, Amount = g.Sum(l => l.Amount), Lines = g.Count() [, Customers = g.Select(l => l.AccountId).Distinct().Count()] }
        var g = Expression.Parameter(typeof(IGrouping<CellKey, ActualLine>), "g");
        var rowType = typeof(CellRow);
        var bindings = parts.Select(p => Expression.Bind(rowType.GetProperty(p.Member)!, Expression.Property(Expression.Property(g, "Key"), p.Member))).ToList();
        Expression<Func<ActualLine, decimal>> amount = l => l.Amount;
        Expression<Func<ActualLine, Guid>> account = l => l.AccountId;
        bindings.Add(Expression.Bind(rowType.GetProperty(nameof(CellRow.Amount))!, Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [typeof(ActualLine)], g, amount)));
        bindings.Add(Expression.Bind(rowType.GetProperty(nameof(CellRow.Lines))!, Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(ActualLine)], g)));
        if (customers)
            bindings.Add(Expression.Bind(rowType.GetProperty(nameof(CellRow.Customers))!,
                Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(Guid)],
                    Expression.Call(typeof(Enumerable), nameof(Enumerable.Distinct), [typeof(Guid)],
                        Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [typeof(ActualLine), typeof(Guid)], g, account)))));
        var result = Expression.Lambda<Func<IGrouping<CellKey, ActualLine>, CellRow>>(Expression.MemberInit(Expression.New(rowType), bindings), g);

        static string? Name(ActualDimension? d, string? text, int? number, DateOnly? day) =>
            d is ActualDimension.Month ? $"M{number ?? day!.Value.Month:00}" : d is ActualDimension.Quarter ? $"Q{number ?? (day!.Value.Month + 2) / 3}" : text;
        var rows = await lines.GroupBy(selector).Select(result).ToListAsync(ct);
        // Days fold into their month or quarter; months and members are already one row each.
        return [.. rows.GroupBy(r => (A: Name(a, r.A, r.NumberA, r.DayA), B: Name(b, r.B, r.NumberB, r.DayB)))
            .Select(c => new Cell(c.Key.A, c.Key.B, c.Sum(r => r.Amount), c.Sum(r => r.Lines), c.Sum(r => r.Customers)))];
    }

    static bool IsPeriod(ActualDimension d) => d is ActualDimension.Month or ActualDimension.Quarter;

    /// <summary>Restricts lines to a member along a dimension (null: lines with no member there).</summary>
    public static IQueryable<ActualLine> Where(PlanLoopDbContext db, IQueryable<ActualLine> lines, ActualDimension dimension, string? member)
    {
        lines = With(db, lines, dimension);
        if (dimension == ActualDimension.Month)
            return member is { Length: 3 } m && int.TryParse(m[1..], out var month) ? lines.Where(l => l.Month == month) : lines.Where(l => false);   // M01…M12
        if (dimension == ActualDimension.Quarter)
            return member is { Length: 2 } q && int.TryParse(q[1..], out var quarter) ? lines.Where(l => (l.Month + 2) / 3 == quarter) : lines.Where(l => false);   // Q1…Q4
        var key = Key(dimension);
        var x = key.Parameters[0];
        var test = Expression.Equal(key.Body, Expression.Constant(member, typeof(string)));
        return lines.Where(Expression.Lambda<Func<ActualLine, bool>>(test, x));
    }

    public sealed class CellKey
    {
        public string? A { get; init; }
        public int? NumberA { get; init; }
        public string? B { get; init; }
        public int? NumberB { get; init; }
        public DateOnly? DayA { get; init; }
        public DateOnly? DayB { get; init; }
    }

    /// <summary>A grouped row as the database returns it (members a cut does not use stay null).</summary>
    public sealed class CellRow
    {
        public string? A { get; init; }
        public int? NumberA { get; init; }
        public DateOnly? DayA { get; init; }
        public string? B { get; init; }
        public int? NumberB { get; init; }
        public DateOnly? DayB { get; init; }
        public decimal Amount { get; init; }
        public int Lines { get; init; }
        public int Customers { get; init; }
    }

    public sealed record Cell(string? A, string? B, decimal Amount, int Lines, int Customers = 0);

    sealed class Swap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>The viewer's team code and name, for their own targets.</summary>
    public static async Task<(string? Team, string? Person)> Who(PlanLoopDbContext db, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.PersonId is not { } id) return (null, null);
        var who = await db.People.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Name, Team = db.Teams.Where(t => t.Id == p.TeamId).Select(t => t.Code).FirstOrDefault() }).FirstOrDefaultAsync(ct);
        return (who?.Team, who?.Name);
    }

    /// <summary>The share of the year's target the plan expects by <paramref name="asOf"/>, by the plan's phasing.</summary>
    public static decimal Expected(PlanBasis basis, DateOnly asOf) => Phasing.Expected(asOf, basis.Phasing);
}
