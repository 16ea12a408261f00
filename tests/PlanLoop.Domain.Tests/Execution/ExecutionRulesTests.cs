using PlanLoop.Domain.Execution;

namespace PlanLoop.Domain.Tests.Execution;

public class ExecutionRulesTests
{
    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void SopStages_AreTheSeedsWithProbabilities_AndBrokenPipelinesAreNamed()
    {
        Assert.Equal(["商机评估", "方案设计", "商务谈判", "赢单", "输单"], SopStages.Default.Select(s => s.Name));
        Assert.Equal([0.10m, 0.30m, 0.60m, 1m, 0m], SopStages.Default.Select(s => s.Probability));
        Assert.Empty(SopStages.Problems(SopStages.Default));

        var broken = SopStages.Default.Where(s => s.Outcome != StageOutcome.Lost)
            .Append(new SalesStage("QUALIFY", "重复", "Dup", 1.5m, StageOutcome.Open, 9)).ToList();
        Assert.Equal(["阶段“重复”的赢率应在 0 到 100% 之间。", "阶段编码 QUALIFY 重复。", "需要恰好一个输单阶段。"], SopStages.Problems(broken));
    }

    [Fact]
    public void Bant_QualifiesFromTheThreshold_Exactly()
    {
        var rubric = BantRubric.Default;
        Assert.Equal((100, 60), (rubric.Maximum, rubric.QualifyFrom));
        var atLine = rubric.Score(new Dictionary<BantCriterion, int> { [BantCriterion.Budget] = 20, [BantCriterion.Authority] = 20, [BantCriterion.Need] = 10, [BantCriterion.Timeline] = 10 });
        var below = rubric.Score(new Dictionary<BantCriterion, int> { [BantCriterion.Budget] = 20, [BantCriterion.Authority] = 10, [BantCriterion.Need] = 10, [BantCriterion.Timeline] = 10 });
        Assert.Equal((60, true), (atLine.Total, atLine.Qualified));
        Assert.Equal((50, false), (below.Total, below.Qualified));
        var offLevel = new Dictionary<BantCriterion, int> { [BantCriterion.Budget] = 15, [BantCriterion.Authority] = 10, [BantCriterion.Need] = 10, [BantCriterion.Timeline] = 10 };
        Assert.Equal(["15 is not an answer of Budget."], rubric.AnswerProblems(offLevel));
        Assert.Equal(["No answer for Authority.", "No answer for Need.", "No answer for Timeline."], rubric.AnswerProblems(new Dictionary<BantCriterion, int> { [BantCriterion.Budget] = 25 }));
        Assert.Equal("15 is not an answer of Budget. (Parameter 'answers')", Assert.Throws<ArgumentException>(() => rubric.Score(offLevel)).Message);
        Assert.Equal(["合格线应在 0 到 100 之间。"], (rubric with { QualifyFrom = 101 }).Problems());
    }

    [Fact]
    public void CollectionRate_CountsWhatFellDueInThePeriod_ReceivedByItsEnd_CappedPerNode()
    {
        var (a, b, c, d) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        PaymentNode[] nodes =
        [
            new(a, D("2024-07-15"), 400_000m),   // paid in full, and 10,000 too much
            new(b, D("2024-08-31"), 300_000m),   // paid 120,000 by the end of Q3, the rest in October
            new(c, D("2024-09-30"), 200_000m),   // due on the last day, nothing received
            new(d, D("2024-10-15"), 500_000m),   // falls due after the period: not counted
        ];
        Receipt[] receipts =
        [
            new(a, D("2024-07-10"), 410_000m),
            new(b, D("2024-09-01"), 120_000m),
            new(b, D("2024-10-02"), 180_000m),
            new(d, D("2024-09-20"), 100_000m),
        ];

        var q3 = Receivables.Rate(nodes, receipts, D("2024-07-01"), D("2024-09-30"));

        Assert.Equal((900_000m, 520_000m), (q3.Due, q3.Received));
        Assert.Equal(520_000m / 900_000m, q3.Rate);
        Assert.Null(Receivables.Rate(nodes, receipts, D("2024-01-01"), D("2024-03-31")).Rate);
    }

    [Fact]
    public void Ageing_BucketsTheOpenAmountByDaysPastDue_AtTheEdges()
    {
        var asOf = D("2024-12-31");
        PaymentNode N(string due, decimal amount) => new(Guid.NewGuid(), D(due), amount);
        PaymentNode[] nodes =
        [
            N("2024-12-31", 1m),     // due today: not yet overdue
            N("2024-12-30", 10m),    // 1 day
            N("2024-12-01", 100m),   // 30 days
            N("2024-11-30", 1_000m), // 31 days
            N("2024-10-02", 10_000m),   // 90 days
            N("2024-10-01", 100_000m),  // 91 days
        ];
        var partly = nodes[5];

        var ageing = Receivables.Ageing(nodes, [new Receipt(partly.Id, D("2024-12-15"), 40_000m), new Receipt(nodes[0].Id, D("2025-01-05"), 1m)], asOf);

        Assert.Equal(
            [(AgeingBucket.NotDue, 1m), (AgeingBucket.Days1To30, 110m), (AgeingBucket.Days31To60, 1_000m), (AgeingBucket.Days61To90, 10_000m), (AgeingBucket.Over90, 60_000m)],
            ageing.Select(x => (x.Key, x.Value)));
    }

    [Theory]
    [InlineData(500_000, 520_000, false, "")]                                   // 3.85% off, small: no approval
    [InlineData(450_000, 520_000, false, "Manager")]                            // 13.46% off
    [InlineData(400_000, 520_000, false, "Manager,Director")]                   // 23.08% off
    [InlineData(1_200_000, 1_250_000, false, "Manager,Director")]               // above 100万
    [InlineData(1_000_000, 1_000_000, false, "")]                               // exactly 100万 and list price
    [InlineData(100_000, 100_000, true, "Manager,Director,Finance")]            // non-standard terms
    public void ApprovalRoute_FollowsTheRules(int amount, int list, bool nonStandard, string expected)
    {
        var steps = ApprovalPolicy.Default.Route(new ContractFacts(amount, list, nonStandard));
        Assert.Equal(expected, string.Join(",", steps.Select(s => s.Role)));
    }

    [Fact]
    public void ApprovalRoute_GivesTheReasons()
    {
        var steps = ApprovalPolicy.Default.Route(new ContractFacts(1_200_000m, 1_600_000m, false));
        Assert.Equal(["折扣 25% > 10%", "金额 1,200,000 > 1,000,000"], steps[0].Reasons);
        Assert.Equal(["折扣 25% > 20%", "金额 1,200,000 > 1,000,000"], steps[1].Reasons);
    }
}
