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
        var conflict = Features.Data.DatabaseConflicts.Reason(exception);
        var (status, title) = exception switch
        {
            _ when conflict == Features.Data.DatabaseConflicts.Duplicate => (StatusCodes.Status409Conflict, "A value that must be unique was taken by another change a moment ago; reload and choose another."),
            _ when conflict is not null => (StatusCodes.Status409Conflict, "Another change was saved at the same moment; reload and try again."),
            PlanningRuleException => (StatusCodes.Status422UnprocessableEntity, "Planning rule violated"),
            RuleException => (StatusCodes.Status422UnprocessableEntity, "Business rule violated"),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "The record was changed by someone else; reload it and try again."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            ArgumentException => (StatusCodes.Status400BadRequest, "The request is not valid."),
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
                Detail = status < 500 && conflict is null ? exception.Message : null,
                Extensions = exception is RuleException rule ? new Dictionary<string, object?> { ["rule"] = rule.Rule }
                    : conflict is not null ? new Dictionary<string, object?> { ["reason"] = conflict } : new Dictionary<string, object?>(),
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
