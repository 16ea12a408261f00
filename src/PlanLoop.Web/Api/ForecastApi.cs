using System.Security.Claims;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>Where the year will land: the revenue forecast for the caller's scope, or one member of a dimension.</summary>
public static class ForecastApi
{
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/forecast").WithTags("Forecast");
        api.MapGet("/revenue", Revenue).WithName("GetRevenueForecast")
            .WithSummary("The year's booked revenue by month, the months still to come forecast (method = combination (default) | ets | theta | damped | snaive) with 80%/95% bounds, "
                + "and the year total as P10/P50/P90 with the probability of reaching the target; by = region | productline | channel | team | rep | tier with member = its code, name or A/B/C.");
        api.MapGet("/revenue/members", Members).WithName("GetRevenueForecastByMember")
            .WithSummary("Where each member of a dimension the plan breaks the target down by (by = region | productline | channel | team | tier) lands, most likely to miss first: "
                + "each member's forecast as GET /api/forecast/revenue gives it. Member targets are for those who see the whole company; anyone else gets an empty list.");
        api.MapGet("/deals", Deals).WithName("GetWinProbabilities")
            .WithSummary("The open deals' win probabilities in the caller's scope: the stage default, the learned model's and the one in use, each with the factors that moved it (in probability points); "
                + "which model is in use and why, and the time-ordered hold-out (Brier score, log loss and calibration of the model against the stage defaults).");
        return app;
    }

    static async Task<Results<Ok<IReadOnlyList<RevenueForecast>>, NotFound, ValidationProblem, ProblemHttpResult>> Members(int? year, string? by, string? method,
        ClaimsPrincipal user, GetViewer viewers, GetRevenueForecast feature, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var dimension = by is null ? null : MonitoringApi.Dimension(by);
        if (dimension is null) errors["by"] = [$"by is one of {string.Join(", ", GetRevenueForecast.Dimensions.Select(x => x.ToString().ToLowerInvariant()))}."];
        if (!GetRevenueForecast.Methods.TryGetValue(method ?? "combination", out var chosen)) errors["method"] = [$"method is one of {string.Join(", ", GetRevenueForecast.Methods.Keys)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return EditAnswers.For(await feature.Members(await CustomersApi.Viewer(user, viewers, ct), year, dimension!.Value, chosen, ct), "forecast");
    }

    static async Task<Ok<WinProbabilities>> Deals(ClaimsPrincipal user, GetViewer viewers, GetWinProbabilities feature, CancellationToken ct) =>
        TypedResults.Ok(await feature.Handle(await CustomersApi.Viewer(user, viewers, ct), ct));

    static async Task<Results<Ok<RevenueForecast>, NotFound, ValidationProblem, ProblemHttpResult>> Revenue(int? year, string? by, string? member, string? method,
        ClaimsPrincipal user, GetViewer viewers, GetRevenueForecast feature, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var dimension = by is null ? null : MonitoringApi.Dimension(by);
        if (by is not null && dimension is null) errors["by"] = [$"by is one of {string.Join(", ", GetRevenueForecast.Dimensions.Select(x => x.ToString().ToLowerInvariant()))}."];
        if (!GetRevenueForecast.Methods.TryGetValue(method ?? "combination", out var chosen)) errors["method"] = [$"method is one of {string.Join(", ", GetRevenueForecast.Methods.Keys)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return EditAnswers.For(await feature.Handle(await CustomersApi.Viewer(user, viewers, ct), year, dimension, member, chosen, ct), "forecast");
    }
}
