using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

public enum LeadDimension
{
    Month,
    Source,
    Channel,
    Owner,
}

public sealed record LeadFunnelRow(string Key, LeadFunnel Funnel);

public sealed record LeadFunnelReport(DateOnly From, DateOnly To, LeadDimension By, IReadOnlyList<LeadFunnelRow> Rows, LeadFunnel Total, decimal? Target, string? PlanVersion);

/// <summary>
/// The qualified-lead rate (SQL ÷ leads worked) of the leads created in a period, by month, source,
/// channel or owner, counted by the database, against the plan's target (40% in the seed).
/// </summary>
public sealed class GetLeadFunnel(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public async Task<LeadFunnelReport> Handle(DateOnly first, DateOnly last, LeadDimension by, Viewer viewer, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var leads = db.Leads.AsNoTracking().Visible(db, viewer).Where(l => l.CreatedOn >= first && l.CreatedOn <= last);
        var groups = by switch
        {
            LeadDimension.Source => await Count(leads.GroupBy(l => l.Source.ToString()), ct),
            LeadDimension.Channel => await Count(leads.GroupBy(l => l.Channel.ToString()), ct),
            LeadDimension.Owner => await Count(leads.GroupBy(l => db.People.Where(p => p.Id == l.OwnerId).Select(p => p.Name).FirstOrDefault() ?? "—"), ct),
            _ => (await Count(leads.GroupBy(l => (l.CreatedOn.Year * 100) + l.CreatedOn.Month), ct))
                .Select(g => g with { Key = $"{int.Parse(g.Key, CultureInfo.InvariantCulture) / 100:D4}-{int.Parse(g.Key, CultureInfo.InvariantCulture) % 100:D2}" }).ToList(),
        };
        var rows = groups.OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var total = new LeadFunnel(rows.Sum(r => r.Funnel.Leads), rows.Sum(r => r.Funnel.Worked), rows.Sum(r => r.Funnel.Qualified), rows.Sum(r => r.Funnel.Disqualified));
        var target = (await PlanTargets.For(db, last.Year, ct))(Kpi.QualifiedLeadRate);
        return new LeadFunnelReport(first, last, by, rows, total, target?.Target, target?.PlanVersion);
    }

    static async Task<List<LeadFunnelRow>> Count<TKey>(IQueryable<IGrouping<TKey, Lead>> groups, CancellationToken ct) =>
        (await groups.Select(g => new
        {
            g.Key,
            Leads = g.Count(),
            Worked = g.Count(l => l.Status != LeadStatus.New),
            Qualified = g.Count(l => l.Status == LeadStatus.Qualified),
            Disqualified = g.Count(l => l.Status == LeadStatus.Disqualified),
        }).ToListAsync(ct))
        .Select(x => new LeadFunnelRow(Convert.ToString(x.Key, CultureInfo.InvariantCulture) ?? "—", new LeadFunnel(x.Leads, x.Worked, x.Qualified, x.Disqualified))).ToList();
}
