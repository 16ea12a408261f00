using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

public sealed record OpportunityCard(Guid Id, string Name, Guid AccountId, string Account, string? Owner, string StageCode, decimal Amount, decimal Probability,
    DateOnly ExpectedClose, int? BantTotal, bool BantQualified, bool Overridden, SlaState? ProposalSla, SlaState? NegotiationSla, DateOnly? ClosedOn, int Revision,
    IReadOnlyList<OpportunityLine> Lines, Guid? ContractId = null, Guid? OwnerId = null, IReadOnlyDictionary<BantCriterion, int>? BantAnswers = null);

/// <summary>
/// One stage of the board: its first cards (open: by expected close; closed: the most recent first), and
/// the count and amounts of all its deals — <see cref="Total"/> may be more than the cards shown.
/// </summary>
public sealed record PipelineColumn(SalesStage Stage, IReadOnlyList<OpportunityCard> Cards, decimal Amount, decimal Weighted, int Total)
{
    /// <summary>The column shows fewer cards than it has deals.</summary>
    public bool Cut => Cards.Count < Total;
}

public sealed record OwnerBreaches(string Owner, int Breaches);

/// <summary>
/// The board: its columns, the SLA breaches (each clock that ran out), by owner and team, and every
/// open deal whose clock is due soon or breached (<see cref="Attention"/>), whichever page of the
/// board it is on.
/// </summary>
public sealed record Pipeline(IReadOnlyList<PipelineColumn> Columns, DateOnly AsOf, int Breaches, IReadOnlyList<OwnerBreaches> BreachesByOwner, IReadOnlyList<OwnerBreaches> BreachesByTeam,
    BantRubric Rubric, SlaPolicy Sla, IReadOnlyList<OpportunityCard> Attention);

/// <summary>
/// The pipeline a viewer may see, one column per SOP stage: each column's count and amounts over all
/// its deals (counted and summed in the database), its first cards (a page: <c>take</c> per column,
/// more through <see cref="Page"/>), each with its BANT score and SLA states on the working-day
/// calendar as of the business day; the SLA breaches counted over every open deal; closed deals of
/// the last 90 days only.
/// </summary>
public sealed class ListOpportunities(IDbContextFactory<PlanLoopDbContext> dbs, EditCalendar calendar, EditSalesSettings settings, BusinessDay businessDay)
{
    public const int DefaultTake = 200, MaxTake = 1000;

    public async Task<Pipeline> Handle(Viewer viewer, CancellationToken ct, int take = DefaultTake)
    {
        take = Math.Clamp(take, 1, MaxTake);
        var today = businessDay.Today();
        var days = await calendar.Load(ct);
        var rules = await settings.Current(ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var board = OnBoard(db, viewer, today);
        var totals = await board.GroupBy(o => new { o.StageCode, o.Probability })
            .Select(g => new { g.Key.StageCode, g.Key.Probability, Deals = g.Count(), Amount = g.Sum(o => o.Amount) }).ToListAsync(ct);
        var stages = rules.Stages.OrderBy(s => s.Order).ToList();
        var deals = new List<Opportunity>();
        foreach (var stage in stages) deals.AddRange(await Ordered(board.Where(o => o.StageCode == stage.Code), stage).Take(take).ToListAsync(ct));
        // Every open deal past qualification may have a clock running: the breaches and reminders count them all, not the page.
        var firstOpen = stages.First(s => s.Outcome == StageOutcome.Open).Code;
        var clocked = await board.Where(o => o.ClosedOn == null && o.StageCode != firstOpen).ToListAsync(ct);
        var cards = await Cards(db, deals.Concat(clocked).DistinctBy(o => o.Id).ToList(), rules.Sla, days, today, ct);
        var columns = stages.Select(s =>
        {
            var inStage = totals.Where(t => t.StageCode == s.Code).ToList();
            var shown = deals.Where(d => d.StageCode == s.Code).Select(d => cards[d.Id]).ToList();
            return Column(s, shown, inStage.Select(t => (t.Deals, t.Amount, t.Probability)));
        }).ToList();
        var attention = clocked.Select(o => cards[o.Id]).Where(c => c.ProposalSla is SlaState.Breached or SlaState.DueSoon || c.NegotiationSla is SlaState.Breached or SlaState.DueSoon)
            .OrderBy(c => c.ExpectedClose).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        // Each clock that ran out is one breach (a deal late with its proposal and then with its negotiation has two), as the alerts list them.
        var breached = attention.SelectMany(c => new[] { c.ProposalSla, c.NegotiationSla }.Where(x => x == SlaState.Breached).Select(_ => c)).ToList();
        var teamOf = await db.People.Where(p => p.TeamId != null).Select(p => new { p.Id, Team = db.Teams.Where(t => t.Id == p.TeamId).Select(t => t.Name).First() })
            .ToDictionaryAsync(p => p.Id, p => p.Team, ct);
        static List<OwnerBreaches> Count(IEnumerable<string> keys) =>
            keys.GroupBy(k => k).Select(g => new OwnerBreaches(g.Key, g.Count())).OrderByDescending(x => x.Breaches).ThenBy(x => x.Owner, StringComparer.Ordinal).ToList();
        return new Pipeline(columns, today, breached.Count, Count(breached.Select(c => c.Owner ?? "—")),
            Count(breached.Select(c => c.OwnerId is { } o && teamOf.TryGetValue(o, out var team) ? team : "—")), rules.Rubric, rules.Sla, attention);
    }

    /// <summary>One column's cards from <paramref name="skip"/>: the next page of a column the board cut; null for an unknown stage.</summary>
    public async Task<PipelineColumn?> Page(string stageCode, int skip, int take, Viewer viewer, CancellationToken ct)
    {
        take = Math.Clamp(take, 1, MaxTake);
        skip = Math.Max(0, skip);
        var rules = await settings.Current(ct);
        if (rules.Stages.FirstOrDefault(s => string.Equals(s.Code, stageCode, StringComparison.OrdinalIgnoreCase)) is not { } stage) return null;
        var today = businessDay.Today();
        var days = await calendar.Load(ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var inStage = OnBoard(db, viewer, today).Where(o => o.StageCode == stage.Code);
        var totals = await inStage.GroupBy(o => o.Probability).Select(g => new { Probability = g.Key, Deals = g.Count(), Amount = g.Sum(o => o.Amount) }).ToListAsync(ct);
        var deals = await Ordered(inStage, stage).Skip(skip).Take(take).ToListAsync(ct);
        var cards = await Cards(db, deals, rules.Sla, days, today, ct);
        return Column(stage, deals.Select(d => cards[d.Id]).ToList(), totals.Select(t => (t.Deals, t.Amount, t.Probability)));
    }

    /// <summary>A column from its cards and its deals counted and summed by probability (weighted: each probability's sum rounded to the fen).</summary>
    static PipelineColumn Column(SalesStage stage, IReadOnlyList<OpportunityCard> cards, IEnumerable<(int Deals, decimal Amount, decimal Probability)> totals)
    {
        var all = totals.ToList();
        return new PipelineColumn(stage, cards, all.Sum(t => t.Amount), all.Sum(t => Math.Round(t.Amount * t.Probability, 2, MidpointRounding.AwayFromZero)), all.Sum(t => t.Deals));
    }

    static IQueryable<Opportunity> OnBoard(PlanLoopDbContext db, Viewer viewer, DateOnly today)
    {
        var since = today.AddDays(-90);
        return db.Opportunities.AsNoTracking().Visible(db, viewer).Where(o => o.ClosedOn == null || o.ClosedOn >= since);
    }

    static IQueryable<Opportunity> Ordered(IQueryable<Opportunity> deals, SalesStage stage) =>
        stage.Outcome == StageOutcome.Open ? deals.OrderBy(o => o.ExpectedClose).ThenBy(o => o.Name).ThenBy(o => o.Id)
            : deals.OrderByDescending(o => o.ClosedOn).ThenBy(o => o.Name).ThenBy(o => o.Id);

    static async Task<Dictionary<Guid, OpportunityCard>> Cards(PlanLoopDbContext db, List<Opportunity> deals, SlaPolicy sla, WorkingCalendar days, DateOnly today, CancellationToken ct)
    {
        var accountIds = deals.Select(o => o.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var ownerIds = deals.Where(o => o.OwnerId != null).Select(o => o.OwnerId!.Value).Distinct().ToList();
        var people = await db.People.Where(p => ownerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var wonIds = deals.Where(o => o.StageCode == SopStages.Won).Select(o => (Guid?)o.Id).ToList();
        var contracts = (await db.Contracts.Where(c => wonIds.Contains(c.OpportunityId) && c.Status != ContractStatus.Rejected)
            .Select(c => new { c.OpportunityId, c.Id }).ToListAsync(ct)).ToDictionary(c => c.OpportunityId!.Value, c => c.Id);
        return deals.ToDictionary(o => o.Id, o => new OpportunityCard(o.Id, o.Name, o.AccountId, accounts.GetValueOrDefault(o.AccountId) ?? "",
            o.OwnerId is { } p ? people.GetValueOrDefault(p) : null, o.StageCode, o.Amount, o.Probability, o.ExpectedClose, o.BantTotal, o.BantQualified, o.OverrideBy is not null,
            // A closed deal has no clock running: its SLA states are history, not a breach to act on.
            o.IsClosed ? null : sla.Proposal(o)?.State(days, today), o.IsClosed ? null : sla.Negotiation(o)?.State(days, today), o.ClosedOn, o.Revision, o.Lines,
            contracts.TryGetValue(o.Id, out var contract) ? contract : null, o.OwnerId, o.BantAnswers));
    }
}
