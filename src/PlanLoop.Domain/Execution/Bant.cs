namespace PlanLoop.Domain.Execution;

public enum BantCriterion
{
    Budget,
    Authority,
    Need,
    Timeline,
}

/// <summary>One answer of a BANT criterion and the points it scores.</summary>
public sealed record BantLevel(int Points, string Label);

public sealed record BantResult(int Total, int Maximum, int QualifyFrom, IReadOnlyDictionary<BantCriterion, int> Points)
{
    public bool Qualified => Total >= QualifyFrom;
}

/// <summary>
/// The BANT rubric: for each criterion the answers a seller can give and their points, and the total
/// from which an opportunity qualifies (editable). Below it, leaving 商机评估 needs a manager's override.
/// </summary>
public sealed record BantRubric(IReadOnlyDictionary<BantCriterion, IReadOnlyList<BantLevel>> Levels, int QualifyFrom)
{
    /// <summary>25 points a criterion at best, qualifying from 60 of 100.</summary>
    public static BantRubric Default { get; } = new(new Dictionary<BantCriterion, IReadOnlyList<BantLevel>>
    {
        [BantCriterion.Budget] = [new(0, "无预算"), new(10, "预算未定"), new(20, "预算申请中"), new(25, "预算已批准")],
        [BantCriterion.Authority] = [new(0, "未接触决策人"), new(10, "接触影响者"), new(20, "接触决策人"), new(25, "决策人支持")],
        [BantCriterion.Need] = [new(0, "需求不明"), new(10, "有痛点"), new(20, "需求明确"), new(25, "需求紧迫")],
        [BantCriterion.Timeline] = [new(0, "无时间表"), new(10, "一年内"), new(20, "半年内"), new(25, "三个月内")],
    }, 60);

    public int Maximum => Levels.Values.Sum(l => l.Max(x => x.Points));

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var c in Enum.GetValues<BantCriterion>())
            if (!Levels.TryGetValue(c, out var levels) || levels.Count == 0) problems.Add($"{c} 没有可选答案。");
            else if (levels.Any(l => l.Points < 0)) problems.Add($"{c} 的分值不能为负。");
        if (problems.Count == 0 && (QualifyFrom < 0 || QualifyFrom > Maximum)) problems.Add($"合格线应在 0 到 {Maximum} 之间。");
        return problems;
    }

    /// <summary>What is wrong with a seller's answers: a criterion left out, or points that are not one of its levels.</summary>
    public IReadOnlyList<string> AnswerProblems(IReadOnlyDictionary<BantCriterion, int> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var problems = new List<string>();
        foreach (var c in Enum.GetValues<BantCriterion>())
            if (!answers.TryGetValue(c, out var points)) problems.Add($"No answer for {c}.");
            else if (Levels[c].All(l => l.Points != points)) problems.Add($"{points} is not an answer of {c}.");
        return problems;
    }

    /// <summary>Scores the seller's answers (points per criterion, each one of the rubric's levels); check <see cref="AnswerProblems"/> first.</summary>
    public BantResult Score(IReadOnlyDictionary<BantCriterion, int> answers)
    {
        if (AnswerProblems(answers) is [var first, ..]) throw new ArgumentException(first, nameof(answers));
        return new BantResult(answers.Values.Sum(), Maximum, QualifyFrom, answers);
    }
}
