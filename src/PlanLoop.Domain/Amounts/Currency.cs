namespace PlanLoop.Domain.Amounts;

/// <summary>An ISO 4217 currency with the number of decimals its smallest coin has (CNY: fen, 2).</summary>
public readonly record struct Currency
{
    public static readonly Currency Cny = new("CNY", 2);

    public Currency(string code, int minorDigits)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
            throw new ArgumentException($"'{code}' is not a three-letter ISO 4217 currency code.", nameof(code));
        if (minorDigits is < 0 or > 4)
            throw new ArgumentOutOfRangeException(nameof(minorDigits), minorDigits, "A currency has 0 to 4 minor digits.");
        Code = code;
        MinorDigits = minorDigits;
    }

    public string Code { get; }

    /// <summary>Decimals of the smallest coin: allocations are exact to this unit.</summary>
    public int MinorDigits { get; }

    public static Currency FromCode(string code) => code switch
    {
        "CNY" => Cny,
        "USD" or "EUR" or "HKD" or "GBP" => new Currency(code, 2),
        "JPY" or "KRW" => new Currency(code, 0),
        _ => throw new ArgumentException($"Currency '{code}' is not supported.", nameof(code)),
    };

    public override string ToString() => Code;
}

public sealed class CurrencyMismatchException(Currency left, Currency right)
    : InvalidOperationException($"Cannot combine {left} and {right} amounts.")
{
    public Currency Left { get; } = left;
    public Currency Right { get; } = right;
}
