using PlanLoop.Features.Customers;

namespace PlanLoop.Web.Api;

/// <summary>The answer every edit endpoint gives for an <see cref="EditResult"/>: 204, 404, 409 ProblemDetails, or 400 by field.</summary>
static class EditAnswers
{
    public static Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult> For(EditResult result, string record) => result.Outcome switch
    {
        EditOutcome.Saved => TypedResults.NoContent(),
        EditOutcome.NotFound => TypedResults.NotFound(),
        EditOutcome.Conflict => Conflict(record),
        _ => TypedResults.ValidationProblem(result.Errors!),
    };

    public static ProblemHttpResult Conflict(string record) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The {record} was changed by someone else", detail: "Reload it and try again; nothing was saved.");
}
