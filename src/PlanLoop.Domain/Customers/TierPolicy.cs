namespace PlanLoop.Domain.Customers;

/// <summary>How a tier is served and how long it takes to decide (seed §2.3 and §4.1).</summary>
public sealed record TierService(string ServiceModel, int AccountsPerAdvisor, int CycleMinDays, int CycleMaxDays)
{
    public string? Problem(CustomerTier tier)
    {
        if (string.IsNullOrWhiteSpace(ServiceModel)) return $"{tier} 类的服务模式不能为空。";
        if (AccountsPerAdvisor < 1) return $"{tier} 类每位顾问服务的客户数至少为 1。";
        if (CycleMinDays < 1 || CycleMaxDays < CycleMinDays) return $"{tier} 类的决策周期应为 1 天以上,且下限不大于上限。";
        return null;
    }
}

/// <summary>
/// One saved version of the tier rules with each tier's service model and decision cycle. A change
/// saves a new version; the old ones stay, so every recorded tier change names the version that made it.
/// </summary>
public sealed class TierPolicy
{
    TierPolicy() { CreatedBy = ""; AServiceModel = BServiceModel = CServiceModel = ""; }

    public const int DefaultChurnAfterMonths = 12;

    public TierPolicy(int version, TierRules rules, TierService a, TierService b, TierService c, string createdBy, DateTime createdAt, int churnAfterMonths = DefaultChurnAfterMonths)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(churnAfterMonths, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(churnAfterMonths, 60);
        ChurnAfterMonths = churnAfterMonths;
        rules.Validate();
        foreach (var (tier, s) in new[] { (CustomerTier.A, a), (CustomerTier.B, b), (CustomerTier.C, c) })
            if (s.Problem(tier) is { } p) throw new ArgumentException(p, nameof(a));
        Id = Guid.NewGuid();
        Version = version;
        AMinimumPurchase = rules.AMinimumPurchase;
        CBelowPurchase = rules.CBelowPurchase;
        AMinimumChainDepth = rules.AMinimumChainDepth;
        (AServiceModel, AAccountsPerAdvisor, ACycleMinDays, ACycleMaxDays) = (a.ServiceModel.Trim(), a.AccountsPerAdvisor, a.CycleMinDays, a.CycleMaxDays);
        (BServiceModel, BAccountsPerAdvisor, BCycleMinDays, BCycleMaxDays) = (b.ServiceModel.Trim(), b.AccountsPerAdvisor, b.CycleMinDays, b.CycleMaxDays);
        (CServiceModel, CAccountsPerAdvisor, CCycleMinDays, CCycleMaxDays) = (c.ServiceModel.Trim(), c.AccountsPerAdvisor, c.CycleMinDays, c.CycleMaxDays);
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    /// <summary>The seed's policy: A ≥ 500万 VIP 1:1, 60–90 days; B 1:10 community, 30–45; C &lt; 100万 1:10 community, 15–30.</summary>
    public static TierPolicy Seed(string createdBy, DateTime createdAt) => new(1, TierRules.Seed,
        new TierService("VIP 1对1顾问制", 1, 60, 90),
        new TierService("1对10社群制", 10, 30, 45),
        new TierService("1对10社群制", 10, 15, 30),
        createdBy, createdAt);

    public Guid Id { get; private set; }
    public int Version { get; private set; }
    public decimal AMinimumPurchase { get; private set; }
    public decimal CBelowPurchase { get; private set; }
    public int? AMinimumChainDepth { get; private set; }
    public string AServiceModel { get; private set; }
    public int AAccountsPerAdvisor { get; private set; }
    public int ACycleMinDays { get; private set; }
    public int ACycleMaxDays { get; private set; }
    public string BServiceModel { get; private set; }
    public int BAccountsPerAdvisor { get; private set; }
    public int BCycleMinDays { get; private set; }
    public int BCycleMaxDays { get; private set; }
    public string CServiceModel { get; private set; }
    public int CAccountsPerAdvisor { get; private set; }
    public int CCycleMinDays { get; private set; }
    public int CCycleMaxDays { get; private set; }
    /// <summary>A customer with no purchase for this many months (to the business day) is churned; its status follows the data.</summary>
    public int ChurnAfterMonths { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public TierRules Rules => new(AMinimumPurchase, CBelowPurchase, AMinimumChainDepth);

    public TierService Service(CustomerTier tier) => tier switch
    {
        CustomerTier.A => new(AServiceModel, AAccountsPerAdvisor, ACycleMinDays, ACycleMaxDays),
        CustomerTier.B => new(BServiceModel, BAccountsPerAdvisor, BCycleMinDays, BCycleMaxDays),
        _ => new(CServiceModel, CAccountsPerAdvisor, CCycleMinDays, CCycleMaxDays),
    };
}

/// <summary>A recorded change of an account's tier, with the reason and the rules version that made it.</summary>
public sealed class TierChange
{
    TierChange() { Reason = ReasonEn = ChangedBy = ""; }

    public TierChange(Guid accountId, CustomerTier? from, TierDecision decision, int policyVersion, DateOnly asOf, string changedBy, DateTime changedAt)
    {
        AsOf = asOf;
        ArgumentNullException.ThrowIfNull(decision);
        Id = Guid.NewGuid();
        AccountId = accountId;
        FromTier = from;
        ToTier = decision.Tier;
        Reason = decision.Reason;
        ReasonEn = decision.ReasonEn;
        PolicyVersion = policyVersion;
        ChangedBy = changedBy;
        ChangedAt = changedAt;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public CustomerTier? FromTier { get; private set; }
    public CustomerTier ToTier { get; private set; }
    public string Reason { get; private set; }
    public string ReasonEn { get; private set; }
    public int PolicyVersion { get; private set; }
    /// <summary>The business day whose figures made the change (the purchases of the 12 months to it).</summary>
    public DateOnly AsOf { get; private set; }
    public string ChangedBy { get; private set; }
    public DateTime ChangedAt { get; private set; }
}

/// <summary>One day's health of one account, kept as history; recomputing the same day replaces it.</summary>
public sealed class HealthSnapshot
{
    HealthSnapshot() { }

    public HealthSnapshot(Guid accountId, DateOnly asOf, HealthResult result, int modelVersion)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        AsOf = asOf;
        Set(result, modelVersion);
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public DateOnly AsOf { get; private set; }
    public decimal Score { get; private set; }
    public HealthBand Band { get; private set; }
    public decimal Activity { get; private set; }
    public decimal Purchases { get; private set; }
    public decimal Satisfaction { get; private set; }
    /// <summary>Null when no receivables are tracked.</summary>
    public decimal? Payment { get; private set; }
    public int ModelVersion { get; private set; }

    public void Set(HealthResult result, int modelVersion)
    {
        ArgumentNullException.ThrowIfNull(result);
        Score = result.Score;
        Band = result.Band;
        // Components are kept to the hundredth, as the total is.
        static decimal R(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
        Activity = R(result.Components[0].Score);
        Purchases = R(result.Components[1].Score);
        Satisfaction = R(result.Components[2].Score);
        Payment = result.Components[3].Available ? R(result.Components[3].Score) : null;
        ModelVersion = modelVersion;
    }
}

public enum FollowUpStatus
{
    Open,
    Done,
}

/// <summary>A task for an advisor or owner, e.g. to call an A-tier account whose health fell to "at risk".</summary>
public sealed class FollowUp
{
    public const string AtRiskKind = "health-at-risk";

    FollowUp() { Kind = Title = ""; }

    public FollowUp(Guid accountId, Guid? assigneeId, string kind, string title, DateOnly dueOn, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        AssigneeId = assigneeId;
        Kind = kind;
        Title = title;
        DueOn = dueOn;
        CreatedAt = createdAt;
        Status = FollowUpStatus.Open;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public string Kind { get; private set; }
    public string Title { get; private set; }
    public DateOnly DueOn { get; private set; }
    public FollowUpStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? DoneAt { get; private set; }

    public void Complete(DateTime at)
    {
        Status = FollowUpStatus.Done;
        DoneAt = at;
    }
}
