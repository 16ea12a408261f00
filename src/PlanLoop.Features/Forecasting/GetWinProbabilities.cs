using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Forecasting;

/// <summary>An open deal's chance of being won: the stage default, the learned model's, the one in use, and why the model differs.</summary>
public sealed record DealWinProbability(Guid Id, string Name, string Account, string? Owner, string Stage, decimal Amount, DateOnly ExpectedClose,
    decimal StageDefault, decimal Model, decimal InUse, IReadOnlyList<WinReason> Reasons);

/// <summary>
/// The open deals' win probabilities in the caller's scope, which of the two is in use (the learned model only where
/// it beat the stage defaults on the time-ordered hold-out; <see cref="Why"/> says why not), what it rests on (closed
/// deals and their stage passages) and the hold-out's figures.
/// </summary>
public sealed record WinProbabilities(DateOnly AsOf, bool ModelInUse, string? Why, int ClosedDeals, int Examples, WinEvaluation? Evaluation,
    IReadOnlyDictionary<string, double> Weights, IReadOnlyList<DealWinProbability> Deals);

/// <summary>An open deal as the year's outlook draws it: amount, probability in use, expected close, and the members it belongs to.</summary>
public sealed record PipelineDeal(decimal Amount, double Probability, DateOnly ExpectedClose, string? Region, string? Channel, string? Rep, string? Team, string? Tier,
    IReadOnlyDictionary<string, decimal> ProductLines);

/// <summary>The open deals the outlook draws, the days won deals slipped past their expected close, and whether the learned model set the probabilities.</summary>
public sealed record OpenPipeline(IReadOnlyList<PipelineDeal> Deals, IReadOnlyList<int> Slips, bool ModelInUse)
{
    /// <summary>The deals of one member along a dimension, a product line's share of a deal being the amount of its lines.</summary>
    public IEnumerable<(decimal Amount, PipelineDeal Deal)> Of(ActualDimension? by, string? member) => by switch
    {
        null => Deals.Select(d => (d.Amount, d)),
        ActualDimension.ProductLine => Deals.Where(d => d.ProductLines.ContainsKey(member ?? "")).Select(d => (d.ProductLines[member!], d)),
        ActualDimension.Region => Deals.Where(d => d.Region == member).Select(d => (d.Amount, d)),
        ActualDimension.Channel => Deals.Where(d => d.Channel == member).Select(d => (d.Amount, d)),
        ActualDimension.Rep => Deals.Where(d => d.Rep == member).Select(d => (d.Amount, d)),
        ActualDimension.Team => Deals.Where(d => d.Team == member).Select(d => (d.Amount, d)),
        ActualDimension.Tier => Deals.Where(d => d.Tier == member).Select(d => (d.Amount, d)),
        _ => [],
    };
}

/// <summary>
/// Learns win probabilities from the organisation's closed deals (the last three years, at most
/// <see cref="MaximumClosedDeals"/>): every open stage a closed deal passed is one example — its stage
/// default, amount, BANT total, days spent in the stage, activities on the account in the 90 days before, the
/// account's tier and industry, the channel, the owner and the main product line — with whether the deal was won. The model (<see cref="WinModel"/>) is tested on the deals closed last before it is used.
/// </summary>
public sealed class GetWinProbabilities(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, EditSalesSettings settings, ReadCache cache)
{
    public const int MaximumClosedDeals = 20_000;

    public async Task<WinProbabilities> Handle(Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (learned, open) = await Learn(db, viewer, ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => open.Select(o => o.Deal.AccountId).Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var owners = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var deals = open.Select(o => new DealWinProbability(o.Deal.Id, o.Deal.Name, accounts.GetValueOrDefault(o.Deal.AccountId, ""),
                o.Deal.OwnerId is { } owner ? owners.GetValueOrDefault(owner) : null, o.Deal.StageCode, o.Deal.Amount, o.Deal.ExpectedClose,
                o.Deal.Probability, Round(o.Score.Probability), learned.InUse(o), o.Score.Reasons))
            .OrderByDescending(d => d.Amount * d.InUse).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        return new WinProbabilities(learned.AsOf, learned.ModelInUse, learned.Why, learned.Model?.Deals ?? 0, learned.Model?.Examples ?? 0, learned.Evaluation,
            learned.Model?.Weights ?? new Dictionary<string, double>(), deals);
    }

    /// <summary>The caller's open deals for the outlook, each with the probability in use and the members it counts under, and the slips of won deals.</summary>
    internal async Task<OpenPipeline> Pipeline(PlanLoopDbContext db, Viewer viewer, CancellationToken ct)
    {
        var (learned, open) = await Learn(db, viewer, ct);
        var won = (await settings.Current(ct)).Stages.Where(s => s.Outcome == StageOutcome.Won).Select(s => s.Code).ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => open.Select(o => o.Deal.AccountId).Contains(a.Id))
            .Select(a => new { a.Id, a.RegionId, a.Tier }).ToDictionaryAsync(a => a.Id, ct);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Code, ct);
        var channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name, p.TeamId }).ToDictionaryAsync(p => p.Id, ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var lines = await (from p in db.Products join l in db.ProductLines on p.ProductLineId equals l.Id select new { p.Id, l.Code }).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var deals = open.Select(o =>
        {
            var account = accounts.GetValueOrDefault(o.Deal.AccountId);
            var owner = o.Deal.OwnerId is { } id ? people.GetValueOrDefault(id) : null;
            var byLine = o.Deal.Lines.GroupBy(l => lines.GetValueOrDefault(l.ProductId, "")).Where(g => g.Key != "").ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));
            return new PipelineDeal(o.Deal.Amount, (double)learned.InUse(o), o.Deal.ExpectedClose,
                account?.RegionId is { } r ? regions.GetValueOrDefault(r) : null, o.Deal.ChannelId is { } c ? channels.GetValueOrDefault(c) : null,
                owner?.Name, owner?.TeamId is { } t ? teams.GetValueOrDefault(t) : null, account?.Tier?.ToString(), byLine);
        }).ToList();
        return new OpenPipeline(deals, await Slips(db, won, learned.AsOf, ct), learned.ModelInUse);
    }

    /// <summary>How many days won deals closed after the day they were expected to (0 for on time or early): the outlook's slips.</summary>
    static async Task<List<int>> Slips(PlanLoopDbContext db, IReadOnlyCollection<string> wonStages, DateOnly today, CancellationToken ct)
    {
        var since = today.AddYears(-3);
        var closed = await db.Opportunities.AsNoTracking().Where(o => o.ClosedOn != null && o.ClosedOn >= since && wonStages.Contains(o.StageCode))
            .OrderByDescending(o => o.ClosedOn).Take(MaximumClosedDeals).Select(o => new { o.ClosedOn, o.ExpectedClose }).ToListAsync(ct);
        return [.. closed.Select(o => Math.Max(0, o.ClosedOn!.Value.DayNumber - o.ExpectedClose.DayNumber))];
    }

    sealed record Open(Opportunity Deal, WinScore Score);

    sealed record Learned(DateOnly AsOf, WinModel? Model, WinEvaluation? Evaluation, bool ModelInUse, string? Why)
    {
        public decimal InUse(Open o) => ModelInUse ? Round(o.Score.Probability) : o.Deal.Probability;
    }

    async Task<(Learned, List<Open>)> Learn(PlanLoopDbContext db, Viewer viewer, CancellationToken ct)
    {
        var today = businessDay.Today();
        var stages = (await settings.Current(ct)).Stages;
        // The organisation's model, learned once for as long as nothing is written (the same for every viewer).
        var learned = await cache.Get("win-model", today.ToString("O", System.Globalization.CultureInfo.InvariantCulture), () => Model(today, stages, ct), ct);
        var open = await db.Opportunities.AsNoTracking().Visible(db, viewer).Where(o => o.ClosedOn == null).ToListAsync(ct);
        var facts = await DealAttributes.Load(db, open, today.AddDays(-90), ct);
        var scored = open.Select(o =>
        {
            var deal = new DealFacts(o.StageCode, (double)o.Probability, (double)o.Amount, o.BantTotal, Math.Max(0, today.DayNumber - o.StageEnteredOn.DayNumber), facts.Activities(o.AccountId, today), facts.Of(o));
            return new Open(o, learned.Model?.Score(deal) ?? new WinScore((double)o.Probability, (double)o.Probability, []));
        }).ToList();
        return (learned, scored);
    }

    async Task<Learned> Model(DateOnly today, IReadOnlyList<SalesStage> stages, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var openStages = stages.Where(s => s.Outcome == StageOutcome.Open).ToDictionary(s => s.Code, s => (double)s.Probability);
        var won = stages.Where(s => s.Outcome == StageOutcome.Won).Select(s => s.Code).ToHashSet();
        var since = today.AddYears(-3);
        var closed = await db.Opportunities.AsNoTracking().Where(o => o.ClosedOn != null && o.ClosedOn >= since && o.ClosedOn <= today)
            .OrderByDescending(o => o.ClosedOn).Take(MaximumClosedDeals).ToListAsync(ct);
        var facts = await DealAttributes.Load(db, closed, since.AddDays(-90), ct);
        var examples = new List<(Guid, DealOutcome)>();
        foreach (var deal in closed)
        {
            var moves = deal.Moves.OrderBy(m => m.On).ToList();
            for (var i = 0; i < moves.Count; i++)
            {
                if (!openStages.TryGetValue(moves[i].To, out var prior)) continue;
                var left = i + 1 < moves.Count ? moves[i + 1].On : deal.ClosedOn!.Value;
                var passage = new DealFacts(moves[i].To, prior, (double)deal.Amount, deal.BantTotal, left.DayNumber - moves[i].On.DayNumber, facts.Activities(deal.AccountId, moves[i].On), facts.Of(deal));
                examples.Add((deal.Id, new DealOutcome(passage, won.Contains(deal.StageCode), deal.ClosedOn!.Value)));
            }
        }
        var model = examples.Count == 0 ? null : WinModel.Tune(examples);
        var evaluation = WinModel.Evaluate(examples);
        var why = model is null || evaluation is null ? "no-closed-deals" : evaluation.Why;
        return new Learned(today, model, evaluation, why is null, why);
    }

    /// <summary>What the model reads about deals beyond the deal itself: the account's tier and industry, the channel, the owner, the main product line, and the account's activities by day.</summary>
    sealed class DealAttributes
    {
        Dictionary<Guid, (Domain.Customers.CustomerTier? Tier, string? Industry)> accounts = [];
        Dictionary<Guid, string> channels = [];
        Dictionary<Guid, string> owners = [];
        Dictionary<Guid, string> productLines = [];
        Dictionary<Guid, DateOnly[]> touches = [];

        public static async Task<DealAttributes> Load(PlanLoopDbContext db, IReadOnlyCollection<Opportunity> deals, DateOnly activitiesSince, CancellationToken ct)
        {
            var accountIds = deals.Select(o => o.AccountId).Distinct().ToList();
            var since = activitiesSince.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return new DealAttributes
            {
                accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).Select(a => new { a.Id, a.Tier, a.Industry }).ToDictionaryAsync(a => a.Id, a => (a.Tier, a.Industry), ct),
                channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, ct),
                owners = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct),
                productLines = await (from p in db.Products join l in db.ProductLines on p.ProductLineId equals l.Id select new { p.Id, l.Code }).ToDictionaryAsync(p => p.Id, p => p.Code, ct),
                touches = (await db.Activities.AsNoTracking().Where(a => accountIds.Contains(a.AccountId) && a.OccurredAt >= since).Select(a => new { a.AccountId, a.OccurredAt }).ToListAsync(ct))
                    .GroupBy(a => a.AccountId).ToDictionary(g => g.Key, g => g.Select(a => DateOnly.FromDateTime(a.OccurredAt)).Order().ToArray()),
            };
        }

        /// <summary>The account's activities in the 90 days before a day.</summary>
        public int Activities(Guid account, DateOnly before)
        {
            if (!touches.TryGetValue(account, out var days)) return 0;
            int Index(DateOnly day) { var i = Array.BinarySearch(days, day); if (i < 0) return ~i; while (i > 0 && days[i - 1] == day) i--; return i; }
            return Index(before) - Index(before.AddDays(-90));
        }

        public Dictionary<string, string?> Of(Opportunity o)
        {
            var account = accounts.GetValueOrDefault(o.AccountId);
            return new Dictionary<string, string?>
            {
                ["tier"] = account.Tier?.ToString(),
                ["channel"] = o.ChannelId is { } c ? channels.GetValueOrDefault(c) : null,
                ["industry"] = string.IsNullOrWhiteSpace(account.Industry) ? null : account.Industry.Trim(),
                ["owner"] = o.OwnerId is { } owner ? owners.GetValueOrDefault(owner) : null,
                ["product-line"] = o.Lines.OrderByDescending(l => l.Amount).Select(l => productLines.GetValueOrDefault(l.ProductId)).FirstOrDefault(),
            };
        }
    }

    static decimal Round(double p) => Math.Round((decimal)p, 4);
}
