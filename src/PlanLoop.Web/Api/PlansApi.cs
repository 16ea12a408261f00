using PlanLoop.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>Plans, versions and scenarios, their findings, and the approval flow.</summary>
public static class PlansApi
{

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans", List).WithTags("Plans").WithName("ListPlans");
        app.MapGet("/api/plans/template.xlsx", () => TypedResults.File(PlanWorkbook.Template(), XlsxType, "plan-template.xlsx"))
            .WithTags("Plans").WithName("GetPlanTemplate");
        app.MapPost("/api/plans/import", Import).WithTags("Plans").WithName("ImportPlan").RequireAuthorization(Permission.EditPlans)
            .DisableAntiforgery()   // an API call with a bearer token or cookie; no form page posts here
            .WithSummary("Imports a plan workbook (multipart field 'file') as a new draft version; all or nothing.");

        var versions = app.MapGroup("/api/plan-versions/{id:guid}").WithTags("Plans");
        versions.MapGet("/", Get).WithName("GetPlanVersion");
        versions.MapGet("/findings", Findings).WithName("GetPlanFindings")
            .WithSummary("Runs the plan checks: parts vs whole, shares, derived KPIs, capacity, headcount, strategy conflicts.");
        versions.MapPost("/submit", (Guid id, ClaimsPrincipal user, GetViewer v, ChangePlanStatus f, CancellationToken ct) => Change(id, StatusAction.Submit, user, v, null, f, ct))
            .WithName("SubmitPlanVersion").RequireAuthorization(Permission.EditPlans);
        versions.MapPost("/return", (Guid id, ClaimsPrincipal user, GetViewer v, ChangePlanStatus f, CancellationToken ct) => Change(id, StatusAction.ReturnToDraft, user, v, null, f, ct))
            .WithName("ReturnPlanVersion").RequireAuthorization(Permission.ApprovePlans);
        versions.MapPost("/approve", (Guid id, ApproveRequest? body, ClaimsPrincipal user, GetViewer v, ChangePlanStatus f, CancellationToken ct) => Change(id, StatusAction.Approve, user, v, body?.Reason, f, ct))
            .WithName("ApprovePlanVersion").RequireAuthorization(Permission.ApprovePlans)
            .WithSummary("Approves a submitted version (Director). With error findings a reason is required and recorded.");
        versions.MapPost("/archive", (Guid id, ClaimsPrincipal user, GetViewer v, ChangePlanStatus f, CancellationToken ct) => Change(id, StatusAction.Archive, user, v, null, f, ct))
            .WithName("ArchivePlanVersion").RequireAuthorization(Permission.ApprovePlans);
        versions.MapGet("/compare/{other:guid}", Compare).WithName("CompareVersions")
            .WithSummary("Every figure that differs between this version (left) and another version of the same plan (right).");
        versions.MapGet("/audit", (Guid id, int? take, GetAuditTrail feature, CancellationToken ct) => feature.Handle(id, take ?? 200, ct)).WithName("GetAuditTrail");
        versions.MapGet("/export.xlsx", Export).WithName("ExportPlanVersion");
        versions.MapGet("/cube", Cube).WithName("GetTargetCube")
            .WithSummary("Fits the target cube to the version's breakdowns (dimensions=Region,Quarter,ProductLine by default).");
        versions.MapPut("/breakdowns/{kpi}/{dimension}", SetBreakdown).WithName("SetBreakdown").RequireAuthorization(Permission.EditPlans)
            .WithSummary("Decomposes a target along one dimension by shares, amounts, even split, seasonality (last year's actuals) or capacity. Shares are fractions (0.2 = 20%).");
        versions.MapPut("/kpis/{kpi}", SetKpi).WithName("SetKpi").RequireAuthorization(Permission.EditPlans);
        versions.MapPost("/copy", Copy).WithName("CopyPlanVersion").RequireAuthorization(Permission.EditPlans);
        return app;
    }

    static async Task<Ok<IReadOnlyList<PlanSummary>>> List(GetPlanVersion feature, CancellationToken ct) =>
        TypedResults.Ok(await feature.List(ct));

    static async Task<Results<Ok<PlanVersionView>, NotFound>> Get(Guid id, GetPlanVersion feature, CancellationToken ct) =>
        await feature.Handle(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    static async Task<Results<Ok<FindingsResponse>, NotFound>> Findings(Guid id, GetPlanVersion feature, CancellationToken ct) =>
        await feature.Handle(id, ct) is { } view
            ? TypedResults.Ok(new FindingsResponse(new FindingsPlan(view.PlanId, view.PlanName, view.Version.Id, view.Version.Number, view.Version.Name, view.Version.Status), view.Findings))
            : TypedResults.NotFound();

    static async Task<Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> Change(Guid id, StatusAction action, ClaimsPrincipal user, GetViewer viewers, string? reason, ChangePlanStatus feature, CancellationToken ct) =>
        EditAnswers.For(await feature.Handle(id, action, await CustomersApi.Viewer(user, viewers, ct), reason, ct), "plan version");

    static async Task<Results<Created<PlanVersionView>, NotFound>> Copy(Guid id, CopyRequest body, ClaimsPrincipal user, CopyPlanVersion feature, CancellationToken ct) =>
        await feature.Handle(id, body.Name, body.Kind ?? VersionKind.Version, user.Identity!.Name!, ct) is { } view
            ? TypedResults.Created($"/api/plan-versions/{view.Version.Id}", view)
            : TypedResults.NotFound();

    static async Task<Results<Ok<CubeFit>, NotFound, ValidationProblem, ProblemHttpResult>> Cube(Guid id, string? dimensions, BuildTargetCube feature, CancellationToken ct)
    {
        var dims = new List<Dimension>();
        foreach (var part in (dimensions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<Dimension>(part, ignoreCase: true, out var d) || int.TryParse(part, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["dimensions"] = [$"'{part}' is not a dimension; use {string.Join(", ", Enum.GetNames<Dimension>())}."] });
            dims.Add(d);
        }
        return EditAnswers.For(await feature.Handle(id, dims, Kpi.Revenue, ct), "plan version");
    }

    static async Task<Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> SetBreakdown(
        Guid id, Kpi kpi, Dimension dimension, BreakdownRequest body, ClaimsPrincipal user, EditPlanFigures feature, CancellationToken ct)
    {
        var input = new BreakdownInput(kpi, dimension, body.Method, [.. body.Parts.Select(p => new PartInput(p.Member ?? "", p.Share, p.Amount, p.History, p.Units, p.OutputPerUnit))]);
        return EditAnswers.For(await feature.SetBreakdown(id, body.Revision, input, user.Identity!.Name!, ct), "plan version");
    }

    static async Task<Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> SetKpi(
        Guid id, Kpi kpi, KpiRequest body, ClaimsPrincipal user, EditPlanFigures feature, CancellationToken ct) =>
        EditAnswers.For(await feature.SetKpi(id, body.Revision, new KpiInput(kpi, body.Baseline, body.Target, body.StatedGrowth), user.Identity!.Name!, ct), "plan version");

    static async Task<Results<Ok<VersionComparison>, NotFound, ValidationProblem, ProblemHttpResult>> Compare(Guid id, Guid other, CompareVersions feature, CancellationToken ct) =>
        EditAnswers.For(await feature.Handle(id, other, ct), "plan version");

    const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static async Task<Results<FileContentHttpResult, NotFound>> Export(Guid id, PlanFiles files, CancellationToken ct) =>
        await files.Export(id, ct) is { } file ? TypedResults.File(file.Content, XlsxType, file.FileName) : TypedResults.NotFound();

    static async Task<Results<Created<PlanVersionView>, ValidationProblem>> Import(IFormFile? file, ClaimsPrincipal user, PlanFiles files, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return WorkbookUpload.Missing("plan");
        await using var stream = file.OpenReadStream();
        var result = await files.Import(stream, user.Identity!.Name!, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/plan-versions/{result.Saved.Version.Id}", result.Saved)
            : WorkbookUpload.Rejected(result.Errors);
    }
}

/// <summary>The parts of a breakdown; <see cref="Revision"/> is the version's revision as read (a stale one gets 409).</summary>
public sealed record BreakdownRequest(int Revision, SplitMethod Method, [property: Required] PartRequest[] Parts);

public sealed record PartRequest(string? Member, decimal? Share, decimal? Amount, decimal? History, decimal? Units, decimal? OutputPerUnit);

public sealed record KpiRequest(int Revision, decimal? Baseline, decimal? Target, decimal? StatedGrowth);

public sealed record ApproveRequest([property: StringLength(2000)] string? Reason);

public sealed record CopyRequest([property: Required, StringLength(200, MinimumLength = 1)] string Name, VersionKind? Kind);

public sealed record FindingsPlan(Guid PlanId, string Name, Guid VersionId, int Number, string Version, PlanStatus Status);

/// <summary>The same shape as <c>planloop plan check --format json</c>.</summary>
public sealed record FindingsResponse(FindingsPlan Plan, IReadOnlyList<Finding> Findings);
