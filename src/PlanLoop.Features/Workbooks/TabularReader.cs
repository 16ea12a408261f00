using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace PlanLoop.Features.Workbooks;

/// <summary>One data row read from a stream: its number as the file numbers it (header = 1) and its cells in header order.</summary>
public readonly record struct StreamedRow(int Number, string?[] Cells);

/// <summary>
/// Reads a large .csv (UTF-8, comma separated, header first; Sylvan's reader) or the first sheet of
/// an .xlsx (MiniExcel, lazily) one row at a time, so a million-row import never holds the file in
/// memory. Empty rows are skipped; a file that cannot be read gives one error, not an exception.
/// </summary>
public sealed class TabularReader : IDisposable
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The longest .csv record (row) read, in characters: the reader's buffer, which never grows.</summary>
    const int RecordChars = 1 << 18;

    readonly IDisposable? owned;
    readonly IEnumerator<string?[]> rows;

    TabularReader(string name, IReadOnlyList<string> headers, IEnumerator<string?[]> rows, IDisposable? owned)
        => (Name, Headers, this.rows, this.owned) = (name, headers, rows, owned);

    public string Name { get; }

    public IReadOnlyList<string> Headers { get; }

    public static TabularReader? Open(Stream content, string fileName, List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(errors);
        var csv = TabularFile.IsCsv(fileName);
        if (!csv && !fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new WorkbookError(fileName, 0, "", "只支持 .xlsx 或 .csv 文件。"));
            return null;
        }
        try
        {
            if (csv)
            {
                var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
                var data = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = RecordChars });
                if (UploadLimits.Columns(data.FieldCount) is { } wide)
                {
                    data.Dispose();
                    errors.Add(new WorkbookError(fileName, 1, "", wide));
                    return null;
                }
                var headers = Enumerable.Range(0, data.FieldCount).Select(i => data.GetName(i).Trim()).ToList();
                if (headers.Count == 0 || headers.All(h => h.Length == 0))
                {
                    data.Dispose();
                    errors.Add(new WorkbookError(fileName, 0, "", "文件是空的:第一行应为表头。"));
                    return null;
                }
                return new TabularReader(fileName, headers, CsvRows(data, headers.Count).GetEnumerator(), data);
            }
            var seekable = content.CanSeek ? content : Buffer(content);
            if (!UploadLimits.CheckXlsx(seekable, fileName, errors)) return null;
            var sheet = seekable.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().GetEnumerator();
            if (!sheet.MoveNext())
            {
                errors.Add(new WorkbookError(fileName, 0, "", "文件是空的:第一行应为表头。"));
                return null;
            }
            var columns = sheet.Current.Keys.ToList();
            if (UploadLimits.Columns(columns.Count) is { } tooWide)
            {
                sheet.Dispose();
                errors.Add(new WorkbookError(fileName, 1, "", tooWide));
                return null;
            }
            var titles = columns.Select(c => Text(sheet.Current[c]) ?? "").ToList();
            return new TabularReader(fileName, titles, XlsxRows(sheet, columns).GetEnumerator(), sheet);
        }
        catch (CsvRecordTooLargeException)
        {
            errors.Add(new WorkbookError(fileName, 1, "", $"表头或第一行数据超过 {RecordChars:N0} 个字符的上限(最多 {UploadLimits.MaxColumns} 列,一个单元格最多 {UploadLimits.MaxCellChars:N0} 个字符)。"));
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException or CsvFormatException)
        {
            errors.Add(new WorkbookError(fileName, 0, "", $"无法读取{(csv ? " .csv" : " .xlsx")} 文件: {e.Message}"));
            return null;
        }
    }

    /// <summary>The data rows, in order; a row that cannot be read ends the stream with an error.</summary>
    public IEnumerable<StreamedRow> Rows(List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var number = 1;
        while (true)
        {
            string?[] cells;
            try
            {
                if (!rows.MoveNext()) yield break;
                cells = rows.Current;
            }
            catch (CsvRecordTooLargeException)
            {
                errors.Add(new WorkbookError(Name, number + 1, "", $"第 {number + 1} 行超过 {RecordChars:N0} 个字符的上限(一个单元格最多 {UploadLimits.MaxCellChars:N0} 个字符)。"));
                yield break;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or FormatException or CsvFormatException)
            {
                errors.Add(new WorkbookError(Name, number + 1, "", $"第 {number + 1} 行无法读取: {e.Message}"));
                yield break;
            }
            number++;
            if (Array.TrueForAll(cells, c => c is null)) continue;
            yield return new StreamedRow(number, cells);
        }
    }

    static IEnumerable<string?[]> CsvRows(CsvDataReader data, int width)
    {
        while (data.Read())
        {
            var cells = new string?[width];
            for (var i = 0; i < width && i < data.RowFieldCount; i++)
            {
                var text = data.GetString(i).Trim();
                if (text.Length > 1 && text[0] == '\'' && TabularFile.FormulaStart(text[1])) text = text[1..];   // what our .csv export neutralised
                if (text.Length > UploadLimits.MaxCellChars)
                    throw new FormatException($"第 {i + 1} 列的单元格长 {text.Length:N0} 个字符,超过 {UploadLimits.MaxCellChars:N0} 个字符的上限。");
                cells[i] = text.Length == 0 ? null : text;
            }
            yield return cells;
        }
    }

    static IEnumerable<string?[]> XlsxRows(IEnumerator<IDictionary<string, object?>> sheet, List<string> columns)
    {
        while (sheet.MoveNext())
        {
            var cells = new string?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
                cells[i] = sheet.Current.TryGetValue(columns[i], out var v) ? Text(v) : null;
            yield return cells;
        }
    }

    static MemoryStream Buffer(Stream content)
    {
        var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }

    static string? Text(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", Inv),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", Inv) : t.ToString("yyyy-MM-dd HH:mm", Inv),
        _ => Convert.ToString(value, Inv)?.Trim() is { Length: > 0 } s ? s : null,
    };

    public void Dispose()
    {
        rows.Dispose();
        owned?.Dispose();
    }
}
