using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

public sealed record OpportunityCard(Guid Id, string Name, Guid AccountId, string Account, string? Owner, string StageCode, decimal Amount, decimal Probability,
    DateOnly ExpectedClose, int? BantTotal, bool BantQualified, bool Overridden, SlaState? ProposalSla, SlaState? NegotiationSla, DateOnly? ClosedOn, int Revision,
    IReadOnlyList<OpportunityLine> Lines, Guid? ContractId = null, Guid? OwnerId = null, IReadOnlyDictionary<BantCriterion, int>? BantAnswers = null);

public sealed record PipelineColumn(SalesStage Stage, IReadOnlyList<OpportunityCard> Cards, decimal Amount, decimal Weighted);

public sealed record OwnerBreaches(string Owner, int Breaches);

public sealed record Pipeline(IReadOnlyList<PipelineColumn> Columns, DateOnly AsOf, int Breaches, IReadOnlyList<OwnerBreaches> BreachesByOwner, IReadOnlyList<OwnerBreaches> BreachesByTeam,
    BantRubric Rubric, SlaPolicy Sla);

/// <summary>
/// The pipeline a viewer may see, one column per SOP stage, each card with its BANT score and SLA
/// states on the working-day calendar as of the business day, and the SLA breaches counted by owner;
/// closed deals of the last 90 days only.
/// </summary>
public sealed class ListOpportunities(IDbContextFactory<PlanLoopDbContext> dbs, EditCalendar calendar, EditSalesSettings settings, BusinessDay businessDay)
{
    public async Task<Pipeline> Handle(Viewer viewer, CancellationToken ct)
    {
        var today = businessDay.Today();
        var since = today.AddDays(-90);
        var days = await calendar.Load(ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var opportunities = await db.Opportunities.AsNoTracking().Visible(db, viewer)
            .Where(o => o.ClosedOn == null || o.ClosedOn >= since)
            .OrderBy(o => o.ExpectedClose).ThenBy(o => o.Name)
            .Take(2000).ToListAsync(ct);
        var accountIds = opportunities.Select(o => o.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var staff = await db.People.Select(p => new { p.Id, p.Name, Team = db.Teams.Where(t => t.Id == p.TeamId).Select(t => t.Name).FirstOrDefault() }).ToListAsync(ct);
        var people = staff.ToDictionary(p => p.Id, p => p.Name);
        var teamOf = opportunities.ToDictionary(o => o.Id, o => staff.FirstOrDefault(p => p.Id == o.OwnerId)?.Team ?? "—");
        var wonIds = opportunities.Where(o => o.StageCode == SopStages.Won).Select(o => (Guid?)o.Id).ToList();
        var contracts = (await db.Contracts.Where(c => wonIds.Contains(c.OpportunityId) && c.Status != ContractStatus.Rejected)
            .Select(c => new { c.OpportunityId, c.Id }).ToListAsync(ct)).ToDictionary(c => c.OpportunityId!.Value, c => c.Id);
        var rules = await settings.Current(ct);
        var sla = rules.Sla;
        var cards = opportunities.Select(o => new OpportunityCard(o.Id, o.Name, o.AccountId, accounts.GetValueOrDefault(o.AccountId) ?? "", o.OwnerId is { } p ? people.GetValueOrDefault(p) : null,
            o.StageCode, o.Amount, o.Probability, o.ExpectedClose, o.BantTotal, o.BantQualified, o.OverrideBy is not null,
            // A closed deal has no clock running: its SLA states are history, not a breach to act on.
            o.IsClosed ? null : sla.Proposal(o)?.State(days, today), o.IsClosed ? null : sla.Negotiation(o)?.State(days, today), o.ClosedOn, o.Revision, o.Lines,
            contracts.TryGetValue(o.Id, out var contract) ? contract : null, o.OwnerId, o.BantAnswers)).ToList();
        var columns = rules.Stages.OrderBy(s => s.Order).Select(s =>
        {
            var inStage = cards.Where(c => c.StageCode == s.Code).ToList();
            return new PipelineColumn(s, inStage, inStage.Sum(c => c.Amount), inStage.Sum(c => Math.Round(c.Amount * c.Probability, 2, MidpointRounding.AwayFromZero)));
        }).ToList();
        // Each clock that ran out is one breach (a deal late with its proposal and then with its negotiation has two), as the alerts list them.
        var breached = cards.SelectMany(c => new[] { c.ProposalSla, c.NegotiationSla }.Where(s => s == SlaState.Breached).Select(_ => c)).ToList();
        static List<OwnerBreaches> Count(IEnumerable<string> keys) =>
            keys.GroupBy(k => k).Select(g => new OwnerBreaches(g.Key, g.Count())).OrderByDescending(x => x.Breaches).ThenBy(x => x.Owner, StringComparer.Ordinal).ToList();
        return new Pipeline(columns, today, breached.Count, Count(breached.Select(c => c.Owner ?? "—")), Count(breached.Select(c => teamOf[c.Id])), rules.Rubric, sla);
    }
}
