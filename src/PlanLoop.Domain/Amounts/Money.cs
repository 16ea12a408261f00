using System.Globalization;

namespace PlanLoop.Domain.Amounts;

/// <summary>
/// An exact amount of one currency. Arithmetic is decimal; combining two currencies is an error;
/// splitting goes through <see cref="Allocate"/> so that the parts always add up to the whole.
/// </summary>
public readonly record struct Money(decimal Amount, Currency Currency) : IComparable<Money>
{
    public static Money Cny(decimal amount) => new(amount, Currency.Cny);

    public static Money Zero(Currency currency) => new(0m, currency);

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount, Same(a, b));
    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount, Same(a, b));
    public static Money operator -(Money a) => a with { Amount = -a.Amount };
    public static Money operator *(Money a, decimal factor) => a with { Amount = a.Amount * factor };
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other)
    {
        _ = Same(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>The amount rounded once to the currency's smallest coin (banker's rounding).</summary>
    public Money RoundToMinor() => this with { Amount = Math.Round(Amount, Currency.MinorDigits, MidpointRounding.ToEven) };

    public bool IsWholeMinorUnits => Amount == Math.Round(Amount, Currency.MinorDigits);

    /// <summary>Splits the amount in proportion to <paramref name="weights"/>; the parts sum exactly to the whole.</summary>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<decimal> weights) => Allocation.LargestRemainder(this, weights);

    /// <summary>Splits the amount into <paramref name="parts"/> parts that differ by at most one smallest coin.</summary>
    public IReadOnlyList<Money> SplitEvenly(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        return Allocate(Enumerable.Repeat(1m, parts).ToArray());
    }

    public static Money Sum(IEnumerable<Money> parts, Currency currency) => parts.Aggregate(Zero(currency), (s, p) => s + p);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.##} {Currency.Code}");

    static Currency Same(Money a, Money b) => a.Currency == b.Currency ? a.Currency : throw new CurrencyMismatchException(a.Currency, b.Currency);
}
