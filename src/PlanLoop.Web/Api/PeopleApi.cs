using PlanLoop.Web.Infrastructure;
using PlanLoop.Features.Users;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using PlanLoop.Features.Organisation;

namespace PlanLoop.Web.Api;

/// <summary>People of the sales organisation: list, create, edit, deactivate and reactivate, export (the import is under /api/imports/people).</summary>
public static class PeopleApi
{
    /// <summary>Who may create, edit and import people: admins, the director and sales ops.</summary>

    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("Organisation");
        people.MapGet("/", async (bool? includeInactive, EditPeople f, CancellationToken ct) => TypedResults.Ok(await f.List(includeInactive ?? false, ct)))
            .WithName("ListPeople").WithSummary("Everyone of the sales organisation (active only unless includeInactive=true), with manager, team, region, external id and login.");
        people.MapGet("/export", async Task<Results<FileContentHttpResult, ValidationProblem>> (string? format, EditPeople f, CancellationToken ct) =>
            {
                if (format is not (null or "csv" or "xlsx"))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format 应为 csv 或 xlsx。"] });
                var csv = format != "xlsx";
                return TypedResults.File(await f.Export(csv, ct), csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv ? "people.csv" : "people.xlsx");
            }).WithName("ExportPeople").RequireAuthorization(Permission.EditPeople)
            .WithSummary("Everyone (active or not) as .csv (default) or .xlsx with the people import's headers.");
        people.MapPost("/", async Task<Results<Created<PersonRef>, ValidationProblem>> (PersonRequest body, ClaimsPrincipal user, EditPeople f, CancellationToken ct) =>
            {
                var result = await f.Save(null, body.ToInput(), user.Identity!.Name!, ct);
                return result.Id is { } created ? TypedResults.Created($"/api/people/{created}", new PersonRef(created)) : TypedResults.ValidationProblem(result.Problems);
            }).WithName("CreatePerson").RequireAuthorization(Permission.EditPeople)
            .WithSummary("Creates a person: name (required), position (code or name; default AccountExecutive), team and region (code or name), email, manager (name, e-mail or external id), externalId.");
        people.MapPut("/{id:guid}", async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> (Guid id, PersonRequest body, ClaimsPrincipal user, EditPeople f, CancellationToken ct) =>
                EditAnswers.For(await f.Save(id, body.ToInput(), user.Identity!.Name!, ct), "person")).WithName("UpdatePerson").RequireAuthorization(Permission.EditPeople);
        people.MapPost("/{id:guid}/deactivate", async Task<Results<NoContent, NotFound>> (Guid id, ClaimsPrincipal user, EditPeople f, CancellationToken ct) =>
            await f.SetActive(id, false, user.Identity!.Name!, ct) is null ? TypedResults.NotFound() : TypedResults.NoContent()).WithName("DeactivatePerson").RequireAuthorization(Permission.EditPeople);
        people.MapPost("/{id:guid}/activate", async Task<Results<NoContent, NotFound>> (Guid id, ClaimsPrincipal user, EditPeople f, CancellationToken ct) =>
            await f.SetActive(id, true, user.Identity!.Name!, ct) is null ? TypedResults.NotFound() : TypedResults.NoContent()).WithName("ActivatePerson").RequireAuthorization(Permission.EditPeople);
        return app;
    }
}

public sealed record PersonRef(Guid Id);

public sealed record PersonRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: StringLength(40)] string? Position,
    [property: StringLength(100)] string? Team,
    [property: StringLength(100)] string? Region,
    [property: StringLength(200)] string? Email,
    [property: StringLength(200)] string? Manager,
    [property: StringLength(80)] string? ExternalId)
{
    public PersonInput ToInput() => new(Name, Position, Team, Region, Email, Manager, ExternalId);
}
