using System.Globalization;
using PlanLoop.Domain.Optimization;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Optimization;

/// <summary>
/// Reads budget lines from a CSV or Excel file: key, channel, region, category, last_spend, last_revenue, min, max,
/// margin_rate, head_cost (blank: not a people line) and curve ("spend:revenue" points separated by spaces, starting at
/// 0:0; blank: a curve through last year's point with diminishing returns, elasticity 0.6). Every problem is named by row
/// and column, the curve's shape included; nothing is returned from a file with problems.
/// </summary>
public static class BudgetFile
{
    static readonly string[] Required = ["key", "channel", "region", "category", "last_spend", "last_revenue", "min", "max", "margin_rate"];

    public const string SampleName = "budget-2024.csv";

    /// <summary>The demo company's sample budget (data/budget/budget-2024.csv, built into the assembly).</summary>
    public static IReadOnlyList<BudgetLine> Sample()
    {
        var errors = new List<WorkbookError>();
        return Read(new MemoryStream(SampleBytes()), SampleName, errors) ?? throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.Message)));
    }

    /// <summary>The sample budget file as it is shipped (for download).</summary>
    public static byte[] SampleBytes()
    {
        using var stream = typeof(BudgetFile).Assembly.GetManifestResourceStream(SampleName)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static IReadOnlyList<BudgetLine>? Read(Stream content, string fileName, List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var table = TabularFile.Read(content, fileName, errors);
        if (table is null) return null;
        var headers = table.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        string? Column(string name) => table.Headers.FirstOrDefault(h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        var missing = Required.Where(r => !headers.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new WorkbookError(fileName, 1, missing[0], $"The file needs the columns {string.Join(", ", Required)} (and may have head_cost and curve); missing: {string.Join(", ", missing)}."));
            return null;
        }
        var lines = new List<BudgetLine>();
        var rows = new List<int>();
        foreach (var row in table.Rows)
        {
            string Text(string name) => Column(name) is { } c ? row[c]?.Trim() ?? "" : "";
            if (Required.All(r => Text(r).Length == 0)) continue;
            if (lines.Count >= BudgetAllocation.MaxLines)
            {
                errors.Add(new WorkbookError(fileName, row.Number, "key", $"At most {BudgetAllocation.MaxLines} budget lines."));
                return null;
            }
            decimal? Number(string name, bool optional = false)
            {
                var text = Text(name).Replace(",", "", StringComparison.Ordinal);
                if (text.Length == 0 && optional) return null;
                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= 1_000_000_000_000m) return value;
                errors.Add(new WorkbookError(fileName, row.Number, Column(name) ?? name, $"'{Text(name)}' is not a number (at most 10^12 in size)."));
                return null;
            }
            var before = errors.Count;
            var (lastSpend, lastRevenue, min, max, margin) = (Number("last_spend"), Number("last_revenue"), Number("min"), Number("max"), Number("margin_rate"));
            var headCost = Number("head_cost", optional: true);
            IReadOnlyList<CurvePoint>? curve = null;
            var curveText = Text("curve");
            if (curveText.Length > 0)
            {
                var points = new List<CurvePoint>();
                foreach (var part in curveText.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var pair = part.Split(':');
                    if (pair.Length == 2 && decimal.TryParse(pair[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var s) && decimal.TryParse(pair[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var r))
                        points.Add(new CurvePoint(s, r));
                    else
                    {
                        errors.Add(new WorkbookError(fileName, row.Number, Column("curve")!, $"'{part}' is not a spend:revenue point (e.g. 100000:350000)."));
                        break;
                    }
                }
                curve = points;
            }
            else if (lastSpend is > 0m && lastRevenue is >= 0m) curve = BudgetAllocation.FromHistory(lastSpend.Value, lastRevenue.Value);
            else if (errors.Count == before)
                errors.Add(new WorkbookError(fileName, row.Number, Column("last_spend")!, "Without a curve, last year's spend (> 0) and revenue are needed to draw one."));
            if (errors.Count > before) continue;
            lines.Add(new BudgetLine(Text("key"), Text("channel"), Text("region"), Text("category"), lastSpend!.Value, lastRevenue!.Value, min!.Value, max!.Value, curve!, margin!.Value, headCost));
            rows.Add(row.Number);
        }
        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add(new WorkbookError(fileName, 2, "key", "The file has no budget lines."));
            return null;
        }
        // The shape of each line (unique key, bounds, concave curve …), named by the row it came from.
        foreach (var (field, messages) in BudgetAllocation.Errors(lines, new BudgetRules(0m)))
        {
            if (!field.StartsWith("lines[", StringComparison.Ordinal)) continue;
            var index = int.Parse(field[6..field.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture) - 1;
            var column = field[(field.IndexOf('.', StringComparison.Ordinal) + 1)..] switch { "marginRate" => "margin_rate", "headCost" => "head_cost", var c => c };
            errors.Add(new WorkbookError(fileName, rows[index], Column(column) ?? column, messages[0]));
        }
        return errors.Count > 0 ? null : lines;
    }
}
