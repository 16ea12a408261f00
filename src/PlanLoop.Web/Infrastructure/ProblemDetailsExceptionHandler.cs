using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Planning;

namespace PlanLoop.Web.Infrastructure;

/// <summary>Turns the exceptions we know into ProblemDetails; never sends a stack trace.</summary>
sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // A body that does not read as JSON of the right shape: name the field the reader stopped at.
        if (exception is BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path } json })
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [FieldMessage(json)] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "One or more validation errors occurred.",
                },
            });
        }
        var conflict = Features.Data.DatabaseConflicts.Reason(exception);
        var stopped = Features.Data.QueryLimits.Reason(exception, http.RequestAborted);
        var (status, title) = exception switch
        {
            _ when stopped == Features.Data.QueryLimits.Cancelled => (499, "The request was cancelled by the client."),
            _ when stopped == Features.Data.QueryLimits.TimedOut => (StatusCodes.Status503ServiceUnavailable, "The query took longer than the server allows; narrow the request (a shorter period or fewer parts) or try again later."),
            _ when conflict == Features.Data.DatabaseConflicts.Duplicate => (StatusCodes.Status409Conflict, "A value that must be unique was taken by another change a moment ago; reload and choose another."),
            _ when conflict is not null => (StatusCodes.Status409Conflict, "Another change was saved at the same moment; reload and try again."),
            PlanningRuleException => (StatusCodes.Status422UnprocessableEntity, "Planning rule violated"),
            RuleException => (StatusCodes.Status422UnprocessableEntity, "Business rule violated"),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "The record was changed by someone else; reload it and try again."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            ArgumentException => (StatusCodes.Status400BadRequest, "The request is not valid."),
            OverflowException => (StatusCodes.Status400BadRequest, "A number in the request is too large for the figures it produces."),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
        };
        if (status >= 500) LogUnhandled(log, exception, http.Request.Path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = exception is RuleException broken ? Features.Rules.RuleTexts.Text(broken)
                    : status < 499 && conflict is null ? exception.Message : null,
                Extensions = exception is RuleException rule ? new Dictionary<string, object?> { ["rule"] = rule.Rule }
                    : conflict is not null ? new Dictionary<string, object?> { ["reason"] = conflict } : new Dictionary<string, object?>(),
            },
        });
    }

    /// <summary>The reader's own message for our converters (an enum's names), else what was expected at the field.</summary>
    static string FieldMessage(JsonException json) =>
        json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) || json.Message.Contains("Path:", StringComparison.Ordinal)
            ? "The value is not of the expected type or is out of range."
            : json.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
