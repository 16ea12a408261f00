using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

/// <summary>What the pipeline statistics are grouped by: who owns the deal, their team, the account's region, the deal's channel, or the period the deal closed (or is expected to).</summary>
public enum WinRateGroup
{
    Owner,
    Team,
    Region,
    /// <summary>The deal's sales channel (direct, partner, …): where the business came from.</summary>
    Channel,
    Quarter,
    Month,
}

/// <summary>
/// One group's deals: open ones by stage (count and amount), won and lost in the period, the win rate
/// (won ÷ closed, by count) and the average cycle of the won deals (calendar days from creation to
/// close). Key is the member's id or code (a period as 2017-Q1 / 2017-03); null for "none".
/// </summary>
public sealed record WinRateRow(string? Key, string Name, IReadOnlyDictionary<string, int> OpenByStage, int Open, decimal OpenAmount, int Won, decimal WonAmount, int Lost,
    decimal? WinRate, decimal? AverageCycleDays);

public sealed record WinRates(DateOnly From, DateOnly To, WinRateGroup By, IReadOnlyList<string> Stages, IReadOnlyList<WinRateRow> Rows, WinRateRow Total);

/// <summary>
/// Funnel, win rate, deals per stage and cycle time by owner, team, region or period: deals closed
/// between From and To (won or lost) and the deals open now, in the viewer's scope. Counted, summed
/// and grouped in the database; only one row per group and stage comes back.
/// </summary>
public sealed class GetWinRates(IDbContextFactory<PlanLoopDbContext> dbs, EditSalesSettings settings)
{
    /// <summary>A deal reduced to what is counted: the group's id or period, its stage, amount and cycle (every member set in every shape, or EF cannot group by it).</summary>
    sealed class Keyed
    {
        public Guid? Id { get; init; }
        public int? Period { get; init; }
        public string Stage { get; init; } = "";
        public decimal Amount { get; init; }
        public int Days { get; init; }
    }

    sealed class Counted
    {
        public Guid? Id { get; init; }
        public int? Period { get; init; }
        public string Stage { get; init; } = "";
        public int Deals { get; init; }
        public decimal Amount { get; init; }
        public int Days { get; init; }
    }

    public async Task<WinRates> Handle(DateOnly from, DateOnly to, WinRateGroup by, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (to < from) throw new ArgumentOutOfRangeException(nameof(to), "to is before from.");
        var stages = (await settings.Current(ct)).Stages.OrderBy(s => s.Order).ToList();
        var won = stages.Where(s => s.Outcome == StageOutcome.Won).Select(s => s.Code).ToHashSet();
        var lost = stages.Where(s => s.Outcome == StageOutcome.Lost).Select(s => s.Code).ToHashSet();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var deals = db.Opportunities.AsNoTracking().Visible(db, viewer)
            .Where(o => o.ClosedOn == null || (o.ClosedOn >= from && o.ClosedOn <= to));
        IQueryable<Keyed> keyed = by switch
        {
            WinRateGroup.Owner => deals.Select(o => new Keyed { Id = o.OwnerId, Period = null, Stage = o.StageCode, Amount = o.Amount, Days = o.ClosedOn == null ? 0 : o.ClosedOn.Value.DayNumber - o.CreatedOn.DayNumber }),
            WinRateGroup.Team => from o in deals
                                 join p in db.People on o.OwnerId equals p.Id into op
                                 from p in op.DefaultIfEmpty()
                                 select new Keyed { Id = p == null ? null : p.TeamId, Period = null, Stage = o.StageCode, Amount = o.Amount, Days = o.ClosedOn == null ? 0 : o.ClosedOn.Value.DayNumber - o.CreatedOn.DayNumber },
            WinRateGroup.Region => from o in deals
                                   join a in db.Accounts on o.AccountId equals a.Id
                                   select new Keyed { Id = a.RegionId, Period = null, Stage = o.StageCode, Amount = o.Amount, Days = o.ClosedOn == null ? 0 : o.ClosedOn.Value.DayNumber - o.CreatedOn.DayNumber },
            WinRateGroup.Channel => deals.Select(o => new Keyed { Id = o.ChannelId, Period = null, Stage = o.StageCode, Amount = o.Amount, Days = o.ClosedOn == null ? 0 : o.ClosedOn.Value.DayNumber - o.CreatedOn.DayNumber }),
            WinRateGroup.Quarter => deals.Select(o => new Keyed
            {
                Id = null,
                Period = o.ClosedOn == null ? o.ExpectedClose.Year * 10 + (o.ExpectedClose.Month + 2) / 3 : o.ClosedOn.Value.Year * 10 + (o.ClosedOn.Value.Month + 2) / 3,
                Stage = o.StageCode,
                Amount = o.Amount,
                Days = o.ClosedOn == null ? 0 : o.ClosedOn.Value.DayNumber - o.CreatedOn.DayNumber,
            }),
            _ => deals.Select(o => new Keyed
            {
                Id = null,
                Period = o.ClosedOn == null ? o.ExpectedClose.Year * 100 + o.ExpectedClose.Month : o.ClosedOn.Value.Year * 100 + o.ClosedOn.Value.Month,
                Stage = o.StageCode,
                Amount = o.Amount,
                Days = o.ClosedOn == null ? 0 : o.ClosedOn.Value.DayNumber - o.CreatedOn.DayNumber,
            }),
        };
        var counted = await keyed.GroupBy(k => new { k.Id, k.Period, k.Stage })
            .Select(g => new Counted { Id = g.Key.Id, Period = g.Key.Period, Stage = g.Key.Stage, Deals = g.Count(), Amount = g.Sum(k => k.Amount), Days = g.Sum(k => k.Days) })
            .ToListAsync(ct);
        var names = await Names(db, by, counted.Where(c => c.Id is not null).Select(c => c.Id!.Value).Distinct().ToList(), ct);

        WinRateRow Row(string? key, string name, IReadOnlyList<Counted> cells)
        {
            var open = stages.Where(s => s.Outcome == StageOutcome.Open).ToDictionary(s => s.Code, s => cells.Where(c => c.Stage == s.Code).Sum(c => c.Deals));
            var (w, l) = (cells.Where(c => won.Contains(c.Stage)).ToList(), cells.Where(c => lost.Contains(c.Stage)).Sum(c => c.Deals));
            var wonDeals = w.Sum(c => c.Deals);
            return new WinRateRow(key, name, open, open.Values.Sum(), cells.Where(c => open.ContainsKey(c.Stage)).Sum(c => c.Amount), wonDeals, w.Sum(c => c.Amount), l,
                wonDeals + l == 0 ? null : (decimal)wonDeals / (wonDeals + l), wonDeals == 0 ? null : (decimal)w.Sum(c => c.Days) / wonDeals);
        }

        var rows = counted.GroupBy(c => (c.Id, c.Period))
            .Select(g =>
            {
                var (key, name, sort) = g.Key switch
                {
                    ({ } id, _) => (id.ToString(), names.GetValueOrDefault(id, id.ToString()), names.GetValueOrDefault(id, "")),
                    (_, { } p) when by == WinRateGroup.Quarter => ($"{p / 10}-Q{p % 10}", $"{p / 10}-Q{p % 10}", p.ToString("D6", CultureInfo.InvariantCulture)),
                    (_, { } p) => ($"{p / 100}-{p % 100:00}", $"{p / 100}-{p % 100:00}", p.ToString("D6", CultureInfo.InvariantCulture)),
                    _ => ((string?)null, "", "\uffff"),
                };
                return (Sort: sort, Row: Row(key, name, g.ToList()));
            })
            .OrderBy(r => r.Sort, StringComparer.Ordinal).Select(r => r.Row).ToList();
        return new WinRates(from, to, by, stages.Where(s => s.Outcome == StageOutcome.Open).Select(s => s.Code).ToList(), rows, Row("total", "", counted));
    }

    static async Task<Dictionary<Guid, string>> Names(PlanLoopDbContext db, WinRateGroup by, List<Guid> ids, CancellationToken ct) => by switch
    {
        WinRateGroup.Owner => await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct),
        WinRateGroup.Team => await db.Teams.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Code, ct),
        WinRateGroup.Region => await db.Regions.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Code, ct),
        WinRateGroup.Channel => await db.Channels.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Code, ct),
        _ => [],
    };
}
