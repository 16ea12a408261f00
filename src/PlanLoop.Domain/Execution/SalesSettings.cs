namespace PlanLoop.Domain.Execution;

/// <summary>
/// The execution rules a company tunes (versioned by SalesOps): the pipeline's stages and default
/// probabilities, the BANT rubric and its qualification line, the SLA clocks, and the approval
/// thresholds. The SOP's five stages (商机评估, 方案设计, 商务谈判, 赢单, 输单) stay — SLA clocks and
/// reports hang on them — but can be renamed and re-weighted, and open stages can be added between.
/// </summary>
public sealed record SalesSettings(IReadOnlyList<SalesStage> Stages, BantRubric Rubric, SlaPolicy Sla, ApprovalPolicy Approval)
{
    public static SalesSettings Default { get; } = new(SopStages.Default, BantRubric.Default, new SlaPolicy(), ApprovalPolicy.Default);

    static readonly string[] SopCodes = [SopStages.Qualification, SopStages.Proposal, SopStages.Negotiation, SopStages.Won, SopStages.Lost];

    /// <summary>Problems by field: stages, rubric, sla, approval.</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        var stages = SopStages.Problems(Stages).ToList();
        foreach (var code in SopCodes.Where(c => Stages.All(s => s.Code != c))) stages.Add($"SOP 阶段 {code} 不能删除(SLA 和报表依赖它)。");
        if (Stages.FirstOrDefault(s => s.Code == SopStages.Won) is { Outcome: not StageOutcome.Won }) stages.Add("WON 必须是赢单阶段。");
        if (Stages.FirstOrDefault(s => s.Code == SopStages.Lost) is { Outcome: not StageOutcome.Lost }) stages.Add("LOST 必须是输单阶段。");
        var open = Stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).ToList();
        if (open.Count > 0 && open[0].Code != SopStages.Qualification) stages.Add("商机评估(QUALIFY)必须是第一个阶段。");
        if (Stages.Select(s => s.Order).Distinct().Count() != Stages.Count) stages.Add("阶段顺序不能重复。");
        if (stages.Count > 0) problems["stages"] = [.. stages];
        if (Rubric.Problems() is { Count: > 0 } rubric) problems["rubric"] = [.. rubric];
        var sla = new List<string>();
        if (Sla.ProposalWorkingDays is < 1 or > 60) sla.Add("首次方案时限应为 1 到 60 个工作日。");
        if (Sla.NegotiationWorkingDays is < 1 or > 120) sla.Add("商务谈判时限应为 1 到 120 个工作日。");
        if (sla.Count > 0) problems["sla"] = [.. sla];
        var approval = new List<string>();
        if (Approval.ManagerDiscountAbove is < 0m or >= 1m || Approval.DirectorDiscountAbove is < 0m or >= 1m) approval.Add("折扣阈值应在 0 到 100% 之间。");
        else if (Approval.DirectorDiscountAbove < Approval.ManagerDiscountAbove) approval.Add("总监审批的折扣阈值不能低于经理的。");
        if (Approval.DirectorAmountAbove <= 0m) approval.Add("总监审批的金额阈值应大于 0。");
        if (approval.Count > 0) problems["approval"] = [.. approval];
        return problems;
    }
}
