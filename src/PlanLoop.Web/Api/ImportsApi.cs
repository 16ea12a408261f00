using PlanLoop.Web.Infrastructure;
using System.Security.Claims;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Execution.Data;
using PlanLoop.Features.Organisation;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Web.Api;

/// <summary>Large imports of booked orders and received payments (streamed, all or nothing), and the aliases they read.</summary>
public static class ImportsApi
{
    /// <summary>Who may book orders from a file and keep the aliases: admins, the director, sales ops, finance.</summary>

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/imports/orders", (HttpRequest request, string? mapping, string? mappingName, bool? dryRun, ClaimsPrincipal user, GetViewer viewers, AccountFiles files, ImportOrders import, CancellationToken ct) =>
                Run(ImportKind.Orders, request, mapping, mappingName, user, viewers, files, (s, name, map, viewer) => import.Handle(s, name, map, dryRun ?? false, viewer, null, ct), ct))
            .WithTags("Imports").WithName("ImportOrders").RequireAuthorization(Permission.ImportOrders).DisableAntiforgery()
            .WithSummary("Booked order lines from an ERP export. Multipart 'file' (.csv or .xlsx), optional 'mapping' (JSON field → header) or ?mappingName=, ?dryRun=true. " +
                         "Fields: order_number, booked_on, account, amount (required), product, product_line, region, channel, owner. 400 lists problems by row and column and the unknown values worth an alias.");
        app.MapPost("/api/imports/payments", (HttpRequest request, string? mapping, string? mappingName, bool? dryRun, ClaimsPrincipal user, GetViewer viewers, AccountFiles files, ImportPayments import, CancellationToken ct) =>
                Run(ImportKind.Payments, request, mapping, mappingName, user, viewers, files, (s, name, map, viewer) => import.Handle(s, name, map, dryRun ?? false, viewer, null, ct), ct))
            .WithTags("Imports").WithName("ImportPayments").RequireAuthorization(Permission.RecordCollections).DisableAntiforgery()
            .WithSummary("Payments against signed contracts' nodes: contract, node (name or number), received_on, amount, reference.");

        app.MapPost("/api/imports/leads", (HttpRequest request, string? mapping, string? mappingName, bool? dryRun, ClaimsPrincipal user, GetViewer viewers, AccountFiles files, ImportLeads import, CancellationToken ct) =>
                Run(ImportKind.Leads, request, mapping, mappingName, user, viewers, files, (s, name, map, viewer) => import.Handle(s, name, map, dryRun ?? false, viewer, null, ct), ct))
            .WithTags("Imports").WithName("ImportLeads").RequireAuthorization(Permission.WorkCustomers).DisableAntiforgery()
            .WithSummary("Leads: external_id (an id from the source: importing again updates), company (required), contact, title, phone, email, industry, region, employees, source, channel, owner, created_on. A Rep imports leads for themselves only; rows identical to stored leads are skipped.");
        app.MapPost("/api/imports/opportunities", (HttpRequest request, string? mapping, string? mappingName, bool? dryRun, ClaimsPrincipal user, GetViewer viewers, AccountFiles files, ImportOpportunities import, CancellationToken ct) =>
                Run(ImportKind.Opportunities, request, mapping, mappingName, user, viewers, files, (s, name, map, viewer) => import.Handle(s, name, map, dryRun ?? false, viewer, null, ct), ct))
            .WithTags("Imports").WithName("ImportOpportunities").RequireAuthorization(Permission.WorkCustomers).DisableAntiforgery()
            .WithSummary("Opportunities from another CRM: external_id, name, account (required), owner, stage, expected_close, closed_on, created_on, stage_entered_on, product, quantity, discount, amount, lost_reason, channel. " +
                         "With external_id a re-import updates the deals it brought before. Multipart 'file', optional 'lookupFiles' (second files the mapping's lookups read), 'mapping' (JSON: columns, values, defaults, constants, lookups, dateFormat, rounding).");
        app.MapPost("/api/imports/activities", (HttpRequest request, string? mapping, string? mappingName, bool? dryRun, ClaimsPrincipal user, GetViewer viewers, AccountFiles files, RunImport import, CancellationToken ct) =>
                Run(ImportKind.Activities, request, mapping, mappingName, user, viewers, files, (s, name, map, viewer) => import.Handle(ImportKind.Activities, s, name, map, dryRun ?? false, viewer, null, ct), ct))
            .WithTags("Imports").WithName("ImportActivities").RequireAuthorization(Permission.WorkCustomers).DisableAntiforgery()
            .WithSummary("Calls, visits, meetings, e-mails and diagnostics from another CRM: account, kind, occurred_at, subject (required), contact, owner, notes. " +
                         "Rows the same as stored activities (account, kind, time, subject) are skipped; a Rep imports their own only.");
        app.MapPost("/api/imports/people", (HttpRequest request, string? mapping, string? mappingName, bool? dryRun, ClaimsPrincipal user, GetViewer viewers, AccountFiles files, ImportPeople import, CancellationToken ct) =>
                Run(ImportKind.People, request, mapping, mappingName, user, viewers, files, (s, name, map, viewer) => import.Handle(s, name, map, dryRun ?? false, viewer, ct), ct))
            .WithTags("Imports").WithName("ImportPeople").RequireAuthorization(Permission.EditPeople).DisableAntiforgery()
            .WithSummary("People of the sales organisation: name (required), email, position, team, region, manager, external_id, active. Matched by external id, e-mail, then name: a re-import updates.");
        app.MapGet("/api/exports/orders", async Task<Results<FileStreamHttpResult, ValidationProblem>> (string? format, DateOnly? from, DateOnly? to, ClaimsPrincipal user, GetViewer viewers,
                ExportOrders export, CancellationToken ct) =>
            {
                if (format is not (null or "csv" or "xlsx"))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format 应为 csv 或 xlsx。"] });
                var csv = format != "xlsx";
                var viewer = await CustomersApi.Viewer(user, viewers, ct);
                return await CustomersApi.Streamed(csv, "orders", (stream, c) => export.Handle(stream, csv, from, to, viewer, null, c), ct);
            }).WithName("ExportOrders").WithTags("Imports")
            .WithSummary("Booked order lines in the caller's scope as .csv (default) or .xlsx, with the orders import's headers and codes (an export imports back); from/to limit the booking dates.");
        var aliases = app.MapGroup("/api/import-aliases").WithTags("Imports");
        aliases.MapGet("/", async (EditAliases f, CancellationToken ct) => TypedResults.Ok(await f.List(ct))).WithName("ListImportAliases");
        aliases.MapPut("/", async Task<Results<NoContent, ValidationProblem>> (AliasRequest body, ClaimsPrincipal user, EditAliases f, CancellationToken ct) =>
            {
                if (!Enum.TryParse<AliasKind>(body.Kind, true, out var kind) || int.TryParse(body.Kind, out _))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"kind 应为 {string.Join(" | ", Enum.GetNames<AliasKind>().Select(n => n.ToLowerInvariant()))}。"] });
                var result = await f.Save(kind, body.Alias ?? "", body.Target ?? "", user.Identity!.Name!, ct);
                return EditAnswers.Validated(result);
            }).WithName("SaveImportAlias").RequireAuthorization(Permission.ImportOrders)
            .WithSummary("Saves an external name as an alias of an account (credit code or name), product, channel (code or name) or person (name or e-mail).");
        aliases.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, ClaimsPrincipal user, EditAliases f, CancellationToken ct) =>
            await f.Delete(id, user.Identity!.Name!, ct) ? TypedResults.NoContent() : TypedResults.NotFound()).WithName("DeleteImportAlias").RequireAuthorization(Permission.ImportOrders);
        return app;
    }

    /// <summary>At most this many second files (the mapping's lookups) come with one import.</summary>
    public const int MaxLookupFiles = 5;

    static async Task<Results<Ok<ImportReport>, ValidationProblem>> Run(ImportKind kind, HttpRequest request, string? mapping, string? mappingName, ClaimsPrincipal user, GetViewer viewers,
        AccountFiles files, Func<Stream, string, FieldMap?, Viewer, Task<ImportReport>> import, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        var file = form?.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Upload an .xlsx or .csv file in the form field 'file'."] });
        var others = form!.Files.Where(f => f.Name == "lookupFiles").ToList();
        if (others.Count > MaxLookupFiles)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lookupFiles"] = [$"At most {MaxLookupFiles} second files come with one import."] });
        FieldMap? map;
        if (!string.IsNullOrWhiteSpace(mappingName))
        {
            map = await files.Mapping(kind, mappingName, ct);
            if (map is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mappingName"] = [$"No saved mapping '{mappingName}' for {kind.ToString().ToLowerInvariant()}."] });
        }
        else if ((map = FieldMap.Parse(mapping ?? form["mapping"].FirstOrDefault(), out var problem)) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mapping"] = [problem!] });
        var streams = others.Select(o => new ImportFile(o.FileName, o.OpenReadStream())).ToList();
        try
        {
            if (streams.Count > 0) map = map with { Files = streams };
            await using var stream = file.OpenReadStream();
            var result = await import(stream, file.FileName, map, await CustomersApi.Viewer(user, viewers, ct));
            if (result.Succeeded) return TypedResults.Ok(result);
            return TypedResults.ValidationProblem(result.Errors.GroupBy(e => e.Cell).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: $"The file has {result.ErrorCount} problem(s); nothing was imported.",
                extensions: new Dictionary<string, object?>
                {
                    ["errorCount"] = result.ErrorCount,
                    ["rows"] = result.Rows,
                    ["unknown"] = result.Unknown,
                    ["problems"] = WorkbookUpload.Problems(result.Errors),
                });
        }
        finally
        {
            foreach (var s in streams) await s.Content.DisposeAsync();
        }
    }
}

public sealed record AliasRequest(string? Kind, string? Alias, string? Target);
