namespace PlanLoop.Domain.Execution;

public enum LeadSource
{
    Campaign,
    Website,
    Referral,
    Event,
    Agent,
    Partner,
    Other,
}

public enum LeadChannel
{
    Online,
    Offline,
}

public enum LeadStatus
{
    New,
    Working,
    /// <summary>A sales-qualified lead (SQL).</summary>
    Qualified,
    Disqualified,
}

/// <summary>What is entered about a lead.</summary>
public sealed record LeadDetails(string Company, string? ContactName, string? Title, string? Phone, string? Email, string? Industry, Guid? RegionId, int? Employees,
    LeadSource Source, LeadChannel Channel, Guid? OwnerId)
{
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Company)) problems["company"] = ["公司名称不能为空。"];
        if (Employees is < 0) problems["employees"] = ["员工人数不能为负。"];
        if (Email is { Length: > 0 } e && !e.Contains('@', StringComparison.Ordinal)) problems["email"] = [$"'{e}' 不是有效的邮箱。"];
        if (string.IsNullOrWhiteSpace(ContactName) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email))
            problems["contactName"] = ["至少填写联系人、电话或邮箱之一。"];
        return problems;
    }
}

/// <summary>
/// A lead on its way to a sales-qualified lead (SOP §5.2): new → working → qualified (SQL) or
/// disqualified with a reason. A qualified lead is converted once, into an account and a contact.
/// </summary>
public sealed class Lead : IOwnedRecord
{
    Lead() { Company = ""; }

    public Lead(LeadDetails details, DateOnly createdOn) : this()
    {
        Id = Guid.NewGuid();
        CreatedOn = createdOn;
        Status = LeadStatus.New;
        Update(details);
    }

    public Guid Id { get; private set; }

    /// <summary>The lead's id in the system it was imported from: importing that system's export again updates the lead.</summary>
    public string? ExternalId { get; private set; }

    public string Company { get; private set; }
    public string? ContactName { get; private set; }
    public string? Title { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Industry { get; private set; }
    public Guid? RegionId { get; private set; }
    public int? Employees { get; private set; }
    public LeadSource Source { get; private set; }
    public LeadChannel Channel { get; private set; }
    /// <summary>The SDR (or seller) working the lead.</summary>
    public Guid? OwnerId { get; private set; }
    public decimal? IcpScore { get; private set; }
    public LeadStatus Status { get; private set; }
    public string? DisqualifyReason { get; private set; }
    public DateOnly CreatedOn { get; private set; }
    public DateOnly? WorkedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public Guid? AccountId { get; private set; }
    public DateOnly? ConvertedOn { get; private set; }
    public int Revision { get; private set; }

    public LeadDetails ToDetails() => new(Company, ContactName, Title, Phone, Email, Industry, RegionId, Employees, Source, Channel, OwnerId);

    public void Update(LeadDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var problems = details.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems.SelectMany(p => p.Value)), nameof(details));
        Company = details.Company.Trim();
        (ContactName, Title, Phone, Email, Industry) = (Blank(details.ContactName), Blank(details.Title), Blank(details.Phone), Blank(details.Email), Blank(details.Industry));
        (RegionId, Employees, Source, Channel, OwnerId) = (details.RegionId, details.Employees, details.Source, details.Channel, details.OwnerId);
        Revision++;
    }

    public void SetIcpScore(decimal? score) => IcpScore = score;

    public void Identify(string? externalId) => ExternalId = Customers.ExternalIds.Normalize(externalId);

    /// <summary>Someone has started working the lead.</summary>
    public void StartWork(DateOnly on)
    {
        if (Status != LeadStatus.New) throw new RuleException("lead-not-new", Status);
        Status = LeadStatus.Working;
        WorkedOn = on;
        Revision++;
    }

    /// <summary>The lead is a sales-qualified lead (SQL).</summary>
    public void Qualify(DateOnly on)
    {
        if (Status is not (LeadStatus.New or LeadStatus.Working)) throw new RuleException("lead-closed", Status);
        WorkedOn ??= on;
        Status = LeadStatus.Qualified;
        ClosedOn = on;
        Revision++;
    }

    public void Disqualify(string reason, DateOnly on)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleException("disqualify-reason-required");
        if (Status is not (LeadStatus.New or LeadStatus.Working)) throw new RuleException("lead-closed", Status);
        WorkedOn ??= on;
        Status = LeadStatus.Disqualified;
        DisqualifyReason = reason.Trim();
        ClosedOn = on;
        Revision++;
    }

    /// <summary>Records the account (and contact) the qualified lead became.</summary>
    public void Convert(Guid accountId, DateOnly on)
    {
        if (Status != LeadStatus.Qualified) throw new RuleException("lead-not-qualified");
        if (AccountId is not null) throw new RuleException("lead-converted");
        AccountId = accountId;
        ConvertedOn = on;
        Revision++;
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>
/// The qualified-lead rate (线索合格率, the plan's target 40%): SQLs ÷ leads worked, where a lead is worked
/// once it has left "new" (being worked, qualified or disqualified).
/// </summary>
public sealed record LeadFunnel(int Leads, int Worked, int Qualified, int Disqualified)
{
    /// <summary>Qualified ÷ worked, unrounded (a page rounds once, to what it shows); null before any lead was worked.</summary>
    public decimal? QualifiedRate => Worked == 0 ? null : (decimal)Qualified / Worked;
}
