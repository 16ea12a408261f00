using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Customers;

public enum AccountSort
{
    Name,
    Purchases,
    Health,
    Icp,
    LastPurchase,
}

/// <summary>The account list's filters; every one optional. <see cref="Search"/> matches the name or credit code.</summary>
public sealed record AccountQuery(
    string? Search = null,
    CustomerTier? Tier = null,
    AccountStatus? Status = null,
    HealthBand? Band = null,
    Guid? RegionId = null,
    Guid? OwnerId = null,
    Guid? AdvisorId = null,
    string? Industry = null,
    AccountSort Sort = AccountSort.Purchases,
    bool Descending = true,
    int Page = 1,
    int PageSize = 50);

public sealed record AccountRow(Guid Id, string Name, string? CreditCode, string? Industry, string? Region, string? Owner, string? Advisor,
    AccountStatus Status, CustomerTier? Tier, decimal Purchases, DateOnly? LastPurchase, decimal? HealthScore, HealthBand? HealthBand, decimal? IcpScore);

public sealed record AccountPage(IReadOnlyList<AccountRow> Rows, int Total, int Page, int PageSize, decimal TotalPurchases, DateOnly AsOf);

/// <summary>
/// The accounts a viewer may see, filtered, sorted and paged by the database, with their purchases
/// in the 12 months to the business day summed from the order lines.
/// </summary>
public sealed class ListAccounts(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay)
{
    public const int MaxPageSize = 500;

    public async Task<AccountPage> Handle(AccountQuery query, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var asOf = businessDay.Today();
        var yearAgo = asOf.AddYears(-1);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        await using var db = await dbs.CreateDbContextAsync(ct);

        var accounts = Filter(db.Accounts.AsNoTracking().Visible(db, viewer), query);
        var rows = accounts.Select(a => new
        {
            Account = a,
            Purchases = db.OrderLines.Where(o => o.AccountId == a.Id && o.BookedOn > yearAgo && o.BookedOn <= asOf).Sum(o => (decimal?)o.Amount) ?? 0m,
            LastPurchase = db.OrderLines.Where(o => o.AccountId == a.Id && o.BookedOn <= asOf).Max(o => (DateOnly?)o.BookedOn),
        });
        var ordered = (query.Sort, query.Descending) switch
        {
            (AccountSort.Name, false) => rows.OrderBy(r => r.Account.Name),
            (AccountSort.Name, true) => rows.OrderByDescending(r => r.Account.Name),
            (AccountSort.Health, false) => rows.OrderBy(r => r.Account.HealthScore),
            (AccountSort.Health, true) => rows.OrderByDescending(r => r.Account.HealthScore),
            (AccountSort.Icp, false) => rows.OrderBy(r => r.Account.IcpScore),
            (AccountSort.Icp, true) => rows.OrderByDescending(r => r.Account.IcpScore),
            (AccountSort.LastPurchase, false) => rows.OrderBy(r => r.LastPurchase),
            (AccountSort.LastPurchase, true) => rows.OrderByDescending(r => r.LastPurchase),
            (_, false) => rows.OrderBy(r => r.Purchases),
            _ => rows.OrderByDescending(r => r.Purchases),
        };
        var total = await accounts.CountAsync(ct);
        var totalPurchases = await db.OrderLines.Where(o => o.BookedOn > yearAgo && o.BookedOn <= asOf && accounts.Any(a => a.Id == o.AccountId))
            .SumAsync(o => (decimal?)o.Amount, ct) ?? 0m;
        var pageRows = await ordered.ThenBy(r => r.Account.Id).Skip((page - 1) * size).Take(size)
            .Select(r => new AccountRow(r.Account.Id, r.Account.Name, r.Account.CreditCode, r.Account.Industry,
                db.Regions.Where(x => x.Id == r.Account.RegionId).Select(x => x.Name).FirstOrDefault(),
                db.People.Where(p => p.Id == r.Account.OwnerId).Select(p => p.Name).FirstOrDefault(),
                db.People.Where(p => p.Id == r.Account.AdvisorId).Select(p => p.Name).FirstOrDefault(),
                r.Account.Status, r.Account.Tier, r.Purchases, r.LastPurchase, r.Account.HealthScore, r.Account.HealthBand, r.Account.IcpScore))
            .ToListAsync(ct);
        return new AccountPage(pageRows, total, page, size, totalPurchases, asOf);
    }

    internal static IQueryable<Account> Filter(IQueryable<Account> accounts, AccountQuery q)
    {
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var text = q.Search.Trim();
            var normalized = CompanyName.Normalize(text);
            var code = text.ToUpperInvariant();
            accounts = accounts.Where(a => a.Name.Contains(text) || (normalized.Length > 0 && a.NormalizedName.Contains(normalized)) || a.CreditCode == code);
        }
        if (q.Tier is { } tier) accounts = accounts.Where(a => a.Tier == tier);
        if (q.Status is { } status) accounts = accounts.Where(a => a.Status == status);
        if (q.Band is { } band) accounts = accounts.Where(a => a.HealthBand == band);
        if (q.RegionId is { } region) accounts = accounts.Where(a => a.RegionId == region);
        if (q.OwnerId is { } owner) accounts = accounts.Where(a => a.OwnerId == owner);
        if (q.AdvisorId is { } advisor) accounts = accounts.Where(a => a.AdvisorId == advisor);
        if (!string.IsNullOrWhiteSpace(q.Industry)) accounts = accounts.Where(a => a.Industry == q.Industry.Trim());
        return accounts;
    }
}
