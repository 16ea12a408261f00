using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Customers;

/// <summary>
/// What the tier rules, the health score and the ICP read about an account, aggregated by the
/// database for a batch of accounts: purchases in the 12 months to the business day and the 12
/// before, activities in the last 90 days, decision-chain depth, latest NPS and CSAT answers, the
/// product lines bought, and payment behaviour: what fell due on its signed contracts in the 12
/// months before the business day and how much of that is still unpaid (null when it has none).
/// </summary>
public sealed record AccountFacts(Guid AccountId, decimal Purchases, decimal PriorPurchases, int RecentActivities, int ChainDepth,
    int? LatestNps, int? LatestCsat, IReadOnlyList<string> ProductLines, decimal? FellDue = null, decimal Unpaid = 0m)
{
    /// <summary>The day of its last booked order up to the business day (any year), null when it never bought.</summary>
    public DateOnly? LastPurchase { get; init; }

    public const int ActivityWindowDays = 90;

    public HealthFacts Health(HealthModel model, CustomerTier? tier) =>
        new(RecentActivities, model.ActivityNorm(tier), Purchases, PriorPurchases, LatestCsat, LatestNps, Receivable: FellDue, Overdue: Unpaid);

    public TierFacts Tier => new(Purchases, ChainDepth);

    /// <summary>The account's fields as the ICP criteria name them.</summary>
    public static IReadOnlyDictionary<string, string?> IcpFields(Account account, string? regionCode, IReadOnlyList<string> productLines)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new Dictionary<string, string?>
        {
            ["industry"] = account.Industry,
            ["region"] = regionCode,
            ["employees"] = account.Employees?.ToString(CultureInfo.InvariantCulture),
            ["revenue"] = account.Revenue?.ToString(CultureInfo.InvariantCulture),
            ["products"] = productLines.Count == 0 ? null : string.Join(",", productLines),
            ["tier"] = account.Tier?.ToString(),
            ["status"] = account.Status.ToString(),
        };
    }

    public static readonly IReadOnlyList<string> IcpFieldNames = ["industry", "region", "employees", "revenue", "products", "tier", "status"];

    public static async Task<Dictionary<Guid, AccountFacts>> Load(PlanLoopDbContext db, IReadOnlyCollection<Guid> ids, DateOnly asOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var yearAgo = asOf.AddYears(-1);
        var twoYearsAgo = asOf.AddYears(-2);
        var purchases = await db.OrderLines.Where(o => ids.Contains(o.AccountId) && o.BookedOn > yearAgo && o.BookedOn <= asOf)
            .GroupBy(o => o.AccountId).Select(g => new { g.Key, Sum = g.Sum(o => o.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var prior = await db.OrderLines.Where(o => ids.Contains(o.AccountId) && o.BookedOn > twoYearsAgo && o.BookedOn <= yearAgo)
            .GroupBy(o => o.AccountId).Select(g => new { g.Key, Sum = g.Sum(o => o.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var end = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var start = end.AddDays(-ActivityWindowDays);
        var activities = await db.Activities.Where(a => ids.Contains(a.AccountId) && a.OccurredAt >= start && a.OccurredAt < end)
            .GroupBy(a => a.AccountId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var depth = await db.Contacts.Where(c => ids.Contains(c.AccountId))
            .GroupBy(c => c.AccountId).Select(g => new { g.Key, Depth = g.Select(c => c.Level).Distinct().Count() }).ToDictionaryAsync(x => x.Key, x => x.Depth, ct);
        var latest = await db.SurveyAnswers.Where(s => ids.Contains(s.AccountId) && s.AnsweredOn <= asOf)
            .GroupBy(s => new { s.AccountId, s.Kind })
            .Select(g => g.OrderByDescending(s => s.AnsweredOn).ThenByDescending(s => s.Id).Select(s => new { s.AccountId, s.Kind, s.Score }).First())
            .ToListAsync(ct);
        var lines = await (from o in db.OrderLines
                           join l in db.ProductLines on o.ProductLineId equals l.Id
                           where ids.Contains(o.AccountId) && o.BookedOn > yearAgo && o.BookedOn <= asOf
                           select new { o.AccountId, l.Code }).Distinct().ToListAsync(ct);
        var last = await db.OrderLines.Where(o => ids.Contains(o.AccountId) && o.BookedOn <= asOf)
            .GroupBy(o => o.AccountId).Select(g => new { g.Key, Last = g.Max(o => o.BookedOn) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var linesByAccount = lines.GroupBy(x => x.AccountId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Code).Order(StringComparer.Ordinal).ToList());
        // Payment nodes of signed contracts that fell due in the 12 months before the business day, and what came in for them by then.
        var fellDue = await (from n in db.Instalments
                             join c in db.Contracts on n.ContractId equals c.Id
                             where ids.Contains(c.AccountId) && c.Status == Domain.Execution.ContractStatus.Signed && n.DueOn > yearAgo && n.DueOn < asOf
                             group n by c.AccountId into g
                             select new { g.Key, Sum = g.Sum(n => n.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var paid = await (from p in db.Payments
                          join n in db.Instalments on p.InstalmentId equals n.Id
                          join c in db.Contracts on n.ContractId equals c.Id
                          where ids.Contains(c.AccountId) && c.Status == Domain.Execution.ContractStatus.Signed && n.DueOn > yearAgo && n.DueOn < asOf && p.ReceivedOn <= asOf
                          group p by c.AccountId into g
                          select new { g.Key, Sum = g.Sum(p => p.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);

        return ids.Distinct().ToDictionary(id => id, id => new AccountFacts(id,
            purchases.GetValueOrDefault(id), prior.GetValueOrDefault(id), activities.GetValueOrDefault(id), depth.GetValueOrDefault(id),
            latest.FirstOrDefault(s => s.AccountId == id && s.Kind == SurveyKind.Nps)?.Score,
            latest.FirstOrDefault(s => s.AccountId == id && s.Kind == SurveyKind.Csat)?.Score,
            linesByAccount.GetValueOrDefault(id) ?? [],
            fellDue.TryGetValue(id, out var due) ? due : null, fellDue.TryGetValue(id, out var d) ? d - paid.GetValueOrDefault(id) : 0m)
        {
            LastPurchase = last.TryGetValue(id, out var day) ? day : null,
        });
    }
}
