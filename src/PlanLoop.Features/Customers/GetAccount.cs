using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Customers;

public sealed record ActivityRow(Guid Id, ActivityKind Kind, DateTime OccurredAt, string Subject, string? Notes, string? Contact, string? Owner);

public sealed record SurveyRow(Guid Id, SurveyKind Kind, int Score, DateOnly AnsweredOn, string? Comment, string? Contact);

/// <summary>Everything the account page shows, computed as of the business day.</summary>
public sealed record AccountDetail(
    Account Account,
    string? Region,
    string? Owner,
    string? Advisor,
    string? Parent,
    DateOnly AsOf,
    AccountFacts Facts,
    decimal LifetimePurchases,
    DateOnly? FirstPurchase,
    DateOnly? LastPurchase,
    TierDecision? TierByRules,
    int TierPolicyVersion,
    TierService? Service,
    HealthResult? Health,   // null for a prospect: health is a customer's
    int HealthModelVersion,
    IReadOnlyList<HealthSnapshot> HealthHistory,
    IcpResult? Icp,
    IReadOnlyList<Contact> Contacts,
    IReadOnlyList<ActivityRow> Activities,
    int ActivityCount,
    IReadOnlyList<SurveyRow> Surveys,
    IReadOnlyList<TierChange> TierChanges,
    IReadOnlyList<FollowUp> FollowUps,
    IReadOnlyList<AccountOpportunity> Opportunities)
{
    /// <summary>The amount of the account's open opportunities.</summary>
    public decimal OpenPipeline => Opportunities.Where(o => o.ClosedOn is null).Sum(o => o.Amount);
}

/// <summary>One of the account's opportunities, as the account page lists them.</summary>
public sealed record AccountOpportunity(Guid Id, string Name, string StageCode, decimal Amount, DateOnly ExpectedClose, DateOnly? ClosedOn);

/// <summary>
/// One account with its contacts, activities, answers, purchase figures, the tier its rules give
/// now, its health explained by component (live, with the current model) and its history. Null when
/// it does not exist or the viewer may not see it.
/// </summary>
public sealed class GetAccount(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, ReadCache cache)
{
    public const int ActivitiesShown = 50;

    /// <summary>The account page, from the read cache while nothing has been written (see <see cref="ReadCache"/>).</summary>
    public Task<AccountDetail?> Handle(Guid id, Viewer viewer, CancellationToken ct)
    {
        var asOf = businessDay.Today();
        return cache.Get("account", id.ToString(), viewer, asOf, () => Compute(id, viewer, asOf, ct), ct);
    }

    async Task<AccountDetail?> Compute(Guid id, Viewer viewer, DateOnly asOf, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().Visible(db, viewer).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return null;

        var people = await db.People.AsNoTracking().Where(p => p.Id == account.OwnerId || p.Id == account.AdvisorId).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var regionCode = await db.Regions.Where(r => r.Id == account.RegionId).Select(r => new { r.Code, r.Name }).FirstOrDefaultAsync(ct);
        var parent = await db.Accounts.Where(a => a.Id == account.ParentId).Select(a => a.Name).FirstOrDefaultAsync(ct);
        var facts = (await AccountFacts.Load(db, [id], asOf, ct))[id];
        var purchases = await db.OrderLines.Where(o => o.AccountId == id && o.BookedOn <= asOf).GroupBy(o => 1)
            .Select(g => new { Lifetime = g.Sum(o => o.Amount), First = g.Min(o => o.BookedOn), Last = g.Max(o => o.BookedOn) })
            .FirstOrDefaultAsync(ct);
        var (lifetime, first, last) = purchases is null ? (0m, (DateOnly?)null, (DateOnly?)null) : (purchases.Lifetime, purchases.First, purchases.Last);

        var policy = await EditTierPolicy.Current(db, ct);
        var model = await EditHealthModel.Current(db, ct);
        var icp = (await EditIcpProfile.Current(db, ct)).Profile;
        var byRules = account.Status == AccountStatus.Prospect ? null : policy.Rules.Classify(facts.Tier);

        var contacts = await db.Contacts.AsNoTracking().Where(c => c.AccountId == id).OrderBy(c => c.Level).ThenBy(c => c.Name).ToListAsync(ct);
        var contactNames = contacts.ToDictionary(c => c.Id, c => c.Name);
        var activityCount = await db.Activities.CountAsync(a => a.AccountId == id, ct);
        var activities = (await (from a in db.Activities.AsNoTracking()
                                 where a.AccountId == id
                                 orderby a.OccurredAt descending
                                 select new { a.Id, a.Kind, a.OccurredAt, a.Subject, a.Notes, a.ContactId, Owner = db.People.Where(p => p.Id == a.OwnerId).Select(p => p.Name).FirstOrDefault() })
                                .Take(ActivitiesShown).ToListAsync(ct))
            .Select(a => new ActivityRow(a.Id, a.Kind, a.OccurredAt, a.Subject, a.Notes, a.ContactId is { } c ? contactNames.GetValueOrDefault(c) : null, a.Owner)).ToList();
        var surveys = (await db.SurveyAnswers.AsNoTracking().Where(s => s.AccountId == id).OrderByDescending(s => s.AnsweredOn).Take(50).ToListAsync(ct))
            .Select(s => new SurveyRow(s.Id, s.Kind, s.Score, s.AnsweredOn, s.Comment, s.ContactId is { } c ? contactNames.GetValueOrDefault(c) : null)).ToList();

        return new AccountDetail(account, regionCode?.Name,
            account.OwnerId is { } o ? people.GetValueOrDefault(o) : null,
            account.AdvisorId is { } ad ? people.GetValueOrDefault(ad) : null,
            parent, asOf, facts, lifetime, first, last, byRules, policy.Version,
            account.Tier is { } t ? policy.Service(t) : null,
            account.Status == AccountStatus.Prospect ? null : HealthScore.Of(facts.Health(model.Model, account.Tier), model.Model), model.Version,
            await db.HealthSnapshots.AsNoTracking().Where(s => s.AccountId == id).OrderByDescending(s => s.AsOf).Take(60).ToListAsync(ct),
            icp?.Score(AccountFacts.IcpFields(account, regionCode?.Code, facts.ProductLines)),
            contacts, activities, activityCount, surveys,
            await db.TierChanges.AsNoTracking().Where(c => c.AccountId == id).OrderByDescending(c => c.AsOf).ThenByDescending(c => c.ChangedAt).ToListAsync(ct),
            await db.FollowUps.AsNoTracking().Where(f => f.AccountId == id).OrderByDescending(f => f.CreatedAt).ToListAsync(ct),
            await db.Opportunities.AsNoTracking().Where(o => o.AccountId == id).OrderBy(o => o.ClosedOn != null).ThenByDescending(o => o.CreatedOn)
                .Select(o => new AccountOpportunity(o.Id, o.Name, o.StageCode, o.Amount, o.ExpectedClose, o.ClosedOn)).ToListAsync(ct));
    }
}
