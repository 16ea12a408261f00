namespace PlanLoop.Domain;

/// <summary>
/// Thrown when a business rule forbids an action. It carries a code (<see cref="Rule"/>) and the values its text
/// quotes (<see cref="Args"/>), never display text: the catalogue of rule texts (PlanLoop.Features.Rules.RuleTexts, Chinese
/// and English) says it to a person; the API answers 422 with the code and that text.
/// </summary>
public class RuleException(string rule, params object[] args)
    : InvalidOperationException($"Rule '{rule}' forbids this" + (args.Length == 0 ? "." : $" ({string.Join(", ", args)})."))
{
    public string Rule { get; } = rule;

    /// <summary>What the rule's text quotes, in order: names, dates, amounts and enum values (their names are in the catalogue too).</summary>
    public IReadOnlyList<object> Args { get; } = args;
}
