namespace PlanLoop.Web.Components.Pages.Planning;

/// <summary>The element id of the figure a finding's path names (kpis/Revenue → f-kpis-Revenue).</summary>
static class PlanAnchors
{
    public static string Of(string path) => "f-" + path.Replace('/', '-');
}
