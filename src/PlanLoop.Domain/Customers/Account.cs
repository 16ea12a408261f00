using System.Globalization;
using System.Text;

namespace PlanLoop.Domain.Customers;

public enum AccountStatus
{
    Prospect,
    Customer,
    Churned,
}

/// <summary>What a person enters about an account. Ids point at master data (region) and people (owner, CS advisor).</summary>
public sealed record AccountDetails(
    string Name,
    string? CreditCode = null,
    string? Industry = null,
    Guid? RegionId = null,
    int? Employees = null,
    decimal? Revenue = null,
    Guid? OwnerId = null,
    Guid? AdvisorId = null,
    Guid? ParentId = null,
    AccountStatus Status = AccountStatus.Prospect)
{
    /// <summary>Field → problems, empty when the details are acceptable. Field names are the record's, camel-cased.</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name)) problems["name"] = ["名称不能为空。"];
        else if (Name.Trim().Length > 200) problems["name"] = ["名称最多 200 个字符。"];
        if (Customers.CreditCode.Normalize(CreditCode) is { } code && Customers.CreditCode.Problem(code) is { } p) problems["creditCode"] = [p];
        if (Employees is < 0) problems["employees"] = ["员工人数不能为负。"];
        if (Revenue is < 0m) problems["revenue"] = ["营业收入不能为负。"];
        if (Industry?.Trim().Length > 100) problems["industry"] = ["行业最多 100 个字符。"];
        return problems;
    }
}

/// <summary>
/// A company PlanLoop sells to (or may): its identity, ownership, tier and the figures the nightly
/// job keeps current (health, ICP fit). Purchases are not stored here: they are summed from orders.
/// </summary>
public sealed class Account
{
    Account() { Name = ""; NormalizedName = ""; }

    public Account(AccountDetails details, DateTime createdAt) : this()
    {
        Id = Guid.NewGuid();
        CreatedAt = createdAt;
        Update(details, createdAt);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    /// <summary>The name as duplicate detection compares it (<see cref="CompanyName.Normalize"/>).</summary>
    public string NormalizedName { get; private set; }
    public string? CreditCode { get; private set; }
    /// <summary>The record's id in the system it was imported from ("CG-12520"): what a re-import of that system's export matches on.</summary>
    public string? ExternalId { get; private set; }
    public string? Industry { get; private set; }
    public Guid? RegionId { get; private set; }
    public int? Employees { get; private set; }
    /// <summary>The company's own yearly revenue (its size), not what it buys from us.</summary>
    public decimal? Revenue { get; private set; }
    public Guid? OwnerId { get; private set; }
    /// <summary>The customer-success advisor (CS owner).</summary>
    public Guid? AdvisorId { get; private set; }
    public Guid? ParentId { get; private set; }
    public AccountStatus Status { get; private set; }
    /// <summary>
    /// The churn was the customer job's (no purchase for the policy's months), not a person's: an order
    /// after it makes the account a customer again. A churn a person recorded waits for a person.
    /// </summary>
    public bool Lapsed { get; private set; }
    public CustomerTier? Tier { get; private set; }
    public decimal? HealthScore { get; private set; }
    public HealthBand? HealthBand { get; private set; }
    public DateOnly? HealthAsOf { get; private set; }
    public decimal? IcpScore { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Optimistic concurrency: bumped on every change.</summary>
    public int Revision { get; private set; }

    public AccountDetails ToDetails() => new(Name, CreditCode, Industry, RegionId, Employees, Revenue, OwnerId, AdvisorId, ParentId, Status);

    public void Update(AccountDetails details, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(details);
        var problems = details.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems.SelectMany(p => p.Value)), nameof(details));
        if (details.ParentId is { } parent && parent == Id) throw new ArgumentException("An account cannot be its own parent.", nameof(details));
        Name = details.Name.Trim();
        NormalizedName = CompanyName.Normalize(Name);
        CreditCode = Customers.CreditCode.Normalize(details.CreditCode);
        Industry = string.IsNullOrWhiteSpace(details.Industry) ? null : details.Industry.Trim();
        RegionId = details.RegionId;
        Employees = details.Employees;
        Revenue = details.Revenue;
        OwnerId = details.OwnerId;
        AdvisorId = details.AdvisorId;
        ParentId = details.ParentId;
        if (details.Status != Status) Lapsed = false;   // a person set the status: theirs from now on
        Status = details.Status;
        Touch(at);
    }

    /// <summary>
    /// A prospect that has booked orders is a customer, and so is an account the job churned that buys
    /// again: the status follows the data, not a person's memory to change it. A churn a person
    /// recorded stays.
    /// </summary>
    public void BecomeCustomer(DateTime at)
    {
        if (Status == AccountStatus.Customer || (Status == AccountStatus.Churned && !Lapsed)) return;
        Status = AccountStatus.Customer;
        Lapsed = false;
        Touch(at);
    }

    /// <summary>Records the id the source system knows this account by (null clears it).</summary>
    public void Identify(string? externalId, DateTime at)
    {
        var id = ExternalIds.Normalize(externalId);
        if (id == ExternalId) return;
        ExternalId = id;
        Touch(at);
    }

    /// <summary>A customer (or a prospect that once bought) with no purchase for the policy's months is churned, by lapse (see <see cref="Lapsed"/>).</summary>
    public void Lapse(DateTime at)
    {
        if (Status == AccountStatus.Churned) return;
        Status = AccountStatus.Churned;
        Lapsed = true;
        Touch(at);
    }

    public void SetTier(CustomerTier tier, DateTime at)
    {
        Tier = tier;
        Touch(at);
    }

    public void SetHealth(decimal score, HealthBand band, DateOnly asOf)
    {
        HealthScore = score;
        HealthBand = band;
        HealthAsOf = asOf;
    }

    public void ClearHealth() => (HealthScore, HealthBand, HealthAsOf) = (null, null, null);

    public void SetIcpScore(decimal? score) => IcpScore = score;

    void Touch(DateTime at)
    {
        UpdatedAt = at;
        Revision++;
    }
}

/// <summary>Company names as duplicate detection compares them.</summary>
public static class CompanyName
{
    static readonly string[] LegalForms = ["股份有限公司", "有限责任公司", "有限公司", "公司", "coltd", "ltd", "inc", "llc", "corp"];

    /// <summary>
    /// Full-width to half-width (NFKC), lower case, without spaces, punctuation and brackets, and
    /// without the legal form at the end: "上海华信科技有限公司" and "上海 华信科技(有限公司)" compare equal.
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
            if (char.IsLetterOrDigit(c)) kept.Append(c);
        var result = kept.ToString();
        foreach (var form in LegalForms)
            if (result.Length > form.Length && result.EndsWith(form, StringComparison.Ordinal))
                return result[..^form.Length];
        return result;
    }
}
