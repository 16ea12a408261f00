namespace PlanLoop.Web.Components.Pages.Planning;

/// <summary>The element id of the figure a finding's path names (kpis/Revenue → f-kpis-Revenue).</summary>
static class PlanAnchors
{
    public static string Of(string path) => "f-" + path.Replace('/', '-');
}

/// <summary>A planning rule violation in the person's language (the rule code picks the text; the domain's English message is the fallback).</summary>
static class PlanRules
{
    public static string RuleText(Microsoft.Extensions.Localization.IStringLocalizer localizer, PlanLoop.Domain.Planning.PlanningRuleException e)
    {
        var text = localizer[$"Rule.{e.Rule}"];
        return text.ResourceNotFound ? e.Message : text.Value;
    }
}
