namespace PlanLoop.Domain.Planning;

/// <summary>A plan: the targets of one fiscal year, kept as a line of versions and scenarios.</summary>
public sealed class Plan
{
    Plan() { Name = ""; }

    public Plan(string name, int fiscalYear, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A plan needs a name.", nameof(name)) : name.Trim();
        FiscalYear = fiscalYear is >= 2000 and <= 2100 ? fiscalYear : throw new ArgumentOutOfRangeException(nameof(fiscalYear), fiscalYear, "The fiscal year must be between 2000 and 2100.");
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public int FiscalYear { get; private set; }
    public DateTime CreatedAt { get; private set; }
}

public enum PlanStatus
{
    Draft,
    Submitted,
    Approved,
    Archived,
}

public enum VersionKind
{
    /// <summary>A version on the plan's main line: the one that gets approved.</summary>
    Version,

    /// <summary>A named what-if copy; never approved, compared against versions.</summary>
    Scenario,
}

/// <summary>Thrown when a planning rule forbids an action (an approved version is read-only …).</summary>
public sealed class PlanningRuleException(string rule, params object[] args) : RuleException(rule, args);

/// <summary>A target broken down along one dimension, as stored in a version.</summary>
public sealed class PlanBreakdown
{
    PlanBreakdown() { }

    public PlanBreakdown(Breakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        Kpi = breakdown.Kpi;
        Dimension = breakdown.Dimension;
        Method = breakdown.Method;
        Parts = [.. breakdown.Parts.Select(p => p with { })];   // own copies: a part belongs to one version
    }

    public Kpi Kpi { get; private set; }
    public Dimension Dimension { get; private set; }
    public SplitMethod Method { get; private set; }
    public List<BreakdownPart> Parts { get; private set; } = [];

    public Breakdown ToBreakdown() => new(Kpi, Dimension, Method, Parts);
}

/// <summary>
/// One version (or scenario) of a plan with every figure it holds. Status goes
/// draft → submitted → approved → archived; only a draft can change; approving needs a Director,
/// and a version with error findings needs the Director's written reason to be approved anyway.
/// </summary>
public sealed class PlanVersion
{
    PlanVersion() { Name = ""; }

    public PlanVersion(Guid planId, int number, string name, VersionKind kind, string createdBy, DateTime createdAt, Guid? copiedFrom = null)
    {
        Id = Guid.NewGuid();
        PlanId = planId;
        Number = number;
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A version needs a name.", nameof(name)) : name.Trim();
        Kind = kind;
        Status = PlanStatus.Draft;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        CopiedFromId = copiedFrom;
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public int Number { get; private set; }
    public string Name { get; private set; }
    public VersionKind Kind { get; private set; }
    public PlanStatus Status { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public Guid? CopiedFromId { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public string? OverrideReason { get; private set; }

    /// <summary>Goes up on every change; a second editor working from an old copy gets a conflict (as leads, deals, contracts and accounts).</summary>
    public int Revision { get; private set; }

    public List<KpiFigure> Kpis { get; private set; } = [];
    public List<PlanBreakdown> Breakdowns { get; private set; } = [];
    public List<ChannelLever> Levers { get; private set; } = [];
    public List<PyramidLevel> Pyramid { get; private set; } = [];
    public List<StrategyGoal> Goals { get; private set; } = [];

    public bool IsEditable => Status == PlanStatus.Draft;

    public PlanSnapshot ToSnapshot(int? directSellersInOrganisation) => new(
        Kpis, [.. Breakdowns.Select(b => b.ToBreakdown())], Levers, Pyramid, Goals, directSellersInOrganisation);

    public void SetKpi(KpiFigure figure)
    {
        EnsureEditable();
        ArgumentNullException.ThrowIfNull(figure);
        Kpis.RemoveAll(k => k.Kpi == figure.Kpi);
        Kpis.Add(figure with { });
        Touch();
    }

    public void SetBreakdown(Breakdown breakdown)
    {
        EnsureEditable();
        ArgumentNullException.ThrowIfNull(breakdown);
        Breakdowns.RemoveAll(b => b.Kpi == breakdown.Kpi && b.Dimension == breakdown.Dimension);
        Breakdowns.Add(new PlanBreakdown(breakdown));
        Touch();
    }

    public void SetAssumptions(IEnumerable<ChannelLever> levers, IEnumerable<PyramidLevel> pyramid, IEnumerable<StrategyGoal> goals)
    {
        EnsureEditable();
        Levers = [.. levers.Select(l => l with { })];
        Pyramid = [.. pyramid.Select(l => l with { })];
        Goals = [.. goals.Select(g => g with { })];
        Touch();
    }

    public void Submit(DateTime at)
    {
        if (Kind == VersionKind.Scenario)
            throw new PlanningRuleException("scenario-not-approvable");
        if (Status != PlanStatus.Draft)
            throw new PlanningRuleException("not-draft");
        Status = PlanStatus.Submitted;
        SubmittedAt = at;
        Touch();
    }

    /// <summary>Sends a submitted version back to draft (a rejection) so it can be changed.</summary>
    public void ReturnToDraft()
    {
        if (Status != PlanStatus.Submitted)
            throw new PlanningRuleException("not-submitted");
        Status = PlanStatus.Draft;
        SubmittedAt = null;
        Touch();
    }

    /// <summary>
    /// Approves a submitted version. <paramref name="errorFindings"/> is how many error findings the
    /// checks report now; with any, the Director must give a reason, which is recorded.
    /// </summary>
    public void Approve(string approver, bool isDirector, int errorFindings, string? overrideReason, DateTime at)
    {
        if (!isDirector)
            throw new PlanningRuleException("director-only");
        if (Status != PlanStatus.Submitted)
            throw new PlanningRuleException("not-submitted");
        if (errorFindings > 0 && string.IsNullOrWhiteSpace(overrideReason))
            throw new PlanningRuleException("errors-block-approval", errorFindings);
        Status = PlanStatus.Approved;
        ApprovedAt = at;
        ApprovedBy = approver;
        OverrideReason = errorFindings > 0 ? overrideReason!.Trim() : null;
        Touch();
    }

    public void Archive()
    {
        if (Status == PlanStatus.Archived)
            throw new PlanningRuleException("archived");
        Status = PlanStatus.Archived;
        Touch();
    }

    /// <summary>A new draft with the same figures: the way to change an approved plan, or to try a scenario.</summary>
    public PlanVersion CopyAs(int number, string name, VersionKind kind, string createdBy, DateTime at) => new(PlanId, number, name, kind, createdBy, at, Id)
    {
        Kpis = [.. Kpis.Select(k => k with { })],
        Breakdowns = [.. Breakdowns.Select(b => new PlanBreakdown(b.ToBreakdown()))],
        Levers = [.. Levers.Select(l => l with { })],
        Pyramid = [.. Pyramid.Select(l => l with { })],
        Goals = [.. Goals.Select(g => g with { })],
    };

    void EnsureEditable()
    {
        if (!IsEditable)
            throw new PlanningRuleException("read-only", Number);
    }

    void Touch() => Revision++;
}
