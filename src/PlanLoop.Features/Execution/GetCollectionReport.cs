using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

public enum CollectionDimension
{
    Month,
    Quarter,
    Region,
    Team,
    Owner,
    Tier,
}

public sealed record CollectionRow(string Key, decimal Due, decimal Received)
{
    public decimal? Rate => Due == 0m ? null : Received / Due;
}

public sealed record AgeingRow(AgeingBucket Bucket, decimal Open, int Nodes);

public sealed record OverdueByOwner(string Owner, decimal Overdue, int Nodes);

public sealed record NodeAlert(Guid ContractId, string Number, string Account, string? Owner, string Node, DateOnly DueOn, decimal Amount, decimal Open, int DaysPastDue);

public sealed record CollectionReport(int Year, DateOnly AsOf, CollectionDimension By, CollectionRow Total, IReadOnlyList<CollectionRow> Rows, decimal? Target, decimal? Baseline,
    string? PlanVersion, IReadOnlyList<AgeingRow> Ageing, IReadOnlyList<OverdueByOwner> OverdueByOwner, IReadOnlyList<NodeAlert> DueSoon, IReadOnlyList<NodeAlert> Overdue);

/// <summary>
/// Collection (回款) of the signed contracts a viewer may see, summed by the database: the rate of a
/// year (to the business day) = received by the end ÷ due in it, by month or quarter (a node counts
/// what was received by the end of its own month or quarter), region, team, owner or tier, against
/// the plan's target (92% in the seed); what is still open by age; overdue by owner; the nodes due in
/// the next <see cref="ReminderDays"/> days (reminders) and the overdue ones (alerts).
/// </summary>
public sealed class GetCollectionReport(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, ReadCache cache)
{
    public const int ReminderDays = 7;

    /// <summary>The collection report, from the read cache while nothing has been written (see <see cref="ReadCache"/>).</summary>
    public Task<CollectionReport> Handle(int year, CollectionDimension by, Viewer viewer, CancellationToken ct)
    {
        var asOf = businessDay.Today();
        return cache.Get("collection", $"{year}|{by}", viewer, asOf, () => Compute(year, by, viewer, asOf, ct), ct);
    }

    async Task<CollectionReport> Compute(int year, CollectionDimension by, Viewer viewer, DateOnly asOf, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31) < asOf ? new DateOnly(year, 12, 31) : asOf;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var nodes = Nodes(db, viewer);
        var due = nodes.Where(n => n.DueOn >= first && n.DueOn <= end);
        var receipts = Received(db, due, end);
        // By month or quarter a node counts what came in by the end of its own period.
        var paid = by switch
        {
            CollectionDimension.Month => receipts.Where(p => p.ReceivedOn.Year < p.DueOn.Year || p.ReceivedOn.Month <= p.DueOn.Month),
            CollectionDimension.Quarter => receipts.Where(p => p.ReceivedOn.Year < p.DueOn.Year || (p.ReceivedOn.Month + 2) / 3 <= (p.DueOn.Month + 2) / 3),
            _ => receipts,
        };
        var dueBy = await Sum(due, by, ct);
        var paidBy = await Sum(paid, by, ct);
        var rows = dueBy.Select(d => new CollectionRow(d.Key, d.Value, paidBy.GetValueOrDefault(d.Key))).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        // Every node due falls in exactly one row, so the year's totals are the rows' sums — except what was received
        // by month or quarter, which there counts only what came in within the node's own period.
        var totalDue = dueBy.Values.Sum();
        var totalPaid = paid == receipts ? paidBy.Values.Sum() : await receipts.SumAsync(f => f.Value, ct);
        var target = (await PlanTargets.For(db, year, ct))(Kpi.CollectionRate);

        // Open amounts on the business day, by age: a node is open by its amount less what came in by then.
        // Received per node summed once (a grouped derived table), not by a subquery per node.
        var receivedByNode = from p in db.Payments
                             where p.ReceivedOn <= asOf
                             group p by p.InstalmentId into g
                             select new { Id = g.Key, Sum = g.Sum(p => p.Amount) };
        var open = from n in nodes
                   join r in receivedByNode on n.Id equals r.Id into rs
                   from r in rs.DefaultIfEmpty()
                   let received = (decimal?)r.Sum ?? 0m
                   where n.Value > received
                   select new OpenNode { Id = n.Id, DueOn = n.DueOn, Open = n.Value - received, Owner = n.Owner };
        var (d30, d60, d90) = (asOf.AddDays(-30), asOf.AddDays(-60), asOf.AddDays(-90));
        // Ageing and overdue by owner in one pass over the open nodes: grouped by age bucket and, when overdue, owner.
        var cells = await open
            .GroupBy(n => new { Bucket = n.DueOn >= asOf ? 0 : n.DueOn >= d30 ? 1 : n.DueOn >= d60 ? 2 : n.DueOn >= d90 ? 3 : 4, Owner = n.DueOn < asOf ? n.Owner : null })
            .Select(g => new { g.Key.Bucket, g.Key.Owner, Open = g.Sum(x => x.Open), Nodes = g.Count() }).ToListAsync(ct);
        var ageing = Enum.GetValues<AgeingBucket>()
            .Select((b, i) => new AgeingRow(b, cells.Where(x => x.Bucket == i).Sum(x => x.Open), cells.Where(x => x.Bucket == i).Sum(x => x.Nodes))).ToList();
        var byOwner = cells.Where(x => x.Bucket > 0).GroupBy(x => x.Owner ?? "—")
            .Select(g => new OverdueByOwner(g.Key, g.Sum(x => x.Open), g.Sum(x => x.Nodes)))
            .OrderByDescending(x => x.Overdue).ThenBy(x => x.Owner, StringComparer.Ordinal).ToList();
        var soon = asOf.AddDays(ReminderDays);
        var dueSoon = await Alerts(db, open.Where(n => n.DueOn >= asOf && n.DueOn <= soon), asOf, ct);
        var overdue = await Alerts(db, open.Where(n => n.DueOn < asOf), asOf, ct);
        return new CollectionReport(year, asOf, by, new CollectionRow(year.ToString(CultureInfo.InvariantCulture), totalDue, totalPaid), rows,
            target?.Target, target?.Baseline, target?.PlanVersion,
            ageing, byOwner, dueSoon, overdue);
    }

    /// <summary>The year's collection alone — due in it to the business day, and received against that by then — for the dashboard's card.</summary>
    public async Task<CollectionRow> Total(int year, Viewer viewer, CancellationToken ct)
    {
        var asOf = businessDay.Today();
        var end = new DateOnly(year, 12, 31) < asOf ? new DateOnly(year, 12, 31) : asOf;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = Nodes(db, viewer).Where(n => n.DueOn >= new DateOnly(year, 1, 1) && n.DueOn <= end);
        return new CollectionRow(year.ToString(CultureInfo.InvariantCulture), await due.SumAsync(n => n.Value, ct), await Received(db, due, end).SumAsync(f => f.Value, ct));
    }

    /// <summary>The payments received by <paramref name="end"/> against the nodes due, one fact per payment with its node's names.</summary>
    static IQueryable<Fact> Received(PlanLoopDbContext db, IQueryable<Fact> due, DateOnly end) =>
        from p in db.Payments
        join n in due on p.InstalmentId equals n.Id
        where p.ReceivedOn <= end
        select new Fact { Id = n.Id, DueOn = n.DueOn, ReceivedOn = p.ReceivedOn, Value = p.Amount, Region = n.Region, Team = n.Team, Owner = n.Owner, Tier = n.Tier };

    sealed class Fact
    {
        public Guid Id { get; init; }
        public DateOnly DueOn { get; init; }
        public DateOnly ReceivedOn { get; init; }
        public decimal Value { get; init; }
        public string? Region { get; init; }
        public string? Team { get; init; }
        public string? Owner { get; init; }
        public CustomerTier? Tier { get; init; }
    }

    /// <summary>The payment nodes of the signed contracts in scope, with the names they are grouped by.</summary>
    static IQueryable<Fact> Nodes(PlanLoopDbContext db, Viewer viewer) =>
        from n in db.Instalments
        join c in db.Contracts.Visible(db, viewer) on n.ContractId equals c.Id
        join a in db.Accounts on c.AccountId equals a.Id
        where c.Status == ContractStatus.Signed
        select new Fact
        {
            Id = n.Id,
            DueOn = n.DueOn,
            Value = n.Amount,
            Region = db.Regions.Where(r => r.Id == a.RegionId).Select(r => r.Name).FirstOrDefault(),
            Team = db.Teams.Where(t => db.People.Any(p => p.Id == c.OwnerId && p.TeamId == t.Id)).Select(t => t.Name).FirstOrDefault(),
            Owner = db.People.Where(p => p.Id == c.OwnerId).Select(p => p.Name).FirstOrDefault(),
            Tier = a.Tier,
        };

    static async Task<Dictionary<string, decimal>> Sum(IQueryable<Fact> facts, CollectionDimension by, CancellationToken ct) => by switch
    {
        CollectionDimension.Month => Keyed(await Totals(facts, f => f.DueOn.Month, ct), m => $"{m:D2}"),
        CollectionDimension.Quarter => Keyed(await Totals(facts, f => (f.DueOn.Month + 2) / 3, ct), q => $"Q{q}"),
        CollectionDimension.Region => Keyed(await Totals(facts, f => f.Region, ct), k => k ?? "—"),
        CollectionDimension.Team => Keyed(await Totals(facts, f => f.Team, ct), k => k ?? "—"),
        CollectionDimension.Owner => Keyed(await Totals(facts, f => f.Owner, ct), k => k ?? "—"),
        _ => Keyed(await Totals(facts, f => f.Tier, ct), k => k?.ToString() ?? "—"),
    };

    static async Task<List<(TKey Key, decimal Value)>> Totals<TKey>(IQueryable<Fact> facts, Expression<Func<Fact, TKey>> key, CancellationToken ct) =>
        (await facts.GroupBy(key).Select(g => new { g.Key, Value = g.Sum(f => f.Value) }).ToListAsync(ct)).Select(x => (x.Key, x.Value)).ToList();

    static Dictionary<string, decimal> Keyed<TKey>(List<(TKey Key, decimal Value)> totals, Func<TKey, string> name) =>
        totals.GroupBy(t => name(t.Key)).ToDictionary(g => g.Key, g => g.Sum(t => t.Value));

    sealed class OpenNode
    {
        public Guid Id { get; init; }
        public DateOnly DueOn { get; init; }
        public decimal Open { get; init; }
        public string? Owner { get; init; }
    }

    /// <summary>The nodes behind a reminder or an alert, with their contract, account and owner; at most 200, most urgent first.</summary>
    static async Task<List<NodeAlert>> Alerts(PlanLoopDbContext db, IQueryable<OpenNode> open, DateOnly asOf, CancellationToken ct)
    {
        var rows = await (from o in open
                          join n in db.Instalments on o.Id equals n.Id
                          join c in db.Contracts on n.ContractId equals c.Id
                          join a in db.Accounts on c.AccountId equals a.Id
                          orderby n.DueOn, c.Number
                          select new { c.Id, c.Number, Account = a.Name, o.Owner, n.Name, n.DueOn, n.Amount, o.Open })
            .Take(200).ToListAsync(ct);
        return rows.Select(x => new NodeAlert(x.Id, x.Number, x.Account, x.Owner, x.Name, x.DueOn, x.Amount, x.Open, asOf.DayNumber - x.DueOn.DayNumber)).ToList();
    }
}
