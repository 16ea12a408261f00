

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

    /// <summary>For a change that can only be saved or invalid (settings, master data by code): 204 or 400 by field.</summary>
    /// <param name="result">The feature's answer.</param>
    public static Results<NoContent, ValidationProblem> Validated(EditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.NoContent(),
            EditOutcome.Invalid => TypedResults.ValidationProblem(result.Problems),
            _ => throw new InvalidOperationException($"A change that can only be saved or invalid answered {result.Outcome}."),
        };
    }

    /// <summary>The same for a change that answers with what it saved: 200 with it.</summary>
    /// <typeparam name="T">What the change saved.</typeparam>
    /// <param name="result">The feature's answer.</param>
    /// <param name="record">The record in words, for the conflict's title.</param>
    public static Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult> For<T>(EditResult<T> result, string record) where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Ok(result.Value!),
            EditOutcome.NotFound => TypedResults.NotFound(),
            EditOutcome.Conflict => Conflict(record),
            _ => TypedResults.ValidationProblem(result.Errors!),
        };
    }

    public static ProblemHttpResult Conflict(string record) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The {record} was changed by someone else", detail: "Reload it and try again; nothing was saved.");
}
