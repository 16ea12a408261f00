using PlanLoop.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>Opportunities through the SOP pipeline: the board, create, lines, BANT, override, proposal sent, stage moves.</summary>
public static class OpportunitiesApi
{
    public static IEndpointRouteBuilder MapOpportunitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/opportunities").WithTags("Opportunities");
        api.MapGet("/pipeline", async Task<Results<Ok<Pipeline>, ValidationProblem>> (int? take, ClaimsPrincipal user, GetViewer viewers, ListOpportunities f, CancellationToken ct) =>
            {
                if (take is < 1 or > ListOpportunities.MaxTake) return TakeProblem();
                return TypedResults.Ok(await f.Handle(await CustomersApi.Viewer(user, viewers, ct), ct, take ?? ListOpportunities.DefaultTake));
            }).WithName("GetPipeline")
            .WithSummary("One column per SOP stage: the count and amounts of all its deals (total) and its first 'take' cards (default 200, at most 1000; cut = true when there are more), " +
                         "each with amount, BANT and SLA states on the working-day calendar; attention = every open deal whose SLA is due soon or breached.");
        api.MapGet("/pipeline/{stage}", async Task<Results<Ok<PipelineColumn>, NotFound, ValidationProblem>> (string stage, int? skip, int? take, ClaimsPrincipal user, GetViewer viewers,
                ListOpportunities f, CancellationToken ct) =>
            {
                if (take is < 1 or > ListOpportunities.MaxTake) return TakeProblem();
                if (skip is < 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["skip"] = ["skip 不能为负。"] });
                return await f.Page(stage, skip ?? 0, take ?? ListOpportunities.DefaultTake, await CustomersApi.Viewer(user, viewers, ct), ct) is { } column
                    ? TypedResults.Ok(column) : TypedResults.NotFound();
            }).WithName("GetPipelineColumn").WithSummary("One stage's deals from 'skip', 'take' at a time (1–1000): the pages of a column the board cut.");
        api.MapGet("/win-rates", async Task<Results<Ok<WinRates>, ValidationProblem>> (DateOnly? from, DateOnly? to, string? by, ClaimsPrincipal user, GetViewer v, GetWinRates f,
                Features.Customers.BusinessDay day, CancellationToken ct) =>
            {
                if (!Enum.TryParse<WinRateGroup>(by ?? "owner", true, out var group) || int.TryParse(by, out _))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["by"] = ["by 应为 owner | team | region | channel | quarter | month。"] });
                var today = day.Today();
                var (start, end) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
                if (end < start || end.DayNumber - start.DayNumber > 3660)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["to 应不早于 from,且区间不超过 10 年。"] });
                return TypedResults.Ok(await f.Handle(start, end, group, await CustomersApi.Viewer(user, v, ct), ct));
            }).WithName("GetWinRates")
            .WithSummary("Deals per stage, won and lost, win rate (won ÷ closed) and average cycle of won deals, by owner, team, region, quarter or month; deals closed between from and to (default: this year to date) and those open now.");
        api.MapPost("/", Create).WithName("CreateOpportunity").RequireAuthorization(Permission.WorkCustomers);
        api.MapPut("/{id:guid}/lines", (Guid id, LinesRequest body, ClaimsPrincipal user, GetViewer v, EditOpportunity f, CancellationToken ct) =>
            Run(user, v, viewer => f.SetLines(id, body.Lines.Select(l => new LineInput(l.ProductCode ?? "", l.Quantity, l.ListPrice, l.Discount)).ToList(), body.Revision, viewer, ct), ct))
            .WithName("SetOpportunityLines").RequireAuthorization(Permission.WorkCustomers).WithSummary("Replaces the product lines; the amount is their sum. Discount is a fraction (0.12 = 12%).");
        api.MapPut("/{id:guid}/bant", (Guid id, BantRequest body, ClaimsPrincipal user, GetViewer v, EditOpportunity f, CancellationToken ct) =>
            Run(user, v, viewer => f.ScoreBant(id, new Dictionary<BantCriterion, int> { [BantCriterion.Budget] = body.Budget, [BantCriterion.Authority] = body.Authority, [BantCriterion.Need] = body.Need, [BantCriterion.Timeline] = body.Timeline }, body.Revision, viewer, ct), ct))
            .WithName("ScoreBant").RequireAuthorization(Permission.WorkCustomers).WithSummary("Points per criterion from the rubric (0, 10, 20 or 25 by default); qualifies from 60.");
        api.MapPost("/{id:guid}/override", (Guid id, MoveRequest body, ClaimsPrincipal user, GetViewer v, EditOpportunity f, CancellationToken ct) =>
            Run(user, v, viewer => f.OverrideBant(id, body.Reason ?? "", body.Revision, viewer, ct), ct))
            .WithName("OverrideBant").RequireAuthorization(Permission.WorkCustomers).WithSummary("A Manager lets a deal below the BANT threshold through, with a reason (others: 422 manager-only).");
        api.MapPost("/{id:guid}/proposal-sent", (Guid id, MoveRequest body, ClaimsPrincipal user, GetViewer v, EditOpportunity f, CancellationToken ct) =>
            Run(user, v, viewer => f.MarkProposalSent(id, body.Revision, viewer, ct), ct)).WithName("MarkProposalSent").RequireAuthorization(Permission.WorkCustomers);
        api.MapPost("/{id:guid}/move/{stage}", (Guid id, string stage, MoveRequest body, ClaimsPrincipal user, GetViewer v, EditOpportunity f, CancellationToken ct) =>
            Run(user, v, viewer => f.Move(id, stage.ToUpperInvariant(), body.Reason, body.WinningCompetitor, body.Revision, viewer, ct), ct))
            .WithName("MoveOpportunity").RequireAuthorization(Permission.WorkCustomers)
            .WithSummary("stage = QUALIFY | PROPOSAL | NEGOTIATION | WON | LOST (LOST needs 'reason'). A move the rules forbid is 422 with its rule.");
        api.MapPut("/{id:guid}/category", (Guid id, CategoryRequest body, ClaimsPrincipal user, GetViewer v, EditOpportunity f, CancellationToken ct) =>
            Run(user, v, viewer => f.Categorise(id, body.Category, body.Revision, viewer, ct), ct))
            .WithName("CategoriseOpportunity").RequireAuthorization(Permission.WorkCustomers)
            .WithSummary("The deal's forecast category: Pipeline | BestCase | Commit | Omitted, or null for its stage's default (Closed follows from winning: 400).");
        api.MapGet("/cycle-times", async (int? year, ClaimsPrincipal user, GetViewer v, GetCycleTimes f, Features.Customers.BusinessDay day, CancellationToken ct) =>
            TypedResults.Ok(await f.Handle(year ?? day.Today().Year, await CustomersApi.Viewer(user, v, ct), ct))).WithName("GetCycleTimes")
            .WithSummary("Days from creation to close of the deals won in a year, by account tier, against the tier's expected decision cycle.");
        var rules = app.MapGroup("/api/sales-settings").WithTags("Opportunities");
        rules.MapGet("/", async (EditSalesSettings f, CancellationToken ct) => TypedResults.Ok(await f.View(ct))).WithName("GetSalesSettings")
            .WithSummary("The execution rules in force: stages and probabilities, BANT rubric and threshold, SLA working days, approval thresholds (version 0 = the SOP's defaults).");
        rules.MapGet("/history", async (EditSalesSettings f, CancellationToken ct) => TypedResults.Ok(await f.History(ct))).WithName("GetSalesSettingsHistory");
        rules.MapPut("/", async Task<Results<NoContent, ValidationProblem>> (SalesSettings body, ClaimsPrincipal user, EditSalesSettings f, CancellationToken ct) =>
            {
                var result = await f.Save(body, user.Identity!.Name!, ct);
                return EditAnswers.Validated(result);
            }).WithName("SaveSalesSettings").RequireAuthorization(Permission.ConfigureSales).WithSummary("Saves the next version; errors by part: stages, rubric, sla, approval.");
        return app;
    }

    static ValidationProblem TakeProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"take 应在 1 到 {ListOpportunities.MaxTake} 之间。"] });

    static async Task<Results<Created<AccountCreated>, ValidationProblem>> Create(OpportunityRequest body, ClaimsPrincipal user, GetViewer viewers, EditOpportunity feature, CancellationToken ct)
    {
        var result = await feature.Create(new OpportunityInput(body.Name ?? "", body.AccountId, body.ExpectedClose, body.OwnerId, body.ChannelId, body.Competitors, body.NextStep),
            await CustomersApi.Viewer(user, viewers, ct), ct);
        return result.Outcome == EditOutcome.Saved ? TypedResults.Created($"/api/opportunities/{result.Id}", new AccountCreated(result.Id!.Value)) : TypedResults.ValidationProblem(result.Errors!);
    }

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Run(ClaimsPrincipal user, GetViewer viewers, Func<Viewer, Task<EditResult>> change, CancellationToken ct)
    {
        return EditAnswers.For(await change(await CustomersApi.Viewer(user, viewers, ct)), "opportunity");
    }
}

public sealed record OpportunityRequest([Required] string? Name, Guid AccountId, DateOnly ExpectedClose, Guid? OwnerId, Guid? ChannelId, string? Competitors, string? NextStep);

public sealed record LineRequest(string? ProductCode, decimal Quantity, decimal? ListPrice, decimal Discount);

public sealed record LinesRequest(int Revision, [Required] List<LineRequest> Lines);

public sealed record BantRequest(int Revision, int Budget, int Authority, int Need, int Timeline);

public sealed record MoveRequest(int Revision, string? Reason, string? WinningCompetitor);

public sealed record CategoryRequest(int Revision, Domain.Forecasting.ForecastCategory? Category);
