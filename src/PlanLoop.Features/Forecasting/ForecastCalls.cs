using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Forecasting;

/// <summary>The open deals of one forecast category expected to close in the period: how many and their amount.</summary>
public sealed record CategoryTotal(ForecastCategory Category, int Deals, decimal Amount);

/// <summary>
/// What the system says for a period from the deals and the books: revenue booked so far, the commit (booked + Commit
/// deals), the best case (commit + Best case deals), and every category's deals.
/// </summary>
public sealed record CallFigures(decimal Booked, decimal Commit, decimal BestCase, IReadOnlyList<CategoryTotal> Categories)
{
    public static CallFigures Sum(IEnumerable<CallFigures> parts)
    {
        var list = parts.ToList();
        return new CallFigures(list.Sum(p => p.Booked), list.Sum(p => p.Commit), list.Sum(p => p.BestCase),
            [.. Enum.GetValues<ForecastCategory>().Where(c => c != ForecastCategory.Closed)
                .Select(c => new CategoryTotal(c, list.Sum(p => p.Categories.Where(x => x.Category == c).Sum(x => x.Deals)), list.Sum(p => p.Categories.Where(x => x.Category == c).Sum(x => x.Amount))))]);
    }
}

/// <summary>A seller (in a manager's board) or a team (in the director's): the system's figures and their latest call of the week, if any.</summary>
public sealed record CallRow(Guid Id, string Name, CallFigures System, ForecastCall? Latest)
{
    /// <summary>What the row adds to the roll-up: the latest call, or the system's figures for one not yet made.</summary>
    public (decimal Commit, decimal BestCase) Counted => Latest is { } c ? (c.Commit, c.BestCase) : (System.Commit, System.BestCase);

    /// <summary>The roll-up of rows: what each of them counts, added up.</summary>
    public static (decimal Commit, decimal BestCase) Rollup(IEnumerable<CallRow> rows) =>
        rows.Aggregate((Commit: 0m, BestCase: 0m), (s, r) => (s.Commit + r.Counted.Commit, s.BestCase + r.Counted.BestCase));
}

/// <summary>
/// A person's forecast board for a period and the current week: their scope (own deals, a team, the company), the
/// system's figures, the rows below (for a manager their sellers, for the director the teams) with each one's latest
/// call, the roll-up the call starts from, their latest call and every call they made for the period (newest first).
/// </summary>
public sealed record CallBoard(int Year, int? Quarter, DateOnly Week, int IsoWeek, CallScope Scope, bool CanSubmit, string Name, CallFigures System,
    IReadOnlyList<CallRow> Below, decimal RollupCommit, decimal RollupBestCase, ForecastCall? Latest, IReadOnlyList<ForecastCall> History, IReadOnlyList<CallDeal> Deals)
{
    /// <summary>For the director: the sellers' latest calls (or system figures) added up by the region each seller works in (code; "" for none).</summary>
    public IReadOnlyList<RegionRollup> ByRegion { get; init; } = [];
}

/// <summary>A region's roll-up of its sellers' calls: the system's commit and best case, and what the sellers' latest calls (or, without one, the system's figures) add up to.</summary>
public sealed record RegionRollup(string Region, int Sellers, int Called, decimal SystemCommit, decimal SystemBestCase, decimal Commit, decimal BestCase);

/// <summary>An open deal expected to close in the period, with the category it counts in (and whether that is its owner's choice or the stage's default).</summary>
public sealed record CallDeal(Guid Id, string Name, string? Owner, string Stage, decimal Amount, DateOnly ExpectedClose, ForecastCategory Category, bool ByOwner, int Revision);

/// <summary>A call as submitted: the period (a quarter of the year, or the year), the commit and best case, a comment and, for an adjusted roll-up, the reason.</summary>
public sealed record CallInput(int Year, int? Quarter, decimal Commit, decimal BestCase, string? Comment = null, string? AdjustReason = null);

/// <summary>
/// Weekly forecast calls: a seller calls their own deals, a manager their team (starting from the sellers' latest
/// calls, a seller without one counted at the system's figures), the director the company (from the teams' calls).
/// Calls are added, never changed, so any week's calls can be read back. Finance, sales operations and customer
/// success see the company's board but do not call.
/// </summary>
public sealed class ForecastCalls(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, EditSalesSettings settings, TimeProvider clock)
{
    public const int HistoryLimit = 100;
    public const int DealLimit = 500;

    public async Task<EditResult<CallBoard>> Board(Viewer viewer, int? year, int? quarter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var today = businessDay.Today();
        var (y, q) = (year ?? today.Year, year is null && quarter is null ? (today.Month + 2) / 3 : quarter);
        if (PeriodProblems(y, q) is { Count: > 0 } problems) return EditResult<CallBoard>.Invalid(problems);
        if (Scope(viewer) is not { } scope) return EditResult<CallBoard>.NotFound;   // a login with no person record has no deals to call
        await using var db = await dbs.CreateDbContextAsync(ct);
        return EditResult<CallBoard>.Saved(await Build(db, viewer, scope, y, q, ForecastCall.WeekOf(today), ct));
    }

    public async Task<EditResult> Submit(Viewer viewer, CallInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(input);
        if (Scope(viewer) is not { } scope) return EditResult.NotFound;
        if (!CanSubmit(viewer, scope)) throw new Domain.RuleException("forecast-call-not-allowed");
        if (PeriodProblems(input.Year, input.Quarter) is { Count: > 0 } periodProblems) return EditResult.Invalid(periodProblems);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var week = ForecastCall.WeekOf(businessDay.Today());
        var board = await Build(db, viewer, scope, input.Year, input.Quarter, week, ct);
        var problems = ForecastCall.Problems(scope, input.Year, input.Quarter, week, input.Commit, input.BestCase, board.RollupCommit, board.RollupBestCase, input.Comment, input.AdjustReason)
            .ToDictionary(p => p.Key, p => new[] { p.Value });
        foreach (var (field, error) in StoredPrecision.Problems(input)) problems[field] = error;
        if (problems.Count > 0) return EditResult.Invalid(problems);
        var call = new ForecastCall(scope, viewer.PersonId, scope == CallScope.Own ? null : viewer.TeamId, viewer.UserName, input.Year, input.Quarter, week,
            input.Commit, input.BestCase, board.RollupCommit, board.RollupBestCase, input.Comment, input.AdjustReason, clock.GetUtcNow().UtcDateTime);
        db.ForecastCalls.Add(call);
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(call.Id);
    }

    /// <summary>Every call made in a week for a period, in the caller's scope ("what did we say in week 30"), in the order they were made.</summary>
    public async Task<EditResult<IReadOnlyList<ForecastCall>>> Week(Viewer viewer, int year, int? quarter, DateOnly week, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var problems = PeriodProblems(year, quarter);
        if (week.DayOfWeek != DayOfWeek.Monday) problems["week"] = ["A week is named by its Monday."];
        if (problems.Count > 0) return EditResult<IReadOnlyList<ForecastCall>>.Invalid(problems);
        if (Scope(viewer) is null) return EditResult<IReadOnlyList<ForecastCall>>.NotFound;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var calls = Visible(db, viewer).Where(c => c.Year == year && c.Quarter == quarter && c.Week == week);
        return EditResult<IReadOnlyList<ForecastCall>>.Saved(await calls.OrderBy(c => c.SubmittedAt).Take(1000).ToListAsync(ct));
    }

    /// <summary>The calls a viewer may read: all for those who see the company, a manager's team's and their own, a seller's own.</summary>
    internal static IQueryable<ForecastCall> Visible(PlanLoopDbContext db, Viewer viewer)
    {
        var calls = db.ForecastCalls.AsNoTracking();
        if (viewer.SeesAll) return calls;
        if (viewer.SeesTeam)
            return calls.Where(c => c.PersonId == viewer.PersonId || c.TeamId == viewer.TeamId || db.People.Any(p => p.TeamId == viewer.TeamId && p.Id == c.PersonId));
        return viewer.PersonId is { } me ? calls.Where(c => c.PersonId == me && c.Scope == CallScope.Own) : calls.Where(_ => false);
    }

    /// <summary>Director and Admin call the company, a Manager their team, anyone with a person record their own deals; sales operations, finance and customer success read the company's board.</summary>
    public static CallScope? Scope(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.SeesAll) return CallScope.Company;
        if (viewer.SeesTeam) return CallScope.Team;
        return viewer.PersonId is null ? null : CallScope.Own;
    }

    static bool CanSubmit(Viewer viewer, CallScope scope) =>
        viewer.Allows(Permission.SubmitForecast) && (scope != CallScope.Company || viewer.Can(Roles.Director, Roles.Admin));

    static Dictionary<string, string[]> PeriodProblems(int year, int? quarter)
    {
        var problems = new Dictionary<string, string[]>();
        if (year is < 2000 or > 2100) problems["year"] = ["The year must be between 2000 and 2100."];
        if (quarter is < 1 or > 4) problems["quarter"] = ["The quarter is 1 to 4 (or none for the year)."];
        return problems;
    }

    async Task<CallBoard> Build(PlanLoopDbContext db, Viewer viewer, CallScope scope, int year, int? quarter, DateOnly week, CancellationToken ct)
    {
        var (from, to) = ForecastCall.PeriodOf(year, quarter);
        var stages = (await settings.Current(ct)).Stages;
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name, p.TeamId, p.RegionId }).ToListAsync(ct);
        var owners = scope switch
        {
            CallScope.Own => people.Where(p => p.Id == viewer.PersonId).ToList(),
            CallScope.Team => people.Where(p => p.TeamId == viewer.TeamId).ToList(),
            _ => people,
        };
        var ids = owners.Select(p => (Guid?)p.Id).ToList();
        // The books in the database (one sum per owner); the period's open deals are few, categorised here.
        var today = businessDay.Today();
        var booked = await db.OrderLines.AsNoTracking().Where(o => o.BookedOn >= from && o.BookedOn <= to && o.BookedOn <= today && ids.Contains(o.OwnerId))
            .GroupBy(o => o.OwnerId).Select(g => new { Owner = g.Key, Amount = g.Sum(o => o.Amount) }).ToDictionaryAsync(g => g.Owner ?? Guid.Empty, g => g.Amount, ct);
        var deals = await db.Opportunities.AsNoTracking().Where(o => o.ClosedOn == null && o.ExpectedClose >= from && o.ExpectedClose <= to && ids.Contains(o.OwnerId)).ToListAsync(ct);
        CallFigures Figures(Guid person)
        {
            var mine = deals.Where(d => d.OwnerId == person).GroupBy(d => ForecastCategories.Of(d, stages)).ToDictionary(g => g.Key, g => (Count: g.Count(), Amount: g.Sum(d => d.Amount)));
            var b = booked.GetValueOrDefault(person);
            var commit = b + mine.GetValueOrDefault(ForecastCategory.Commit).Amount;
            return new CallFigures(b, commit, commit + mine.GetValueOrDefault(ForecastCategory.BestCase).Amount,
                [.. Enum.GetValues<ForecastCategory>().Where(c => c != ForecastCategory.Closed).Select(c => new CategoryTotal(c, mine.GetValueOrDefault(c).Count, mine.GetValueOrDefault(c).Amount))]);
        }

        var weekCalls = await db.ForecastCalls.AsNoTracking().Where(c => c.Year == year && c.Quarter == quarter && c.Week == week).ToListAsync(ct);
        var sellersLatest = CallRollup.Latest(weekCalls.Where(c => c.Scope == CallScope.Own), c => c.PersonId).ToDictionary(c => c.PersonId!.Value);
        var teamsLatest = CallRollup.Latest(weekCalls.Where(c => c.Scope == CallScope.Team), c => c.TeamId).Where(c => c.TeamId is not null).ToDictionary(c => c.TeamId!.Value);
        List<CallRow> Sellers(IEnumerable<Guid> members)
        {
            var set = members.ToHashSet();
            return [.. owners.Where(p => set.Contains(p.Id)).Select(p => new CallRow(p.Id, p.Name, Figures(p.Id), sellersLatest.GetValueOrDefault(p.Id))).OrderBy(r => r.Name, StringComparer.Ordinal)];
        }

        List<CallRow> below;
        List<CallRow> sellerRows = [];
        CallFigures system;
        string name;
        switch (scope)
        {
            case CallScope.Own:
                system = Figures(viewer.PersonId!.Value);
                below = [];
                name = owners.FirstOrDefault()?.Name ?? viewer.UserName;
                break;
            case CallScope.Team:
                below = Sellers(owners.Select(p => p.Id));
                system = CallFigures.Sum(below.Select(r => r.System));
                name = await db.Teams.Where(t => t.Id == viewer.TeamId).Select(t => t.Code).FirstOrDefaultAsync(ct) ?? "";
                break;
            default:
                var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Code }).ToListAsync(ct);
                var teamOf = owners.ToDictionary(p => p.Id, p => p.TeamId);
                sellerRows = Sellers(owners.Where(p => p.TeamId is not null).Select(p => p.Id));
                below = [.. teams.Select(t =>
                {
                    var sellers = sellerRows.Where(r => teamOf[r.Id] == t.Id).ToList();
                    var rollup = CallRow.Rollup(sellers);
                    var figures = CallFigures.Sum(sellers.Select(r => r.System));
                    // A team without its manager's call counts at its sellers' roll-up.
                    return new CallRow(t.Id, t.Code, figures with { Commit = rollup.Commit, BestCase = rollup.BestCase }, teamsLatest.GetValueOrDefault(t.Id));
                })];
                system = CallFigures.Sum(below.Select(r => r.System));
                name = "";
                break;
        }
        var (rollupCommit, rollupBest) = scope == CallScope.Own
            ? (system.Commit, system.BestCase)
            : CallRow.Rollup(below);
        var history = await Mine(db, viewer, scope).Where(c => c.Year == year && c.Quarter == quarter)
            .OrderByDescending(c => c.Week).ThenByDescending(c => c.SubmittedAt).Take(HistoryLimit).ToListAsync(ct);
        var latest = history.FirstOrDefault(c => c.Week == week);
        var names = people.ToDictionary(p => p.Id, p => p.Name);
        var callDeals = deals.OrderByDescending(d => d.Amount).ThenBy(d => d.Name, StringComparer.Ordinal).Take(DealLimit)
            .Select(d => new CallDeal(d.Id, d.Name, d.OwnerId is { } o ? names.GetValueOrDefault(o) : null, d.StageCode, d.Amount, d.ExpectedClose, ForecastCategories.Of(d, stages), d.Category is not null, d.Revision))
            .ToList();
        var byRegion = new List<RegionRollup>();
        if (scope == CallScope.Company)
        {
            var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Code, ct);
            var regionOf = owners.ToDictionary(p => p.Id, p => p.RegionId is { } region ? regions.GetValueOrDefault(region, "") : "");
            byRegion = [.. sellerRows.GroupBy(r => regionOf[r.Id])
                .Select(g => new RegionRollup(g.Key, g.Count(), g.Count(r => r.Latest is not null), g.Sum(r => r.System.Commit), g.Sum(r => r.System.BestCase),
                    g.Sum(r => r.Counted.Commit), g.Sum(r => r.Counted.BestCase)))
                .OrderBy(r => r.Region.Length == 0).ThenBy(r => r.Region, StringComparer.Ordinal)];
        }
        return new CallBoard(year, quarter, week, ISOWeek.GetWeekOfYear(week.ToDateTime(TimeOnly.MinValue)), scope, CanSubmit(viewer, scope), name, system,
            below, rollupCommit, rollupBest, latest, history, callDeals)
        { ByRegion = byRegion };
    }

    /// <summary>The calls a viewer made in their scope: their own, their team's, or the company's.</summary>
    static IQueryable<ForecastCall> Mine(PlanLoopDbContext db, Viewer viewer, CallScope scope) => scope switch
    {
        CallScope.Own => db.ForecastCalls.AsNoTracking().Where(c => c.Scope == CallScope.Own && c.PersonId == viewer.PersonId),
        CallScope.Team => db.ForecastCalls.AsNoTracking().Where(c => c.Scope == CallScope.Team && c.TeamId == viewer.TeamId),
        _ => db.ForecastCalls.AsNoTracking().Where(c => c.Scope == CallScope.Company),
    };
}
