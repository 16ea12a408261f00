using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Customers;

/// <summary>Reading a contacts file: each row to its account (by credit code or name) and its contact (by name).</summary>
public sealed partial class AccountFiles
{
    static async Task<List<ImportRowChange>> ApplyContacts(PlanLoopDbContext db, TabularTable table, Dictionary<string, string> columns, FieldMap map, LookupTables lookups, Viewer viewer, List<WorkbookError> errors, CancellationToken ct)
    {
        var accounts = await AccountKeys(db, viewer, ct);
        var contacts = (await db.Contacts.ToListAsync(ct)).ToLookup(c => c.AccountId);
        var added = new Dictionary<(Guid, string), int>();
        var changes = new List<ImportRowChange>();
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table, row, columns, map, lookups, errors);
            var before = errors.Count;
            var account = FindAccount(accounts, r);
            var name = r.Required("name");
            var level = r.Number("level", 1m);
            var role = DecisionRole.User;
            if (r.Text("role") is { } roleText)
                if (Roles.TryGetValue(roleText, out var rr) || Enum.TryParse(roleText, true, out rr)) role = rr;
                else r.Error("role", $"'{roleText}' 不是有效的角色;可用: {string.Join(", ", Roles.Keys)}。");
            if (level is { } l && (l != decimal.Truncate(l) || l > ContactDetails.MaxLevel)) r.Error("level", $"层级应为 1 到 {ContactDetails.MaxLevel} 的整数。");
            if (account is null || name is null || level is null || errors.Count > before) continue;
            var details = new ContactDetails(name, role, (int)level.Value, r.Text("title"), r.Text("phone"), r.Text("email"));
            foreach (var (field, problems) in details.Problems()) foreach (var p in problems) r.Error(field, p);
            if (errors.Count > before) continue;
            if (added.TryGetValue((account.Id, name.Trim()), out var firstRow)) { r.Error("name", $"与第 {firstRow} 行是同一客户的同一联系人。"); continue; }
            added[(account.Id, name.Trim())] = row.Number;
            var existing = contacts[account.Id].FirstOrDefault(c => c.Name == name.Trim());
            if (existing is null)
            {
                db.Contacts.Add(new Contact(account.Id, details));
                changes.Add(new ImportRowChange(row.Number, $"{account.Name} / {name}", RowAction.Create, []));
            }
            else
            {
                var diff = new List<string>();
                if (existing.Role != details.Role) diff.Add($"角色: {RoleName(existing.Role)} → {RoleName(details.Role)}");
                if (existing.Level != details.Level) diff.Add($"层级: {existing.Level} → {details.Level}");
                if (existing.Title != (details.Title?.Trim() is { Length: > 0 } t ? t : null)) diff.Add($"职务: {existing.Title ?? "—"} → {details.Title ?? "—"}");
                if (diff.Count > 0) existing.Update(details);
                changes.Add(new ImportRowChange(row.Number, $"{account.Name} / {name}", diff.Count > 0 ? RowAction.Update : RowAction.Unchanged, diff));
            }
        }
        await db.SaveChangesAsync(ct);
        return changes;
    }

}
