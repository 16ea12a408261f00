namespace PlanLoop.Domain.Amounts;

/// <summary>
/// The largest-remainder (Hamilton) method: every part gets the floor of its exact quota in the
/// currency's smallest coin, and the coins left over go one each to the parts with the largest
/// remainders (ties to the earlier part). The parts always add up to the whole, to the coin.
/// </summary>
public static class Allocation
{
    public static IReadOnlyList<Money> LargestRemainder(Money whole, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
            throw new ArgumentException("At least one weight is needed to allocate an amount.", nameof(weights));
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] < 0m)
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"Weight {i + 1} is negative.");
        }
        var totalWeight = weights.Sum();
        if (totalWeight == 0m)
            throw new ArgumentException("The weights sum to zero: there is nothing to allocate by.", nameof(weights));
        if (!whole.IsWholeMinorUnits)
            throw new ArgumentException($"{whole} is finer than the smallest coin of {whole.Currency}; round it first.", nameof(whole));

        var unit = Unit(whole.Currency.MinorDigits);
        var sign = whole.Amount < 0 ? -1m : 1m;
        var coins = Math.Abs(whole.Amount) / unit;            // an integer: the whole in smallest coins

        var floors = new decimal[weights.Count];
        var remainders = new decimal[weights.Count];
        var given = 0m;
        for (var i = 0; i < weights.Count; i++)
        {
            // Multiply before dividing and scale the weight to [0,1] first so 28 digits keep every coin exact.
            var share = weights[i] / totalWeight;
            var quota = coins * share;
            floors[i] = decimal.Floor(quota);
            remainders[i] = quota - floors[i];
            given += floors[i];
        }

        var left = coins - given;
        if (left > 0)
        {
            var order = Enumerable.Range(0, weights.Count)
                .Where(i => weights[i] > 0m)
                .OrderByDescending(i => remainders[i])
                .ThenBy(i => i)
                .Take((int)left);
            foreach (var i in order)
                floors[i] += 1m;
        }

        var parts = new Money[weights.Count];
        for (var i = 0; i < parts.Length; i++)
            parts[i] = new Money(sign * floors[i] * unit, whole.Currency);
        return parts;
    }

    static decimal Unit(int digits) => digits switch
    {
        0 => 1m,
        1 => 0.1m,
        2 => 0.01m,
        3 => 0.001m,
        4 => 0.0001m,
        _ => throw new ArgumentOutOfRangeException(nameof(digits)),
    };
}
