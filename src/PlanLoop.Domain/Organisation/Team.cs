namespace PlanLoop.Domain.Organisation;

/// <summary>What a team is for (seed plan §5.1).</summary>
public enum TeamKind
{
    /// <summary>战略客户部: A-tier accounts.</summary>
    KeyAccounts,

    /// <summary>企业客户部: B and C tier accounts.</summary>
    SmallAndMediumBusiness,

    /// <summary>渠道发展部: agents and resellers.</summary>
    ChannelDevelopment,

    /// <summary>销售运营组: data and support.</summary>
    SalesOperations,

    /// <summary>客户成功: renewals and upsell.</summary>
    CustomerSuccess,

    /// <summary>Management and other support (finance …).</summary>
    Management,
}

/// <summary>A department or team of the sales organisation, with the headcount the plan gives it.</summary>
public sealed class Team : MasterRecord
{
    Team() { Responsibility = ""; }

    public Team(string code, string name, string nameEn, TeamKind kind, int plannedHeadcount, string responsibility, int sortOrder)
        : base(code, name, nameEn, sortOrder)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plannedHeadcount);
        Kind = kind;
        PlannedHeadcount = plannedHeadcount;
        Responsibility = responsibility.Trim();
    }

    public TeamKind Kind { get; private set; }
    public int PlannedHeadcount { get; private set; }
    public string Responsibility { get; private set; }

    public void Update(string name, string nameEn, TeamKind kind, int plannedHeadcount, string responsibility)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plannedHeadcount);
        Rename(name, nameEn);
        Kind = kind;
        PlannedHeadcount = plannedHeadcount;
        Responsibility = responsibility.Trim();
    }
}

/// <summary>What a person does in the sales organisation.</summary>
public enum Position
{
    Director,
    Manager,
    AccountExecutive,
    SalesDevelopment,
    ChannelManager,
    SalesOperations,
    CustomerSuccess,
    Finance,
}

/// <summary>
/// A person of the sales organisation — seller, manager, operations, finance; may or may not have a
/// login. Created, edited and deactivated, never deleted (deals, orders and plans keep pointing at
/// them); reports to a manager (no one reports to themselves, directly or round a loop).
/// </summary>
public sealed class Person
{
    Person() { Name = ""; }

    public Person(string name, Position position, Guid? teamId, Guid? regionId, string? email) : this()
    {
        Id = Guid.NewGuid();
        IsActive = true;
        Update(name, position, teamId, regionId, email, null);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public Position Position { get; private set; }
    public Guid? TeamId { get; private set; }
    public Guid? RegionId { get; private set; }
    public string? Email { get; private set; }
    /// <summary>Whom this person reports to.</summary>
    public Guid? ManagerId { get; private set; }
    /// <summary>The person's id in the system they were imported from (an HR or CRM user id).</summary>
    public string? ExternalId { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>Sellers carry quota: account executives, SDRs and channel managers.</summary>
    public bool CarriesQuota => Position is Position.AccountExecutive or Position.ChannelManager or Position.Manager;

    public void Update(string name, Position position, Guid? teamId, Guid? regionId, string? email, Guid? managerId)
    {
        if (managerId is { } m && m == Id) throw new RuleException("manager-self");
        if (!Enum.IsDefined(position)) throw new ArgumentOutOfRangeException(nameof(position));
        Name = MasterRecord.Require(name, nameof(name));
        if (Name.Length > 100) throw new ArgumentException("A name is at most 100 characters.", nameof(name));
        Position = position;
        TeamId = teamId;
        RegionId = regionId;
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        ManagerId = managerId;
    }

    public void Identify(string? externalId) => ExternalId = Customers.ExternalIds.Normalize(externalId);

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
