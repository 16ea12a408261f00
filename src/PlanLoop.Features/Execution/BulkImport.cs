using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Execution.Data;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Execution;

/// <summary>
/// What every streamed import shares (ADR 0010): the file opened as a stream of rows, the columns
/// found through the mapping, a cell's text by field, the problems by row and column (the first
/// <see cref="ImportOrders.MaxListedErrors"/> listed, all counted; a column the file lacks named by
/// its default header, the one to add) and the result.
/// </summary>
sealed class BulkImport : IDisposable
{
    /// <summary>
    /// After a large import the planner's statistics describe the table before it: refresh them
    /// (ANALYZE, the same statement on SQLite and PostgreSQL), so the monitoring queries do not run on
    /// plans made for an empty table until autovacuum gets round to it. Small imports skip it.
    /// </summary>
    public static async Task Analyze(PlanLoopDbContext db, int written, CancellationToken ct, params string[] tables)
    {
        if (written < 5_000) return;
        foreach (var table in tables)
#pragma warning disable EF1002 // table names are constants of the callers, not input
            await db.Database.ExecuteSqlRawAsync($"ANALYZE {table}", ct);
#pragma warning restore EF1002
    }

    /// <summary>At most this many rows are read from a second file a mapping looks values up in.</summary>
    public const int MaxLookupRows = LookupTables.MaxRows;

    readonly TabularReader? file;
    readonly IReadOnlyList<ImportField> fields;
    readonly Dictionary<string, int> index;
    readonly LookupTables lookups;
    readonly Stopwatch watch = Stopwatch.StartNew();
    readonly string kind, fileName;
    readonly bool dryRun;

    BulkImport(string kind, Stream content, string fileName, IReadOnlyList<ImportField> fields, FieldMap? map, bool dryRun)
    {
        (this.kind, this.fileName, this.fields, this.dryRun) = (kind, fileName, fields, dryRun);
        Map = map ?? FieldMap.Empty;
        if (Map.Problem() is { } problem) Listed.Add(new WorkbookError(fileName, 0, "", problem));
        file = TabularReader.Open(content, fileName, Listed);
        Columns = file is null ? [] : ColumnMap.Resolve(fields, file.Headers, file.Name, Map, Listed);
        index = file is null ? [] : Columns.ToDictionary(c => c.Key, c => file.Headers.ToList().IndexOf(c.Value));
        lookups = LookupTables.Load(Map, fileName, Listed);
        Count = Listed.Count;
    }

    public static BulkImport Open(string kind, Stream content, string fileName, IReadOnlyList<ImportField> fields, FieldMap? map, bool dryRun) =>
        new(kind, content, fileName, fields, map, dryRun);

    public FieldMap Map { get; }

    public List<WorkbookError> Listed { get; } = [];

    /// <summary>What the import did that a person should know besides the errors (defaults it applied, rounding).</summary>
    public List<string> Notes { get; } = [];

    public int Count { get; private set; }

    /// <summary>The total by which rounding changed amounts (rounded − as given).</summary>
    public decimal RoundingDifference { get; private set; }

    public int Rounded { get; private set; }

    public Dictionary<string, string> Columns { get; }

    /// <summary>The file could not be read or its columns are wrong: nothing to import.</summary>
    public bool Unusable => file is null || Count > 0;

    public IEnumerable<StreamedRow> Rows() => file!.Rows(Listed);

    /// <summary>
    /// A field's text in a row: the mapping's constant; else the cell of its column (or, when blank,
    /// the value looked up in a second file); through the value map; else the default.
    /// </summary>
    public string? Text(StreamedRow row, string field)
    {
        if (Map.Constants.ContainsKey(field)) return Map.Read(field, null);
        var cell = index.TryGetValue(field, out var i) && i >= 0 && i < row.Cells.Length ? row.Cells[i] : null;
        return Map.Read(field, lookups.Fill(field, cell, by => Text(row, by)));
    }

    /// <summary>A date field: null when blank (no error) or not a date (an error naming the expected form).</summary>
    public DateOnly? Day(StreamedRow row, string field)
    {
        var text = Text(row, field);
        if (text is null) return null;
        if (Map.TryDay(text, out var day)) return day;
        Error(row.Number, field, $"'{text}' 不是日期(应为 {Map.DayExample} 这样的格式{(Map.DateFormat is null ? ";其他格式可在映射中用 dateFormat 指定" : "")})。");
        return null;
    }

    /// <summary>A date and time (an activity's); midnight when the cell has a date only. Null when blank or wrong.</summary>
    public DateTime? Moment(StreamedRow row, string field)
    {
        var text = Text(row, field);
        if (text is null) return null;
        if (Map.TryMoment(text, out var moment)) return moment;
        Error(row.Number, field, $"'{text}' 不是日期时间(应为 {Map.DayExample} 或 2024-09-30 14:30 这样的格式{(Map.DateFormat is null ? ";其他格式可在映射中用 dateFormat 指定" : "")})。");
        return null;
    }

    /// <summary>
    /// An amount of money: thousands separators allowed; more than two decimals refused, or rounded half
    /// to even when the mapping says so (the difference is totalled). Null when blank or wrong.
    /// </summary>
    public decimal? Money(StreamedRow row, string field, decimal? min = null)
    {
        var text = Text(row, field);
        if (text is null) return null;
        if (!decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || Math.Abs(amount) >= 1e13m)
        {
            Error(row.Number, field, $"'{text}' 不是金额。");
            return null;
        }
        if (decimal.Round(amount, 2) != amount)
        {
            if (Map.Rounding != AmountRounding.HalfEven)
            {
                Error(row.Number, field, $"金额 {text} 超过两位小数(精确到分);可在映射中选择四舍六入五成双(rounding: half-even)。");
                return null;
            }
            var rounded = decimal.Round(amount, 2, MidpointRounding.ToEven);
            RoundingDifference += rounded - amount;
            Rounded++;
            amount = rounded;
        }
        if (min is { } m && amount < m)
        {
            Error(row.Number, field, $"金额 {text} 应不小于 {m.ToString(CultureInfo.InvariantCulture)}。");
            return null;
        }
        return amount;
    }

    /// <summary>A number with at most <paramref name="places"/> decimals within [min, max]: null when blank or wrong.</summary>
    public decimal? Number(StreamedRow row, string field, decimal min, decimal max, int places = 4)
    {
        var text = Text(row, field);
        if (text is null) return null;
        if (!decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            Error(row.Number, field, $"'{text}' 不是 {min.ToString(CultureInfo.InvariantCulture)} 到 {max.ToString(CultureInfo.InvariantCulture)} 之间的数。");
        else if (decimal.Round(value, places) != value)
            Error(row.Number, field, $"'{text}' 最多 {places} 位小数。");
        else return value;
        return null;
    }

    public void Error(int row, string field, string message)
    {
        Count++;
        var column = Columns.GetValueOrDefault(field) ?? fields.FirstOrDefault(f => f.Name == field)?.Header ?? field;
        if (Listed.Count < ImportOrders.MaxListedErrors) Listed.Add(new WorkbookError(file?.Name ?? fileName, row, column, message));
    }

    /// <summary>Counts a row the reader could not read (it lists it itself).</summary>
    public void Settle() => Count = Math.Max(Count, Listed.Count);

    public ImportReport Result(bool applied, int rows, int written, IReadOnlyList<UnknownValue>? unknown = null, int updated = 0)
    {
        var notes = new List<string>(Notes);
        if (Rounded > 0) notes.Add($"{Rounded:N0} 个金额按四舍六入五成双取到分,合计差额 {RoundingDifference.ToString("0.####", CultureInfo.InvariantCulture)}。");
        return new(kind, fileName, dryRun, applied, rows, applied ? written : 0, Listed, Count, unknown ?? [], Columns, watch.Elapsed)
        {
            Updated = applied ? updated : 0,
            Notes = notes,
            RoundingDifference = RoundingDifference,
        };
    }

    public void Dispose() => file?.Dispose();
}

/// <summary>A second file uploaded with an import, which its mapping looks values up in.</summary>

/// <summary>People by name, e-mail or external id (one match only), else by a saved person alias.</summary>
sealed class PeopleLookup
{
    readonly Dictionary<string, List<Guid>> byKey = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Guid> aliases = [];
    readonly Dictionary<Guid, Guid?> teams = [];

    public static async Task<PeopleLookup> Load(PlanLoopDbContext db, CancellationToken ct)
    {
        var lookup = new PeopleLookup();
        foreach (var p in await db.People.AsNoTracking().ToListAsync(ct))
        {
            lookup.teams[p.Id] = p.TeamId;
            foreach (var key in new[] { p.Name, p.Email, p.ExternalId }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
                (lookup.byKey.TryGetValue(key, out var list) ? list : lookup.byKey[key] = []).Add(p.Id);
        }
        foreach (var a in await db.ImportAliases.AsNoTracking().Where(a => a.Kind == AliasKind.Person).ToListAsync(ct)) lookup.aliases[a.Alias] = a.TargetId;
        return lookup;
    }

    /// <summary>The person's team (for <see cref="Users.RecordOwners"/>).</summary>
    public Guid? TeamOf(Guid person) => teams.GetValueOrDefault(person);

    /// <summary>The person; or no one, with the reason, and whether the name is simply unknown (worth an alias) rather than ambiguous.</summary>
    public (Guid? Id, string? Problem, bool Unknown) Find(string text)
    {
        if (byKey.TryGetValue(text, out var ids))
            return ids.Count == 1 ? (ids[0], null, false) : (null, $"有 {ids.Count} 位人员叫 '{text}';请改用邮箱或外部编号。", false);
        if (aliases.TryGetValue(ImportAlias.Key(text), out var aliased)) return (aliased, null, false);
        return (null, $"找不到人员 '{text}'(按姓名、邮箱、外部编号或别名);可先导入人员,或保存为某位已有人员的别名。", true);
    }
}

/// <summary>
/// The accounts a streamed import may attach records to — those in the importer's scope — found by
/// external id, credit code, alias or normalised name (a name two accounts share finds neither).
/// </summary>
sealed class AccountLookup
{
    public sealed record Found(Guid Id, Guid? OwnerId);

    readonly Dictionary<string, Found> byExternal = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Found> byCode = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Found?> byName = new(StringComparer.Ordinal);
    readonly Dictionary<Guid, Found> byId = [];
    readonly Dictionary<string, Guid> aliases = new(StringComparer.Ordinal);

    public static async Task<AccountLookup> Load(PlanLoopDbContext db, Viewer viewer, CancellationToken ct)
    {
        var lookup = new AccountLookup();
        foreach (var a in await db.Accounts.AsNoTracking().Visible(db, viewer).Select(a => new { a.Id, a.CreditCode, a.ExternalId, a.NormalizedName, a.OwnerId }).ToListAsync(ct))
        {
            var found = new Found(a.Id, a.OwnerId);
            lookup.byId[a.Id] = found;
            if (a.ExternalId is not null) lookup.byExternal[a.ExternalId] = found;
            if (a.CreditCode is not null) lookup.byCode[a.CreditCode] = found;
            lookup.byName[a.NormalizedName] = lookup.byName.ContainsKey(a.NormalizedName) ? null : found;
        }
        foreach (var a in await db.ImportAliases.AsNoTracking().Where(a => a.Kind == AliasKind.Account).ToListAsync(ct)) lookup.aliases[a.Alias] = a.TargetId;
        return lookup;
    }

    /// <summary>Whether the account is in the importer's scope.</summary>
    public bool Contains(Guid id) => byId.ContainsKey(id);

    public Found? Find(string text) =>
        byExternal.GetValueOrDefault(text) ?? byCode.GetValueOrDefault(text)
        ?? (aliases.TryGetValue(ImportAlias.Key(text), out var aliased) ? byId.GetValueOrDefault(aliased) : null)
        ?? byName.GetValueOrDefault(CompanyName.Normalize(text));

    public static string NotFound(string text) => $"找不到客户 '{text}'(在你的数据范围内,按外部编号、统一社会信用代码、名称或别名)。";
}
