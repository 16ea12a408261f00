namespace PlanLoop.Domain.Amounts;

/// <summary>
/// How money is stored: a whole number of 1/10 000 of the currency unit, so the database can SUM,
/// compare and order it (SQLite has no decimal type). See docs/decisions/0003-money-scale.md.
/// </summary>
public static class MinorUnits
{
    public const long Scale = 10_000;

    public static long ToStored(decimal amount)
    {
        var scaled = amount * Scale;
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"{amount} has more than four decimals and cannot be stored exactly.", nameof(amount));
        return decimal.ToInt64(scaled);
    }

    /// <summary>Why an amount cannot be stored exactly (more than four decimals, or beyond ±922,337,203,685,477), or null when it can.</summary>
    public static string? Problem(decimal amount) =>
        Math.Abs(amount) > Largest ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The value is outside ±{Largest:#,0}.")
        : amount * Scale != decimal.Truncate(amount * Scale) ? "The value has more than four decimals."
        : null;

    /// <summary>The largest amount a stored figure can hold, in whole units.</summary>
    public static readonly decimal Largest = decimal.Truncate((decimal)long.MaxValue / Scale);

    public static decimal FromStored(long stored) => (decimal)stored / Scale;
}
