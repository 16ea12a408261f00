namespace PlanLoop.Domain.Periods;

public enum PeriodKind
{
    Year,
    Quarter,
    Month,
}

/// <summary>
/// A fiscal year, quarter or month. Fiscal year N starts on the first day of the calendar's start
/// month in calendar year N (with a January start it is the calendar year). Dates are inclusive.
/// </summary>
public sealed record FiscalPeriod(PeriodKind Kind, int FiscalYear, int Number, DateOnly Start, DateOnly End)
{
    /// <summary>"FY2024", "FY2024-Q1", "FY2024-M01".</summary>
    public string Code => Kind switch
    {
        PeriodKind.Year => $"FY{FiscalYear}",
        PeriodKind.Quarter => $"FY{FiscalYear}-Q{Number}",
        PeriodKind.Month => $"FY{FiscalYear}-M{Number:00}",
        _ => throw new InvalidOperationException($"Unknown period kind {Kind}"),
    };

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>The share of the period's days that are over on <paramref name="asOf"/> (inclusive), 0 to 1.</summary>
    public decimal ElapsedFraction(DateOnly asOf) =>
        asOf < Start ? 0m : asOf >= End ? 1m : (decimal)(asOf.DayNumber - Start.DayNumber + 1) / Days;

    public override string ToString() => Code;
}

/// <summary>The company's fiscal calendar: which month the year starts in.</summary>
public sealed record FiscalCalendar
{
    public static readonly FiscalCalendar Calendar = new(1);

    public FiscalCalendar(int startMonth)
    {
        if (startMonth is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(startMonth), startMonth, "The fiscal year starts in a month from 1 to 12.");
        StartMonth = startMonth;
    }

    public int StartMonth { get; }

    public FiscalPeriod Year(int fiscalYear)
    {
        var start = new DateOnly(fiscalYear, StartMonth, 1);
        return new FiscalPeriod(PeriodKind.Year, fiscalYear, 1, start, start.AddYears(1).AddDays(-1));
    }

    public FiscalPeriod Quarter(int fiscalYear, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var start = new DateOnly(fiscalYear, StartMonth, 1).AddMonths((quarter - 1) * 3);
        return new FiscalPeriod(PeriodKind.Quarter, fiscalYear, quarter, start, start.AddMonths(3).AddDays(-1));
    }

    public FiscalPeriod Month(int fiscalYear, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var start = new DateOnly(fiscalYear, StartMonth, 1).AddMonths(month - 1);
        return new FiscalPeriod(PeriodKind.Month, fiscalYear, month, start, start.AddMonths(1).AddDays(-1));
    }

    public IReadOnlyList<FiscalPeriod> Quarters(int fiscalYear) => [.. Enumerable.Range(1, 4).Select(q => Quarter(fiscalYear, q))];

    public IReadOnlyList<FiscalPeriod> Months(int fiscalYear) => [.. Enumerable.Range(1, 12).Select(m => Month(fiscalYear, m))];

    public int FiscalYearOf(DateOnly date) => date.Month >= StartMonth ? date.Year : date.Year - 1;

    public FiscalPeriod PeriodOf(DateOnly date, PeriodKind kind)
    {
        var fy = FiscalYearOf(date);
        var monthIndex = ((date.Month - StartMonth + 12) % 12) + 1;
        return kind switch
        {
            PeriodKind.Year => Year(fy),
            PeriodKind.Quarter => Quarter(fy, ((monthIndex - 1) / 3) + 1),
            PeriodKind.Month => Month(fy, monthIndex),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Reads "FY2024", "FY2024-Q3" or "FY2024-M07"; null when the text is not a period code.</summary>
    public FiscalPeriod? Parse(string code)
    {
        if (string.IsNullOrWhiteSpace(code) || !code.StartsWith("FY", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = code[2..].Split('-');
        if (!int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fy) || fy is < 1900 or > 9998)
            return null;
        if (parts.Length == 1) return Year(fy);
        if (parts.Length != 2 || parts[1].Length < 2) return null;
        if (!int.TryParse(parts[1][1..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return null;
        return char.ToUpperInvariant(parts[1][0]) switch
        {
            'Q' when n is >= 1 and <= 4 => Quarter(fy, n),
            'M' when n is >= 1 and <= 12 => Month(fy, n),
            _ => null,
        };
    }
}
