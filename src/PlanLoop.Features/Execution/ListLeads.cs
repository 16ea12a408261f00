using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

public sealed record LeadQuery(string? Search = null, LeadStatus? Status = null, LeadSource? Source = null, LeadChannel? Channel = null, Guid? OwnerId = null,
    int Page = 1, int PageSize = 50);

public sealed record LeadRow(Guid Id, string Company, string? ContactName, string? Phone, LeadSource Source, LeadChannel Channel, string? Owner, string? Region,
    decimal? IcpScore, LeadStatus Status, string? DisqualifyReason, DateOnly CreatedOn, Guid? AccountId, int Revision);

public sealed record LeadPage(IReadOnlyList<LeadRow> Rows, int Total, int Page, int PageSize, IReadOnlyDictionary<LeadStatus, int> ByStatus);

/// <summary>The leads a viewer may see, newest first, filtered and paged by the database, with a count per status.</summary>
public sealed class ListLeads(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public async Task<LeadPage> Handle(LeadQuery query, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var leads = db.Leads.AsNoTracking().Visible(db, viewer);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            leads = leads.Where(l => l.Company.Contains(text) || (l.ContactName != null && l.ContactName.Contains(text)) || (l.Phone != null && l.Phone.Contains(text)));
        }
        if (query.Source is { } source) leads = leads.Where(l => l.Source == source);
        if (query.Channel is { } channel) leads = leads.Where(l => l.Channel == channel);
        if (query.OwnerId is { } owner) leads = leads.Where(l => l.OwnerId == owner);
        var byStatus = await leads.GroupBy(l => l.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        if (query.Status is { } status) leads = leads.Where(l => l.Status == status);
        var size = Math.Clamp(query.PageSize, 1, 500);
        var page = Math.Max(1, query.Page);
        var total = await leads.CountAsync(ct);
        var rows = await leads.OrderByDescending(l => l.CreatedOn).ThenBy(l => l.Company)
            .Skip((page - 1) * size).Take(size)
            .Select(l => new LeadRow(l.Id, l.Company, l.ContactName, l.Phone, l.Source, l.Channel,
                db.People.Where(p => p.Id == l.OwnerId).Select(p => p.Name).FirstOrDefault(),
                db.Regions.Where(r => r.Id == l.RegionId).Select(r => r.Name).FirstOrDefault(),
                l.IcpScore, l.Status, l.DisqualifyReason, l.CreatedOn, l.AccountId, l.Revision))
            .ToListAsync(ct);
        return new LeadPage(rows, total, page, size, Enum.GetValues<LeadStatus>().ToDictionary(s => s, s => byStatus.GetValueOrDefault(s)));
    }
}
