using System.Globalization;
using MiniExcelLibs;

namespace PlanLoop.Features.Workbooks;

/// <summary>One problem in an uploaded workbook, at a sheet, row and column (as Excel numbers them).</summary>
public sealed record WorkbookError(string Sheet, int Row, string Column, string Message)
{
    /// <summary>The machine-readable reference (the key of the API's ProblemDetails errors): sheet!column+row.</summary>
    public string Cell => Row > 0 ? $"{Sheet}!{Column}{Row}" : Sheet;

    /// <summary>Where, for a person: "pipeline.csv,第 2 行,owner 列" or "pipeline.csv, row 2, column owner".</summary>
    public string Where(bool english) => (Row, Column.Length) switch
    {
        ( <= 0, _) => Sheet,
        (_, 0) => english ? $"{Sheet}, row {Row}" : $"{Sheet},第 {Row} 行",
        _ => english ? $"{Sheet}, row {Row}, column {Column}" : $"{Sheet},第 {Row} 行,{Column} 列",
    };

    public override string ToString() => $"{Where(false)}: {Message}";
}

/// <summary>
/// Shared reading and writing of .xlsx workbooks (plans, master data): a header row per sheet, then
/// data rows; every problem is collected with its sheet, row and column, so an import can report
/// them all and write nothing.
/// </summary>
public static class Workbook
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Opens a workbook for reading, or adds an error and returns null when it is not a valid .xlsx.</summary>
    internal static SheetReader? Open(Stream xlsx, List<WorkbookError> errors)
    {
        var buffer = new MemoryStream();
        xlsx.CopyTo(buffer);
        buffer.Position = 0;
        if (!UploadLimits.CheckXlsx(buffer, "文件", errors)) return null;
        try
        {
            buffer.Position = 0;
            return new SheetReader(buffer, MiniExcel.GetSheetNames(buffer), errors);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            errors.Add(new WorkbookError("文件", 0, "", $"不是有效的 .xlsx 文件: {e.Message}"));
            return null;
        }
    }

    /// <summary>Writes sheets whose first row is the header, in the given column order.</summary>
    public static byte[] Write(IReadOnlyDictionary<string, List<Dictionary<string, object?>>> sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets.ToDictionary(s => s.Key, s => (object)s.Value), printHeader: false);
        return stream.ToArray();
    }

    public static List<Dictionary<string, object?>> Rows(string[] header, IEnumerable<object?[]> rows)
    {
        var list = new List<Dictionary<string, object?>> { Row(header) };
        list.AddRange(rows.Select(Row));
        return list;
    }

    static Dictionary<string, object?> Row(object?[] cells)
    {
        var row = new Dictionary<string, object?>();
        for (var i = 0; i < cells.Length; i++) row[Letter(i)] = cells[i] is decimal d ? (double)d : cells[i];
        return row;
    }

    internal static string Letter(int i) => ((char)('A' + i)).ToString();


    /// <summary>Reads one sheet: checks its header row, then yields its non-empty data rows with their Excel row numbers.</summary>
    internal sealed class SheetReader(MemoryStream buffer, List<string> names, List<WorkbookError> errors)
    {
        public bool HasSheet(string name) => names.Contains(name);

        public List<SheetRow> Sheet(string name, string[] header)
        {
            if (!names.Contains(name))
            {
                errors.Add(new WorkbookError(name, 0, "", $"缺少工作表 '{name}'。"));
                return [];
            }
            buffer.Position = 0;
            var rows = buffer.Query(useHeaderRow: false, sheetName: name).Cast<IDictionary<string, object?>>().ToList();
            var first = rows.FirstOrDefault();
            for (var i = 0; i < header.Length; i++)
            {
                var col = Workbook.Letter(i);
                var text = first is not null && first.TryGetValue(col, out var v) ? Convert.ToString(v, Inv)?.Trim() : null;
                if (text != header[i]) errors.Add(new WorkbookError(name, 1, col, $"表头应为 '{header[i]}',实际为 '{text}'(缺少或移动了列)。"));
            }
            if (errors.Any(e => e.Sheet == name && e.Row == 1)) return [];
            return rows.Skip(1).Select((r, i) => new SheetRow(name, i + 2, r, errors))
                .Where(r => r.Cells.Values.Any(v => v is not null && Convert.ToString(v, Inv)?.Trim() is { Length: > 0 })).ToList();
        }
    }

    internal sealed class SheetRow(string sheet, int number, IDictionary<string, object?> cells, List<WorkbookError> errors)
    {
        public int RowNumber => number;
        public IDictionary<string, object?> Cells => cells;

        public void Error(string column, string message) => errors.Add(new WorkbookError(sheet, number, column, message));

        public string? Text(string column) =>
            cells.TryGetValue(column, out var v) && Convert.ToString(v, Inv)?.Trim() is { Length: > 0 } s ? s : null;

        public string? Required(string column)
        {
            var text = Text(column);
            if (text is null) Error(column, "不能为空。");
            return text;
        }

        public T? Enum<T>(string column) where T : struct, Enum
        {
            var text = Required(column);
            if (text is null) return null;
            if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)) return value;
            Error(column, $"'{text}' 不是有效的值;可用: {string.Join(", ", System.Enum.GetNames<T>())}。");
            return null;
        }

        public decimal? Number(string column, bool required = false, decimal? min = null, decimal? max = null, int? decimals = null)
        {
            if (!cells.TryGetValue(column, out var raw) || raw is null || (raw is string s0 && string.IsNullOrWhiteSpace(s0)))
            {
                if (required) Error(column, "不能为空。");
                return null;
            }
            decimal value;
            switch (raw)
            {
                case double d: value = (decimal)d; break;
                case decimal m: value = m; break;
                case int n: value = n; break;
                case long l: value = l; break;
                case string text when decimal.TryParse(text.Trim(), NumberStyles.Number, Inv, out var parsed): value = parsed; break;
                default:
                    Error(column, $"'{Convert.ToString(raw, Inv)}' 不是数字。");
                    return null;
            }
            if (min is { } lo && value < lo) { Error(column, $"{value.ToString(Inv)} 小于允许的最小值 {lo.ToString(Inv)}。"); return null; }
            if (max is { } hi && value > hi) { Error(column, $"{value.ToString(Inv)} 大于允许的最大值 {hi.ToString(Inv)}(比例用小数,20% 写 0.2)。"); return null; }
            if (decimals is { } dp && decimal.Round(value, dp) != value) { Error(column, $"{value.ToString(Inv)} 的小数位超过 {dp} 位。"); return null; }
            if (decimal.Round(value, 4) != value) { Error(column, $"{value.ToString(Inv)} 的小数位超过 4 位,无法精确保存。"); return null; }
            return value;
        }
    }
}
