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

    public static decimal FromStored(long stored) => (decimal)stored / Scale;
}
