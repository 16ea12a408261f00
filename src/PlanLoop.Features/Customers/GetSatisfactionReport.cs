using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Customers;

public enum SatisfactionDimension
{
    Month,
    Quarter,
    Year,
    Tier,
    Region,
    Owner,
}

/// <summary>NPS and satisfaction of one group: the answers, the parts of NPS, and the CSAT average.</summary>
public sealed record SatisfactionRow(string Key, string Label, int NpsAnswers, int Promoters, int Passives, int Detractors, int CsatAnswers, long CsatSum)
{
    /// <summary>% promoters − % detractors, to the hundredth; null without answers.</summary>
    public decimal? Nps => new NpsResult(NpsAnswers, Promoters, Passives, Detractors).Score is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>Average satisfaction to the hundredth; null without answers.</summary>
    public decimal? CsatAverage => CsatAnswers == 0 ? null : Math.Round((decimal)CsatSum / CsatAnswers, 2, MidpointRounding.AwayFromZero);
}

public sealed record SatisfactionReport(DateOnly From, DateOnly To, SatisfactionDimension By, IReadOnlyList<SatisfactionRow> Rows, SatisfactionRow Total,
    KpiTarget? NpsTarget, KpiTarget? SatisfactionTarget);

/// <summary>
/// NPS (% promoters 9–10 − % detractors 0–6) and average satisfaction over the answers of a period,
/// by month, quarter, year, tier, region or owner, within the viewer's scope; counted by the
/// database. Set against the plan's targets (NPS 45, satisfaction 85 in the seed).
/// </summary>
public sealed class GetSatisfactionReport(IDbContextFactory<PlanLoopDbContext> dbs)
{
    sealed class Fact
    {
        public SurveyKind Kind { get; init; }
        public int Score { get; init; }
        public int Year { get; init; }
        public int Month { get; init; }
        public CustomerTier? Tier { get; init; }
        public Guid? RegionId { get; init; }
        public Guid? OwnerId { get; init; }
    }

    sealed class Agg<TKey>
    {
        public TKey Key { get; init; } = default!;
        public int Count { get; init; }
        public int Promoters { get; init; }
        public int Detractors { get; init; }
        public long Sum { get; init; }
    }

    public async Task<SatisfactionReport> Handle(DateOnly first, DateOnly last, SatisfactionDimension by, Viewer viewer, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var facts = from s in db.SurveyAnswers
                    join a in db.Accounts.Visible(db, viewer) on s.AccountId equals a.Id
                    where s.AnsweredOn >= first && s.AnsweredOn <= last
                    select new Fact { Kind = s.Kind, Score = s.Score, Year = s.AnsweredOn.Year, Month = s.AnsweredOn.Month, Tier = a.Tier, RegionId = a.RegionId, OwnerId = a.OwnerId };

        List<SatisfactionRow> rows;
        switch (by)
        {
            case SatisfactionDimension.Tier:
                rows = await Rows(facts, f => f.Tier, t => (t?.ToString() ?? "-", t?.ToString() ?? "未分层"), ct);
                break;
            case SatisfactionDimension.Region:
                var regions = await db.Regions.ToDictionaryAsync(r => r.Id, r => (r.SortOrder, r.Name), ct);
                rows = await Rows(facts, f => f.RegionId, id => id is { } r && regions.TryGetValue(r, out var x) ? (x.SortOrder.ToString("D3", CultureInfo.InvariantCulture), x.Name) : ("999", "未分配"), ct);
                break;
            case SatisfactionDimension.Owner:
                var people = await db.People.ToDictionaryAsync(p => p.Id, p => p.Name, ct);
                rows = await Rows(facts, f => f.OwnerId, id => id is { } p && people.TryGetValue(p, out var n) ? (n, n) : ("\uffff", "未分配"), ct);
                break;
            default:
                var months = await Rows(facts, f => (f.Year * 100) + f.Month, ym => ($"{ym / 100:D4}-{ym % 100:D2}", $"{ym / 100:D4}-{ym % 100:D2}"), ct);
                rows = by switch
                {
                    SatisfactionDimension.Quarter => RollUp(months, k => $"{k[..4]}Q{((int.Parse(k[5..], CultureInfo.InvariantCulture) - 1) / 3) + 1}"),
                    SatisfactionDimension.Year => RollUp(months, k => k[..4]),
                    _ => months,
                };
                break;
        }
        var total = Sum("total", "合计", rows);
        var target = await PlanTargets.For(db, last.Year, ct);
        return new SatisfactionReport(first, last, by, rows, total, target(Kpi.Nps), target(Kpi.Satisfaction));
    }

    static async Task<List<SatisfactionRow>> Rows<TKey>(IQueryable<Fact> facts, Expression<Func<Fact, TKey>> key, Func<TKey, (string Sort, string Label)> label, CancellationToken ct)
    {
        async Task<List<Agg<TKey>>> Of(SurveyKind kind) =>
            await facts.Where(f => f.Kind == kind).GroupBy(key)
                .Select(g => new Agg<TKey> { Key = g.Key, Count = g.Count(), Promoters = g.Count(f => f.Score >= 9), Detractors = g.Count(f => f.Score <= 6), Sum = g.Sum(f => (long)f.Score) })
                .ToListAsync(ct);
        var nps = await Of(SurveyKind.Nps);
        var csat = await Of(SurveyKind.Csat);
        return nps.Select(n => n.Key).Concat(csat.Select(c => c.Key)).Distinct()
            .Select(k =>
            {
                var n = nps.FirstOrDefault(x => Equals(x.Key, k));
                var c = csat.FirstOrDefault(x => Equals(x.Key, k));
                var (sort, text) = label(k);
                var answers = n?.Count ?? 0;
                return new SatisfactionRow(sort, text, answers, n?.Promoters ?? 0, answers - (n?.Promoters ?? 0) - (n?.Detractors ?? 0), n?.Detractors ?? 0, c?.Count ?? 0, c?.Sum ?? 0);
            })
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    static List<SatisfactionRow> RollUp(List<SatisfactionRow> months, Func<string, string> group) =>
        months.GroupBy(m => group(m.Key)).Select(g => Sum(g.Key, g.Key, g.ToList())).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

    /// <summary>Adds groups up: counts and sums add, so the total's NPS and average are exact.</summary>
    static SatisfactionRow Sum(string key, string label, IReadOnlyList<SatisfactionRow> rows) =>
        new(key, label, rows.Sum(r => r.NpsAnswers), rows.Sum(r => r.Promoters), rows.Sum(r => r.Passives), rows.Sum(r => r.Detractors),
            rows.Sum(r => r.CsatAnswers), rows.Sum(r => r.CsatSum));
}
