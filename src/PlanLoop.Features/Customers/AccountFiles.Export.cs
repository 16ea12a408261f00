using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Customers;

/// <summary>Exports of accounts and contacts, streamed from the database to the file.</summary>
public sealed partial class AccountFiles
{
    /// <summary>
    /// The accounts the viewer sees, filtered like the list, in the import's own columns (so an export can be edited and
    /// imported back), written to <paramref name="output"/> row by row as the database reads them: 100,000 accounts never
    /// sit in memory at once. Returns the rows written.
    /// </summary>
    public async Task<long> ExportAccounts(Stream output, AccountQuery query, Viewer viewer, bool csv, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = ListAccounts.Filter(db.Accounts.AsNoTracking().Visible(db, viewer), query)
            .OrderBy(a => a.Name)
            .Select(a => new
            {
                a.Name,
                a.CreditCode,
                a.ExternalId,
                a.Industry,
                a.Employees,
                a.Revenue,
                a.Status,
                Region = db.Regions.Where(r => r.Id == a.RegionId).Select(r => r.Code).FirstOrDefault(),
                Owner = db.People.Where(p => p.Id == a.OwnerId).Select(p => p.Name).FirstOrDefault(),
                Advisor = db.People.Where(p => p.Id == a.AdvisorId).Select(p => p.Name).FirstOrDefault(),
                Parent = db.Accounts.Where(p => p.Id == a.ParentId).Select(p => p.Name).FirstOrDefault(),
            });
        long count = 0;
        IEnumerable<object?[]> Rows()
        {
            foreach (var a in rows.AsEnumerable())
            {
                count++;
                yield return [a.Name, a.CreditCode, a.Industry, a.Region, a.Employees, a.Revenue, a.Owner, a.Advisor, a.Parent, StatusName(a.Status), a.ExternalId];
            }
        }
        await Task.Run(() => TabularFile.WriteTo(output, "客户", AccountFields.Select(f => f.Header).ToList(), Rows(), csv), ct);
        return count;
    }

    /// <summary>The contacts of the accounts the viewer sees, in the contacts import's columns, streamed like <see cref="ExportAccounts"/>.</summary>
    public async Task<long> ExportContacts(Stream output, Viewer viewer, bool csv, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = from c in db.Contacts.AsNoTracking()
                   join a in db.Accounts.Visible(db, viewer) on c.AccountId equals a.Id
                   orderby a.Name, c.Level, c.Name
                   select new { Account = a.CreditCode ?? a.Name, c.Name, c.Role, c.Level, c.Title, c.Phone, c.Email };
        long count = 0;
        IEnumerable<object?[]> Rows()
        {
            foreach (var c in rows.AsEnumerable())
            {
                count++;
                yield return [c.Account, c.Name, RoleName(c.Role), c.Level, c.Title, c.Phone, c.Email];
            }
        }
        await Task.Run(() => TabularFile.WriteTo(output, "联系人", ContactFields.Select(f => f.Header).ToList(), Rows(), csv), ct);
        return count;
    }
}
