using PlanLoop.Domain.Execution;

namespace PlanLoop.Domain.Tests.Execution;

public class ContractTests
{
    static readonly WorkingCalendar China = new(ChinaHolidays.Official2024To2026);
    static readonly ApproverRole[] Manager = [ApproverRole.Manager], Director = [ApproverRole.Director], Finance = [ApproverRole.Finance];

    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    // 3 × 150,000 at 12% off (396,000) + 10 × 30,000 at 5% off (285,000) = 681,000 of 750,000 list: 9.2% off.
    static Contract New(params OpportunityLine[] lines) => new("HT-2024-0001", Guid.NewGuid(), Guid.NewGuid(), null, null, "STD-CORE", 1,
        lines.Length > 0 ? lines : [new(Guid.NewGuid(), 3m, 150_000m, 0.12m), new(Guid.NewGuid(), 10m, 30_000m, 0.05m)], D("2024-09-02"));

    [Fact]
    public void LinesMakeTheAmount_AndTheListAmountGivesTheDiscount()
    {
        var c = New();
        Assert.Equal(681_000m, c.Amount);
        Assert.Equal(750_000m, c.ListAmount);
        Assert.Equal(0.092m, c.Facts.Discount);
        Assert.Equal(ContractStatus.Draft, c.Status);
    }

    [Fact]
    public void AContractWithinTheRules_IsApprovedOnSubmission()
    {
        var c = New();
        Assert.Empty(c.Submit(ApprovalPolicy.Default, D("2024-09-03")));
        Assert.Equal(ContractStatus.Approved, c.Status);
        Assert.Equal(D("2024-09-03"), c.ApprovedOn);
        Assert.Equal(0, c.ApprovalWorkingDays(China));
    }

    [Fact]
    public void NonStandardTerms_RunTheWholeChain_InOrder_AndOnlyTheStepsRoleDecides()
    {
        var c = New();
        Assert.Equal("note-required", Assert.Throws<RuleException>(() => c.SetTerms(true, " ")).Rule);
        c.SetTerms(true, "验收期延长至 90 天");
        var steps = c.Submit(ApprovalPolicy.Default, D("2024-09-27"));
        Assert.Equal([ApproverRole.Manager, ApproverRole.Director, ApproverRole.Finance], steps.Select(s => s.Role));
        Assert.Equal(ContractStatus.InApproval, c.Status);
        Assert.Equal("not-your-step", Assert.Throws<RuleException>(() => c.Decide(Director, ApprovalDecision.Approved, "director", D("2024-09-27"), null)).Rule);
        Assert.Equal("contract-not-draft", Assert.Throws<RuleException>(() => c.SetTerms(false, null)).Rule);
        c.Decide(Manager, ApprovalDecision.Approved, "manager", D("2024-09-29"), null);
        c.Decide(Director, ApprovalDecision.Approved, "director", D("2024-09-30"), "同意");
        Assert.Equal(ApproverRole.Finance, c.CurrentStep!.Role);
        c.Decide(Finance, ApprovalDecision.Approved, "finance", D("2024-10-08"), null);
        Assert.Equal(ContractStatus.Approved, c.Status);
        Assert.Null(c.CurrentStep);
        // Submitted Friday 27 September; 29 September (Sunday) and 12 October (Saturday) are 调休 working days,
        // 1–7 October the National Day holiday: 29, 30 September, 8 October = 3 working days.
        Assert.Equal(3, c.ApprovalWorkingDays(China));
    }

    [Fact]
    public void Returning_MakesADraftAgain_SkipsTheRest_AndTheNextSubmissionIsANewRound()
    {
        var c = New(new OpportunityLine(Guid.NewGuid(), 1m, 1_500_000m, 0.25m));   // 1,125,000 at 25% off
        var steps = c.Submit(ApprovalPolicy.Default, D("2024-09-02"));
        Assert.Equal([ApproverRole.Manager, ApproverRole.Director], steps.Select(s => s.Role));
        Assert.Equal(["折扣 25% > 10%", "金额 1,125,000 > 1,000,000"], steps[0].Reasons);
        Assert.Equal("return-comment-required", Assert.Throws<RuleException>(() => c.Decide(Manager, ApprovalDecision.Returned, "manager", D("2024-09-03"), "")).Rule);
        c.Decide(Manager, ApprovalDecision.Returned, "manager", D("2024-09-03"), "折扣过高");
        Assert.Equal(ContractStatus.Draft, c.Status);
        Assert.Equal(ApprovalDecision.Skipped, c.Approvals.Single(a => a.Role == ApproverRole.Director).Decision);
        c.SetLines([new OpportunityLine(Guid.NewGuid(), 1m, 1_500_000m, 0.15m)]);          // 1,275,000: Director for the amount
        Assert.Equal([ApproverRole.Manager, ApproverRole.Director], c.Submit(ApprovalPolicy.Default, D("2024-09-04")).Select(s => s.Role));
        Assert.Equal(2, c.Round);
        Assert.Equal(4, c.Approvals.Count);
        c.Decide(Manager, ApprovalDecision.Approved, "manager", D("2024-09-04"), null);
        c.Decide(Director, ApprovalDecision.Rejected, "director", D("2024-09-05"), "价格底线 20%");
        Assert.Equal(ContractStatus.Rejected, c.Status);
        Assert.Equal("not-in-approval", Assert.Throws<RuleException>(() => c.Decide(Director, ApprovalDecision.Approved, "director", D("2024-09-05"), null)).Rule);
        Assert.Equal("not-approved", Assert.Throws<RuleException>(() => c.Sign(D("2024-09-06"))).Rule);
    }

    [Fact]
    public void Signing_BooksOneOrderLinePerContractLine_OnTheSigningDay()
    {
        var c = New();
        var line = Guid.NewGuid();
        var region = Guid.NewGuid();
        Assert.Equal("not-signed", Assert.Throws<RuleException>(() => c.Bookings(_ => line, region)).Rule);
        c.Submit(ApprovalPolicy.Default, D("2024-09-03"));
        Assert.Equal("sign-before-approval", Assert.Throws<RuleException>(() => c.Sign(D("2024-09-02"))).Rule);
        c.Sign(D("2024-09-05"));
        var orders = c.Bookings(_ => line, region);
        Assert.Equal([396_000m, 285_000m], orders.Select(o => o.Amount));
        Assert.All(orders, o => Assert.Equal((D("2024-09-05"), "HT-2024-0001", c.Id, line, region, c.OwnerId), (o.BookedOn, o.OrderNumber, o.ContractId, o.ProductLineId, o.RegionId, o.OwnerId)));
        Assert.Equal("contract-not-draft", Assert.Throws<RuleException>(() => c.SetLines([new(Guid.NewGuid(), 1m, 1m, 0m)])).Rule);
    }

    [Fact]
    public void Milestones_AreDeliveredAfterSigning_AndAcceptedAfterDelivery()
    {
        var c = New();
        var golive = c.AddMilestone("系统上线", D("2024-11-01"));
        Assert.Equal("contract-not-signed", Assert.Throws<RuleException>(() => c.CompleteMilestone(golive.Id, D("2024-10-30"))).Rule);
        c.Submit(ApprovalPolicy.Default, D("2024-09-03"));
        c.Sign(D("2024-09-03"));
        Assert.Equal("not-delivered", Assert.Throws<RuleException>(() => c.AcceptMilestone(golive.Id, D("2024-11-01"), "rep")).Rule);
        Assert.Equal("before-signing", Assert.Throws<RuleException>(() => c.CompleteMilestone(golive.Id, D("2024-09-02"))).Rule);
        c.CompleteMilestone(golive.Id, D("2024-10-30"));
        Assert.Equal("accepted-before-delivery", Assert.Throws<RuleException>(() => c.AcceptMilestone(golive.Id, D("2024-10-29"), "rep")).Rule);
        c.AcceptMilestone(golive.Id, D("2024-11-04"), "rep");
        Assert.Equal((D("2024-10-30"), D("2024-11-04"), "rep"), (golive.ActualOn, golive.AcceptedOn, golive.AcceptedBy));
    }

    [Fact]
    public void ThePaymentPlan_SplitsTheAmountByShare_ToTheFen()
    {
        var nodes = PaymentPlan.Nodes(PaymentPlan.Standard, 100_000.01m, D("2024-09-05"));
        Assert.Equal([30_000.00m, 60_000.01m, 10_000.00m], nodes.Select(n => n.Amount));
        Assert.Equal(100_000.01m, nodes.Sum(n => n.Amount));
        Assert.Equal([D("2024-09-05"), D("2024-11-04"), D("2025-01-03")], nodes.Select(n => n.Due));
        Assert.Equal([null, "系统上线", "最终验收"], nodes.Select(n => n.Milestone));
        Assert.Equal("各节点比例合计 90%,应为 100%。", PaymentPlan.Problem([new("预付款", 0.5m, 0), new("尾款", 0.4m, 30)]));
        Assert.Throws<ArgumentException>(() => PaymentPlan.Nodes([new("预付款", 0m, 0), new("尾款", 1m, 30)], 1m, D("2024-09-05")));
    }

    [Fact]
    public void APaymentIsPositive_AndNeverMoreThanWhatIsOpenOnTheNode()
    {
        var node = new Instalment(Guid.NewGuid(), 1, "上线款", D("2024-11-04"), 60_000.01m);
        node.CheckPayment(60_000.01m, 0m);
        node.CheckPayment(0.01m, 60_000m);
        Assert.Equal("payment-exceeds-node", Assert.Throws<RuleException>(() => node.CheckPayment(0.02m, 60_000m)).Rule);
        Assert.Equal([0.02m, "上线款", 0.01m], Assert.Throws<RuleException>(() => node.CheckPayment(0.02m, 60_000m)).Args);   // the payment, the node, what is open
        Assert.Equal("payment-not-positive", Assert.Throws<RuleException>(() => node.CheckPayment(0m, 0m)).Rule);
    }
}
