using PlanLoop.Domain.Execution;

namespace PlanLoop.Domain.Forecasting;

/// <summary>Where an open deal stands in its owner's call: counted in the commit, in the best case, only in the pipeline, or left out; closed deals are Closed (won) or Omitted (lost).</summary>
public enum ForecastCategory
{
    Pipeline,
    BestCase,
    Commit,
    Closed,
    Omitted,
}

public static class ForecastCategories
{
    /// <summary>What a deal counts as until its owner says otherwise: won → Closed, lost → Omitted, open by its stage's default probability (≥ 60% Commit, ≥ 30% Best case, else Pipeline).</summary>
    public static ForecastCategory Default(SalesStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.Outcome switch
        {
            StageOutcome.Won => ForecastCategory.Closed,
            StageOutcome.Lost => ForecastCategory.Omitted,
            _ => stage.Probability >= 0.6m ? ForecastCategory.Commit : stage.Probability >= 0.3m ? ForecastCategory.BestCase : ForecastCategory.Pipeline,
        };
    }

    /// <summary>The category in use: closed deals by their outcome, open ones as their owner set it or by default from the stage.</summary>
    public static ForecastCategory Of(Opportunity deal, IReadOnlyList<SalesStage> stages)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(stages);
        var stage = stages.FirstOrDefault(s => s.Code == deal.StageCode);
        if (stage is null) return deal.Category ?? ForecastCategory.Pipeline;
        return stage.Outcome != StageOutcome.Open ? Default(stage) : deal.Category ?? Default(stage);
    }
}

/// <summary>Whose call a submission is: a seller's own deals, a manager's team, or the whole company.</summary>
public enum CallScope
{
    Own,
    Team,
    Company,
}

/// <summary>
/// A forecast submission: on a week (its Monday), a seller, manager or director says what a period (a quarter, or
/// the year) will bring — the commit and the best case, with a comment. A manager's or director's call starts from
/// the roll-up of the calls below it; the roll-up is kept beside the call, and a call that differs from it needs a
/// reason. A submission is never changed: a new one on the same week supersedes it, and every one stays, so what was
/// said in any week can always be read back.
/// </summary>
public sealed class ForecastCall
{
    public const decimal MaximumAmount = 1_000_000_000_000m;
    public const int MaximumText = 1000;

    ForecastCall() { SubmittedBy = ""; }

    public ForecastCall(CallScope scope, Guid? personId, Guid? teamId, string submittedBy, int year, int? quarter, DateOnly week, decimal commit, decimal bestCase,
        decimal rollupCommit, decimal rollupBestCase, string? comment, string? adjustReason, DateTime submittedAt) : this()
    {
        if (Problems(scope, year, quarter, week, commit, bestCase, rollupCommit, rollupBestCase, comment, adjustReason) is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(" ", problems.Values), nameof(commit));
        Id = Guid.NewGuid();
        (Scope, PersonId, TeamId, SubmittedBy, Year, Quarter, Week) = (scope, personId, teamId, submittedBy, year, quarter, week);
        (Commit, BestCase, RollupCommit, RollupBestCase) = (commit, bestCase, rollupCommit, rollupBestCase);
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AdjustReason = string.IsNullOrWhiteSpace(adjustReason) ? null : adjustReason.Trim();
        SubmittedAt = submittedAt;
    }

    public Guid Id { get; private set; }
    public CallScope Scope { get; private set; }
    public Guid? PersonId { get; private set; }
    public Guid? TeamId { get; private set; }
    public string SubmittedBy { get; private set; }
    public int Year { get; private set; }
    /// <summary>1–4 for a quarter's call, null for the year's.</summary>
    public int? Quarter { get; private set; }
    /// <summary>The Monday of the week the call was made for.</summary>
    public DateOnly Week { get; private set; }
    public decimal Commit { get; private set; }
    public decimal BestCase { get; private set; }
    /// <summary>What the calls below added up to when this one was made (for a seller's own call: the system's figure from their deals).</summary>
    public decimal RollupCommit { get; private set; }
    public decimal RollupBestCase { get; private set; }
    public string? Comment { get; private set; }
    public string? AdjustReason { get; private set; }
    public DateTime SubmittedAt { get; private set; }

    /// <summary>Whether the call differs from the roll-up it started from.</summary>
    public bool Adjusted => Commit != RollupCommit || BestCase != RollupBestCase;

    /// <summary>The first and last day of the period the call is about.</summary>
    public (DateOnly From, DateOnly To) Period => PeriodOf(Year, Quarter);

    public static (DateOnly From, DateOnly To) PeriodOf(int year, int? quarter) => quarter is { } q
        ? (new DateOnly(year, 3 * q - 2, 1), new DateOnly(year, 3 * q, 1).AddMonths(1).AddDays(-1))
        : (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>The Monday of a day's week (ISO weeks start on Monday).</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Problems of a call, by field: amounts in range and best case at least the commit, a real quarter and week, bounded texts, a reason for an adjusted roll-up.</summary>
    public static Dictionary<string, string> Problems(CallScope scope, int year, int? quarter, DateOnly week, decimal commit, decimal bestCase, decimal rollupCommit, decimal rollupBestCase,
        string? comment, string? adjustReason)
    {
        var problems = new Dictionary<string, string>();
        if (year is < 2000 or > 2100) problems["year"] = "The year must be between 2000 and 2100.";
        if (quarter is < 1 or > 4) problems["quarter"] = "The quarter is 1 to 4 (or none for the year).";
        if (week.DayOfWeek != DayOfWeek.Monday) problems["week"] = "A week is named by its Monday.";
        if (commit is < 0m or > MaximumAmount) problems["commit"] = "The commit must be between 0 and 1,000,000,000,000.";
        if (bestCase is < 0m or > MaximumAmount) problems["bestCase"] = "The best case must be between 0 and 1,000,000,000,000.";
        else if (bestCase < commit) problems["bestCase"] = "The best case cannot be below the commit.";
        if (comment is { Length: > MaximumText }) problems["comment"] = $"A comment is at most {MaximumText} characters.";
        if (adjustReason is { Length: > MaximumText }) problems["adjustReason"] = $"A reason is at most {MaximumText} characters.";
        else if (scope != CallScope.Own && (commit != rollupCommit || bestCase != rollupBestCase) && string.IsNullOrWhiteSpace(adjustReason))
            problems["adjustReason"] = "A call that differs from the roll-up needs a reason.";
        return problems;
    }
}

/// <summary>The roll-up of the calls below a manager or director: each submitter's latest call of the week, added up.</summary>
public static class CallRollup
{
    /// <summary>The latest call of each submitter (by <paramref name="key"/>: a person for sellers' calls, a team for managers', or any finer key such as submitter and week).</summary>
    public static IReadOnlyList<ForecastCall> Latest<TKey>(IEnumerable<ForecastCall> calls, Func<ForecastCall, TKey> key) =>
        [.. calls.GroupBy(key).Select(g => g.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id).First())];

    public static (decimal Commit, decimal BestCase) Sum(IEnumerable<ForecastCall> latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        decimal commit = 0m, best = 0m;
        foreach (var c in latest) { commit += c.Commit; best += c.BestCase; }
        return (commit, best);
    }
}
