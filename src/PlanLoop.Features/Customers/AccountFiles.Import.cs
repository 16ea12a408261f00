using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Customers;

/// <summary>Reading an accounts file: columns through the mapping, rows matched by credit code then name, all or nothing.</summary>
public sealed partial class AccountFiles
{
    public async Task<ImportReport> Import(ImportKind kind, Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        if (Execution.RunImport.Streams(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "The streamed kinds are imported by RunImport.");
        var errors = new List<WorkbookError>();
        var table = TabularFile.Read(content, fileName, errors);
        var resolved = table is null ? [] : Resolve(kind, table, mapping, errors);
        var lookups = LookupTables.Load(mapping ?? FieldMap.Empty, fileName, errors);
        if (table is null || errors.Count > 0) return ImportReport.Refused(kind.ToString(), fileName, dryRun, errors, resolved);

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lookup = await Lookup.Load(db, ct);
        var changes = kind switch
        {
            ImportKind.Accounts => await ApplyAccounts(db, lookup, table, resolved, mapping ?? FieldMap.Empty, lookups, viewer, errors, ct),
            ImportKind.Contacts => await ApplyContacts(db, table, resolved, mapping ?? FieldMap.Empty, lookups, viewer, errors, ct),
            _ => await ApplySurveys(db, table, resolved, mapping ?? FieldMap.Empty, lookups, viewer, errors, ct),
        };
        var applied = !dryRun && errors.Count == 0;
        if (applied)
        {
            db.AuditEntries.Add(new Audit.AuditEntry(clock.GetUtcNow().UtcDateTime, viewer.UserName, "import", Guid.NewGuid(), $"import.{kind.ToString().ToLowerInvariant()}", null,
                $"{fileName}: {changes.Count(c => c.Action == RowAction.Create)} created, {changes.Count(c => c.Action == RowAction.Update)} updated"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await Execution.BulkImport.Analyze(db, changes.Count(c => c.Action != RowAction.Unchanged), ct,
                kind switch { ImportKind.Accounts => "cust_accounts", ImportKind.Contacts => "cust_contacts", _ => "cust_survey_answers" });
        }
        else await tx.RollbackAsync(ct);
        var written = changes.Count(c => c.Action != RowAction.Unchanged);
        return new ImportReport(kind.ToString(), fileName, dryRun, applied, table.Rows.Count, applied ? written : 0, errors, errors.Count, [], resolved, watch.Elapsed)
        {
            Updated = applied ? changes.Count(c => c.Action == RowAction.Update) : 0,
            Changes = changes,
        };
    }

    /// <summary>Names and codes the rows refer to, loaded once.</summary>
    sealed record Lookup(Dictionary<string, Guid> RegionByKey, Dictionary<string, List<Guid>> PersonByKey, Dictionary<Guid, string> PersonName, Dictionary<Guid, string> RegionName,
        Dictionary<Guid, Guid?> PersonTeam)
    {
        public static async Task<Lookup> Load(PlanLoopDbContext db, CancellationToken ct)
        {
            var regions = await db.Regions.AsNoTracking().ToListAsync(ct);
            var people = await db.People.AsNoTracking().ToListAsync(ct);
            var regionByKey = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
            foreach (var r in regions)
            {
                regionByKey[r.Code] = r.Id;
                regionByKey[r.Name] = r.Id;
                regionByKey[r.NameEn] = r.Id;
            }
            var personByKey = new Dictionary<string, List<Guid>>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in people)
                foreach (var key in new[] { p.Name, p.Email }.OfType<string>())
                    (personByKey.TryGetValue(key, out var list) ? list : personByKey[key] = []).Add(p.Id);
            return new Lookup(regionByKey, personByKey, people.ToDictionary(p => p.Id, p => p.Name), regions.ToDictionary(r => r.Id, r => r.Name),
                people.ToDictionary(p => p.Id, p => p.TeamId));
        }
    }

    sealed class RowReader(TabularTable table, TabularRow row, Dictionary<string, string> columns, FieldMap map, LookupTables lookups, List<WorkbookError> errors)
    {
        /// <summary>The mapping's constant, else the cell (or, when blank, the value looked up in a second file) through the value map, else the default.</summary>
        public string? Text(string field) =>
            map.Constants.ContainsKey(field) ? map.Read(field, null) : map.Read(field, lookups.Fill(field, columns.TryGetValue(field, out var h) ? row[h] : null, Text));

        public string Column(string field) => columns.TryGetValue(field, out var h) ? h : field;

        public void Error(string field, string message) => errors.Add(new WorkbookError(table.Name, row.Number, Column(field), message));

        public string? Required(string field)
        {
            var text = Text(field);
            if (text is null) Error(field, "不能为空。");
            return text;
        }

        public decimal? Number(string field, decimal min = 0m)
        {
            var text = Text(field);
            if (text is null) return null;
            if (decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number | NumberStyles.AllowExponent, Inv, out var v) && v >= min) return v;
            Error(field, $"'{text}' 不是有效的数字(应 ≥ {min.ToString(Inv)})。");
            return null;
        }

        public Guid? Person(Lookup lookup, string field)
        {
            var text = Text(field);
            if (text is null) return null;
            if (!lookup.PersonByKey.TryGetValue(text, out var ids)) Error(field, $"找不到人员 '{text}'(按姓名或邮箱)。");
            else if (ids.Count > 1) Error(field, $"有 {ids.Count} 位人员叫 '{text}';请改用邮箱。");
            else return ids[0];
            return null;
        }
    }

    async Task<List<ImportRowChange>> ApplyAccounts(PlanLoopDbContext db, Lookup lookup, TabularTable table, Dictionary<string, string> columns, FieldMap map, LookupTables lookups, Viewer viewer, List<WorkbookError> errors, CancellationToken ct)
    {
        var existing = await db.Accounts.ToListAsync(ct);
        var byCode = existing.Where(a => a.CreditCode is not null).ToDictionary(a => a.CreditCode!);
        var byName = existing.GroupBy(a => a.NormalizedName).ToDictionary(g => g.Key, g => g.First());
        var byExternal = existing.Where(a => a.ExternalId is not null).ToDictionary(a => a.ExternalId!, StringComparer.OrdinalIgnoreCase);
        var seenExternal = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var visible = (await db.Accounts.Visible(db, viewer).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        var seenCodes = new Dictionary<string, int>();
        var seenNames = new Dictionary<string, int>();
        var changes = new List<ImportRowChange>();
        // An account outside the importer's scope is not named (a credit code must not reveal whose it is).
        string Shown(Account a) => visible.Contains(a.Id) ? $"“{a.Name}”" : "另一个不在你数据范围内的客户";
        var pendingParents = new List<(Account Account, string Parent, RowReader Reader)>();
        var now = clock.GetUtcNow().UtcDateTime;

        foreach (var row in table.Rows)
        {
            var r = new RowReader(table, row, columns, map, lookups, errors);
            var before = errors.Count;
            var name = r.Required("name");
            var code = CreditCode.Normalize(r.Text("creditCode"));
            var external = r.Text("external_id");
            if (ExternalIds.Problem(external) is { } extProblem) r.Error("external_id", extProblem);
            if (code is not null && CreditCode.Problem(code) is { } codeProblem) r.Error("creditCode", codeProblem);
            Guid? region = null;
            if (r.Text("region") is { } regionText)
                if (lookup.RegionByKey.TryGetValue(regionText, out var rid)) region = rid;
                else r.Error("region", $"找不到区域 '{regionText}'(按编码或名称)。");
            var employees = r.Number("employees");
            if (employees is { } e && e != decimal.Truncate(e)) r.Error("employees", $"员工人数应为整数,实际为 {e.ToString(Inv)}。");
            var revenue = r.Number("revenue");
            var owner = r.Person(lookup, "owner");
            var advisor = r.Person(lookup, "advisor");
            AccountStatus? status = null;
            if (r.Text("status") is { } statusText)
                if (Statuses.TryGetValue(statusText, out var s)) status = s;
                else r.Error("status", $"'{statusText}' 不是有效的状态;可用: 潜在客户, 客户, 流失。");
            if (name is null || errors.Count > before) continue;

            var normalized = CompanyName.Normalize(name);
            if (code is not null && seenCodes.TryGetValue(code, out var firstCodeRow)) { r.Error("creditCode", $"与第 {firstCodeRow} 行的统一社会信用代码重复。"); continue; }
            if (seenNames.TryGetValue(normalized, out var firstNameRow)) { r.Error("name", $"与第 {firstNameRow} 行是同一客户(名称规范化后相同)。"); continue; }
            if (external is not null && seenExternal.TryGetValue(external, out var firstExternalRow)) { r.Error("external_id", $"与第 {firstExternalRow} 行的外部编号相同。"); continue; }
            if (code is not null) seenCodes[code] = row.Number;
            seenNames[normalized] = row.Number;
            if (external is not null) seenExternal[external] = row.Number;

            // The source system's own id decides first: a renamed account in next month's export is the same account.
            var externalMatch = external is not null ? byExternal.GetValueOrDefault(external) : null;
            var codeMatch = code is not null ? byCode.GetValueOrDefault(code) : null;
            var nameMatch = externalMatch ?? byName.GetValueOrDefault(normalized);
            if (externalMatch is not null && codeMatch is not null && codeMatch.Id != externalMatch.Id)
            {
                r.Error("creditCode", $"信用代码属于{Shown(codeMatch)},外部编号 {external} 却属于{Shown(externalMatch)};请核对是哪一家。");
                continue;
            }
            if (externalMatch is null && nameMatch?.ExternalId is { } otherExternal && external is not null && !string.Equals(otherExternal, external, StringComparison.OrdinalIgnoreCase))
            {
                r.Error("name", visible.Contains(nameMatch.Id) ? $"名称与“{nameMatch.Name}”相同,但它的外部编号是 {otherExternal},不是 {external}。" : $"同名客户已存在,但不在你的数据范围内,外部编号也不是 {external}。");
                continue;
            }
            if (codeMatch is not null && nameMatch is not null && codeMatch.Id != nameMatch.Id)
            {
                r.Error("creditCode", $"信用代码属于{Shown(codeMatch)},名称却与{Shown(nameMatch)}相同;请核对是哪一家。");
                continue;
            }
            var match = codeMatch ?? nameMatch;
            if (match is not null && !visible.Contains(match.Id))
            {
                r.Error(match == codeMatch ? "creditCode" : "name", match == codeMatch ? "这个统一社会信用代码的客户已存在,但不在你的数据范围内。" : $"客户“{name}”已存在,但不在你的数据范围内。");
                continue;
            }
            var old = match?.ToDetails();
            if (owner is { } named && named != old?.OwnerId && !RecordOwners.Allows(viewer, named, lookup.PersonTeam.GetValueOrDefault(named)))
            {
                r.Error("owner", RecordOwners.Refusal(viewer, "客户"));
                continue;
            }
            var details = new AccountDetails(name, code ?? old?.CreditCode, r.Text("industry") ?? old?.Industry, region ?? old?.RegionId,
                employees is { } emp ? (int)emp : old?.Employees, revenue ?? old?.Revenue, old is null ? RecordOwners.NewOwner(viewer, owner) : owner ?? old.OwnerId,
                advisor ?? old?.AdvisorId, old?.ParentId, status ?? old?.Status ?? AccountStatus.Prospect);
            foreach (var (field, problems) in details.Problems()) foreach (var p in problems) r.Error(field, p);
            if (errors.Count > before) continue;

            Account account;
            if (match is null)
            {
                account = db.Accounts.Add(new Account(details, now)).Entity;
                account.Identify(external, now);
                byName[normalized] = account;
                if (code is not null) byCode[code] = account;
                if (external is not null) byExternal[external] = account;
                changes.Add(new ImportRowChange(row.Number, name, RowAction.Create, []));
            }
            else
            {
                var diff = Diff(old!, details, lookup);
                if (diff.Count > 0) match.Update(details, now);
                if (external is not null && !string.Equals(match.ExternalId, external, StringComparison.Ordinal))
                {
                    diff.Add($"外部编号: {match.ExternalId ?? "(空)"} → {external}");
                    match.Identify(external, now);
                    byExternal[external] = match;
                }
                account = match;
                changes.Add(new ImportRowChange(row.Number, name, diff.Count > 0 ? RowAction.Update : RowAction.Unchanged, diff));
            }
            if (r.Text("parent") is { } parent) pendingParents.Add((account, parent, r));
        }
        // Parents may be rows of the same file, so they are resolved once every row is in.
        foreach (var (account, parent, r) in pendingParents)
        {
            var p = byCode.GetValueOrDefault(CreditCode.Normalize(parent) ?? "") ?? byName.GetValueOrDefault(CompanyName.Normalize(parent));
            if (p is null || p.Id == account.Id) { r.Error("parent", $"找不到上级客户 '{parent}'(按名称或信用代码),或指向了自己。"); continue; }
            if (!visible.Contains(p.Id) && db.Entry(p).State != EntityState.Added) { r.Error("parent", $"上级客户 '{parent}' 不在你的数据范围内。"); continue; }
            if (p.Id != account.ParentId) account.Update(account.ToDetails() with { ParentId = p.Id }, now);
        }
        await db.SaveChangesAsync(ct);
        return changes;
    }

    static List<string> Diff(AccountDetails before, AccountDetails after, Lookup lookup)
    {
        var diff = new List<string>();
        void Add<T>(string label, T a, T b, Func<T, string?> show)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b)) diff.Add($"{label}: {show(a) ?? "—"} → {show(b) ?? "—"}");
        }
        string? Person(Guid? id) => id is { } x ? lookup.PersonName.GetValueOrDefault(x) : null;
        Add("名称", before.Name, after.Name.Trim(), x => x);
        Add("统一社会信用代码", before.CreditCode, after.CreditCode, x => x);
        Add("行业", before.Industry, after.Industry, x => x);
        Add("区域", before.RegionId, after.RegionId, x => x is { } id ? lookup.RegionName.GetValueOrDefault(id) : null);
        Add("员工人数", before.Employees, after.Employees, x => x?.ToString(Inv));
        Add("营业收入", before.Revenue, after.Revenue, x => x?.ToString(Inv));
        Add("负责人", before.OwnerId, after.OwnerId, Person);
        Add("客户成功顾问", before.AdvisorId, after.AdvisorId, Person);
        Add("状态", before.Status, after.Status, x => StatusName(x));
        return diff;
    }

    static async Task<Dictionary<string, Account>> AccountKeys(PlanLoopDbContext db, Viewer viewer, CancellationToken ct)
    {
        var accounts = await db.Accounts.Visible(db, viewer).ToListAsync(ct);
        var keys = new Dictionary<string, Account>();
        foreach (var a in accounts)
        {
            keys.TryAdd(a.NormalizedName, a);
            if (a.CreditCode is not null) keys[a.CreditCode] = a;
        }
        return keys;
    }

    static Account? FindAccount(Dictionary<string, Account> keys, RowReader r)
    {
        var text = r.Required("account");
        if (text is null) return null;
        var account = keys.GetValueOrDefault(text.Trim().ToUpperInvariant()) ?? keys.GetValueOrDefault(CompanyName.Normalize(text));
        if (account is null) r.Error("account", $"找不到客户 '{text}'(按名称或统一社会信用代码,且在你的数据范围内)。");
        return account;
    }

}
