using PlanLoop.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
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
            .RequireAuthorization(Permission.EditMasterData);

        var master = app.MapGroup("/api/master-data").WithTags("Organisation");
        master.MapGet("/export.xlsx", async (MasterDataFiles files, CancellationToken ct) =>
            TypedResults.File(await files.Export(ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "master-data.xlsx"))
            .WithName("ExportMasterData");
        var editors = master.MapGroup("").RequireAuthorization(Permission.EditMasterData);
        editors.MapPut("/{kind}/{code}", Save).WithName("SaveMasterData")
            .WithSummary("Creates or updates a region, product line, product, channel or team by code.");
        editors.MapPost("/{kind}/{code}/deactivate", (string kind, string code, ClaimsPrincipal user, EditMasterData f, CancellationToken ct) => SetActive(kind, code, false, user, f, ct))
            .WithName("DeactivateMasterData");
        editors.MapPost("/{kind}/{code}/activate", (string kind, string code, ClaimsPrincipal user, EditMasterData f, CancellationToken ct) => SetActive(kind, code, true, user, f, ct))
            .WithName("ActivateMasterData");
        editors.MapPost("/import", Import).WithName("ImportMasterData").DisableAntiforgery()
            .WithSummary("Imports master data from .xlsx (sheets 区域, 产品线, 产品, 渠道, 部门; multipart field 'file') or one kind from .csv (?kind=region|productline|product|channel|team); all or nothing. " +
                         "A product's tier and gross margin are optional.");
        return app;
    }

    /// <summary>The kind in the route, or a problem naming it (people have their own endpoints).</summary>
    static MasterDataKind? Kind(string kind, out ValidationProblem? problem)
    {
        problem = null;
        if (Enum.TryParse<MasterDataKind>(kind, true, out var k) && !int.TryParse(kind, out _)) return k;
        problem = TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["kind"] = [$"kind 应为 {string.Join(" | ", Enum.GetNames<MasterDataKind>().Select(n => n.ToLowerInvariant()))}{(kind.StartsWith("person", StringComparison.OrdinalIgnoreCase) || kind.StartsWith("people", StringComparison.OrdinalIgnoreCase) ? ";人员请用 /api/people。" : "。")}"],
        });
        return null;
    }

    static async Task<Results<NoContent, ValidationProblem>> Save(string kind, string code, MasterDataRequest body, ClaimsPrincipal user, EditMasterData feature, CancellationToken ct)
    {
        if (Kind(kind, out var problem) is not { } k) return problem!;
        var result = await feature.Save(k, new MasterDataInput(code, body.Name ?? "", body.NameEn ?? "", body.ChannelKind, body.TeamKind,
            body.PlannedHeadcount, body.Responsibility, body.ProductLine, body.Tier, body.GrossMargin, body.ListPrice), user.Identity!.Name!, ct);
        return EditAnswers.Validated(result);
    }

    static async Task<Results<NoContent, NotFound, ValidationProblem>> SetActive(string kind, string code, bool active, ClaimsPrincipal user, EditMasterData feature, CancellationToken ct)
    {
        if (Kind(kind, out var problem) is not { } k) return problem!;
        return await feature.SetActive(k, code, active, user.Identity!.Name!, ct) is null ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    static async Task<Results<Ok<IReadOnlyDictionary<string, int>>, ValidationProblem>> Import(IFormFile? file, string? kind, ClaimsPrincipal user, MasterDataFiles files, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return WorkbookUpload.Missing("master data");
        MasterDataKind? only = null;
        if (kind is not null)
        {
            if (!Enum.TryParse<MasterDataKind>(kind, true, out var k) || int.TryParse(kind, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"kind 应为 {string.Join(" | ", Enum.GetNames<MasterDataKind>().Select(n => n.ToLowerInvariant()))}。"] });
            only = k;
        }
        await using var stream = file.OpenReadStream();
        var result = await files.Import(stream, file.FileName, only, user.Identity!.Name!, ct);
        return result.Succeeded
            ? TypedResults.Ok(result.Saved)
            : WorkbookUpload.Rejected(result.Errors);
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

public sealed record MasterDataRequest(
    [property: StringLength(100)] string? Name,
    [property: StringLength(100)] string? NameEn,
    ChannelKind? ChannelKind,
    TeamKind? TeamKind,
    int? PlannedHeadcount,
    [property: StringLength(400)] string? Responsibility,
    string? ProductLine,
    PyramidTier? Tier,
    decimal? GrossMargin,
    decimal? ListPrice);

public sealed record CreateRegionRequest(
    [property: Required, RegularExpression("^[A-Za-z0-9-]{2,40}$", ErrorMessage = "Code must be 2 to 40 letters, digits or dashes.")] string Code,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Required, StringLength(100, MinimumLength = 1)] string NameEn);
