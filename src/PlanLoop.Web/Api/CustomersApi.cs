using PlanLoop.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Customers.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Web.Api;

/// <summary>Accounts, contacts, activities and surveys; imports and exports; tier rules, ICP and health model; the customer job and its reports.</summary>
public static class CustomersApi
{
    /// <summary>Who may create and edit accounts (within their data scope): everyone but Finance.</summary>
    /// <summary>Who may change tier rules, the ICP and the health model, and run the customer job.</summary>

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Customers");
        accounts.MapGet("/", List).WithName("ListAccounts")
            .WithSummary("Accounts in the caller's data scope, filtered, sorted and paged; purchases are the 12 months to the business day.");
        accounts.MapPost("/", Create).WithName("CreateAccount").RequireAuthorization(Permission.WorkCustomers);
        accounts.MapGet("/export", Export).WithName("ExportAccounts").WithSummary("format=xlsx (default) or csv; the same filters as the list; the import's columns.");
        accounts.MapGet("/{id:guid}", Get).WithName("GetAccount");
        accounts.MapPut("/{id:guid}", Update).WithName("UpdateAccount").RequireAuthorization(Permission.WorkCustomers)
            .WithSummary("Saves the account; 'revision' is the one read — a stale one gets 409 and nothing is overwritten.");
        accounts.MapPost("/{id:guid}/contacts", (Guid id, ContactRequest body, ClaimsPrincipal user, GetViewer v, EditAccount f, CancellationToken ct) => SaveContact(id, null, body, user, v, f, ct))
            .WithName("AddContact").RequireAuthorization(Permission.WorkCustomers);
        accounts.MapPut("/{id:guid}/contacts/{contactId:guid}", (Guid id, Guid contactId, ContactRequest body, ClaimsPrincipal user, GetViewer v, EditAccount f, CancellationToken ct) => SaveContact(id, contactId, body, user, v, f, ct))
            .WithName("UpdateContact").RequireAuthorization(Permission.WorkCustomers);
        accounts.MapDelete("/{id:guid}/contacts/{contactId:guid}", RemoveContact).WithName("RemoveContact").RequireAuthorization(Permission.WorkCustomers);
        accounts.MapPost("/{id:guid}/activities", LogActivity).WithName("LogActivity").RequireAuthorization(Permission.WorkCustomers);
        accounts.MapPost("/{id:guid}/surveys", RecordSurvey).WithName("RecordSurveyAnswer").RequireAuthorization(Permission.WorkCustomers)
            .WithSummary("An NPS answer (kind Nps, 0–10) or a satisfaction score (kind Csat, 0–100).");
        app.MapGet("/api/contacts/export", ExportContacts).WithTags("Customers").WithName("ExportContacts");

        var imports = app.MapGroup("/api/imports/{kind}").WithTags("Customers");
        imports.MapPost("/", Import).WithName("ImportCustomers").RequireAuthorization(Permission.WorkCustomers).DisableAntiforgery()
            .WithSummary("kind = accounts | contacts | surveys. Multipart: 'file' (.xlsx or .csv), optional 'mapping' (JSON field → header) or ?mappingName=. ?dryRun=true shows what would change. All or nothing.");
        imports.MapGet("/fields", (string kind) => Kind(kind) is { } k ? Results.Ok(AccountFiles.Fields(k)) : Results.NotFound()).WithName("GetImportFields");
        imports.MapGet("/mappings", Mappings).WithName("ListImportMappings");
        // Who may keep a kind's mappings is who may import it (RunImport.MayImport, checked in the handler): finance keeps the payments mappings.
        imports.MapPut("/mappings/{name}", SaveMapping).WithName("SaveImportMapping").RequireAuthorization();

        var customers = app.MapGroup("/api/customers").WithTags("Customers");
        customers.MapGet("/tier-policy", async (EditTierPolicy f, CancellationToken ct) => TypedResults.Ok(await f.History(ct))).WithName("GetTierPolicies")
            .WithSummary("The tier rules and service models, newest version first.");
        customers.MapPut("/tier-policy", SaveTierPolicy).WithName("SaveTierPolicy").RequireAuthorization(Permission.ConfigureSales)
            .WithSummary("Saves the rules as a new version; accounts move tiers (with recorded reasons) when the customer job next runs.");
        customers.MapGet("/health-model", async (EditHealthModel f, CancellationToken ct) => TypedResults.Ok(await f.History(ct))).WithName("GetHealthModels");
        customers.MapPut("/health-model", SaveHealthModel).WithName("SaveHealthModel").RequireAuthorization(Permission.ConfigureSales);
        customers.MapGet("/icp", async (EditIcpProfile f, CancellationToken ct) => TypedResults.Ok(await f.Current(ct))).WithName("GetIcpProfile");
        customers.MapPut("/icp", SaveIcp).WithName("SaveIcpProfile").RequireAuthorization(Permission.ConfigureSales);
        customers.MapPost("/refresh", Refresh).WithName("RefreshAccounts").RequireAuthorization(Permission.ConfigureSales)
            .WithSummary("Runs the customer job now: tiers, health (one snapshot per account and day), ICP fit, follow-ups for A accounts at risk.");
        customers.MapGet("/runs", async (RefreshAccounts f, CancellationToken ct) => TypedResults.Ok(await f.Runs(20, ct))).WithName("ListCustomerJobRuns");
        customers.MapGet("/at-risk", AtRisk).WithName("ListAtRiskAccounts");
        customers.MapGet("/advisor-capacity", async (GetAdvisorCapacity f, CancellationToken ct) => TypedResults.Ok(await f.Handle(ct))).WithName("GetAdvisorCapacity");
        customers.MapGet("/satisfaction", Satisfaction).WithName("GetSatisfactionReport")
            .WithSummary("NPS and average satisfaction by=Month|Quarter|Year|Tier|Region|Owner between from and to (default: the business day's year).");
        app.MapPost("/api/follow-ups/{id:guid}/complete", CompleteFollowUp).WithTags("Customers").WithName("CompleteFollowUp").RequireAuthorization(Permission.WorkCustomers);

        var views = app.MapGroup("/api/views/{page}").WithTags("Saved views");
        views.MapGet("/", async (string page, ClaimsPrincipal user, SavedViews f, CancellationToken ct) => TypedResults.Ok(await f.List(user.Identity!.Name!, page, ct))).WithName("ListSavedViews");
        views.MapPut("/{name}", SaveView).WithName("SaveView");
        views.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, SavedViews f, CancellationToken ct) =>
            await f.Delete(user.Identity!.Name!, id, ct) ? Results.NoContent() : Results.NotFound()).WithName("DeleteSavedView");
        return app;
    }

    internal static Task<Viewer> Viewer(ClaimsPrincipal user, GetViewer viewers, CancellationToken ct) =>
        viewers.Handle(user.Identity!.Name!, user.FindAll(ClaimTypes.Role).Select(c => c.Value), ct);

    static async Task<Ok<AccountPage>> List([AsParameters] AccountListRequest q, ClaimsPrincipal user, GetViewer viewers, ListAccounts feature, CancellationToken ct) =>
        TypedResults.Ok(await feature.Handle(q.ToQuery(), await Viewer(user, viewers, ct), ct));

    static async Task<Results<Ok<AccountDetail>, NotFound>> Get(Guid id, ClaimsPrincipal user, GetViewer viewers, GetAccount feature, CancellationToken ct) =>
        await feature.Handle(id, await Viewer(user, viewers, ct), ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    static async Task<Results<Created<AccountCreated>, ValidationProblem>> Create(AccountRequest body, ClaimsPrincipal user, GetViewer viewers, EditAccount feature, CancellationToken ct)
    {
        var result = await feature.Create(body.ToDetails(), await Viewer(user, viewers, ct), ct);
        return result.Outcome == EditOutcome.Saved
            ? TypedResults.Created($"/api/accounts/{result.Id}", new AccountCreated(result.Id!.Value))
            : TypedResults.ValidationProblem(result.Errors!);
    }

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, AccountUpdateRequest body, ClaimsPrincipal user, GetViewer viewers, EditAccount feature, CancellationToken ct) =>
        Answer(await feature.Update(id, body.Account.ToDetails(), body.Revision, await Viewer(user, viewers, ct), ct));

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> SaveContact(Guid id, Guid? contactId, ContactRequest body, ClaimsPrincipal user, GetViewer viewers, EditAccount feature, CancellationToken ct) =>
        Answer(await feature.SaveContact(id, contactId, new ContactDetails(body.Name ?? "", body.Role, body.Level, body.Title, body.Phone, body.Email), await Viewer(user, viewers, ct), ct));

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemoveContact(Guid id, Guid contactId, ClaimsPrincipal user, GetViewer viewers, EditAccount feature, CancellationToken ct) =>
        Answer(await feature.RemoveContact(id, contactId, await Viewer(user, viewers, ct), ct));

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> LogActivity(Guid id, ActivityRequest body, ClaimsPrincipal user, GetViewer viewers, EditAccount feature, TimeProvider clock, CancellationToken ct) =>
        Answer(await feature.LogActivity(id, new ActivityInput(body.Kind, body.OccurredAt ?? clock.GetUtcNow().UtcDateTime, body.Subject ?? "", body.Notes, body.ContactId), await Viewer(user, viewers, ct), ct));

    static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RecordSurvey(Guid id, SurveyRequest body, ClaimsPrincipal user, GetViewer viewers, EditAccount feature, BusinessDay day, CancellationToken ct) =>
        Answer(await feature.RecordSurvey(id, new SurveyInput(body.Kind, body.Score, body.AnsweredOn ?? day.Today(), body.Comment, body.ContactId), await Viewer(user, viewers, ct), ct));

    static Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult> Answer(EditResult result) => EditAnswers.For(result, "account");

    const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static async Task<FileStreamHttpResult> Export([AsParameters] AccountListRequest q, string? format, ClaimsPrincipal user, GetViewer viewers, AccountFiles files, CancellationToken ct)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        var viewer = await Viewer(user, viewers, ct);
        return await Streamed(csv, "accounts", (stream, c) => files.ExportAccounts(stream, q.ToQuery(), viewer, csv, c), ct);
    }

    static async Task<FileStreamHttpResult> ExportContacts(string? format, ClaimsPrincipal user, GetViewer viewers, AccountFiles files, CancellationToken ct)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        var viewer = await Viewer(user, viewers, ct);
        return await Streamed(csv, "contacts", (stream, c) => files.ExportContacts(stream, viewer, csv, c), ct);
    }

    /// <summary>
    /// An export written to a temporary file (Kestrel takes no synchronous writes and an .xlsx is a zip), then streamed
    /// out; the file goes when the response is done. The server holds a buffer, never the whole file.
    /// </summary>
    internal static async Task<FileStreamHttpResult> Streamed(bool csv, string name, Func<Stream, CancellationToken, Task<long>> write, CancellationToken ct)
    {
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            await write(temp, ct);
            temp.Position = 0;
            return TypedResults.File(temp, csv ? "text/csv; charset=utf-8" : XlsxType, $"{name}.{(csv ? "csv" : "xlsx")}");
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }

    /// <summary>accounts, contacts or surveys, in any case.</summary>
    static ImportKind? Kind(string kind) => Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var k) && !int.TryParse(kind, out _) ? k : null;

    static async Task<Results<Ok<ImportReport>, ValidationProblem, NotFound>> Import(string kind, IFormFile? file, [FromForm] string? mapping, string? mappingName, bool? dryRun,
        HttpRequest request, ClaimsPrincipal user, GetViewer viewers, AccountFiles files, CancellationToken ct)
    {
        if (Kind(kind) is not { } importKind || RunImport.Streams(importKind)) return TypedResults.NotFound();
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Upload an .xlsx or .csv file in the form field 'file'."] });
        FieldMap? map = null;
        if (!string.IsNullOrWhiteSpace(mappingName))
        {
            map = await files.Mapping(importKind, mappingName, ct);
            if (map is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mappingName"] = [$"No saved mapping '{mappingName}' for {kind}."] });
        }
        else if ((map = FieldMap.Parse(mapping, out var problem)) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mapping"] = [problem!] });
        // Second files the mapping's lookups read, as with the streamed imports.
        var others = request.Form.Files.Where(f => f.Name == "lookupFiles").ToList();
        if (others.Count > ImportsApi.MaxLookupFiles)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lookupFiles"] = [$"At most {ImportsApi.MaxLookupFiles} second files come with one import."] });
        var streams = others.Select(o => new ImportFile(o.FileName, o.OpenReadStream())).ToList();
        try
        {
            if (streams.Count > 0) map = (map ?? FieldMap.Empty) with { Files = streams };
            await using var stream = file.OpenReadStream();
            var result = await files.Import(importKind, stream, file.FileName, map, dryRun ?? false, await Viewer(user, viewers, ct), ct);
            return result.Succeeded ? TypedResults.Ok(result) : WorkbookUpload.Rejected(result.Errors);
        }
        finally
        {
            foreach (var s in streams) await s.Content.DisposeAsync();
        }
    }

    static async Task<Results<Ok<Dictionary<string, FieldMap>>, NotFound>> Mappings(string kind, AccountFiles files, CancellationToken ct) =>
        Kind(kind) is { } k ? TypedResults.Ok((await files.Mappings(k, ct)).ToDictionary(m => m.Name, m => m.Mapping)) : TypedResults.NotFound();

    static async Task<Results<NoContent, ValidationProblem, NotFound, ForbidHttpResult>> SaveMapping(string kind, string name, JsonElement body, ClaimsPrincipal user, GetViewer viewers,
        AccountFiles files, CancellationToken ct)
    {
        if (Kind(kind) is not { } k) return TypedResults.NotFound();
        var viewer = await Viewer(user, viewers, ct);
        if (!RunImport.MayImport(k, viewer)) return TypedResults.Forbid();
        if (FieldMap.Parse(body.GetRawText(), out var problem) is not { } map)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mapping"] = [problem!] });
        var result = await files.SaveMapping(k, name, map, viewer, ct);
        return result.Succeeded ? TypedResults.NoContent() : TypedResults.ValidationProblem(result.Problems);
    }

    static async Task<Results<Ok<TierPolicy>, ValidationProblem>> SaveTierPolicy(TierPolicyRequest body, ClaimsPrincipal user, EditTierPolicy feature, CancellationToken ct)
    {
        var result = await feature.Save(new TierPolicyInput(body.AMinimumPurchase, body.CBelowPurchase, body.AMinimumChainDepth, body.A, body.B, body.C,
            body.ChurnAfterMonths ?? (await feature.Current(ct)).ChurnAfterMonths), user.Identity!.Name!, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : TypedResults.ValidationProblem(result.Errors!);
    }

    static async Task<Results<Ok<HealthModelVersion>, ValidationProblem>> SaveHealthModel(HealthModel body, ClaimsPrincipal user, EditHealthModel feature, CancellationToken ct)
    {
        var result = await feature.Save(body, user.Identity!.Name!, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : TypedResults.ValidationProblem(result.Errors!);
    }

    static async Task<Results<Ok<IcpProfileView>, ValidationProblem>> SaveIcp(List<IcpCriterion> body, ClaimsPrincipal user, EditIcpProfile feature, CancellationToken ct)
    {
        var result = await feature.Save(body, user.Identity!.Name!, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : TypedResults.ValidationProblem(result.Errors!);
    }

    static async Task<Results<Ok<RefreshResult>, ProblemHttpResult>> Refresh(DateOnly? asOf, ClaimsPrincipal user, RefreshAccounts feature, CancellationToken ct)
    {
        var result = await feature.Handle($"user:{user.Identity!.Name}", asOf, null, ct);
        return result.AlreadyRunning
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The customer job is already running", detail: "Wait for it to finish; its progress is under /api/customers/runs.")
            : TypedResults.Ok(result);
    }

    static async Task<Ok<AtRiskList>> AtRisk(CustomerTier? tier, Guid? ownerId, ClaimsPrincipal user, GetViewer viewers, ListAtRiskAccounts feature, CancellationToken ct) =>
        TypedResults.Ok(await feature.Handle(await Viewer(user, viewers, ct), tier, ownerId, ct));

    static async Task<Results<NoContent, NotFound>> CompleteFollowUp(Guid id, ClaimsPrincipal user, GetViewer viewers, ListAtRiskAccounts feature, TimeProvider clock, CancellationToken ct) =>
        await feature.Complete(id, await Viewer(user, viewers, ct), clock.GetUtcNow().UtcDateTime, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    static async Task<Results<Ok<SatisfactionReport>, ValidationProblem>> Satisfaction(DateOnly? from, DateOnly? to, SatisfactionDimension? by, ClaimsPrincipal user, GetViewer viewers,
        GetSatisfactionReport feature, BusinessDay day, CancellationToken ct)
    {
        var today = day.Today();
        var (first, last) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        if (first > last) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["'from' must not be after 'to'."] });
        return TypedResults.Ok(await feature.Handle(first, last, by ?? SatisfactionDimension.Quarter, await Viewer(user, viewers, ct), ct));
    }

    static async Task<Results<NoContent, ValidationProblem>> SaveView(string page, string name, SavedViewRequest body, ClaimsPrincipal user, SavedViews feature, CancellationToken ct)
    {
        var result = await feature.Save(user.Identity!.Name!, page, name, body.Query ?? "", ct);
        return EditAnswers.Validated(result);
    }
}

/// <summary>
/// The account list's query string. PageSize is clamped to 1–500 by the feature (a validation attribute here
/// would break the OpenAPI document: [AsParameters] with attributes on record parameters throws in .NET 10).
/// </summary>
public sealed record AccountListRequest(string? Search, CustomerTier? Tier, AccountStatus? Status, HealthBand? Band, Guid? RegionId, Guid? OwnerId, Guid? AdvisorId,
    string? Industry, AccountSort? Sort, bool? Desc, int? Page, int? PageSize)
{
    public AccountQuery ToQuery() => new(Search, Tier, Status, Band, RegionId, OwnerId, AdvisorId, Industry, Sort ?? AccountSort.Purchases, Desc ?? true, Page ?? 1, PageSize ?? 50);
}

public sealed record AccountRequest([Required] string? Name, string? CreditCode, string? Industry, Guid? RegionId, [Range(0, int.MaxValue)] int? Employees,
    [Range(0, double.MaxValue)] decimal? Revenue, Guid? OwnerId, Guid? AdvisorId, Guid? ParentId, AccountStatus? Status)
{
    public AccountDetails ToDetails() => new(Name ?? "", CreditCode, Industry, RegionId, Employees, Revenue, OwnerId, AdvisorId, ParentId, Status ?? AccountStatus.Prospect);
}

public sealed record AccountUpdateRequest([Required] AccountRequest Account, int Revision);

public sealed record AccountCreated(Guid Id);

public sealed record ContactRequest([Required] string? Name, DecisionRole Role, [Range(1, ContactDetails.MaxLevel)] int Level, string? Title, string? Phone, string? Email);

public sealed record ActivityRequest(ActivityKind Kind, [Required] string? Subject, string? Notes, DateTime? OccurredAt, Guid? ContactId);

public sealed record SurveyRequest(SurveyKind Kind, int Score, DateOnly? AnsweredOn, string? Comment, Guid? ContactId);

public sealed record TierPolicyRequest(decimal AMinimumPurchase, decimal CBelowPurchase, int? AMinimumChainDepth, [Required] TierService A, [Required] TierService B, [Required] TierService C,
    [Range(1, 60)] int? ChurnAfterMonths = null);

public sealed record SavedViewRequest([property: StringLength(2000)] string? Query);
