using System.ComponentModel.DataAnnotations;
using PlanLoop.Features.Organisation;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>Master data of the organisation: regions, product lines, channels, teams and people.</summary>
public static class OrganisationApi
{
    public static IEndpointRouteBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organisation", Get).WithTags("Organisation").WithName("GetOrganisation");
        app.MapPost("/api/regions", CreateRegion).WithTags("Organisation").WithName("CreateRegion")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.SalesOps));
        return app;
    }

    static async Task<Ok<OrganisationView>> Get(GetOrganisation feature, CancellationToken ct) =>
        TypedResults.Ok(await feature.Handle(ct));

    static async Task<Results<Created<NamedItem>, ProblemHttpResult>> CreateRegion(CreateRegionRequest body, CreateRegion feature, CancellationToken ct)
    {
        var created = await feature.Handle(new CreateRegionInput(body.Code, body.Name, body.NameEn), ct);
        return created is null
            ? TypedResults.Problem(title: $"A region with code '{body.Code.Trim().ToUpperInvariant()}' exists already.", statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Created($"/api/regions/{created.Id}", created);
    }
}

public sealed record CreateRegionRequest(
    [property: Required, RegularExpression("^[A-Za-z0-9-]{2,40}$", ErrorMessage = "Code must be 2 to 40 letters, digits or dashes.")] string Code,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Required, StringLength(100, MinimumLength = 1)] string NameEn);
