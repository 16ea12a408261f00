namespace PlanLoop.Domain.Customers;

/// <summary>
/// One criterion of the ideal customer profile: a field of the account (industry, region, employees,
/// revenue, existing products …), what fits (any of some values, or a numeric range) and its weight.
/// </summary>
public sealed record IcpCriterion(string Field, decimal Weight, IReadOnlyList<string>? AnyOf = null, decimal? Min = null, decimal? Max = null)
{
    /// <summary>1 when the value fits, 0 when not or missing. A list value ("CORE-A,GROWTH-B") fits when any item does.</summary>
    public decimal Fit(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return 0m;
        if (AnyOf is { Count: > 0 })
            return value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Any(item => AnyOf.Any(v => string.Equals(v.Trim(), item, StringComparison.OrdinalIgnoreCase))) ? 1m : 0m;
        if (!decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number)) return 0m;
        return (Min is null || number >= Min) && (Max is null || number <= Max) ? 1m : 0m;
    }
}

/// <summary>A criterion's part of the fit score: its weight share and the points it gave.</summary>
public sealed record IcpContribution(string Field, string? Value, bool Fits, decimal Points);

public sealed record IcpResult(decimal Score, IReadOnlyList<IcpContribution> Contributions);

/// <summary>The ideal customer profile: weighted criteria giving a fit score from 0 to 100, each criterion's share shown.</summary>
public sealed record IcpProfile(IReadOnlyList<IcpCriterion> Criteria)
{
    public IcpResult Score(IReadOnlyDictionary<string, string?> account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var total = Criteria.Sum(c => c.Weight);
        if (Criteria.Count == 0 || total <= 0m) throw new InvalidOperationException("The profile needs at least one criterion with a positive weight.");
        if (Criteria.Any(c => c.Weight < 0m)) throw new InvalidOperationException("A criterion's weight cannot be negative.");
        var contributions = Criteria.Select(c =>
        {
            account.TryGetValue(c.Field, out var value);
            var fit = c.Fit(value);
            return new IcpContribution(c.Field, value, fit == 1m, 100m * c.Weight * fit / total);
        }).ToList();
        return new IcpResult(Math.Round(contributions.Sum(c => c.Points), 2, MidpointRounding.AwayFromZero), contributions);
    }
}
