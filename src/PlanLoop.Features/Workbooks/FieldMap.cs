using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanLoop.Features.Workbooks;

/// <summary>What to do with an amount that has more decimals than money has (two, to the fen).</summary>
public enum AmountRounding
{
    /// <summary>Refuse the row, naming the cell (the default: nothing is changed without being asked).</summary>
    Refuse,

    /// <summary>Round half to even (banker's rounding) and report the total difference.</summary>
    HalfEven,
}

/// <summary>
/// A field read from a second uploaded file: the value of <see cref="Value"/> in the row of
/// <see cref="File"/> whose <see cref="Key"/> column equals this row's <see cref="By"/> field (e.g. an
/// agent's regional office from the teams file, by the opportunity's owner).
/// </summary>
public sealed record ImportLookup(string File, string Key, string Value, string By);

/// <summary>
/// How the columns of a foreign export become PlanLoop's fields — one shape for every import kind:
/// which column each field is read from; value maps (the source's "Won" → our stage code);
/// defaults for blank cells and constants for fields the source does not have; the source's date
/// format; fields looked up in a second file; and what to do with amounts finer than the fen. Saved
/// under a name and reused. A plain JSON object of field → header (the older shape) still reads as
/// the columns alone.
/// </summary>
public sealed record FieldMap
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };
    static readonly string[] StandardDays = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>Field → the file's column header.</summary>
    public Dictionary<string, string> Columns { get; init; } = [];

    /// <summary>Field → (the source's value → ours), matched ignoring case; a value not in the map passes unchanged.</summary>
    public Dictionary<string, Dictionary<string, string>> Values { get; init; } = [];

    /// <summary>Field → the value used when the cell is blank or the file has no such column.</summary>
    public Dictionary<string, string> Defaults { get; init; } = [];

    /// <summary>Field → one value for every row, whatever the file says.</summary>
    public Dictionary<string, string> Constants { get; init; } = [];

    /// <summary>Field → a lookup into a second file uploaded with the first.</summary>
    public Dictionary<string, ImportLookup> Lookups { get; init; } = [];

    /// <summary>The source's date format (.NET custom format, e.g. "M/d/yyyy" or "dd.MM.yyyy"), tried before the standard ones.</summary>
    public string? DateFormat { get; init; }

    public AmountRounding Rounding { get; init; }

    /// <summary>The second files uploaded with this run, which <see cref="Lookups"/> read (not saved with the map).</summary>
    [JsonIgnore]
    public IReadOnlyList<ImportFile> Files { get; init; } = [];

    public static FieldMap Empty { get; } = new();

    public bool IsEmpty => Columns.Count == 0 && Values.Count == 0 && Defaults.Count == 0 && Constants.Count == 0 && Lookups.Count == 0 && DateFormat is null && Rounding == AmountRounding.Refuse;

    /// <summary>The columns alone (what older saved mappings and simple callers have).</summary>
    public static FieldMap OfColumns(IReadOnlyDictionary<string, string>? columns) =>
        columns is null ? Empty : new FieldMap { Columns = columns.ToDictionary(c => c.Key, c => c.Value) };

    public static implicit operator FieldMap(Dictionary<string, string> columns) => OfColumns(columns);

    /// <summary>Every field the map names in any part (to check against the import kind's fields).</summary>
    public IEnumerable<string> Fields() =>
        Columns.Keys.Concat(Values.Keys).Concat(Defaults.Keys).Concat(Constants.Keys).Concat(Lookups.Keys).Distinct();

    /// <summary>Whether the map gives a field a value without a column of its own.</summary>
    public bool Supplies(string field) => Constants.ContainsKey(field) || Defaults.ContainsKey(field) || Lookups.ContainsKey(field);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Reads a map from JSON: the full shape, or a flat object of field → header. The error says what
    /// is wrong (null when the text is a map).
    /// </summary>
    public static FieldMap? Parse(string? json, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(json)) return Empty;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The mapping is a JSON object.";
                return null;
            }
            if (doc.RootElement.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String) &&
                !doc.RootElement.EnumerateObject().Any(p => p.NameEquals("dateFormat") || p.NameEquals("rounding")))
                return OfColumns(doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
            var map = doc.RootElement.Deserialize<FieldMap>(Json) ?? Empty;
            error = map.Problem();
            return error is null ? map : null;
        }
        catch (JsonException e)
        {
            error = $"The mapping is not valid JSON: {e.Message}";
            return null;
        }
        catch (InvalidOperationException)   // a text with a lone surrogate (\ud800) reads as JSON but not as a string
        {
            error = "The mapping has a text that is not valid Unicode.";
            return null;
        }
    }

    /// <summary>What makes the map unusable (bounded sizes, a date format that formats no date), or null.</summary>
    public string? Problem()
    {
        if (Fields().Count() > 100) return "A mapping names at most 100 fields.";
        if (Values.Values.Sum(v => v.Count) > 10_000) return "Value maps hold at most 10,000 entries in all.";
        if (DateFormat is { } f)
        {
            if (f.Length > 40) return "dateFormat is at most 40 characters.";
            try
            {
                var probe = new DateTime(2024, 9, 30).ToString(f, CultureInfo.InvariantCulture);
                if (!DateTime.TryParseExact(probe, f, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) || back.Date != new DateTime(2024, 9, 30))
                    return $"dateFormat '{f}' does not read back the dates it writes (it needs a year, a month and a day).";
            }
            catch (FormatException)
            {
                return $"dateFormat '{f}' is not a date format.";
            }
        }
        foreach (var (field, lookup) in Lookups)
            if (string.IsNullOrWhiteSpace(lookup.File) || string.IsNullOrWhiteSpace(lookup.Key) || string.IsNullOrWhiteSpace(lookup.Value) || string.IsNullOrWhiteSpace(lookup.By))
                return $"The lookup for '{field}' needs file, key, value and by.";
        return null;
    }

    /// <summary>A field's value from its cell: the constant when the map has one, else the cell through <see cref="Apply"/>.</summary>
    public string? Read(string field, string? cell) =>
        Constants.TryGetValue(field, out var constant) ? (string.IsNullOrWhiteSpace(constant) ? null : constant.Trim()) : Apply(field, cell);

    /// <summary>A cell's text after the value map, or the default when blank.</summary>
    public string? Apply(string field, string? cell)
    {
        if (cell is not null && Values.TryGetValue(field, out var values))
            foreach (var (from, to) in values)
                if (string.Equals(from.Trim(), cell, StringComparison.OrdinalIgnoreCase)) return string.IsNullOrWhiteSpace(to) ? null : to.Trim();
        if (cell is null && Defaults.TryGetValue(field, out var fallback) && !string.IsNullOrWhiteSpace(fallback)) return fallback.Trim();
        return cell;
    }

    /// <summary>A date in the map's format, a standard one, or an Excel serial number.</summary>
    public bool TryDay(string? text, out DateOnly day)
    {
        var read = TryMoment(text, out var moment);
        day = DateOnly.FromDateTime(moment);
        return read;
    }

    /// <summary>A date with its time of day when the cell has one (midnight otherwise): the mapping's format first, then the standard forms, then an Excel serial.</summary>
    public bool TryMoment(string? text, out DateTime moment)
    {
        moment = default;
        if (text is null) return false;
        if (DateFormat is { } f && DateTime.TryParseExact(text, f, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out moment)) return true;
        if (DateTime.TryParseExact(text, StandardDays, CultureInfo.InvariantCulture, DateTimeStyles.None, out moment)) return true;
        // An Excel date cell that reached us as its serial number.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 80_000)
        {
            moment = DateTime.FromOADate(serial);
            return true;
        }
        moment = default;
        return false;
    }

    /// <summary>What a date cell should look like, for error messages.</summary>
    public string DayExample => DateFormat is { } f ? new DateTime(2024, 9, 30).ToString(f, CultureInfo.InvariantCulture) : "2024-09-30";
}

/// <summary>A second file uploaded with an import, which its mapping looks values up in.</summary>
public sealed record ImportFile(string Name, Stream Content);
