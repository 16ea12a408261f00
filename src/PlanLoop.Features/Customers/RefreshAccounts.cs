using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Customers.Data;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Customers;

public sealed record RefreshProgress(int Processed, int Total);

public sealed record RefreshResult(Guid? RunId, DateOnly AsOf, int Accounts, int TierChanges, int FollowUps, bool AlreadyRunning = false);

/// <summary>
/// The customer job, nightly and on demand: for every account, classify the tier by the current
/// rules (recording each change with its reason), compute the health score of customers (one
/// snapshot per account and day, replaced when run again the same day; prospects have none), the ICP fit, and open a follow-up for
/// the advisor of every A-tier account at risk that has none open. Batches of accounts are
/// committed one by one, so an interrupted run keeps what it finished and the next run redoes the
/// rest; running twice changes nothing the second time.
/// </summary>
public sealed class RefreshAccounts(IDbContextFactory<PlanLoopDbContext> dbs, DatabaseOptions database, BusinessDay businessDay, TimeProvider clock, ILogger<RefreshAccounts> log)
{
    public const int BatchSize = 500;
    /// <summary>One run at a time per database (the nightly job and a button press must not interleave).</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Running = new(StringComparer.Ordinal);

    public async Task<RefreshResult> Handle(string trigger, DateOnly? asOf = null, IProgress<RefreshProgress>? progress = null, CancellationToken ct = default)
    {
        var day = asOf ?? businessDay.Today();
        var oneAtATime = Running.GetOrAdd(database.ConnectionString, _ => new SemaphoreSlim(1, 1));
        if (!await oneAtATime.WaitAsync(0, ct)) return new RefreshResult(null, day, 0, 0, 0, AlreadyRunning: true);
        try
        {
            return await Run(trigger, day, progress, ct);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    async Task<RefreshResult> Run(string trigger, DateOnly asOf, IProgress<RefreshProgress>? progress, CancellationToken ct)
    {
        CustomerJobRun run;
        TierPolicy policy;
        HealthModelVersion model;
        IcpProfile? icp;
        List<Guid> ids;
        Dictionary<Guid, string> regionCodes;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            // A run left "running" by a stopped process did not finish.
            await db.CustomerJobRuns.Where(r => r.Status == JobStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, JobStatus.Failed).SetProperty(r => r.Error, "interrupted"), ct);
            policy = await EditTierPolicy.Current(db, ct);
            model = await EditHealthModel.Current(db, ct);
            icp = (await EditIcpProfile.Current(db, ct)).Profile;
            ids = await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
            regionCodes = await db.Regions.ToDictionaryAsync(r => r.Id, r => r.Code, ct);
            run = new CustomerJobRun(asOf, trigger, ids.Count, clock.GetUtcNow().UtcDateTime);
            db.CustomerJobRuns.Add(run);
            await db.SaveChangesAsync(ct);
        }
        if (log.IsEnabled(LogLevel.Information))
            log.LogInformation("Customer job {Trigger} for {AsOf}: {Accounts} accounts, tier rules v{Policy}, health model v{Model}", trigger, asOf, ids.Count, policy.Version, model.Version);

        int processed = 0, tierChanges = 0, followUps = 0;
        try
        {
            foreach (var batch in ids.Chunk(BatchSize))
            {
                ct.ThrowIfCancellationRequested();
                await using var db = await dbs.CreateDbContextAsync(ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var facts = await AccountFacts.Load(db, batch, asOf, ct);
                var accounts = await db.Accounts.Where(a => batch.Contains(a.Id)).ToListAsync(ct);
                var snapshots = await db.HealthSnapshots.Where(s => batch.Contains(s.AccountId) && s.AsOf == asOf).ToDictionaryAsync(s => s.AccountId, ct);
                var openFollowUps = await db.FollowUps.Where(f => batch.Contains(f.AccountId) && f.Kind == FollowUp.AtRiskKind && f.Status == FollowUpStatus.Open)
                    .Select(f => f.AccountId).ToHashSetAsync(ct);
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var account in accounts)
                {
                    var f = facts[account.Id];
                    // The status follows the data: an account that has bought is a customer; with no purchase for the policy's months, churned.
                    if (f.LastPurchase is { } lastPurchase)
                    {
                        if (lastPurchase > asOf.AddMonths(-policy.ChurnAfterMonths)) account.BecomeCustomer(now);
                        else account.Lapse(now);
                    }
                    if (account.Status != AccountStatus.Prospect)
                    {
                        var decision = policy.Rules.Classify(f.Tier);
                        if (decision.Tier != account.Tier)
                        {
                            db.TierChanges.Add(new TierChange(account.Id, account.Tier, decision, policy.Version, asOf, trigger, now));
                            account.SetTier(decision.Tier, now);
                            tierChanges++;
                        }
                    }
                    account.SetIcpScore(icp?.Score(AccountFacts.IcpFields(account, account.RegionId is { } r ? regionCodes.GetValueOrDefault(r) : null, f.ProductLines)).Score);
                    // A prospect has not bought yet: health (purchases, satisfaction, payment) does not apply to it.
                    if (account.Status == AccountStatus.Prospect)
                    {
                        account.ClearHealth();
                        if (snapshots.TryGetValue(account.Id, out var stale)) db.HealthSnapshots.Remove(stale);
                        continue;
                    }
                    var health = HealthScore.Of(f.Health(model.Model, account.Tier), model.Model);
                    if (snapshots.TryGetValue(account.Id, out var snapshot)) snapshot.Set(health, model.Version);
                    else db.HealthSnapshots.Add(new HealthSnapshot(account.Id, asOf, health, model.Version));
                    account.SetHealth(health.Score, health.Band, asOf);
                    if (health.Band == HealthBand.AtRisk && account.Tier == CustomerTier.A && account.Status == AccountStatus.Customer && !openFollowUps.Contains(account.Id))
                    {
                        db.FollowUps.Add(new FollowUp(account.Id, account.AdvisorId ?? account.OwnerId, FollowUp.AtRiskKind,
                            $"健康度 {health.Score:0.##} 分,风险:安排 1 对 1 回访", asOf.AddDays(3), now));
                        followUps++;
                    }
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                processed += batch.Length;
                await Record(run.Id, r => r.Progress(processed, tierChanges, followUps), CancellationToken.None);
                progress?.Report(new RefreshProgress(processed, ids.Count));
            }
            await Record(run.Id, r => r.Finish(clock.GetUtcNow().UtcDateTime), ct);
        }
        catch (Exception e)
        {
            await Record(run.Id, r => r.Finish(clock.GetUtcNow().UtcDateTime, e is OperationCanceledException ? "interrupted" : e.Message), CancellationToken.None);
            throw;
        }
        if (log.IsEnabled(LogLevel.Information))
            log.LogInformation("Customer job done: {Processed} accounts, {TierChanges} tier changes, {FollowUps} follow-ups", processed, tierChanges, followUps);
        return new RefreshResult(run.Id, asOf, processed, tierChanges, followUps);
    }

    async Task Record(Guid runId, Action<CustomerJobRun> change, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var run = await db.CustomerJobRuns.SingleAsync(r => r.Id == runId, ct);
        change(run);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The latest runs, newest first.</summary>
    public async Task<IReadOnlyList<CustomerJobRun>> Runs(int count, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.CustomerJobRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(count).ToListAsync(ct);
    }
}
