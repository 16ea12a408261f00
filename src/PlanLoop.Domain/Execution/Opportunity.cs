namespace PlanLoop.Domain.Execution;

/// <summary>A line of an opportunity: a product, how many, its list price and the discount; the price follows.</summary>
public sealed record OpportunityLine(Guid ProductId, decimal Quantity, decimal ListPrice, decimal Discount)
{
    /// <summary>Quantity × list price × (1 − discount), to the fen.</summary>
    public decimal Amount => Math.Round(Quantity * ListPrice * (1m - Discount), 2, MidpointRounding.AwayFromZero);

    public string? Problem()
    {
        if (Quantity <= 0m) return "数量应大于 0。";
        if (ListPrice < 0m) return "目录价不能为负。";
        if (Discount is < 0m or >= 1m) return "折扣应在 0 到 100% 之间(不含 100%)。";
        return null;
    }
}

/// <summary>A move of an opportunity from one stage to another, when and by whom.</summary>
public sealed record StageMove(string? From, string To, DateOnly On, string By);

/// <summary>
/// A sales opportunity through the SOP pipeline (商机评估 → 方案设计 → 商务谈判 → 赢单 / 输单): its
/// lines make its amount; BANT must reach the rubric's threshold to leave qualification, unless a
/// manager overrides with a reason; a lost deal needs a reason; a won deal needs an amount; a closed
/// deal does not move. Every move is kept, with the day it happened, for SLA clocks and cycle times.
/// </summary>
public sealed class Opportunity : IOwnedRecord
{
    Opportunity() { Name = StageCode = ""; }

    public Opportunity(string name, Guid accountId, Guid? ownerId, DateOnly expectedClose, DateOnly createdOn, string by, IReadOnlyList<SalesStage> stages) : this()
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An opportunity needs a name.", nameof(name));
        ArgumentNullException.ThrowIfNull(stages);
        Id = Guid.NewGuid();
        Name = name.Trim();
        AccountId = accountId;
        OwnerId = ownerId;
        ExpectedClose = expectedClose;
        CreatedOn = createdOn;
        var first = stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).First();
        StageCode = first.Code;
        Probability = first.Probability;
        StageEnteredOn = createdOn;
        Moves.Add(new StageMove(null, first.Code, createdOn, by));
    }

    public Guid Id { get; private set; }
    /// <summary>The deal's id in the CRM it was imported from: what a re-import matches on.</summary>
    public string? ExternalId { get; private set; }
    public string Name { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid? OwnerId { get; private set; }
    public Guid? ChannelId { get; private set; }
    public DateOnly ExpectedClose { get; private set; }
    public DateOnly CreatedOn { get; private set; }
    public string StageCode { get; private set; }
    public decimal Probability { get; private set; }
    public DateOnly StageEnteredOn { get; private set; }
    public DateOnly? ProposalSentOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? LostReason { get; private set; }
    public string? WinningCompetitor { get; private set; }
    public string? Competitors { get; private set; }
    public string? NextStep { get; private set; }
    public int? BantTotal { get; private set; }
    public int? BantBudget { get; private set; }
    public int? BantAuthority { get; private set; }
    public int? BantNeed { get; private set; }
    public int? BantTimeline { get; private set; }
    public bool BantQualified { get; private set; }
    public string? OverrideBy { get; private set; }
    public string? OverrideReason { get; private set; }
    public decimal Amount { get; private set; }
    public List<OpportunityLine> Lines { get; private set; } = [];
    public List<StageMove> Moves { get; private set; } = [];
    public int Revision { get; private set; }

    /// <summary>The forecast category its owner set (null: the default from the stage, see <see cref="Forecasting.ForecastCategories"/>).</summary>
    public Forecasting.ForecastCategory? Category { get; private set; }

    public bool IsClosed => ClosedOn is not null;

    /// <summary>The owner puts an open deal in their commit, best case, pipeline or leaves it out (null: back to the stage's default); Closed follows from winning.</summary>
    public void Categorise(Forecasting.ForecastCategory? category)
    {
        if (IsClosed) throw new RuleException("opportunity-closed");
        if (category == Forecasting.ForecastCategory.Closed) throw new ArgumentException("A deal is Closed by being won, not by its category.", nameof(category));
        if (Category == category) return;
        Category = category;
        Revision++;
    }

    public void SetLines(IReadOnlyList<OpportunityLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (IsClosed) throw new RuleException("opportunity-closed");
        if (lines.Select(l => l.Problem()).OfType<string>().FirstOrDefault() is { } p) throw new ArgumentException(p, nameof(lines));
        Lines = [.. lines.Select(l => l with { })];   // its own copies: a line belongs to one record (EF owns it once)
        Amount = lines.Sum(l => l.Amount);
        Revision++;
    }

    /// <summary>Records the id the source CRM knows this deal by.</summary>
    public void Identify(string? externalId) => ExternalId = Customers.ExternalIds.Normalize(externalId);

    /// <summary>An import brings the deal's current name, owner and expected close from its source.</summary>
    public void Reassign(string name, Guid? ownerId, DateOnly expectedClose)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An opportunity needs a name.", nameof(name));
        if (Name == name.Trim() && OwnerId == ownerId && ExpectedClose == expectedClose) return;
        (Name, OwnerId, ExpectedClose) = (name.Trim(), ownerId, expectedClose);
        Revision++;
    }

    /// <summary>The channel the deal comes through (direct, partner, …), as an import gives it.</summary>
    public void Route(Guid channelId)
    {
        if (ChannelId == channelId) return;
        ChannelId = channelId;
        Revision++;
    }

    public void Describe(DateOnly expectedClose, Guid? channelId, string? competitors, string? nextStep)
    {
        (ExpectedClose, ChannelId) = (expectedClose, channelId);
        Competitors = string.IsNullOrWhiteSpace(competitors) ? null : competitors.Trim();
        NextStep = string.IsNullOrWhiteSpace(nextStep) ? null : nextStep.Trim();
        Revision++;
    }

    public void ScoreBant(BantResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        (BantTotal, BantQualified) = (result.Total, result.Qualified);
        (BantBudget, BantAuthority, BantNeed, BantTimeline) = (result.Points[BantCriterion.Budget], result.Points[BantCriterion.Authority],
            result.Points[BantCriterion.Need], result.Points[BantCriterion.Timeline]);
        Revision++;
    }

    /// <summary>The answers the total was scored from, per criterion (null before the first score, or for a deal imported with a total only).</summary>
    public IReadOnlyDictionary<BantCriterion, int>? BantAnswers =>
        BantBudget is { } b && BantAuthority is { } a && BantNeed is { } n && BantTimeline is { } t
            ? new Dictionary<BantCriterion, int> { [BantCriterion.Budget] = b, [BantCriterion.Authority] = a, [BantCriterion.Need] = n, [BantCriterion.Timeline] = t }
            : null;

    /// <summary>A manager lets a deal below the BANT threshold pass qualification; the reason is kept.</summary>
    public void OverrideBant(string manager, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleException("bant-override-reason-required");
        (OverrideBy, OverrideReason) = (manager, reason.Trim());
        Revision++;
    }

    public void MarkProposalSent(DateOnly on)
    {
        ProposalSentOn ??= on;
        Revision++;
    }

    public void Move(string stageCode, IReadOnlyList<SalesStage> stages, DateOnly on, string by, string? lostReason = null, string? winningCompetitor = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var to = stages.FirstOrDefault(s => s.Code == stageCode) ?? throw new ArgumentException($"Unknown stage {stageCode}.", nameof(stageCode));
        if (IsClosed) throw new RuleException("opportunity-closed");
        var from = stages.Single(s => s.Code == StageCode);
        if (to.Code == from.Code) throw new RuleException("same-stage", to.Name);
        var firstOpen = stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).First();
        if (from.Code == firstOpen.Code && to.Outcome != StageOutcome.Lost && !BantQualified && OverrideBy is null)
            throw BantTotal is { } total
                ? new RuleException("bant-below-threshold", total, from.Name)
                : new RuleException("bant-not-scored", from.Name);
        if (to.Outcome == StageOutcome.Lost && string.IsNullOrWhiteSpace(lostReason)) throw new RuleException("lost-reason-required");
        if (to.Outcome == StageOutcome.Won && Amount <= 0m) throw new RuleException("no-amount");
        Moves.Add(new StageMove(StageCode, to.Code, on, by));
        (StageCode, Probability, StageEnteredOn) = (to.Code, to.Probability, on);
        if (to.Outcome != StageOutcome.Open)
        {
            ClosedOn = on;
            LostReason = to.Outcome == StageOutcome.Lost ? lostReason!.Trim() : null;
            WinningCompetitor = to.Outcome == StageOutcome.Lost && !string.IsNullOrWhiteSpace(winningCompetitor) ? winningCompetitor.Trim() : null;
        }
        Revision++;
    }

    /// <summary>The day the deal entered a stage last, if it did.</summary>
    /// <remarks>By date, not by the list's order: a database may hand the moves back in any order.</remarks>
    public DateOnly? Entered(string stageCode) => Moves.Where(m => m.To == stageCode).Select(m => (DateOnly?)m.On).Max();

    /// <summary>Days from creation to close (calendar days), null while open.</summary>
    public int? CycleDays => ClosedOn is { } closed ? closed.DayNumber - CreatedOn.DayNumber : null;
}

/// <summary>The SOP's SLA clocks (§5.2), durations in working days and configurable.</summary>
public sealed record SlaPolicy(int ProposalWorkingDays = 3, int NegotiationWorkingDays = 15)
{
    /// <summary>First proposal within N working days of entering 方案设计; stopped when the proposal is sent.</summary>
    public SlaClock? Proposal(Opportunity o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Entered(SopStages.Proposal) is { } entered ? new SlaClock(entered, ProposalWorkingDays, o.ProposalSentOn) : null;
    }

    /// <summary>Negotiation closed within N working days of entering 商务谈判; stopped when the deal closes or moves on.</summary>
    public SlaClock? Negotiation(Opportunity o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Entered(SopStages.Negotiation) is not { } entered) return null;
        var left = o.Moves.FirstOrDefault(m => m.From == SopStages.Negotiation && m.On >= entered)?.On;
        return new SlaClock(entered, NegotiationWorkingDays, left);
    }
}
