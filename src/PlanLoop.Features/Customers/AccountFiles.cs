using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Customers.Data;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Customers;

/// <summary>What an import can bring in: accounts, their contacts, or NPS and satisfaction answers.</summary>
public enum ImportKind
{
    Accounts,
    Contacts,
    Surveys,
    /// <summary>Booked order lines from an ERP (<see cref="Execution.ImportOrders"/>).</summary>
    Orders,
    /// <summary>Payments received from a bank or ERP export (<see cref="Execution.ImportPayments"/>).</summary>
    Payments,
    /// <summary>Leads from a campaign list or an event (<see cref="Execution.ImportLeads"/>).</summary>
    Leads,
    /// <summary>Opportunities from another CRM (<see cref="Execution.ImportOpportunities"/>).</summary>
    Opportunities,
    /// <summary>People of the sales organisation (<see cref="Organisation.ImportPeople"/>).</summary>
    People,
    /// <summary>Calls, visits, meetings from another CRM (<see cref="Execution.ImportActivities"/>).</summary>
    Activities,
}

public enum RowAction
{
    Create,
    Update,
    Unchanged,
}

/// <summary>What one row would do (dry run) or did: create, update (with field changes) or nothing.</summary>
public sealed record ImportRowChange(int Row, string Key, RowAction Action, IReadOnlyList<string> Changes);

public sealed record ImportResult(ImportKind Kind, bool DryRun, bool Applied, int Created, int Updated, int Unchanged,
    IReadOnlyList<ImportRowChange> Rows, IReadOnlyList<WorkbookError> Errors, IReadOnlyDictionary<string, string> Mapping)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports and exports of accounts, contacts and survey answers as .xlsx or .csv. Columns are found
/// through a mapping (PlanLoop field → the file's header; saved mappings are reused by name; a field
/// not mapped is read from its default Chinese header or its own name). Rows are matched to existing
/// accounts by credit code, then by normalised name; a dry run lists what each row would create or
/// change; applying writes every row or, when any row has a problem, none — and the problems name
/// the row and the column.
/// </summary>
public sealed class AccountFiles(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static readonly IReadOnlyList<ImportField> AccountFields =
    [
        new("name", "名称", true), new("creditCode", "统一社会信用代码", false), new("industry", "行业", false), new("region", "区域", false),
        new("employees", "员工人数", false), new("revenue", "营业收入", false), new("owner", "负责人", false), new("advisor", "客户成功顾问", false),
        new("parent", "上级客户", false), new("status", "状态", false), new("external_id", "外部编号", false),
    ];

    public static readonly IReadOnlyList<ImportField> ContactFields =
    [
        new("account", "客户", true), new("name", "姓名", true), new("role", "角色", false), new("level", "层级", true),
        new("title", "职务", false), new("phone", "电话", false), new("email", "邮箱", false),
    ];

    public static readonly IReadOnlyList<ImportField> SurveyFields =
    [
        new("account", "客户", true), new("contact", "联系人", false), new("kind", "类型", true), new("score", "分数", true),
        new("date", "日期", true), new("comment", "评论", false),
    ];

    public static IReadOnlyList<ImportField> Fields(ImportKind kind) => kind switch
    {
        ImportKind.Accounts => AccountFields,
        ImportKind.Contacts => ContactFields,
        ImportKind.Orders => Execution.ImportOrders.Fields,
        ImportKind.Payments => Execution.ImportPayments.Fields,
        ImportKind.Leads => Execution.ImportLeads.Fields,
        ImportKind.Opportunities => Execution.ImportOpportunities.Fields,
        ImportKind.People => Organisation.EditPeople.Fields,
        ImportKind.Activities => Execution.ImportActivities.Fields,
        _ => SurveyFields,
    };


    static readonly Dictionary<string, AccountStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["潜在客户"] = AccountStatus.Prospect,
        ["潜在"] = AccountStatus.Prospect,
        ["prospect"] = AccountStatus.Prospect,
        ["客户"] = AccountStatus.Customer,
        ["合作中"] = AccountStatus.Customer,
        ["customer"] = AccountStatus.Customer,
        ["流失"] = AccountStatus.Churned,
        ["已流失"] = AccountStatus.Churned,
        ["churned"] = AccountStatus.Churned,
    };

    static readonly Dictionary<string, DecisionRole> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["决策者"] = DecisionRole.DecisionMaker,
        ["影响者"] = DecisionRole.Influencer,
        ["支持者"] = DecisionRole.Champion,
        ["使用者"] = DecisionRole.User,
        ["把关者"] = DecisionRole.Gatekeeper,
    };

    public static string StatusName(AccountStatus s) => s switch { AccountStatus.Prospect => "潜在客户", AccountStatus.Customer => "客户", _ => "流失" };

    public static string RoleName(DecisionRole r) => Roles.First(x => x.Value == r).Key;

    // ------------------------------------------------------------------ mappings

    public async Task<IReadOnlyList<(string Name, FieldMap Mapping)>> Mappings(ImportKind kind, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var saved = await db.ImportMappings.AsNoTracking().Where(m => m.Kind == kind.ToString()).OrderBy(m => m.Name).ToListAsync(ct);
        return saved.Select(m => (m.Name, FieldMap.Parse(m.MappingJson, out _) ?? FieldMap.Empty)).ToList();
    }

    public async Task<FieldMap?> Mapping(ImportKind kind, string name, CancellationToken ct)
    {
        var all = await Mappings(kind, ct);
        return all.FirstOrDefault(m => string.Equals(m.Name, name.Trim(), StringComparison.Ordinal)).Mapping;
    }

    /// <summary>Saves a mapping under a name (replacing one of that name); unknown fields and unusable maps are refused; the change is audited.</summary>
    /// <summary>Saves a mapping by name (audited). Only someone who may import the kind may change its mappings: others use them.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> SaveMapping(ImportKind kind, string name, FieldMap mapping, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!Execution.RunImport.MayImport(kind, viewer)) throw new Domain.RuleException("import-not-allowed", "你没有导入这类数据的权限,不能修改它的映射。");
        var user = viewer.UserName;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name)) errors["name"] = ["映射名称不能为空。"];
        else if (name.Trim().Length > 100) errors["name"] = ["映射名称最长 100 个字符。"];
        // The opportunities' stage-entry fields follow the pipeline in use (entered_CODE), which may have stages of its own.
        var unknown = mapping.Fields().Where(k => Fields(kind).All(f => f.Name != k)
            && !(kind == ImportKind.Opportunities && k.StartsWith(Execution.ImportOpportunities.EnteredPrefix, StringComparison.Ordinal))).ToList();
        if (unknown.Count > 0) errors["mapping"] = [$"未知字段: {string.Join(", ", unknown)};可用: {string.Join(", ", Fields(kind).Select(f => f.Name))}。"];
        else if (mapping.Problem() is { } problem) errors["mapping"] = [problem];
        if (errors.Count > 0) return errors;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var json = mapping.ToJson();
        var existing = await db.ImportMappings.SingleOrDefaultAsync(m => m.Kind == kind.ToString() && m.Name == name.Trim(), ct);
        var before = existing?.MappingJson;
        if (existing is null) db.ImportMappings.Add(new ImportMapping(kind.ToString(), name, json, user));
        else existing.Replace(json);
        db.AuditEntries.Add(new Audit.AuditEntry(clock.GetUtcNow().UtcDateTime, user, "import-mapping", Guid.Empty, $"{kind}/{name.Trim()}", before, json));
        await db.SaveChangesAsync(ct);
        return errors;
    }

    static Dictionary<string, string> Resolve(ImportKind kind, TabularTable table, FieldMap? mapping, List<WorkbookError> errors) =>
        ColumnMap.Resolve(Fields(kind), table.Headers, table.Name, mapping, errors);

    // ------------------------------------------------------------------ import

    public async Task<ImportResult> Import(ImportKind kind, Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (Execution.RunImport.Streams(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "The streamed kinds are imported by RunImport.");
        var errors = new List<WorkbookError>();
        var table = TabularFile.Read(content, fileName, errors);
        var resolved = table is null ? [] : Resolve(kind, table, mapping, errors);
        var lookups = LookupTables.Load(mapping ?? FieldMap.Empty, fileName, errors);
        if (table is null || errors.Count > 0) return new ImportResult(kind, dryRun, false, 0, 0, 0, [], errors, resolved);

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
        return new ImportResult(kind, dryRun, applied, changes.Count(c => c.Action == RowAction.Create), changes.Count(c => c.Action == RowAction.Update),
            changes.Count(c => c.Action == RowAction.Unchanged), changes, errors, resolved);
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

    static async Task<List<ImportRowChange>> ApplySurveys(PlanLoopDbContext db, TabularTable table, Dictionary<string, string> columns, FieldMap map, LookupTables lookups, Viewer viewer, List<WorkbookError> errors, CancellationToken ct)
    {
        var accounts = await AccountKeys(db, viewer, ct);
        var contacts = (await db.Contacts.AsNoTracking().ToListAsync(ct)).ToLookup(c => c.AccountId);
        var changes = new List<ImportRowChange>();
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table, row, columns, map, lookups, errors);
            var before = errors.Count;
            var account = FindAccount(accounts, r);
            SurveyKind? kind = r.Required("kind") is { } k
                ? k.ToUpperInvariant() switch { "NPS" => SurveyKind.Nps, "CSAT" or "满意度" => SurveyKind.Csat, _ => null }
                : null;
            if (kind is null && r.Text("kind") is { } badKind) r.Error("kind", $"'{badKind}' 不是有效的类型;可用: NPS, CSAT(满意度)。");
            var score = r.Number("score");
            if (score is null && r.Text("score") is null) r.Error("score", "不能为空。");
            if (score is { } sc && sc != decimal.Truncate(sc)) r.Error("score", "分数应为整数。");
            else if (score is { } s2 && kind is { } kk && SurveyAnswer.Problem(kk, (int)s2) is { } p) r.Error("score", p);
            DateOnly? date = null;
            if (r.Required("date") is { } d)
                if (map.TryDay(d, out var parsed)) date = parsed;
                else r.Error("date", $"'{d}' 不是有效的日期(应为 {map.DayExample} 这样的格式{(map.DateFormat is null ? ";其他格式可在映射中用 dateFormat 指定" : "")})。");
            Guid? contactId = null;
            if (account is not null && r.Text("contact") is { } contactName)
            {
                contactId = contacts[account.Id].FirstOrDefault(c => c.Name == contactName)?.Id;
                if (contactId is null) r.Error("contact", $"客户“{account.Name}”没有联系人 '{contactName}'。");
            }
            if (account is null || kind is null || score is null || date is null || errors.Count > before) continue;
            db.SurveyAnswers.Add(new SurveyAnswer(account.Id, contactId, kind.Value, (int)score.Value, date.Value, r.Text("comment")));
            changes.Add(new ImportRowChange(row.Number, $"{account.Name} {kind} {score.Value.ToString(Inv)}", RowAction.Create, []));
        }
        await db.SaveChangesAsync(ct);
        return changes;
    }

    // ------------------------------------------------------------------ export

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
