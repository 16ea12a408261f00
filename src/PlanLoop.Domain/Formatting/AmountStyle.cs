namespace PlanLoop.Domain.Formatting;

/// <summary>How a person prefers to read amounts.</summary>
public enum AmountStyle
{
    /// <summary>In 万 and 亿, the Chinese way: 1.5亿, 3000万, 13.6万.</summary>
    WanYi,

    /// <summary>Every digit with group separators: 150,000,000.</summary>
    Full,
}
