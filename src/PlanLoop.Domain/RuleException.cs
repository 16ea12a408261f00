namespace PlanLoop.Domain;

/// <summary>Thrown when a business rule forbids an action; <see cref="Rule"/> names the rule (the API answers 422 with it).</summary>
public class RuleException(string rule, string message) : InvalidOperationException(message)
{
    public string Rule { get; } = rule;
}
