using PlanLoop.Domain.Execution;

namespace PlanLoop.Domain.Tests.Execution;

public class OpportunityTests
{
    static readonly IReadOnlyList<SalesStage> Stages = SopStages.Default;
    static readonly WorkingCalendar China = new(ChinaHolidays.Official2024To2026);

    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    static Opportunity New() => new("华信 ERP 升级", Guid.NewGuid(), null, D("2024-12-31"), D("2024-09-02"), "rep", Stages);

    static BantResult Bant(int each) => BantRubric.Default.Score(Enum.GetValues<BantCriterion>().ToDictionary(c => c, _ => each));

    [Fact]
    public void Lines_MakeTheAmount_ToTheFen()
    {
        var o = New();
        o.SetLines([new(Guid.NewGuid(), 3m, 150_000m, 0.12m), new(Guid.NewGuid(), 7m, 30_000m, 0.055m)]);
        Assert.Equal(396_000m + 198_450m, o.Amount);
        Assert.Throws<ArgumentException>(() => o.SetLines([new(Guid.NewGuid(), 1m, 100m, 1m)]));
    }

    [Fact]
    public void LeavingQualification_NeedsBantAtTheThreshold_OrAManagersOverride()
    {
        var o = New();
        Assert.Equal("bant-not-scored", Assert.Throws<RuleException>(() => o.Move(SopStages.Proposal, Stages, D("2024-09-03"), "rep")).Rule);
        o.ScoreBant(Bant(10));   // 40 of 100
        var refused = Assert.Throws<RuleException>(() => o.Move(SopStages.Proposal, Stages, D("2024-09-03"), "rep"));
        Assert.Equal("bant-below-threshold", refused.Rule);
        Assert.Equal([40, "商机评估"], refused.Args);   // the score and the stage it cannot leave
        o.OverrideBant("manager", "战略客户,预算下季度落实");
        o.Move(SopStages.Proposal, Stages, D("2024-09-03"), "rep");
        Assert.Equal((SopStages.Proposal, 0.30m), (o.StageCode, o.Probability));

        var qualified = New();
        qualified.ScoreBant(Bant(20));   // 80
        qualified.Move(SopStages.Proposal, Stages, D("2024-09-03"), "rep");
        Assert.Equal(SopStages.Proposal, qualified.StageCode);
    }

    [Fact]
    public void Closing_LostNeedsAReason_WonNeedsAnAmount_AndAClosedDealStays()
    {
        var lost = New();
        Assert.Equal("lost-reason-required", Assert.Throws<RuleException>(() => lost.Move(SopStages.Lost, Stages, D("2024-09-10"), "rep")).Rule);
        lost.Move(SopStages.Lost, Stages, D("2024-09-10"), "rep", "价格过高", "某竞品");
        Assert.Equal(("价格过高", "某竞品", 8), (lost.LostReason, lost.WinningCompetitor, lost.CycleDays!.Value));
        Assert.Equal("opportunity-closed", Assert.Throws<RuleException>(() => lost.Move(SopStages.Proposal, Stages, D("2024-09-11"), "rep")).Rule);

        var won = New();
        won.ScoreBant(Bant(25));
        won.Move(SopStages.Proposal, Stages, D("2024-09-03"), "rep");
        Assert.Equal("no-amount", Assert.Throws<RuleException>(() => won.Move(SopStages.Won, Stages, D("2024-09-20"), "rep")).Rule);
        won.SetLines([new(Guid.NewGuid(), 1m, 136_000m, 0m)]);
        won.Move(SopStages.Won, Stages, D("2024-09-20"), "rep");
        Assert.Equal((1m, D("2024-09-20")), (won.Probability, won.ClosedOn!.Value));
        Assert.Equal([null, SopStages.Qualification, SopStages.Proposal], won.Moves.Select(m => m.From));
    }

    [Fact]
    public void SlaClocks_RunOnWorkingDays_FromEnteringTheStage()
    {
        var o = New();
        o.ScoreBant(Bant(25));
        o.Move(SopStages.Proposal, Stages, D("2024-09-27"), "rep");   // Friday before National Day
        var sla = new SlaPolicy();

        Assert.Equal(D("2024-10-08"), sla.Proposal(o)!.Deadline(China));
        Assert.Equal(SlaState.Breached, sla.Proposal(o)!.State(China, D("2024-10-09")));
        o.MarkProposalSent(D("2024-10-08"));
        Assert.Equal(SlaState.Met, sla.Proposal(o)!.State(China, D("2024-10-09")));
        Assert.Null(sla.Negotiation(o));

        o.Move(SopStages.Negotiation, Stages, D("2024-10-09"), "rep");
        Assert.Equal(D("2024-10-29"), sla.Negotiation(o)!.Deadline(China));   // 15 working days, Saturday 12 October worked
        Assert.Equal(SlaState.OnTime, sla.Negotiation(o)!.State(China, D("2024-10-20")));
    }
}
