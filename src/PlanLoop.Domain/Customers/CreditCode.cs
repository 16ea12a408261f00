namespace PlanLoop.Domain.Customers;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-letter
/// alphabet (no I, O, S, V, Z), the last a check character over the first 17 with weights 3^i mod 31.
/// </summary>
public static class CreditCode
{
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Upper-cases and trims; null for blank input.</summary>
    public static string? Normalize(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    /// <summary>Why the code is not valid, or null when it is.</summary>
    public static string? Problem(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 18) return $"统一社会信用代码应为 18 位,实际 {code.Length} 位。";
        foreach (var c in code)
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0) return $"统一社会信用代码含无效字符 '{c}'。";
        var expected = CheckCharacter(code[..17]);
        return code[17] == expected ? null : $"统一社会信用代码校验位应为 '{expected}',实际为 '{code[17]}'。";
    }

    public static bool IsValid(string? code) => code is not null && Problem(code) is null;

    /// <summary>The check character for the first 17 characters.</summary>
    public static char CheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17) throw new ArgumentException("17 characters expected.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0) throw new ArgumentException($"Invalid character '{first17[i]}'.", nameof(first17));
            sum += v * Weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }
}
