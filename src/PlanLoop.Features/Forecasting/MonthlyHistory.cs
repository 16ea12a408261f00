using System.Globalization;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Forecasting;

/// <summary>What to do with a month the file does not have: refuse the file (naming the gap) or count it as 0.</summary>
public enum MissingMonths
{
    Refuse,
    Zero,
}

/// <summary>A monthly series read from a file: its first month, one value per month with no gap, and the months counted as 0.</summary>
public sealed record MonthlySeries(DateOnly First, double[] Values, IReadOnlyList<DateOnly> Filled)
{
    public DateOnly Last => First.AddMonths(Values.Length - 1);
}

/// <summary>
/// Reads a monthly history another system exported (CSV or Excel, columns <c>month</c> and <c>value</c>, or 月份 and
/// 金额): months as 2023-04, 2023/4, 2023-04-01 or 2023年4月, in any order. A month twice, a value that is not a
/// number, a month that is not one, and — unless the caller counts them as 0 — a month missing between the first and
/// the last are errors that name the row and column; nothing is forecast from a file with errors.
/// </summary>
public static class MonthlyHistory
{
    /// <summary>At most 50 years of months: a longer file is not a monthly sales history.</summary>
    public const int MaxMonths = 600;

    static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["month"] = "month",
        ["月份"] = "month",
        ["月"] = "month",
        ["period"] = "month",
        ["value"] = "value",
        ["金额"] = "value",
        ["数值"] = "value",
        ["amount"] = "value",
        ["revenue"] = "value",
    };

    public static MonthlySeries? Read(Stream content, string fileName, MissingMonths missing, List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var table = TabularFile.Read(content, fileName, errors);
        if (table is null) return null;
        string? Column(string name) => table.Headers.FirstOrDefault(h => Aliases.TryGetValue(h.Trim(), out var c) && c == name);
        var (monthColumn, valueColumn) = (Column("month"), Column("value"));
        if (monthColumn is null || valueColumn is null)
        {
            errors.Add(new WorkbookError(fileName, 1, monthColumn is null ? "month" : "value", "The file needs a month column (month or 月份) and a value column (value or 金额)."));
            return null;
        }
        var byMonth = new SortedDictionary<DateOnly, (double Value, int Row)>();
        foreach (var row in table.Rows)
        {
            var monthText = row[monthColumn]?.Trim() ?? "";
            var valueText = row[valueColumn]?.Trim() ?? "";
            if (monthText.Length == 0 && valueText.Length == 0) continue;
            if (ParseMonth(monthText) is not { } month)
            {
                errors.Add(new WorkbookError(fileName, row.Number, monthColumn, $"'{monthText}' is not a month (2023-04, 2023/4, 2023-04-01 or 2023年4月)."));
                continue;
            }
            if (!double.TryParse(valueText.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || Math.Abs(value) > 1e15)
            {
                errors.Add(new WorkbookError(fileName, row.Number, valueColumn, $"'{valueText}' is not a number (at most 10^15 in size)."));
                continue;
            }
            if (byMonth.TryGetValue(month, out var earlier))
            {
                errors.Add(new WorkbookError(fileName, row.Number, monthColumn, $"{month:yyyy-MM} is also on row {earlier.Row}: one value per month."));
                continue;
            }
            byMonth[month] = (value, row.Number);
        }
        if (errors.Count > 0) return null;
        if (byMonth.Count == 0)
        {
            errors.Add(new WorkbookError(fileName, 2, monthColumn, "The file has no months."));
            return null;
        }
        var first = byMonth.Keys.First();
        var last = byMonth.Keys.Last();
        var length = (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
        if (length > MaxMonths)
        {
            errors.Add(new WorkbookError(fileName, byMonth[last].Row, monthColumn, $"From {first:yyyy-MM} to {last:yyyy-MM} is {length} months; at most {MaxMonths}."));
            return null;
        }
        var values = new double[length];
        var filled = new List<DateOnly>();
        for (var i = 0; i < length; i++)
        {
            var month = first.AddMonths(i);
            if (byMonth.TryGetValue(month, out var v)) { values[i] = v.Value; continue; }
            if (missing == MissingMonths.Zero) { filled.Add(month); continue; }
            var next = byMonth.First(kv => kv.Key > month);
            var gap = (next.Key.Year - month.Year) * 12 + next.Key.Month - month.Month;
            var what = gap == 1 ? $"{month:yyyy-MM} is missing" : $"{month:yyyy-MM} to {next.Key.AddMonths(-1):yyyy-MM} ({gap} months) are missing";
            errors.Add(new WorkbookError(fileName, next.Value.Row, monthColumn,
                $"{what} between {month.AddMonths(-1):yyyy-MM} and {next.Key:yyyy-MM}. Add the month(s), or count missing months as 0."));
            return null;
        }
        return new MonthlySeries(first, values, filled);
    }

    static DateOnly? ParseMonth(string text)
    {
        text = text.Replace('年', '-').Replace("月", "", StringComparison.Ordinal).Replace('/', '-').Replace('.', '-');
        var parts = text.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3) return null;
        if (parts.Length == 3 && parts[2].Contains(' ', StringComparison.Ordinal)) parts[2] = parts[2].Split(' ')[0];   // "2023-04-01 00:00:00" from Excel
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2200) return null;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12) return null;
        if (parts.Length == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day < 1 || day > DateTime.DaysInMonth(year, month))) return null;
        return new DateOnly(year, month, 1);
    }
}
