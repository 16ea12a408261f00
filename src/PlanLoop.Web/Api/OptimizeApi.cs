using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using PlanLoop.Domain.Optimization;
using PlanLoop.Features.Optimization;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;
using PlanLoop.Web.Infrastructure;

namespace PlanLoop.Web.Api;

/// <summary>The optimizer-backed proposals: re-allocating the rest of the year's targets.</summary>
public static class OptimizeApi
{
    public static IEndpointRouteBuilder MapOptimizeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/optimize").WithTags("Optimize").RequireAuthorization(Permission.EditPlans);
        api.MapPost("/reallocate", Reallocate).WithName("ReallocateTargets")
            .WithSummary("Proposes the rest of the year's targets by = region | productline | channel | team | rep so they still add up to the version's revenue target (or the smallest shortfall), "
                + "from each unit's booked revenue and forecast, within the rules (capacityFactor, maxAbove, maxBelow, capacities by member); with the binding rules, their shadow prices, "
                + "and, when the rules contradict each other, the smallest conflicting set. Nothing is saved.");
        api.MapGet("/reallocate/model", Model).WithName("ExportReallocationModel")
            .WithSummary("The proposal's linear programme (by, capacityFactor, maxAbove, maxBelow as for POST /reallocate) as a file another solver re-solves to the same optimum: "
                + "format = lp (CPLEX LP, glpsol --lp) | mps (free MPS, glpsol --freemps).");
        api.MapPost("/reallocate/draft", Draft).WithName("SaveReallocationAsDraft")
            .WithSummary("Saves the proposal as a new draft version (name) copied from the re-allocated one, its breakdown replaced by the new targets; the plan checks and approval apply as to any draft.");
        api.MapPost("/budget", Budget).WithName("AllocateBudget").DisableAntiforgery()
            .WithSummary("Allocates a sales budget (form: file = budget lines as .csv/.xlsx, or none for the sample; total; goal = revenue | margin | revenueatminmargin; minMargin; "
                + "mix = CHANNEL=SHARE,… within ± tolerance; curve = true for revenue against budget at 50–150% of the total) as a mixed-integer programme: each line's spend, heads, "
                + "revenue, contribution, ROI and the return of its next 万. Nothing is stored.");
        api.MapGet("/budget/sample", Sample).WithName("GetSampleBudget")
            .WithSummary("The demo company's sample budget as a CSV file: the columns a budget file needs.");
        api.MapGet("/budgets", ListBudgets).WithName("ListBudgets")
            .WithSummary("The year's kept budgets (default the business day's year): lines, last year's spend and revenue in total.");
        api.MapPost("/budgets", KeepBudget).WithName("KeepBudget").DisableAntiforgery()
            .WithSummary("Keeps a budget (form: file = budget lines as .csv/.xlsx, name, year) after checking every line as the allocation does; problems by row and column, nothing half-saved.");
        api.MapGet("/budgets/{id:guid}", GetBudget).WithName("GetBudget")
            .WithSummary("A kept budget with its lines.");
        api.MapDelete("/budgets/{id:guid}", DeleteBudget).WithName("DeleteBudget")
            .WithSummary("Deletes a kept budget.");
        api.MapGet("/headcount/defaults", HeadcountStart).WithName("GetHeadcountDefaults")
            .WithSummary("What a hiring plan starts from: the direct channel's revenue target in the year's version, its sellers and the planned productivity per head.");
        api.MapPost("/headcount", Headcount).WithName("PlanHeadcount")
            .WithSummary("The fewest hires, as late as they can start, that carry a segment's target given ramp-up, attrition and lead time — or the smallest shortfall when "
                + "hires come too late: decisions, starts, sellers and capacity by month (two small integer programmes). Nothing is stored.");
        api.MapPost("/scenarios/run", RunScenario).WithName("RunScenario")
            .WithSummary("A what-if on the driver tree (changes: driver, kind = percent | set, value, optional channel, region, productLine): revenue, margin, collection and "
                + "customers against the year's run rate, each changed driver's contribution (Shapley: they add up to the difference) and the tornado (each driver ∓ step). Nothing is saved.");
        api.MapGet("/scenarios", ListScenarios).WithName("ListScenarios")
            .WithSummary("The year's saved scenarios side by side, each computed from today's drivers.");
        api.MapPost("/scenarios", SaveScenario).WithName("SaveScenario")
            .WithSummary("Saves a scenario (name unique in the year, note, changes) after checking that it computes.");
        api.MapGet("/scenarios/{id:guid}", GetScenario).WithName("GetScenario")
            .WithSummary("A saved scenario computed from today's drivers, with contributions and tornado.");
        api.MapDelete("/scenarios/{id:guid}", DeleteScenario).WithName("DeleteScenario")
            .WithSummary("Deletes a saved scenario (plan versions made from it stay).");
        api.MapPost("/scenarios/{id:guid}/version", ScenarioVersion).WithName("SaveScenarioAsVersion")
            .WithSummary("Turns a saved scenario into a new draft plan version (name): its revenue, customers and collection rate as targets, its revenue by region and channel "
                + "as breakdowns, every other revenue breakdown scaled to the new target to the fen.");
        return app;
    }

    static FileContentHttpResult Sample() => TypedResults.File(BudgetFile.SampleBytes(), "text/csv; charset=utf-8", BudgetFile.SampleName);

    static async Task<Results<Ok<BudgetSummary>, ValidationProblem>> Budget(IFormFile? file, [FromForm, Range(0, 1_000_000_000_000)] decimal? total, [FromForm] string? goal,
        [FromForm, Range(0, 1)] decimal? minMargin, [FromForm] string? mix, [FromForm, Range(0, 1)] decimal? tolerance, [FromForm] bool? curve, [FromForm] Guid? budgetId,
        AllocateBudget feature, KeepBudgets kept, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (total is null) errors["total"] = ["Give the total budget in yuan."];
        BudgetGoal chosen = BudgetGoal.Revenue;
        if (goal is not null && (!Enum.TryParse(goal, true, out chosen) || int.TryParse(goal, out _))) errors["goal"] = ["goal is revenue, margin or revenueatminmargin."];
        var shares = NamedNumbers.Parse((mix ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out var bad);
        if (shares is null) errors["mix"] = [$"'{bad}' is not CHANNEL=SHARE (e.g. DIRECT=0.5)."];
        var rules = (shares ?? []).Select(p => new MixRule(p.Name, p.Value, tolerance ?? 0.05m)).ToList();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        IReadOnlyList<BudgetLine> lines;
        if (budgetId is { } id)
        {
            if (file is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["budgetId"] = ["Give a file or a kept budget, not both."] });
            if (await kept.Get(id, ct) is not { } budget) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["budgetId"] = ["No kept budget has this id."] });
            lines = budget.Lines;
        }
        else if (file is null) lines = BudgetFile.Sample();
        else
        {
            var problems = new List<Features.Workbooks.WorkbookError>();
            await using var stream = file.OpenReadStream();
            if (BudgetFile.Read(stream, file.FileName, problems) is not { } read) return WorkbookUpload.Rejected(problems);
            lines = read;
        }
        var answer = feature.Handle(lines, new BudgetRules(total!.Value, chosen, minMargin, rules), curve ?? false);
        return answer.Succeeded ? TypedResults.Ok(answer.Value!.Summary()) : TypedResults.ValidationProblem(answer.Errors!);
    }

    static async Task<Results<Ok<ReallocationSummary>, NotFound, ValidationProblem, ProblemHttpResult>> Reallocate(ReallocateBody body, ClaimsPrincipal user, GetViewer viewers,
        ReallocateTargets feature, CancellationToken ct)
    {
        if (body.Request() is not { } request) return TypedResults.ValidationProblem(body.Errors());
        var answer = await feature.Handle(await CustomersApi.Viewer(user, viewers, ct), request, ct);
        return EditAnswers.For(answer.Succeeded ? EditResult<ReallocationSummary>.Saved(ReallocationSummary.Of(answer.Value!))
            : new EditResult<ReallocationSummary>(answer.Outcome, null, answer.Errors), "plan version");
    }

    static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> Model(string? format, string? by, [Range(0, 10)] decimal? capacityFactor, [Range(0, 10)] decimal? maxAbove,
        [Range(0, 1)] decimal? maxBelow, ClaimsPrincipal user, GetViewer viewers, ReallocateTargets feature, CancellationToken ct)
    {
        var body = new ReallocateBody(by, CapacityFactor: capacityFactor, MaxAbove: maxAbove, MaxBelow: maxBelow);
        var kind = format?.ToLowerInvariant() switch { "lp" or null => (ModelFormat?)ModelFormat.Lp, "mps" => ModelFormat.Mps, _ => null };
        if (kind is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format is lp or mps."] });
        if (body.Request() is not { } request) return TypedResults.ValidationProblem(body.Errors());
        var answer = await feature.Handle(await CustomersApi.Viewer(user, viewers, ct), request, ct);
        if (answer.Outcome == EditOutcome.Invalid) return TypedResults.ValidationProblem(answer.Errors!);
        if (!answer.Succeeded || answer.Value!.ModelFile(kind.Value) is not { } text) return TypedResults.NotFound();
        var name = $"reallocate-{answer.Value.By.ToString().ToLowerInvariant()}.{(kind == ModelFormat.Lp ? "lp" : "mps")}";
        return TypedResults.File(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", name);
    }

    static async Task<Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> Draft(ReallocateBody body, ClaimsPrincipal user, GetViewer viewers,
        ReallocateTargets feature, CancellationToken ct)
    {
        if (body.Request() is not { } request) return TypedResults.ValidationProblem(body.Errors());
        return EditAnswers.For(await feature.SaveAsDraft(await CustomersApi.Viewer(user, viewers, ct), request, body.Name ?? "", user.Identity!.Name!, ct), "plan version");
    }
    static async Task<Ok<IReadOnlyList<BudgetListLine>>> ListBudgets(int? year, Features.Customers.BusinessDay today, KeepBudgets kept, CancellationToken ct) =>
        TypedResults.Ok(await kept.List(year ?? today.Today().Year, ct));

    static async Task<Results<Created<BudgetCreated>, ValidationProblem>> KeepBudget(IFormFile? file, [FromForm, StringLength(100)] string? name, [FromForm, Range(2000, 2100)] int? year,
        Features.Customers.BusinessDay today, KeepBudgets kept, ClaimsPrincipal user, CancellationToken ct)
    {
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Upload the budget lines as a .csv or .xlsx file."] });
        var problems = new List<Features.Workbooks.WorkbookError>();
        await using var stream = file.OpenReadStream();
        if (BudgetFile.Read(stream, file.FileName, problems) is not { } lines) return WorkbookUpload.Rejected(problems);
        var saved = await kept.Save(name ?? "", year ?? today.Today().Year, lines, user.Identity!.Name!, ct);
        return saved.Succeeded ? TypedResults.Created($"/api/optimize/budgets/{saved.Id}", new BudgetCreated(saved.Id!.Value)) : TypedResults.ValidationProblem(saved.Errors!);
    }

    static async Task<Results<Ok<BudgetView>, NotFound>> GetBudget(Guid id, KeepBudgets kept, CancellationToken ct) =>
        await kept.Get(id, ct) is { } budget ? TypedResults.Ok(budget) : TypedResults.NotFound();

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteBudget(Guid id, KeepBudgets kept, ClaimsPrincipal user, CancellationToken ct) =>
        EditAnswers.For(await kept.Delete(id, user.Identity!.Name!, ct), "budget");

    static async Task<Ok<HeadcountDefaults>> HeadcountStart(int? year, Features.Customers.BusinessDay today, PlanHeadcount feature, CancellationToken ct) =>
        TypedResults.Ok(await feature.Defaults(year ?? today.Today().Year, ct));

    static Results<Ok<HeadcountSummary>, ValidationProblem> Headcount(HeadcountBody body, PlanHeadcount feature)
    {
        var answer = feature.Handle(body.Segment());
        return answer.Succeeded ? TypedResults.Ok(answer.Value!.Summary) : TypedResults.ValidationProblem(answer.Errors!);
    }

    static async Task<Results<Ok<ScenarioSummary>, NotFound, ValidationProblem, ProblemHttpResult>> RunScenario(ScenarioBody body, ClaimsPrincipal user, GetViewer viewers,
        RunScenarios feature, CancellationToken ct)
    {
        var answer = await feature.Run(await CustomersApi.Viewer(user, viewers, ct), body.Year, body.Changes ?? [], body.Step ?? 0.1m, ct);
        return EditAnswers.For(answer.Succeeded ? EditResult<ScenarioSummary>.Saved(ScenarioSummary.Of(answer.Value!)) : new EditResult<ScenarioSummary>(answer.Outcome, null, answer.Errors), "scenario");
    }

    static async Task<Results<Ok<IReadOnlyList<ScenarioLine>>, NotFound>> ListScenarios(int? year, ClaimsPrincipal user, GetViewer viewers, RunScenarios feature, CancellationToken ct) =>
        await feature.List(await CustomersApi.Viewer(user, viewers, ct), year, ct) is { } lines ? TypedResults.Ok(lines) : TypedResults.NotFound();

    static async Task<Results<Created<ScenarioCreated>, NotFound, ValidationProblem, ProblemHttpResult>> SaveScenario(ScenarioBody body, ClaimsPrincipal user, GetViewer viewers,
        RunScenarios feature, CancellationToken ct)
    {
        var saved = await feature.Save(await CustomersApi.Viewer(user, viewers, ct), body.Year, body.Name ?? "", body.Note, body.Changes ?? [], user.Identity!.Name!, ct);
        return saved.Outcome switch
        {
            EditOutcome.Saved => TypedResults.Created($"/api/optimize/scenarios/{saved.Id}", new ScenarioCreated(saved.Id!.Value)),
            EditOutcome.Invalid => TypedResults.ValidationProblem(saved.Errors!),
            EditOutcome.Conflict => EditAnswers.Conflict("scenario"),
            _ => TypedResults.NotFound(),
        };
    }

    static async Task<Results<Ok<ScenarioSummary>, NotFound, ValidationProblem, ProblemHttpResult>> GetScenario(Guid id, [Range(0.01, 0.5)] decimal? step, ClaimsPrincipal user,
        GetViewer viewers, RunScenarios feature, CancellationToken ct)
    {
        var answer = await feature.Get(await CustomersApi.Viewer(user, viewers, ct), id, step ?? 0.1m, ct);
        return EditAnswers.For(answer.Succeeded ? EditResult<ScenarioSummary>.Saved(ScenarioSummary.Of(answer.Value!)) : new EditResult<ScenarioSummary>(answer.Outcome, null, answer.Errors), "scenario");
    }

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteScenario(Guid id, ClaimsPrincipal user, GetViewer viewers, RunScenarios feature, CancellationToken ct) =>
        EditAnswers.For(await feature.Delete(await CustomersApi.Viewer(user, viewers, ct), id, user.Identity!.Name!, ct), "scenario");

    static async Task<Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> ScenarioVersion(Guid id, VersionNameBody body, ClaimsPrincipal user, GetViewer viewers,
        RunScenarios feature, CancellationToken ct) =>
        EditAnswers.For(await feature.ToPlanVersion(await CustomersApi.Viewer(user, viewers, ct), id, body.Name ?? "", user.Identity!.Name!, ct), "scenario");
}

/// <summary>A scenario: the year whose drivers are measured (default the business day's), its changes, the tornado's step; a name and note to save it.</summary>
public sealed record ScenarioBody(
    int? Year = null,
    [property: MaxLength(DriverTree.MaxChanges)] List<DriverChange>? Changes = null,
    [property: Range(0.01, 0.5)] decimal? Step = null,
    [property: StringLength(Scenario.MaxName)] string? Name = null,
    [property: StringLength(Scenario.MaxNote)] string? Note = null);

public sealed record ScenarioCreated(Guid Id);

public sealed record BudgetCreated(Guid Id);

public sealed record VersionNameBody([property: StringLength(100)] string? Name);

/// <summary>A segment to plan hires for; ramp as monthly fractions (default 0, 0.2 … 1), attrition a month (0.01), lead time in months (2).</summary>
public sealed record HeadcountBody(
    [property: StringLength(100)] string? Name,
    [property: Range(0, 1_000_000_000_000)] decimal Target,
    [property: Range(0, 10_000)] int Heads,
    [property: Range(0, 1_000_000_000)] decimal? Productivity = null,
    [property: MaxLength(24)] List<decimal>? Ramp = null,
    [property: Range(0, 0.5)] decimal? Attrition = null,
    [property: Range(0, 12)] int? LeadTime = null,
    [property: Range(1, 12)] int? FirstMonth = null,
    [property: Range(0, 1000)] int? MaxHires = null)
{
    public HeadcountSegment Segment() => new(string.IsNullOrWhiteSpace(Name) ? "direct" : Name.Trim(), Target, Heads, Productivity ?? 5_000_000m,
        Ramp is { Count: > 0 } r ? r : HeadcountSegment.SixMonthRamp, Attrition ?? 0.01m, LeadTime ?? 2, FirstMonth ?? 1, MaxHires ?? 5);
}

/// <summary>What to re-allocate: by = region | productline | channel | team | rep; the rules; capacities in yuan by member; name for a saved draft.</summary>
public sealed record ReallocateBody(
    string? By,
    int? Year = null,
    Guid? VersionId = null,
    [property: Range(0, 10)] decimal? CapacityFactor = null,
    [property: Range(0, 10)] decimal? MaxAbove = null,
    [property: Range(0, 1)] decimal? MaxBelow = null,
    Dictionary<string, decimal>? Capacities = null,
    [property: StringLength(100)] string? Name = null)
{
    public ReallocationRequest? Request() => Errors().Count > 0 ? null
        : new ReallocationRequest(Year, MonitoringApi.Dimension(By!)!.Value, VersionId, new ReallocationRules(CapacityFactor ?? 1.3m, MaxAbove ?? 0.2m, MaxBelow), Capacities);

    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (By is null || MonitoringApi.Dimension(By) is not { } d || !ReallocateTargets.Dimensions.Contains(d))
            errors["by"] = [$"by is one of {string.Join(", ", ReallocateTargets.Dimensions.Select(x => x.ToString().ToLowerInvariant()))}."];
        if (Capacities is { Count: > ReallocateTargets.MaxUnits }) errors["capacities"] = [$"At most {ReallocateTargets.MaxUnits} capacities."];
        return errors;
    }
}
