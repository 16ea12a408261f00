using PlanLoop.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>Contracts from won deals: list, detail, create, edit a draft, submit, decide, sign, milestones; Finance's invoices and payments; the approval inbox; collection.</summary>
public static class ContractsApi
{
    /// <summary>Who may decide an approval step (each only their own step): Manager, Director, Finance.</summary>
    /// <summary>Who may record invoices and payments: Finance (and admins).</summary>

    public static IEndpointRouteBuilder MapContractsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/contracts").WithTags("Contracts");
        api.MapGet("/", async (string? status, string? search, ClaimsPrincipal user, GetViewer v, ListContracts f, CancellationToken ct) =>
        {
            ContractStatus? parsed = null;
            if (!string.IsNullOrWhiteSpace(status))
            {
                if (!Enum.TryParse<ContractStatus>(status, true, out var s))
                    return (Results<Ok<IReadOnlyList<ContractRow>>, ValidationProblem>)TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"未知状态 '{status}';可用: {string.Join(", ", Enum.GetNames<ContractStatus>())}。"] });
                parsed = s;
            }
            return TypedResults.Ok(await f.Handle(await CustomersApi.Viewer(user, v, ct), parsed, search, ct));
        }).WithName("ListContracts").WithSummary("The contracts in the caller's data scope, newest first (500 at most), with what has been received.");
        api.MapGet("/{id:guid}", async Task<Results<Ok<ContractDetail>, NotFound>> (Guid id, ClaimsPrincipal user, GetViewer v, ListContracts f, CancellationToken ct) =>
            await f.Get(id, await CustomersApi.Viewer(user, v, ct), ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound()).WithName("GetContract");
        api.MapPost("/", Create).WithName("CreateContract").RequireAuthorization(Permission.WorkCustomers)
            .WithSummary("Makes a draft contract from a won opportunity, on the template named or the best match for the account's tier and the deal's main product line.");
        api.MapPut("/{id:guid}/lines", (Guid id, LinesRequest body, ClaimsPrincipal user, GetViewer v, EditContract f, CancellationToken ct) =>
            Run(user, v, viewer => f.SetLines(id, body.Lines.Select(l => new LineInput(l.ProductCode ?? "", l.Quantity, l.ListPrice, l.Discount)).ToList(), body.Revision, viewer, ct), ct))
            .WithName("SetContractLines").RequireAuthorization(Permission.WorkCustomers).WithSummary("Draft only; the payment plan is re-split by the template's shares.");
        api.MapPut("/{id:guid}/terms", (Guid id, TermsRequest body, ClaimsPrincipal user, GetViewer v, EditContract f, CancellationToken ct) =>
            Run(user, v, viewer => f.SetTerms(id, body.NonStandard, body.Note, body.Revision, viewer, ct), ct)).WithName("SetContractTerms").RequireAuthorization(Permission.WorkCustomers);
        api.MapPut("/{id:guid}/payment-plan", (Guid id, PaymentPlanRequest body, ClaimsPrincipal user, GetViewer v, EditContract f, CancellationToken ct) =>
            Run(user, v, viewer => f.SetPaymentPlan(id, body.Nodes.Select(n => new NodeInput(n.Name ?? "", n.DueOn, n.Amount, n.Milestone)).ToList(), body.Revision, viewer, ct), ct))
            .WithName("SetPaymentPlan").RequireAuthorization(Permission.WorkCustomers).WithSummary("Draft only; the nodes must add up to the contract amount to the fen.");
        api.MapPost("/{id:guid}/submit", (Guid id, RevisionRequest body, ClaimsPrincipal user, GetViewer v, EditContract f, CancellationToken ct) =>
            Run(user, v, viewer => f.Submit(id, body.Revision, viewer, ct), ct)).WithName("SubmitContract").RequireAuthorization(Permission.WorkCustomers)
            .WithSummary("Starts an approval round (discount > 10% → Manager; > 20% or amount > 100万 → Director; non-standard terms → Manager, Director, Finance); none needed → approved.");
        api.MapPost("/{id:guid}/decide", Decide).WithName("DecideContract").RequireAuthorization(Permission.ApproveContracts)
            .WithSummary("decision = approve | reject | return (reject and return need a comment). Only the current step's role decides (else 422 not-your-step).");
        api.MapPost("/{id:guid}/sign", (Guid id, RevisionRequest body, ClaimsPrincipal user, GetViewer v, EditContract f, CancellationToken ct) =>
            Run(user, v, viewer => f.Sign(id, body.Revision, viewer, ct), ct)).WithName("SignContract").RequireAuthorization(Permission.WorkCustomers)
            .WithSummary("Signs an approved contract on the business day and books one order line per contract line.");
        api.MapPost("/{id:guid}/milestones/{milestoneId:guid}/delivered", (Guid id, Guid milestoneId, DayRequest body, ClaimsPrincipal user, GetViewer v, EditContract f, CancellationToken ct) =>
            Run(user, v, viewer => f.CompleteMilestone(id, milestoneId, body.On, body.Revision, viewer, ct), ct)).WithName("DeliverMilestone").RequireAuthorization(Permission.WorkCustomers);
        api.MapPost("/{id:guid}/milestones/{milestoneId:guid}/accepted", (Guid id, Guid milestoneId, DayRequest body, ClaimsPrincipal user, GetViewer v, EditContract f, CancellationToken ct) =>
            Run(user, v, viewer => f.AcceptMilestone(id, milestoneId, body.On, body.Revision, viewer, ct), ct)).WithName("AcceptMilestone").RequireAuthorization(Permission.WorkCustomers);
        api.MapPost("/{id:guid}/nodes/{nodeId:guid}/payments", RecordPayment).WithName("RecordPayment").RequireAuthorization(Permission.RecordCollections)
            .WithSummary("A payment received against a node; partial payments are fine, more than the node's open amount is 422 payment-exceeds-node.");
        api.MapPost("/{id:guid}/nodes/{nodeId:guid}/invoices", RecordInvoice).WithName("RecordInvoice").RequireAuthorization(Permission.RecordCollections);

        app.MapGet("/api/contract-templates", async (EditContractTemplates f, CancellationToken ct) => TypedResults.Ok(await f.List(ct)))
            .WithTags("Contracts").WithName("ListContractTemplates").WithSummary("Every version of every standard template, newest first per code.");
        app.MapPut("/api/contract-templates", async Task<Results<NoContent, ValidationProblem>> (TemplateInput body, ClaimsPrincipal user, EditContractTemplates f, CancellationToken ct) =>
            {
                var result = await f.Save(body, user.Identity!.Name!, ct);
                return EditAnswers.Validated(result);
            }).WithTags("Contracts").WithName("SaveContractTemplate").RequireAuthorization(Permission.ConfigureSales)
            .WithSummary("Saves the next version of a template (code, name, productLineCode?, tier?, terms, paymentTerms [{name, share, daysAfterSigning, milestone?}] adding up to 100%).");
        app.MapGet("/api/approvals/inbox", async (ClaimsPrincipal user, GetViewer v, ListContracts f, CancellationToken ct) =>
            TypedResults.Ok(await f.Inbox(await CustomersApi.Viewer(user, v, ct), ct))).WithTags("Contracts").WithName("GetApprovalInbox")
            .WithSummary("Contracts waiting for one of the caller's roles, oldest first, and this year's approval cycle times in working days.");
        app.MapGet("/api/alerts", async (ClaimsPrincipal user, GetViewer v, GetAlerts f, CancellationToken ct) =>
            TypedResults.Ok(await f.Handle(await CustomersApi.Viewer(user, v, ct), ct))).WithTags("Contracts").WithName("GetAlerts")
            .WithSummary("What needs the caller's attention: SLA reminders and breaches (escalated to managers and the director), payments due within a week or overdue, contracts waiting for their approval.");
        app.MapGet("/api/collection", Collection).WithTags("Contracts").WithName("GetCollection")
            .WithSummary("Collection rate (received ÷ due) of a year to the business day by month | quarter | region | team | owner | tier, against the plan; ageing; reminders and alerts.");
        return app;
    }

    static async Task<Results<Created<AccountCreated>, ValidationProblem, NotFound>> Create(ContractRequest body, ClaimsPrincipal user, GetViewer viewers, EditContract feature, CancellationToken ct)
    {
        var result = await feature.CreateFromOpportunity(body.OpportunityId, body.TemplateCode, await CustomersApi.Viewer(user, viewers, ct), ct);
        return result.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Created($"/api/contracts/{result.Id}", new AccountCreated(result.Id!.Value)),
            EditOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.ValidationProblem(result.Errors!),
        };
    }

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Decide(Guid id, DecisionRequest body, ClaimsPrincipal user, GetViewer viewers, EditContract feature, CancellationToken ct)
    {
        ApprovalDecision? decision = body.Decision?.Trim().ToUpperInvariant() switch
        {
            "APPROVE" => ApprovalDecision.Approved,
            "REJECT" => ApprovalDecision.Rejected,
            "RETURN" => ApprovalDecision.Returned,
            _ => null,
        };
        if (decision is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["decision"] = ["decision 应为 approve、reject 或 return。"] });
        return await Run(user, viewers, viewer => feature.Decide(id, decision.Value, body.Comment, body.Revision, viewer, ct), ct);
    }

    static async Task<Results<Created<AccountCreated>, NotFound, ValidationProblem>> RecordPayment(Guid id, Guid nodeId, PaymentRequest body, ClaimsPrincipal user, GetViewer viewers, EditReceivables feature, CancellationToken ct)
    {
        var result = await feature.RecordPayment(id, nodeId, body.ReceivedOn, body.Amount, body.Reference, await CustomersApi.Viewer(user, viewers, ct), ct);
        return Recorded(result, $"/api/contracts/{id}");
    }

    static async Task<Results<Created<AccountCreated>, NotFound, ValidationProblem>> RecordInvoice(Guid id, Guid nodeId, InvoiceRequest body, ClaimsPrincipal user, GetViewer viewers, EditReceivables feature, CancellationToken ct)
    {
        var result = await feature.RecordInvoice(id, nodeId, body.Number ?? "", body.IssuedOn, body.Amount, await CustomersApi.Viewer(user, viewers, ct), ct);
        return Recorded(result, $"/api/contracts/{id}");
    }

    static Results<Created<AccountCreated>, NotFound, ValidationProblem> Recorded(EditResult result, string location) => result.Outcome switch
    {
        EditOutcome.Saved => TypedResults.Created(location, new AccountCreated(result.Id!.Value)),
        EditOutcome.NotFound => TypedResults.NotFound(),
        _ => TypedResults.ValidationProblem(result.Errors!),
    };

    static async Task<Results<Ok<CollectionReport>, ValidationProblem>> Collection(int? year, string? by, ClaimsPrincipal user, GetViewer viewers, GetCollectionReport feature, Features.Customers.BusinessDay day, CancellationToken ct)
    {
        var dimension = CollectionDimension.Month;
        if (!string.IsNullOrWhiteSpace(by) && !Enum.TryParse(by, true, out dimension))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["by"] = [$"未知维度 '{by}';可用: {string.Join(", ", Enum.GetNames<CollectionDimension>().Select(n => n.ToLowerInvariant()))}。"] });
        if (year is < 2000 or > 2100) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["年份应在 2000 到 2100 之间。"] });
        return TypedResults.Ok(await feature.Handle(year ?? day.Today().Year, dimension, await CustomersApi.Viewer(user, viewers, ct), ct));
    }

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Run(ClaimsPrincipal user, GetViewer viewers, Func<Viewer, Task<EditResult>> change, CancellationToken ct) =>
        EditAnswers.For(await change(await CustomersApi.Viewer(user, viewers, ct)), "contract");
}

public sealed record ContractRequest(Guid OpportunityId, string? TemplateCode);

public sealed record TermsRequest(int Revision, bool NonStandard, string? Note);

public sealed record NodeRequest(string? Name, DateOnly DueOn, decimal Amount, string? Milestone);

public sealed record PaymentPlanRequest(int Revision, [Required] List<NodeRequest> Nodes);

public sealed record RevisionRequest(int Revision);

public sealed record DayRequest(int Revision, DateOnly? On);

public sealed record DecisionRequest(int Revision, string? Decision, string? Comment);

public sealed record PaymentRequest(decimal Amount, DateOnly? ReceivedOn, string? Reference);

public sealed record InvoiceRequest(string? Number, decimal Amount, DateOnly? IssuedOn);
