using System.Security.Claims;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Web.Infrastructure;
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
            .WithSummary("The year's booked revenue by month, the months still to come forecast (method = combination (default) | ets | theta | damped | arima | snaive | auto) with 80%/95% bounds, "
                + "and the year total as P10/P50/P90 with the probability of reaching the target; by = region | productline | channel | team | rep | tier with member = its code, name or A/B/C.");
        api.MapGet("/revenue/members", Members).WithName("GetRevenueForecastByMember")
            .WithSummary("Where each member of a dimension the plan breaks the target down by (by = region | productline | channel | team | tier) lands, most likely to miss first: "
                + "each member's forecast as GET /api/forecast/revenue gives it. Member targets are for those who see the whole company; anyone else gets an empty list.");
        api.MapGet("/measure", Measure).WithName("GetMeasureForecast")
            .WithSummary("Another measure than revenue, month by month for the caller's scope: measure = customers (customers who order in a month) | collection (money received in a month, 回款); "
                + "the last 12 closed months and the forecast to December (method as for revenue) with 80% bounds; for collection, the year to date and the year's estimate.");
        api.MapGet("/calls", Board).WithName("GetForecastBoard")
            .WithSummary("The caller's forecast board for a period (year, quarter 1–4; no quarter with a year = the year; neither = this quarter) and this week: the system's figures from the books and the deals by "
                + "forecast category, the sellers (for a manager) or teams (for the director) with their latest call, the roll-up a call starts from, the caller's latest call and every call they made for the period. 404 for a login without a person record.");
        api.MapPost("/calls", Submit).WithName("SubmitForecastCall").RequireAuthorization(Permission.SubmitForecast)
            .WithSummary("This week's call for a period: commit ≤ best case, a comment, and a reason when a manager's or the director's call differs from the roll-up. Kept for good: a later call supersedes it, never changes it.");
        api.MapGet("/calls/week", Week).WithName("GetForecastCallsOfWeek")
            .WithSummary("Every call made in a week (named by its Monday, week=2024-07-22) for a period, in the caller's scope: what was said that week.");
        api.MapGet("/accuracy", Accuracy).WithName("GetForecastAccuracy")
            .WithSummary("A year's forecast accuracy in the caller's scope: each submitter's weekly calls against the books once their periods closed (MAPE, bias, the last call's error; best first) "
                + "and each method's rolling-origin backtest on the monthly history (the last 6 months, up to 3 ahead: MAPE, MASE, bias; best first).");
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

    static async Task<Results<Ok<MeasureForecast>, ValidationProblem>> Measure(string? measure, string? method, ClaimsPrincipal user, GetViewer viewers, GetMeasureForecast feature, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var chosenMeasure = ForecastMeasure.Customers;
        if (measure is null || !GetMeasureForecast.Measures.TryGetValue(measure, out chosenMeasure)) errors["measure"] = [$"measure is one of {string.Join(", ", GetMeasureForecast.Measures.Keys)}."];
        if (!GetRevenueForecast.Methods.TryGetValue(method ?? "combination", out var chosen)) errors["method"] = [$"method is one of {string.Join(", ", GetRevenueForecast.Methods.Keys)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await feature.Handle(await CustomersApi.Viewer(user, viewers, ct), chosenMeasure, chosen, ct));
    }

    static async Task<Results<Ok<CallBoard>, NotFound, ValidationProblem, ProblemHttpResult>> Board(int? year, int? quarter, ClaimsPrincipal user, GetViewer viewers, ForecastCalls feature, CancellationToken ct) =>
        EditAnswers.For(await feature.Board(await CustomersApi.Viewer(user, viewers, ct), year, quarter, ct), "forecast");

    static async Task<Results<Created<CallCreated>, NotFound, ValidationProblem>> Submit(CallRequest body, ClaimsPrincipal user, GetViewer viewers, ForecastCalls feature, CancellationToken ct)
    {
        var result = await feature.Submit(await CustomersApi.Viewer(user, viewers, ct), new CallInput(body.Year, body.Quarter, body.Commit, body.BestCase, body.Comment, body.AdjustReason), ct);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Created($"/api/forecast/calls/week?year={body.Year}&quarter={body.Quarter}", new CallCreated(result.Id!.Value)),
            EditOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.ValidationProblem(result.Problems),
        };
    }

    static async Task<Results<Ok<IReadOnlyList<ForecastCall>>, NotFound, ValidationProblem, ProblemHttpResult>> Week(int? year, int? quarter, DateOnly? week, ClaimsPrincipal user, GetViewer viewers,
        ForecastCalls feature, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (year is null) errors["year"] = ["Name the year."];
        if (week is null) errors["week"] = ["Name the week by its Monday (2024-07-22)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return EditAnswers.For(await feature.Week(await CustomersApi.Viewer(user, viewers, ct), year!.Value, quarter, week!.Value, ct), "forecast");
    }

    static async Task<Results<Ok<ForecastAccuracy>, NotFound, ValidationProblem, ProblemHttpResult>> Accuracy(int? year, ClaimsPrincipal user, GetViewer viewers, GetForecastAccuracy feature, CancellationToken ct) =>
        EditAnswers.For(await feature.Handle(await CustomersApi.Viewer(user, viewers, ct), year, ct), "forecast");

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

public sealed record CallRequest(int Year, int? Quarter, decimal Commit, decimal BestCase, string? Comment, string? AdjustReason);

public sealed record CallCreated(Guid Id);
