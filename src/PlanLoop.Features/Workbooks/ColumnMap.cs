namespace PlanLoop.Features.Workbooks;

/// <summary>One PlanLoop field of an import: its name, the column header it is read from by default, whether required.</summary>
public sealed record ImportField(string Name, string Header, bool Required);

/// <summary>Which column of an uploaded file each field of an import is read from.</summary>
public static class ColumnMap
{
    /// <summary>
    /// Field → header actually used: the mapping's, else the default header, else the field's own
    /// name, when the file has it. A mapping naming an unknown field or a missing column, and a
    /// required field with no column (nor a constant, default or lookup), are errors on the header row.
    /// </summary>
    public static Dictionary<string, string> Resolve(IReadOnlyList<ImportField> fields, IReadOnlyList<string> headers, string table,
        FieldMap? map, List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(errors);
        map ??= FieldMap.Empty;
        var resolved = new Dictionary<string, string>();
        foreach (var key in map.Fields())
            if (fields.All(f => f.Name != key))
                errors.Add(new WorkbookError(table, 1, key, $"映射中的字段 '{key}' 不存在;可用: {string.Join(", ", fields.Select(f => f.Name))}。"));
        foreach (var field in fields)
        {
            if (map.Constants.ContainsKey(field.Name)) continue;
            if (map.Columns.TryGetValue(field.Name, out var header) && !string.IsNullOrWhiteSpace(header))
            {
                if (headers.Contains(header.Trim())) resolved[field.Name] = header.Trim();
                else errors.Add(new WorkbookError(table, 1, header, $"映射把字段 '{field.Name}' 指向列 '{header}',但文件中没有这一列;文件的列: {string.Join(", ", headers)}。"));
                continue;
            }
            if (DefaultColumn(field, headers) is { } found) resolved[field.Name] = found;
            else if (field.Required && !map.Supplies(field.Name))
                errors.Add(new WorkbookError(table, 1, field.Header, $"缺少必填列 '{field.Header}'(字段 {field.Name});请在映射中指定对应的列,或给出默认值。文件的列: {string.Join(", ", headers)}。"));
        }
        return resolved;
    }

    /// <summary>The column a field is read from when no mapping names one: its default header, else its own name (any case).</summary>
    /// <param name="field">The import's field.</param>
    /// <param name="headers">The file's headers.</param>
    public static string? DefaultColumn(ImportField field, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(headers);
        return headers.FirstOrDefault(h => h == field.Header) ?? headers.FirstOrDefault(h => string.Equals(h, field.Name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What the pages pre-fill before a person maps anything: every field that <see cref="DefaultColumn"/> finds.</summary>
    /// <param name="fields">The import's fields.</param>
    /// <param name="headers">The file's headers.</param>
    public static Dictionary<string, string> Defaults(IEnumerable<ImportField> fields, IReadOnlyList<string> headers) =>
        fields.Select(f => (f.Name, Column: DefaultColumn(f, headers))).Where(x => x.Column is not null).ToDictionary(x => x.Name, x => x.Column!);
}
