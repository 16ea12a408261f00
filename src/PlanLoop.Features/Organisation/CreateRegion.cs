using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Organisation;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Organisation;

public sealed record CreateRegionInput(string Code, string Name, string NameEn);

/// <summary>Adds a sales region. A region code is unique; a duplicate is refused, not overwritten.</summary>
public sealed class CreateRegion(IDbContextFactory<PlanLoopDbContext> dbs)
{
    /// <summary>The new region, or null when a region with that code exists already.</summary>
    public async Task<NamedItem?> Handle(CreateRegionInput input, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var code = input.Code.Trim().ToUpperInvariant();
        if (await db.Regions.AnyAsync(r => r.Code == code, ct)) return null;
        var order = await db.Regions.Select(r => (int?)r.SortOrder).MaxAsync(ct) ?? 0;
        var region = db.Regions.Add(new Region(code, input.Name, input.NameEn, order + 1)).Entity;
        await db.SaveChangesAsync(ct);
        return new NamedItem(region.Id, region.Code, region.Name, region.NameEn, region.IsActive);
    }
}
