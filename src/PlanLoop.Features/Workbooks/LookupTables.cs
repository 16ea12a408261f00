namespace PlanLoop.Features.Workbooks;

/// <summary>
/// The second files a mapping looks values up in (an agent's regional office from the team file):
/// each lookup read once into key → value, and a field's blank cell filled from it by another
/// field's value. Used by every import, streamed or whole-table.
/// </summary>
public sealed class LookupTables
{
    /// <summary>At most this many rows are read from a second file.</summary>
    public const int MaxRows = 200_000;

    readonly FieldMap map;
    readonly Dictionary<string, Dictionary<string, string?>> tables = [];

    LookupTables(FieldMap map) => this.map = map;

    /// <summary>Reads the mapping's lookups from its second files; problems (a file not uploaded, a column it lacks) go to <paramref name="errors"/>.</summary>
    public static LookupTables Load(FieldMap map, string fileName, List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(errors);
        var lookups = new LookupTables(map);
        foreach (var (field, lookup) in map.Lookups) lookups.Read(field, lookup, fileName, errors);
        return lookups;
    }

    /// <summary>The cell; when blank and the field has a lookup, the value found by the key field's text (<paramref name="text"/>).</summary>
    public string? Fill(string field, string? cell, Func<string, string?> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (cell is null && map.Lookups.TryGetValue(field, out var lookup) && text(lookup.By) is { } key &&
            tables.TryGetValue(field, out var table) && table.TryGetValue(key, out var found)) return found;
        return cell;
    }

    void Read(string field, ImportLookup lookup, string fileName, List<WorkbookError> errors)
    {
        var other = map.Files.FirstOrDefault(o => string.Equals(o.Name, lookup.File, StringComparison.OrdinalIgnoreCase));
        if (other is null)
        {
            errors.Add(new WorkbookError(fileName, 1, field, $"映射为字段 '{field}' 查找第二个文件 '{lookup.File}',但没有上传它;上传的文件: {string.Join(", ", map.Files.Select(o => o.Name).DefaultIfEmpty("(无)"))}。"));
            return;
        }
        if (other.Content.CanSeek) other.Content.Position = 0;
        using var reader = TabularReader.Open(other.Content, other.Name, errors);
        if (reader is null) return;
        var (key, value) = (reader.Headers.ToList().IndexOf(lookup.Key), reader.Headers.ToList().IndexOf(lookup.Value));
        foreach (var (column, at) in new[] { (lookup.Key, key), (lookup.Value, value) })
            if (at < 0) errors.Add(new WorkbookError(other.Name, 1, column, $"第二个文件没有列 '{column}';它的列: {string.Join(", ", reader.Headers)}。"));
        if (key < 0 || value < 0) return;
        var table = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var rows = 0;
        foreach (var row in reader.Rows(errors))
        {
            if (++rows > MaxRows)
            {
                errors.Add(new WorkbookError(other.Name, row.Number, "", $"用于查找的文件最多 {MaxRows:N0} 行。"));
                return;
            }
            if (key < row.Cells.Length && row.Cells[key] is { } k) table.TryAdd(k, value < row.Cells.Length ? row.Cells[value] : null);
        }
        tables[field] = table;
    }
}
