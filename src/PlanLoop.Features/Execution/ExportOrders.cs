using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Execution;

/// <summary>
/// Exports booked order lines in the viewer's scope as .csv or .xlsx, streamed row by row from the
/// database to the output (a million lines never sit in memory), with the orders import's own
/// headers and codes — account by credit code (or name), product, product line, region and channel by
/// code, owner by name — so an export can be imported again. Oldest first, then by order number.
/// </summary>
public sealed class ExportOrders(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public static IReadOnlyList<string> Headers { get; } = [.. ImportOrders.Fields.Select(f => f.Header), "合同号"];

    public async Task<long> Handle(Stream output, bool csv, DateOnly? from, DateOnly? to, Viewer viewer, IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var lines = db.OrderLines.AsNoTracking().Visible(db, viewer);
        if (from is { } f) lines = lines.Where(o => o.BookedOn >= f);
        if (to is { } t) lines = lines.Where(o => o.BookedOn <= t);
        var rows = from o in lines
                   join a in db.Accounts on o.AccountId equals a.Id
                   join p in db.Products on o.ProductId equals p.Id into ps
                   from p in ps.DefaultIfEmpty()
                   join l in db.ProductLines on o.ProductLineId equals l.Id into ls
                   from l in ls.DefaultIfEmpty()
                   join r in db.Regions on o.RegionId equals r.Id into rs
                   from r in rs.DefaultIfEmpty()
                   join c in db.Channels on o.ChannelId equals c.Id into cs
                   from c in cs.DefaultIfEmpty()
                   join w in db.People on o.OwnerId equals w.Id into ws
                   from w in ws.DefaultIfEmpty()
                   join k in db.Contracts on o.ContractId equals k.Id into ks
                   from k in ks.DefaultIfEmpty()
                   orderby o.BookedOn, o.OrderNumber
                   select new { o.OrderNumber, o.BookedOn, Account = a.CreditCode ?? a.Name, o.Amount, Product = p.Code, Line = l.Code, Region = r.Code, Channel = c.Code, Owner = w.Name, Contract = k.Number };
        long count = 0;
        IEnumerable<object?[]> Counted()
        {
            foreach (var row in rows.AsEnumerable())
            {
                if (++count % 50_000 == 0) progress?.Report(count);
                yield return [row.OrderNumber, row.BookedOn, row.Account, row.Amount, row.Product, row.Line, row.Region, row.Channel, row.Owner, row.Contract];
            }
        }
        await Task.Run(() => TabularFile.WriteTo(output, "订单", Headers, Counted(), csv), ct);
        progress?.Report(count);
        return count;
    }
}
