namespace PlanLoop.Domain.Customers;

/// <summary>The ids other systems give their records ("CG-12520", "1C1I7A6R"): trimmed, at most 80 characters, blank = none.</summary>
public static class ExternalIds
{
    public const int MaxLength = 80;

    public static string? Normalize(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        var trimmed = id.Trim();
        if (trimmed.Length > MaxLength) throw new ArgumentException($"An external id is at most {MaxLength} characters.", nameof(id));
        return trimmed;
    }

    public static string? Problem(string? id) => id is { Length: > MaxLength } ? $"外部编号最长 {MaxLength} 个字符(现为 {id.Length} 个)。" : null;
}
