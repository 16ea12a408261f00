using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Monitoring;

public sealed record ChangeItem(string Title, string? Detail, decimal? Amount, string Link);

public sealed record WeeklyChanges(DateOnly From, DateOnly To, IReadOnlyList<ChangeItem> NewWins, decimal NewWinsAmount, IReadOnlyList<ChangeItem> Slipped,
    IReadOnlyList<ChangeItem> NewAtRisk, int SlaBreaches, IReadOnlyList<ChangeItem> NewlyOverdue);

/// <summary>
/// What changed in the seven days to the business day, in the viewer's scope: deals won, deals whose
/// expected close date passed without closing (slipped), customers whose health fell to at-risk,
/// the SLA breaches standing today, and payment nodes that fell overdue. Every list is whole, so its
/// count is the true count; a view that shows only the first few says how many there are and links to the rest.
/// </summary>
public sealed class GetWeeklyChanges(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, ListOpportunities pipeline, GetCollectionReport collection)
{
    public async Task<WeeklyChanges> Handle(Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var to = businessDay.Today();
        var from = to.AddDays(-6);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var deals = db.Opportunities.AsNoTracking().Visible(db, viewer);
        var wins = await deals.Where(o => o.StageCode == SopStages.Won && o.ClosedOn >= from && o.ClosedOn <= to).OrderByDescending(o => o.Amount)
            .Select(o => new { o.Id, o.Name, o.Amount, Account = db.Accounts.Where(a => a.Id == o.AccountId).Select(a => a.Name).FirstOrDefault() }).ToListAsync(ct);
        var slipped = await deals.Where(o => o.ClosedOn == null && o.ExpectedClose >= from && o.ExpectedClose <= to).OrderByDescending(o => o.Amount)
            .Select(o => new { o.Id, o.Name, o.Amount, o.ExpectedClose, Account = db.Accounts.Where(a => a.Id == o.AccountId).Select(a => a.Name).FirstOrDefault() }).ToListAsync(ct);
        // Customers whose snapshot this week is at risk and whose snapshot before the week was not.
        var risky = await db.HealthSnapshots.AsNoTracking()
            .Where(s => s.AsOf >= from && s.AsOf <= to && s.Band == HealthBand.AtRisk && db.Accounts.Visible(db, viewer).Any(a => a.Id == s.AccountId))
            .Select(s => new { s.AccountId, s.Score, Account = db.Accounts.Where(a => a.Id == s.AccountId).Select(a => a.Name).FirstOrDefault() }).ToListAsync(ct);
        var ids = risky.Select(r => r.AccountId).Distinct().ToList();
        var before = await db.HealthSnapshots.AsNoTracking().Where(s => ids.Contains(s.AccountId) && s.AsOf < from)
            .GroupBy(s => s.AccountId).Select(g => g.OrderByDescending(s => s.AsOf).Select(s => new { s.AccountId, s.Band }).First()).ToListAsync(ct);
        var wasAtRisk = before.Where(b => b.Band == HealthBand.AtRisk).Select(b => b.AccountId).ToHashSet();
        var atRisk = risky.Where(r => !wasAtRisk.Contains(r.AccountId)).GroupBy(r => r.AccountId).Select(g => g.First()).OrderBy(r => r.Score).ToList();
        var board = await pipeline.Handle(viewer, ct);
        var money = await collection.Handle(to.Year, CollectionDimension.Owner, viewer, ct);
        return new WeeklyChanges(from, to,
            wins.Select(w => new ChangeItem(w.Name, w.Account, w.Amount, $"opportunities?selected={w.Id}")).ToList(), wins.Sum(w => w.Amount),
            slipped.Select(s => new ChangeItem(s.Name, $"{s.Account} · {s.ExpectedClose:yyyy-MM-dd}", s.Amount, $"opportunities?selected={s.Id}")).ToList(),
            atRisk.Select(r => new ChangeItem(r.Account ?? "", r.Score.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), null, $"customers/{r.AccountId}")).ToList(),
            board.Breaches,
            money.Overdue.Where(n => n.DueOn >= from).Select(n => new ChangeItem($"{n.Number} {n.Node}", $"{n.Account} · {n.DueOn:yyyy-MM-dd}", n.Open, $"contracts/{n.ContractId}")).ToList());
    }
}
