using PlanLoop.Domain.Amounts;

namespace PlanLoop.Domain.Execution;

public enum ContractStatus
{
    Draft,
    InApproval,
    Approved,
    Rejected,
#pragma warning disable CA1720 // "signed" as in a signed contract, not a signed integer
    Signed,
#pragma warning restore CA1720
}

public enum ApprovalDecision
{
    Pending,
    Approved,
    Rejected,
    Returned,
    /// <summary>A later step not reached because an earlier one rejected or returned the contract.</summary>
    Skipped,
}

/// <summary>One step of an approval round: the role that decides, why it is needed, and the decision.</summary>
public sealed class ContractApproval
{
    ContractApproval() { Reasons = ""; }

    public ContractApproval(int round, ApproverRole role, string reasons) : this() => (Round, Role, Reasons) = (round, role, reasons);

    public int Round { get; private set; }
    public ApproverRole Role { get; private set; }
    public string Reasons { get; private set; }
    public ApprovalDecision Decision { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public string? Comment { get; private set; }

    internal void Decide(ApprovalDecision decision, string? by, DateOnly? on, string? comment) => (Decision, DecidedBy, DecidedOn, Comment) = (decision, by, on, comment);
}

/// <summary>A delivery milestone: planned and actual dates, and the customer's acceptance.</summary>
public sealed class Milestone
{
    Milestone() { Name = ""; }

    public Milestone(string name, DateOnly plannedOn) : this()
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A milestone needs a name.", nameof(name));
        (Id, Name, PlannedOn) = (Guid.NewGuid(), name.Trim(), plannedOn);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public DateOnly PlannedOn { get; private set; }
    public DateOnly? ActualOn { get; private set; }
    public DateOnly? AcceptedOn { get; private set; }
    public string? AcceptedBy { get; private set; }

    internal void Complete(DateOnly on) => ActualOn = on;

    internal void Accept(DateOnly on, string by) => (AcceptedOn, AcceptedBy) = (on, by);
}

/// <summary>A term of a template's payment plan: a share of the amount due some days after signing, optionally on a milestone.</summary>
public sealed record PaymentTerm(string Name, decimal Share, int DaysAfterSigning, string? Milestone = null);

/// <summary>A node of a contract's payment plan, as planned before it is stored.</summary>
public sealed record PlannedNode(string Name, DateOnly Due, decimal Amount, string? Milestone);

public static class PaymentPlan
{
    /// <summary>The seed's usual plan: 30% on signing, 60% at go-live, 10% on final acceptance.</summary>
    public static IReadOnlyList<PaymentTerm> Standard { get; } =
    [
        new("预付款", 0.30m, 0),
        new("上线款", 0.60m, 60, "系统上线"),
        new("验收款", 0.10m, 120, "最终验收"),
    ];

    /// <summary>The key-account (A customer) plan: 20% on signing, 50% at go-live after 90 days, 30% on final acceptance after 180.</summary>
    public static IReadOnlyList<PaymentTerm> KeyAccount { get; } =
    [
        new("预付款", 0.20m, 0),
        new("上线款", 0.50m, 90, "系统上线"),
        new("验收款", 0.30m, 180, "最终验收"),
    ];

    /// <summary>The nodes for an amount: shares split by largest remainder so they add up to the fen.</summary>
    public static IReadOnlyList<PlannedNode> Nodes(IReadOnlyList<PaymentTerm> terms, decimal amount, DateOnly signedOn)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (Problem(terms) is { } p) throw new ArgumentException(p, nameof(terms));
        var parts = Allocation.LargestRemainder(Money.Cny(amount), terms.Select(t => t.Share).ToList());
        return terms.Select((t, i) => new PlannedNode(t.Name, signedOn.AddDays(t.DaysAfterSigning), parts[i].Amount, t.Milestone)).ToList();
    }

    /// <summary>Why a template's terms are not a plan: none, a non-positive share, negative days, or shares not adding up to 100%.</summary>
    public static string? Problem(IReadOnlyList<PaymentTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) return "付款计划至少需要一个节点。";
        for (var i = 0; i < terms.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(terms[i].Name)) return $"第 {i + 1} 个节点缺少名称。";
            if (terms[i].Share <= 0m) return $"节点“{terms[i].Name}”的比例应大于 0。";
            if (terms[i].DaysAfterSigning < 0) return $"节点“{terms[i].Name}”的天数不能为负。";
        }
        var total = terms.Sum(t => t.Share);
        return total == 1m ? null : $"各节点比例合计 {total * 100m:0.##}%,应为 100%。";
    }
}

/// <summary>
/// A contract made from a won opportunity on a standard template: its lines make the amount; it is
/// drafted, submitted to the approval chain the <see cref="ApprovalPolicy"/> routes it to (Manager →
/// Director → Finance, each approving, rejecting or returning it with a comment), signed once
/// approved, and delivered by milestones. A returned contract is a draft again and starts a new round.
/// </summary>
public sealed class Contract : IOwnedRecord
{
    Contract() { Number = TemplateCode = ""; }

    public Contract(string number, Guid accountId, Guid? ownerId, Guid? channelId, Guid? opportunityId, string templateCode, int templateVersion,
        IReadOnlyList<OpportunityLine> lines, DateOnly createdOn) : this()
    {
        if (string.IsNullOrWhiteSpace(number)) throw new ArgumentException("A contract needs a number.", nameof(number));
        Id = Guid.NewGuid();
        Number = number.Trim();
        (AccountId, OwnerId, ChannelId, OpportunityId) = (accountId, ownerId, channelId, opportunityId);
        (TemplateCode, TemplateVersion, CreatedOn) = (templateCode, templateVersion, createdOn);
        SetLines(lines);
        Revision = 0;
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid? OwnerId { get; private set; }
    public Guid? ChannelId { get; private set; }
    public Guid? OpportunityId { get; private set; }
    public string TemplateCode { get; private set; }
    public int TemplateVersion { get; private set; }
    public bool NonStandardTerms { get; private set; }
    public string? TermsNote { get; private set; }
    public ContractStatus Status { get; private set; }
    public decimal Amount { get; private set; }
    public decimal ListAmount { get; private set; }
    public DateOnly CreatedOn { get; private set; }
    public DateOnly? SubmittedOn { get; private set; }
    public DateOnly? ApprovedOn { get; private set; }
    public DateOnly? SignedOn { get; private set; }
    public int Round { get; private set; }
    public List<OpportunityLine> Lines { get; private set; } = [];
    public List<ContractApproval> Approvals { get; private set; } = [];
    public List<Milestone> Milestones { get; private set; } = [];
    public int Revision { get; private set; }

    /// <summary>The step waiting for a decision, if the contract is in approval.</summary>
    public ContractApproval? CurrentStep => Status == ContractStatus.InApproval
        ? Approvals.Where(a => a.Round == Round && a.Decision == ApprovalDecision.Pending).OrderBy(a => a.Role).FirstOrDefault()
        : null;

    public ContractFacts Facts => new(Amount, ListAmount, NonStandardTerms);

    public void SetLines(IReadOnlyList<OpportunityLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Draft();
        if (lines.Count == 0) throw new RuleException("no-lines");
        if (lines.Select(l => l.Problem()).OfType<string>().FirstOrDefault() is { } p) throw new ArgumentException(p, nameof(lines));
        Lines = [.. lines.Select(l => l with { })];   // its own copies: a line belongs to one record (EF owns it once)
        Amount = lines.Sum(l => l.Amount);
        ListAmount = lines.Sum(l => Math.Round(l.Quantity * l.ListPrice, 2, MidpointRounding.AwayFromZero));
        Revision++;
    }

    /// <summary>Records that the payment plan (stored beside the contract) changed: drafts only, and a new revision.</summary>
    public void ReplanPayments()
    {
        Draft();
        Revision++;
    }

    /// <summary>Marks the contract as departing from the template (or not), with what departs.</summary>
    public void SetTerms(bool nonStandard, string? note)
    {
        Draft();
        if (nonStandard && string.IsNullOrWhiteSpace(note)) throw new RuleException("note-required");
        (NonStandardTerms, TermsNote) = (nonStandard, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        Revision++;
    }

    /// <summary>Starts an approval round with the steps the policy asks for; with none the contract is approved at once.</summary>
    public IReadOnlyList<ApprovalStep> Submit(ApprovalPolicy policy, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Draft();
        var steps = policy.Route(Facts);
        Round++;
        SubmittedOn = on;
        foreach (var step in steps) Approvals.Add(new ContractApproval(Round, step.Role, string.Join(";", step.Reasons)));
        Status = steps.Count == 0 ? ContractStatus.Approved : ContractStatus.InApproval;
        ApprovedOn = steps.Count == 0 ? on : null;
        Revision++;
        return steps;
    }

    /// <summary>
    /// The current step's role decides: approve (the next step, or approved), reject (final) or return
    /// (a draft again); rejecting and returning need a comment. Someone without the step's role gets a rule error.
    /// </summary>
    public void Decide(IReadOnlyCollection<ApproverRole> rolesOfDecider, ApprovalDecision decision, string by, DateOnly on, string? comment)
    {
        ArgumentNullException.ThrowIfNull(rolesOfDecider);
        var step = CurrentStep ?? throw new RuleException("not-in-approval");
        if (!rolesOfDecider.Contains(step.Role)) throw new RuleException("not-your-step", step.Role);
        if (decision is not (ApprovalDecision.Approved or ApprovalDecision.Rejected or ApprovalDecision.Returned))
            throw new ArgumentOutOfRangeException(nameof(decision), decision, "Approve, reject or return.");
        if (decision != ApprovalDecision.Approved && string.IsNullOrWhiteSpace(comment))
            throw new RuleException(decision == ApprovalDecision.Rejected ? "reject-comment-required" : "return-comment-required");
        step.Decide(decision, by, on, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        if (decision == ApprovalDecision.Approved)
        {
            if (CurrentStep is null) (Status, ApprovedOn) = (ContractStatus.Approved, on);
        }
        else
        {
            foreach (var rest in Approvals.Where(a => a.Round == Round && a.Decision == ApprovalDecision.Pending)) rest.Decide(ApprovalDecision.Skipped, null, null, null);
            Status = decision == ApprovalDecision.Rejected ? ContractStatus.Rejected : ContractStatus.Draft;
        }
        Revision++;
    }

    public void Sign(DateOnly on)
    {
        if (Status != ContractStatus.Approved) throw new RuleException("not-approved");
        if (ApprovedOn is { } approved && on < approved) throw new RuleException("sign-before-approval", on, approved);
        (Status, SignedOn) = (ContractStatus.Signed, on);
        Revision++;
    }

    /// <summary>The booked revenue of a signed contract: one order line per contract line, on the signing day.</summary>
    public IReadOnlyList<OrderLine> Bookings(Func<Guid, Guid?> productLineOf, Guid? regionId)
    {
        ArgumentNullException.ThrowIfNull(productLineOf);
        if (SignedOn is not { } signed) throw new RuleException("not-signed");
        return Lines.Select(l => new OrderLine(Number, AccountId, signed, l.Amount, productLineOf(l.ProductId), l.ProductId, regionId, ChannelId, OwnerId, Id)).ToList();
    }

    public Milestone AddMilestone(string name, DateOnly plannedOn)
    {
        var milestone = new Milestone(name, plannedOn);
        Milestones.Add(milestone);
        Revision++;
        return milestone;
    }

    public void CompleteMilestone(Guid milestoneId, DateOnly on)
    {
        Signed();
        var milestone = MilestoneOf(milestoneId);
        if (on < SignedOn) throw new RuleException("before-signing", on, SignedOn!.Value);
        milestone.Complete(on);
        Revision++;
    }

    public void AcceptMilestone(Guid milestoneId, DateOnly on, string by)
    {
        Signed();
        var milestone = MilestoneOf(milestoneId);
        if (milestone.ActualOn is not { } done) throw new RuleException("not-delivered", milestone.Name);
        if (on < done) throw new RuleException("accepted-before-delivery", on, done);
        milestone.Accept(on, by);
        Revision++;
    }

    /// <summary>Working days from the last submission to approval, on the calendar given; null until approved.</summary>
    public int? ApprovalWorkingDays(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return SubmittedOn is { } s && ApprovedOn is { } a ? calendar.WorkingDaysBetween(s, a) : null;
    }


    Milestone MilestoneOf(Guid id) => Milestones.FirstOrDefault(m => m.Id == id) ?? throw new ArgumentException($"Unknown milestone {id}.", nameof(id));

    void Draft()
    {
        if (Status != ContractStatus.Draft) throw new RuleException("contract-not-draft", Status);
    }

    void Signed()
    {
        if (Status != ContractStatus.Signed) throw new RuleException("contract-not-signed", Number);
    }
}
