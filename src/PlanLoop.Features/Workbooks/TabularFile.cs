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

    public static TabularTable? Read(Stream content, string fileName, List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        var csv = IsCsv(fileName);
        if (!csv && !fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new WorkbookError(fileName, 0, "", "只支持 .xlsx 或 .csv 文件。"));
            return null;
        }
        try
        {
            var raw = buffer.Query(useHeaderRow: false, excelType: csv ? ExcelType.CSV : ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().ToList();
            if (raw.Count == 0)
            {
                errors.Add(new WorkbookError(fileName, 0, "", "文件是空的:第一行应为表头。"));
                return null;
            }
            var columns = raw[0].Keys.ToList();
            var headers = columns.Select(c => Text(raw[0][c]) ?? "").ToList();
            var rows = new List<TabularRow>();
            for (var i = 1; i < raw.Count; i++)
            {
                var cells = new Dictionary<string, string?>();
                for (var c = 0; c < columns.Count; c++)
                    if (headers[c].Length > 0) cells[headers[c]] = raw[i].TryGetValue(columns[c], out var v) ? Text(v) : null;
                if (cells.Values.Any(v => v is not null)) rows.Add(new TabularRow(i + 1, cells));
            }
            return new TabularTable(fileName, headers.Where(h => h.Length > 0).ToList(), rows);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException)
        {
            errors.Add(new WorkbookError(fileName, 0, "", $"无法读取{(csv ? " .csv" : " .xlsx")} 文件: {e.Message}"));
            return null;
        }
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
        var table = Workbook.Rows([.. headers], rows);
        using var stream = new MemoryStream();
        if (csv) stream.SaveAs(table, printHeader: false, excelType: ExcelType.CSV);
        else stream.SaveAs(new Dictionary<string, object> { [sheet] = table }, printHeader: false);
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
        writer.WriteLine(string.Join(',', headers.Select(Quote)));
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
                    IFormattable f => f.ToString(null, Inv),
                    var other => other.ToString() ?? "",
                }));
            }
            writer.WriteLine(line);
        }
    }

    static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
