using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Data;
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

    readonly TabularReader? file;
    readonly IReadOnlyList<ImportField> fields;
    readonly Dictionary<string, int> index;
    readonly Stopwatch watch = Stopwatch.StartNew();
    readonly string kind, fileName;
    readonly bool dryRun;

    BulkImport(string kind, Stream content, string fileName, IReadOnlyList<ImportField> fields, IReadOnlyDictionary<string, string>? mapping, bool dryRun)
    {
        (this.kind, this.fileName, this.fields, this.dryRun) = (kind, fileName, fields, dryRun);
        file = TabularReader.Open(content, fileName, Listed);
        Columns = file is null ? [] : ColumnMap.Resolve(fields, file.Headers, file.Name, mapping, Listed);
        index = file is null ? [] : Columns.ToDictionary(c => c.Key, c => file.Headers.ToList().IndexOf(c.Value));
        Count = Listed.Count;
    }

    public static BulkImport Open(string kind, Stream content, string fileName, IReadOnlyList<ImportField> fields, IReadOnlyDictionary<string, string>? mapping, bool dryRun) =>
        new(kind, content, fileName, fields, mapping, dryRun);

    public List<WorkbookError> Listed { get; } = [];

    public int Count { get; private set; }

    public Dictionary<string, string> Columns { get; }

    /// <summary>The file could not be read or its columns are wrong: nothing to import.</summary>
    public bool Unusable => file is null || Count > 0;

    public IEnumerable<StreamedRow> Rows() => file!.Rows(Listed);

    public string? Text(StreamedRow row, string field) => index.TryGetValue(field, out var i) && i >= 0 && i < row.Cells.Length ? row.Cells[i] : null;

    public void Error(int row, string field, string message)
    {
        Count++;
        var column = Columns.GetValueOrDefault(field) ?? fields.FirstOrDefault(f => f.Name == field)?.Header ?? field;
        if (Listed.Count < ImportOrders.MaxListedErrors) Listed.Add(new WorkbookError(file?.Name ?? fileName, row, column, message));
    }

    /// <summary>Counts a row the reader could not read (it lists it itself).</summary>
    public void Settle() => Count = Math.Max(Count, Listed.Count);

    public BulkImportResult Result(bool applied, int rows, int written, IReadOnlyList<UnknownValue>? unknown = null) =>
        new(kind, fileName, dryRun, applied, rows, applied ? written : 0, Listed, Count, unknown ?? [], Columns, watch.Elapsed);

    public void Dispose() => file?.Dispose();
}

/// <summary>People by name or e-mail (one match only), else by a saved person alias.</summary>
sealed class PeopleLookup
{
    readonly Dictionary<string, List<Guid>> byKey = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Guid> aliases = [];

    public static async Task<PeopleLookup> Load(PlanLoopDbContext db, CancellationToken ct)
    {
        var lookup = new PeopleLookup();
        foreach (var p in await db.People.AsNoTracking().ToListAsync(ct))
            foreach (var key in new[] { p.Name, p.Email }.OfType<string>())
                (lookup.byKey.TryGetValue(key, out var list) ? list : lookup.byKey[key] = []).Add(p.Id);
        foreach (var a in await db.ImportAliases.AsNoTracking().Where(a => a.Kind == AliasKind.Person).ToListAsync(ct)) lookup.aliases[a.Alias] = a.TargetId;
        return lookup;
    }

    /// <summary>The person; or no one, with the reason, and whether the name is simply unknown (worth an alias) rather than ambiguous.</summary>
    public (Guid? Id, string? Problem, bool Unknown) Find(string text)
    {
        if (byKey.TryGetValue(text, out var ids))
            return ids.Count == 1 ? (ids[0], null, false) : (null, $"有 {ids.Count} 位人员叫 '{text}';请改用邮箱。", false);
        if (aliases.TryGetValue(ImportAlias.Key(text), out var aliased)) return (aliased, null, false);
        return (null, $"找不到人员 '{text}'(按姓名、邮箱或别名)。", true);
    }
}
