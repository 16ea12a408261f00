using PlanLoop.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>Leads: list, create, edit, start work / qualify / disqualify, convert an SQL, and the qualified-lead rate.</summary>
public static class LeadsApi
{
    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/api/leads").WithTags("Leads");
        leads.MapGet("/", List).WithName("ListLeads").WithSummary("Leads in the caller's scope, newest first, with a count per status.");
        leads.MapPost("/", Create).WithName("CreateLead").RequireAuthorization(Permission.WorkCustomers);
        leads.MapPut("/{id:guid}", Update).WithName("UpdateLead").RequireAuthorization(Permission.WorkCustomers);
        leads.MapPost("/{id:guid}/start", (Guid id, LeadMoveRequest body, ClaimsPrincipal user, GetViewer v, EditLead f, CancellationToken ct) => Move(id, LeadAction.StartWork, body, user, v, f, ct))
            .WithName("StartLead").RequireAuthorization(Permission.WorkCustomers);
        leads.MapPost("/{id:guid}/qualify", (Guid id, LeadMoveRequest body, ClaimsPrincipal user, GetViewer v, EditLead f, CancellationToken ct) => Move(id, LeadAction.Qualify, body, user, v, f, ct))
            .WithName("QualifyLead").RequireAuthorization(Permission.WorkCustomers);
        leads.MapPost("/{id:guid}/disqualify", (Guid id, LeadMoveRequest body, ClaimsPrincipal user, GetViewer v, EditLead f, CancellationToken ct) => Move(id, LeadAction.Disqualify, body, user, v, f, ct))
            .WithName("DisqualifyLead").RequireAuthorization(Permission.WorkCustomers).WithSummary("Needs a reason; a lead already judged is 422 with rule 'lead-closed'.");
        leads.MapPost("/{id:guid}/convert", Convert).WithName("ConvertLead").RequireAuthorization(Permission.WorkCustomers)
            .WithSummary("Turns a qualified lead into an account (matched by normalised name, else a new prospect) and a contact.");
        leads.MapGet("/funnel", Funnel).WithName("GetLeadFunnel")
            .WithSummary("Qualified-lead rate (SQL ÷ leads worked) of the leads created between from and to, by=Month|Source|Channel|Owner, against the plan's target.");
        return app;
    }

    static async Task<Ok<LeadPage>> List(string? search, LeadStatus? status, LeadSource? source, LeadChannel? channel, Guid? ownerId, int? page, int? pageSize,
        ClaimsPrincipal user, GetViewer viewers, ListLeads feature, CancellationToken ct) =>
        TypedResults.Ok(await feature.Handle(new LeadQuery(search, status, source, channel, ownerId, page ?? 1, pageSize ?? 50), await CustomersApi.Viewer(user, viewers, ct), ct));

    static async Task<Results<Created<AccountCreated>, ValidationProblem>> Create(LeadRequest body, ClaimsPrincipal user, GetViewer viewers, EditLead feature, CancellationToken ct)
    {
        var result = await feature.Create(body.ToDetails(), await CustomersApi.Viewer(user, viewers, ct), ct);
        return result.Outcome == EditOutcome.Saved ? TypedResults.Created($"/api/leads/{result.Id}", new AccountCreated(result.Id!.Value)) : TypedResults.ValidationProblem(result.Errors!);
    }

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, LeadUpdateRequest body, ClaimsPrincipal user, GetViewer viewers, EditLead feature, CancellationToken ct) =>
        Answer(await feature.Update(id, body.Lead.ToDetails(), body.Revision, await CustomersApi.Viewer(user, viewers, ct), ct));

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Move(Guid id, LeadAction action, LeadMoveRequest body, ClaimsPrincipal user, GetViewer viewers, EditLead feature, CancellationToken ct) =>
        Answer(await feature.Move(id, action, body.Reason, body.Revision, await CustomersApi.Viewer(user, viewers, ct), ct));

    static async Task<Results<Ok<AccountCreated>, NotFound, ProblemHttpResult>> Convert(Guid id, LeadMoveRequest body, ClaimsPrincipal user, GetViewer viewers, EditLead feature, CancellationToken ct)
    {
        var result = await feature.Convert(id, body.Revision, await CustomersApi.Viewer(user, viewers, ct), ct);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Ok(new AccountCreated(result.Id!.Value)),
            EditOutcome.NotFound => TypedResults.NotFound(),
            _ => EditAnswers.Conflict("lead"),
        };
    }

    static Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult> Answer(EditResult result) => EditAnswers.For(result, "lead");

    static async Task<Results<Ok<LeadFunnelReport>, ValidationProblem>> Funnel(DateOnly? from, DateOnly? to, LeadDimension? by, ClaimsPrincipal user, GetViewer viewers,
        GetLeadFunnel feature, BusinessDay day, CancellationToken ct)
    {
        var today = day.Today();
        var (first, last) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        if (first > last) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["'from' must not be after 'to'."] });
        return TypedResults.Ok(await feature.Handle(first, last, by ?? LeadDimension.Month, await CustomersApi.Viewer(user, viewers, ct), ct));
    }
}

public sealed record LeadRequest([Required] string? Company, string? ContactName, string? Title, string? Phone, string? Email, string? Industry, Guid? RegionId,
    [Range(0, int.MaxValue)] int? Employees, LeadSource Source, LeadChannel Channel, Guid? OwnerId)
{
    public LeadDetails ToDetails() => new(Company ?? "", ContactName, Title, Phone, Email, Industry, RegionId, Employees, Source, Channel, OwnerId);
}

public sealed record LeadUpdateRequest([Required] LeadRequest Lead, int Revision);

/// <summary>The revision the lead was read at, and for a disqualification the reason.</summary>
public sealed record LeadMoveRequest(int Revision, string? Reason);
