using PlanLoop.Web.Infrastructure;
using PlanLoop.Features.Users;
using System.Security.Claims;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Execution;

namespace PlanLoop.Web.Api;

/// <summary>The working-day calendar: holidays and make-up working days by year, edited a day at a time.</summary>
public static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var calendar = app.MapGroup("/api/calendar").WithTags("Calendar");
        calendar.MapGet("/{year:int}", async (int year, EditCalendar f, CancellationToken ct) => TypedResults.Ok(await f.Year(year, ct))).WithName("GetCalendarYear")
            .WithSummary("The year's exceptions to the Monday–Friday week: holidays (Holiday) and weekend days worked (MakeUpWorkday).");
        calendar.MapGet("/working-days", WorkingDays).WithName("AddWorkingDays")
            .WithSummary("The date N working days after 'from', and whether the calendar covers the dates (from=2024-09-30&days=3 → 2024-10-10).");
        calendar.MapPut("/{date}", Save).WithName("SaveCalendarDay").RequireAuthorization(Permission.ConfigureSales);
        calendar.MapDelete("/{date}", async (DateOnly date, ClaimsPrincipal user, EditCalendar f, CancellationToken ct) =>
            await f.Remove(date, user.Identity!.Name!, ct) ? Results.NoContent() : Results.NotFound()).WithName("RemoveCalendarDay").RequireAuthorization(Permission.ConfigureSales);
        return app;
    }

    static async Task<Results<NoContent, ValidationProblem>> Save(DateOnly date, CalendarDayRequest body, ClaimsPrincipal user, EditCalendar feature, CancellationToken ct)
    {
        var result = await feature.Save(date, body.Kind, body.Name, user.Identity!.Name!, ct);
        return EditAnswers.Validated(result);
    }

    static async Task<Results<Ok<WorkingDaysAnswer>, ValidationProblem>> WorkingDays(DateOnly from, int days, EditCalendar feature, CancellationToken ct)
    {
        if (days is < 0 or > 3650) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["Between 0 and 3650 working days."] });
        var calendar = await feature.Load(ct);
        var date = calendar.AddWorkingDays(from, days);
        return TypedResults.Ok(new WorkingDaysAnswer(from, days, date, calendar.Covers(from) && calendar.Covers(date)));
    }
}

public sealed record CalendarDayRequest(CalendarDayKind Kind, string? Name);

public sealed record WorkingDaysAnswer(DateOnly From, int Days, DateOnly Date, bool Covered);
