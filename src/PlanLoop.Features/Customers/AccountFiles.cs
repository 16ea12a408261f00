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

/// <summary>
/// Imports and exports of accounts, contacts and survey answers as .xlsx or .csv. Columns are found
/// through a mapping (PlanLoop field → the file's header; saved mappings are reused by name; a field
/// not mapped is read from its default Chinese header or its own name). Rows are matched to existing
/// accounts by credit code, then by normalised name; a dry run lists what each row would create or
/// change; applying writes every row or, when any row has a problem, none — and the problems name
/// the row and the column.
/// </summary>
public sealed partial class AccountFiles(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
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
    public async Task<EditResult> SaveMapping(ImportKind kind, string name, FieldMap mapping, Viewer viewer, CancellationToken ct)
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
        if (errors.Count > 0) return EditResult.Invalid(errors);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var json = mapping.ToJson();
        var existing = await db.ImportMappings.SingleOrDefaultAsync(m => m.Kind == kind.ToString() && m.Name == name.Trim(), ct);
        var before = existing?.MappingJson;
        if (existing is null) db.ImportMappings.Add(new ImportMapping(kind.ToString(), name, json, user));
        else existing.Replace(json);
        db.AuditEntries.Add(new Audit.AuditEntry(clock.GetUtcNow().UtcDateTime, user, "import-mapping", Guid.Empty, $"{kind}/{name.Trim()}", before, json));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved();
    }

    static Dictionary<string, string> Resolve(ImportKind kind, TabularTable table, FieldMap? mapping, List<WorkbookError> errors) =>
        ColumnMap.Resolve(Fields(kind), table.Headers, table.Name, mapping, errors);

}
