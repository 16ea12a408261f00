using System.Globalization;
using System.Resources;
using PlanLoop.Domain;

namespace PlanLoop.Features.Rules;

/// <summary>
/// The one catalogue of what a broken rule says to a person, in Chinese (RuleTexts.resx) and English (RuleTexts.en.resx):
/// keyed by the rule's code, with {0}, {1} … for the values the exception carries. An enum value a text quotes is named
/// by its own entry (<c>ContractStatus.Draft</c>), dates read yyyy-MM-dd and amounts to the fen. Pages, the API and
/// import reports all say a rule through <see cref="Text"/>, in the current UI culture unless told otherwise.
/// </summary>
public static class RuleTexts
{
    static readonly ResourceManager Texts = new(typeof(RuleTexts));

    /// <summary>The rule's text with its values, in <paramref name="culture"/> (the current UI culture by default).</summary>
    /// <param name="rule">The broken rule.</param>
    /// <param name="culture">The language to say it in.</param>
    public static string Text(RuleException rule, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        culture ??= CultureInfo.CurrentUICulture;
        var format = Texts.GetString(rule.Rule, culture)
            ?? throw new InvalidOperationException($"The rule '{rule.Rule}' has no text in the catalogue (Features/Rules/RuleTexts.resx).");
        return string.Format(culture, format, [.. rule.Args.Select(a => Value(a, culture))]);
    }

    /// <summary>The catalogue's entry for <paramref name="key"/> in <paramref name="culture"/>, or null (what the completeness test reads).</summary>
    /// <param name="key">A rule code or an enum value's key.</param>
    /// <param name="culture">The language.</param>
    public static string? Entry(string key, CultureInfo culture) => Texts.GetString(key, culture);

    /// <summary>An enum value's name as the catalogue says it (<c>ContractStatus.Draft</c> → 草稿), else its code.</summary>
    /// <param name="value">The value.</param>
    /// <param name="culture">The language (the current UI culture by default).</param>
    public static string Name(Enum value, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Texts.GetString($"{value.GetType().Name}.{value}", culture ?? CultureInfo.CurrentUICulture) ?? value.ToString();
    }

    static object Value(object value, CultureInfo culture) => value switch
    {
        Enum e => Name(e, culture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value,
    };
}
