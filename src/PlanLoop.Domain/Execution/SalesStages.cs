namespace PlanLoop.Domain.Execution;

public enum StageOutcome
{
    Open,
    Won,
    Lost,
}

/// <summary>A stage of the opportunity pipeline with its default win probability.</summary>
public sealed record SalesStage(string Code, string Name, string NameEn, decimal Probability, StageOutcome Outcome, int Order)
{
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Code)) return "阶段编码不能为空。";
        if (Probability is < 0m or > 1m) return $"阶段“{Name}”的赢率应在 0 到 100% 之间。";
        if (Outcome == StageOutcome.Won && Probability != 1m) return $"赢单阶段“{Name}”的赢率应为 100%。";
        if (Outcome == StageOutcome.Lost && Probability != 0m) return $"输单阶段“{Name}”的赢率应为 0。";
        return null;
    }
}

/// <summary>The seed's SOP (§5.2): 商机评估 → 方案设计 → 商务谈判 → 赢单 / 输单, the default pipeline.</summary>
public static class SopStages
{
    public const string Qualification = "QUALIFY";
    public const string Proposal = "PROPOSAL";
    public const string Negotiation = "NEGOTIATION";
    public const string Won = "WON";
    public const string Lost = "LOST";

    public static IReadOnlyList<SalesStage> Default { get; } =
    [
        new(Qualification, "商机评估", "Qualification", 0.10m, StageOutcome.Open, 1),
        new(Proposal, "方案设计", "Proposal", 0.30m, StageOutcome.Open, 2),
        new(Negotiation, "商务谈判", "Negotiation", 0.60m, StageOutcome.Open, 3),
        new(Won, "赢单", "Won", 1m, StageOutcome.Won, 4),
        new(Lost, "输单", "Lost", 0m, StageOutcome.Lost, 5),
    ];

    /// <summary>Problems of a pipeline: each stage's own, duplicate codes, and exactly one won and one lost stage.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<SalesStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var problems = stages.Select(s => s.Problem()).OfType<string>().ToList();
        problems.AddRange(stages.GroupBy(s => s.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"阶段编码 {g.Key} 重复。"));
        if (stages.Count(s => s.Outcome == StageOutcome.Won) != 1) problems.Add("需要恰好一个赢单阶段。");
        if (stages.Count(s => s.Outcome == StageOutcome.Lost) != 1) problems.Add("需要恰好一个输单阶段。");
        if (!stages.Any(s => s.Outcome == StageOutcome.Open)) problems.Add("至少需要一个进行中的阶段。");
        return problems;
    }
}
