using System.Globalization;
using MiniExcelLibs;

namespace PlanLoop.Features.Workbooks;

/// <summary>One data row of an uploaded table: its row number as the file numbers it (header = 1) and its cells by header.</summary>
public sealed record TabularRow(int Number, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string header] => Cells.TryGetValue(header, out var v) ? v : null;
}

public sealed record TabularTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<TabularRow> Rows);

/// <summary>
/// Reads the first sheet of an .xlsx, or a .csv (UTF-8, comma separated, header row first) into
/// rows of text by header, and writes tables back in either format. A file that cannot be read
/// gives one error instead of an exception.
/// </summary>
public static class TabularFile
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static bool IsCsv(string fileName) => fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The whole table, read by the same streaming reader as the large imports (same parsing, same
    /// limits) and kept in memory: at most <see cref="UploadLimits.MaxTableRows"/> rows.
    /// </summary>
    public static TabularTable? Read(Stream content, string fileName, List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        using var reader = TabularReader.Open(content, fileName, errors);
        if (reader is null) return null;
        var headers = reader.Headers;
        var rows = new List<TabularRow>();
        foreach (var row in reader.Rows(errors))
        {
            if (rows.Count == UploadLimits.MaxTableRows)
            {
                errors.Add(new WorkbookError(fileName, row.Number, "", $"文件超过 {UploadLimits.MaxTableRows:N0} 行的上限;请分几个文件导入。"));
                return null;
            }
            var cells = new Dictionary<string, string?>();
            for (var c = 0; c < headers.Count; c++)
                if (headers[c].Length > 0) cells[headers[c]] = row.Cells[c];
            rows.Add(new TabularRow(row.Number, cells));
        }
        if (errors.Count > before) return null;
        return new TabularTable(fileName, headers.Where(h => h.Length > 0).ToList(), rows);
    }

    static string? Text(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", Inv),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", Inv) : t.ToString("yyyy-MM-dd HH:mm", Inv),
        _ => Convert.ToString(value, Inv)?.Trim() is { Length: > 0 } s ? s : null,
    };

    /// <summary>Writes several tables as the sheets of one .xlsx, each with its header row.</summary>
    public static byte[] WriteSheets(IReadOnlyList<(string Sheet, string[] Headers, IEnumerable<object?[]> Rows)> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var stream = new MemoryStream();
        stream.SaveAs(sheets.ToDictionary(s => s.Sheet, s => (object)Workbook.Rows(s.Headers, s.Rows)), printHeader: false);
        return stream.ToArray();
    }

    /// <summary>Writes a header row and the rows, as .csv (UTF-8) or as an .xlsx with one sheet.</summary>
    public static byte[] Write(string sheet, IReadOnlyList<string> headers, IEnumerable<object?[]> rows, bool csv)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var stream = new MemoryStream();
        if (csv) WriteTo(stream, sheet, headers, rows, csv: true);   // one .csv writer: quoting and formula neutralising in one place
        else stream.SaveAs(new Dictionary<string, object> { [sheet] = Workbook.Rows([.. headers], rows) }, printHeader: false);
        return stream.ToArray();
    }

    /// <summary>
    /// Streams a header row and the rows to <paramref name="output"/> as they are enumerated: .csv
    /// (UTF-8 with a BOM, so Excel reads the Chinese; RFC 4180 quoting) written directly, .xlsx through
    /// MiniExcel's row-by-row writer. Dates as yyyy-MM-dd, numbers invariant.
    /// </summary>
    public static void WriteTo(Stream output, string sheet, IReadOnlyList<string> headers, IEnumerable<object?[]> rows, bool csv)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (!csv)
        {
            var keys = headers.ToArray();
            IEnumerable<IDictionary<string, object?>> Dictionaries()
            {
                foreach (var row in rows)
                {
                    var d = new Dictionary<string, object?>(keys.Length);
                    for (var i = 0; i < keys.Length; i++) d[keys[i]] = row[i] is DateOnly day ? day.ToString("yyyy-MM-dd", Inv) : row[i];
                    yield return d;
                }
            }
            output.SaveAs(new Dictionary<string, object> { [sheet] = Dictionaries() });
            return;
        }
        using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(true), 1 << 16, leaveOpen: true);
        writer.WriteLine(string.Join(',', headers.Select(h => Quote(Neutral(h)))));
        var line = new System.Text.StringBuilder(256);
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0) line.Append(',');
                line.Append(Quote(row[i] switch
                {
                    null => "",
                    DateOnly day => day.ToString("yyyy-MM-dd", Inv),
                    DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", Inv),
                    IFormattable f => f.ToString(null, Inv),
                    var other => Neutral(other.ToString() ?? ""),
                }));
            }
            writer.WriteLine(line);
        }
    }

    /// <summary>
    /// A text cell that a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first:
    /// "=HYPERLINK(…)", "=cmd|' /C calc'!A0") gets a leading apostrophe, as OWASP advises; numbers and
    /// dates are written as they are, and the imports take the apostrophe off again, so an export still
    /// imports back.
    /// </summary>
    internal static string Neutral(string text) => text.Length > 0 && FormulaStart(text[0]) ? "'" + text : text;

    internal static bool FormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
