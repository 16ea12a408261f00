using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Formatting;
using PlanLoop.Domain.Monitoring;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Monitoring;

public sealed record VarianceSegment(string Key, string Name, decimal PlanRevenue, decimal PlanVolume, decimal? PlanPrice, decimal ActualRevenue, int ActualVolume, decimal? ActualPrice,
    decimal Variance, decimal Price, decimal Mix);

public sealed record VarianceReport(int Year, DateOnly AsOf, ActualDimension By, PlanBasis Plan, VarianceEffects Effects, IReadOnlyList<VarianceSegment> Segments,
    string Explanation, string ExplanationEn);

/// <summary>
/// Why revenue to date differs from the plan, along a dimension the plan breaks revenue down by
/// (product line, region, channel) or by customer tier: the price / volume / mix decomposition of the variance, with
/// volume counted in order lines and the plan's prices taken from last year's average order line per
/// segment (the plan sets amounts, not prices; last year's price is what the amounts were built
/// on). The plan sets no tier targets, so by tier the plan to date is split by last year's tier
/// mix — what the plan would have sold had the customer base bought as it did last year. The three
/// effects add up to the fen. A short explanation in Chinese and English names the
/// largest effect and the segment that moved most.
/// </summary>
public sealed class GetVariance(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, ReadCache cache)
{
    /// <summary>The variance, from the read cache while nothing has been written (see <see cref="ReadCache"/>).</summary>
    public Task<VarianceReport?> Handle(int year, ActualDimension by, Guid? versionId, Viewer viewer, CancellationToken ct) =>
        cache.Get("variance", $"{year}|{by}|{versionId}", viewer, businessDay.Today(), () => Compute(year, by, versionId, viewer, ct), ct);

    async Task<VarianceReport?> Compute(int year, ActualDimension by, Guid? versionId, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var today = businessDay.Today();
        var asOf = today < new DateOnly(year, 12, 31) ? today : new DateOnly(year, 12, 31);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var basis = await PlanActuals.Basis(db, year, versionId, ct);
        var byLastYearsMix = by == ActualDimension.Tier && basis.RevenueTarget is not null;
        if (!(basis.HasTargets(by) || byLastYearsMix) || !viewer.SeesAll) return null;
        var expected = PlanActuals.Expected(basis, asOf);
        var actual = await PlanActuals.Sum(db, PlanActuals.Lines(db, viewer, new DateOnly(year, 1, 1), asOf), by, null, ct);
        var prior = await PlanActuals.Sum(db, PlanActuals.Lines(db, viewer, new DateOnly(year - 1, 1, 1), new DateOnly(year - 1, 12, 31)), by, null, ct);
        var priorTotal = prior.Sum(c => c.Amount);
        var names = await GetPlanVsActual.Names(db, ct);
        var members = (byLastYearsMix ? prior.Select(c => c.A ?? "—") : basis.RevenueBreakdowns[PlanActuals.PlanDimension(by)!.Value].Parts.Select(p => p.Member))
            .Union(actual.Select(c => c.A ?? "—")).ToList();
        // By last year's mix the plan to date is split by largest remainder, so its parts add up to the fen.
        var mixPlan = byLastYearsMix && priorTotal != 0m
            ? Domain.Amounts.Money.Cny(Math.Round(basis.RevenueTarget!.Value * expected, 2, MidpointRounding.AwayFromZero))
                .Allocate([.. members.Select(m => prior.Where(c => (c.A ?? "—") == m).Sum(c => c.Amount))]).Select(x => x.Amount).ToList()
            : null;
        var segments = members.Select((m, i) =>
        {
            var planRevenue = byLastYearsMix ? mixPlan?[i] ?? 0m : Math.Round((basis.MemberTarget(by, m) ?? 0m) * expected, 2, MidpointRounding.AwayFromZero);
            var last = prior.FirstOrDefault(c => (c.A ?? "—") == m);
            var price = last is { Lines: > 0 } ? last.Amount / last.Lines : (decimal?)null;
            var now = actual.FirstOrDefault(c => (c.A ?? "—") == m);
            return (Member: m, Segment: new Segment(m, planRevenue, price is { } p && p != 0m ? planRevenue / p : 0m, now?.Amount ?? 0m, now?.Lines ?? 0));
        }).ToList();
        var effects = PriceVolumeMix.Decompose(segments.Select(s => s.Segment).ToList());
        var rows = segments.Select(s =>
        {
            var e = effects.Segments.Single(x => x.Key == s.Member);
            return new VarianceSegment(s.Member, GetPlanVsActual.Name(names, by, s.Member) ?? s.Member, s.Segment.PlanRevenue, Math.Round(s.Segment.PlanVolume, 1, MidpointRounding.AwayFromZero),
                s.Segment.PlanPrice is { } pp ? Math.Round(pp, 2, MidpointRounding.AwayFromZero) : null, s.Segment.ActualRevenue, (int)s.Segment.ActualVolume,
                s.Segment.ActualPrice is { } ap ? Math.Round(ap, 2, MidpointRounding.AwayFromZero) : null, e.Variance, e.Price, e.Mix);
        }).ToList();
        var english = await GetPlanVsActual.EnglishNames(db, by, ct);
        return new VarianceReport(year, asOf, by, basis, effects, rows, Explain(effects, rows, asOf, by, english: false),
            Explain(effects, [.. rows.Select(r => r with { Name = english.GetValueOrDefault(r.Key) ?? r.Name })], asOf, by, english: true));
    }

    static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN"), En = CultureInfo.GetCultureInfo("en");

    static string Explain(VarianceEffects e, IReadOnlyList<VarianceSegment> rows, DateOnly asOf, ActualDimension by, bool english)
    {
        var culture = english ? En : Zh;
        string Money(decimal v) => (v > 0 ? "+" : "") + Figures.Amount(v, english ? AmountStyle.Full : AmountStyle.WanYi, culture);
        var pct = e.PlanRevenue == 0m ? "" : (e.Total / e.PlanRevenue).ToString("+0.0%;-0.0%", culture);
        var largest = new[] { (english ? "volume" : "销量", e.Volume), (english ? "mix" : "结构", e.Mix), (english ? "price" : "价格", e.Price) }.MaxBy(x => Math.Abs(x.Item2));
        var mover = rows.MaxBy(r => Math.Abs(r.Variance));
        var dimension = english ? by.ToString() : by switch { ActualDimension.Region => "区域", ActualDimension.Channel => "渠道", ActualDimension.Tier => "客户等级", _ => "产品线" };
        if (english)
            return $"To {asOf:yyyy-MM-dd} revenue is {Figures.Amount(e.ActualRevenue, AmountStyle.Full, culture)} against a plan to date of {Figures.Amount(e.PlanRevenue, AmountStyle.Full, culture)} ({Money(e.Total)}, {pct}). " +
                   $"Volume {Money(e.Volume)}, mix {Money(e.Mix)}, price {Money(e.Price)}; the largest effect is {largest.Item1}. " +
                   (mover is null ? "" : $"By {dimension.ToLowerInvariant()}, {mover.Name} moved most ({Money(mover.Variance)}).") +
                   (by == ActualDimension.Tier ? " The plan sets no tier targets; its amount to date is split by last year's tier mix." : "");
        return $"截至 {asOf:yyyy-MM-dd},收入 {Figures.Amount(e.ActualRevenue, AmountStyle.WanYi, culture)},按计划进度应为 {Figures.Amount(e.PlanRevenue, AmountStyle.WanYi, culture)}(差额 {Money(e.Total)},{pct})。" +
               $"销量影响 {Money(e.Volume)},结构影响 {Money(e.Mix)},价格影响 {Money(e.Price)};影响最大的是{largest.Item1}。" +
               (mover is null ? "" : $"按{dimension}看,{mover.Name}偏离最多({Money(mover.Variance)})。") +
               (by == ActualDimension.Tier ? "计划未设客户等级目标,按去年各等级收入占比分解计划进度。" : "");
    }
}
