using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Organisation;

public sealed record NamedItem(Guid Id, string Code, string Name, string NameEn, bool IsActive);

public sealed record ChannelItem(Guid Id, string Code, string Name, string NameEn, ChannelKind Kind, bool IsActive);

public sealed record TeamItem(Guid Id, string Code, string Name, string NameEn, TeamKind Kind, int PlannedHeadcount, int ActualHeadcount, string Responsibility);

public sealed record ProductItem(Guid Id, string Code, string Name, string NameEn, string ProductLineCode, PyramidTier? Tier, decimal? GrossMargin, decimal ListPrice, bool IsActive);

public sealed record PersonItem(Guid Id, string Name, Position Position, string? TeamCode, string? RegionCode, string? Email);

public sealed record OrganisationView(
    IReadOnlyList<NamedItem> Regions,
    IReadOnlyList<NamedItem> ProductLines,
    IReadOnlyList<ProductItem> Products,
    IReadOnlyList<ChannelItem> Channels,
    IReadOnlyList<TeamItem> Teams,
    IReadOnlyList<PersonItem> People)
{
    public int PlannedHeadcount => Teams.Sum(t => t.PlannedHeadcount);
    public int ActualHeadcount => People.Count;
}

/// <summary>The master data the plan is decomposed over: regions, product lines, channels, teams and people.</summary>
public sealed class GetOrganisation(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public async Task<OrganisationView> Handle(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.SortOrder)
            .Select(r => new NamedItem(r.Id, r.Code, r.Name, r.NameEn, r.IsActive)).ToListAsync(ct);
        var lines = await db.ProductLines.AsNoTracking().OrderBy(r => r.SortOrder)
            .Select(r => new NamedItem(r.Id, r.Code, r.Name, r.NameEn, r.IsActive)).ToListAsync(ct);
        var products = await (
            from p in db.Products.AsNoTracking()
            join l in db.ProductLines on p.ProductLineId equals l.Id
            orderby l.SortOrder, p.Tier, p.Code
            select new ProductItem(p.Id, p.Code, p.Name, p.NameEn, l.Code, p.Tier, p.GrossMargin, p.ListPrice, p.IsActive)).ToListAsync(ct);
        var channels = await db.Channels.AsNoTracking().OrderBy(r => r.SortOrder)
            .Select(r => new ChannelItem(r.Id, r.Code, r.Name, r.NameEn, r.Kind, r.IsActive)).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.SortOrder)
            .Select(t => new TeamItem(t.Id, t.Code, t.Name, t.NameEn, t.Kind, t.PlannedHeadcount,
                db.People.Count(p => p.TeamId == t.Id && p.IsActive), t.Responsibility))
            .ToListAsync(ct);
        var people = await (
            from p in db.People.AsNoTracking()
            where p.IsActive
            join t in db.Teams on p.TeamId equals t.Id into pt
            from t in pt.DefaultIfEmpty()
            join r in db.Regions on p.RegionId equals r.Id into pr
            from r in pr.DefaultIfEmpty()
            select new { Sort = t == null ? -1 : t.SortOrder, Item = new PersonItem(p.Id, p.Name, p.Position, t == null ? null : t.Code, r == null ? null : r.Code, p.Email) })
            .ToListAsync(ct);
        // Positions are stored by name; ordered here by rank (director first), which SQL would order alphabetically.
        return new OrganisationView(regions, lines, products, channels, teams,
            people.OrderBy(p => p.Sort).ThenBy(p => (int)p.Item.Position).ThenBy(p => p.Item.Name, StringComparer.Ordinal).Select(p => p.Item).ToList());
    }
}
