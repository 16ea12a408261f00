using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Execution;

/// <summary>
/// The streamed imports by kind, in one place: the API, the CLI and the import page ask for a kind and
/// get its importer's answer (the customer-data kinds — accounts, contacts, surveys — are read whole by
/// <see cref="AccountFiles"/>).
/// </summary>
public sealed class RunImport(IServiceProvider services)
{
    /// <summary>
    /// Who may import a kind — and so keep its saved mappings: booked revenue for whoever books it
    /// (admins, the director, sales ops, finance), payments for finance and admins, people for those
    /// who run the organisation, and the customer and pipeline data for the sales side.
    /// </summary>
    public static bool MayImport(ImportKind kind, Viewer viewer) => viewer.Allows(Needs(kind));

    /// <summary>The permission an import of <paramref name="kind"/> needs (the catalogue's, as the API routes of each kind).</summary>
    public static Permission Needs(ImportKind kind) => kind switch
    {
        ImportKind.Orders => Permission.ImportOrders,
        ImportKind.Payments => Permission.RecordCollections,
        ImportKind.People => Permission.EditPeople,
        _ => Permission.WorkCustomers,
    };

    public static bool Streams(ImportKind kind) => kind is ImportKind.Orders or ImportKind.Payments or ImportKind.Leads or ImportKind.Opportunities or ImportKind.People or ImportKind.Activities;

    public Task<ImportReport> Handle(ImportKind kind, Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer,
        IProgress<ImportProgress>? progress, CancellationToken ct) => kind switch
        {
            ImportKind.Orders => services.GetRequiredService<ImportOrders>().Handle(content, fileName, mapping, dryRun, viewer, progress, ct),
            ImportKind.Payments => services.GetRequiredService<ImportPayments>().Handle(content, fileName, mapping, dryRun, viewer, progress, ct),
            ImportKind.Leads => services.GetRequiredService<ImportLeads>().Handle(content, fileName, mapping, dryRun, viewer, progress, ct),
            ImportKind.Opportunities => services.GetRequiredService<ImportOpportunities>().Handle(content, fileName, mapping, dryRun, viewer, progress, ct),
            ImportKind.People => services.GetRequiredService<Organisation.ImportPeople>().Handle(content, fileName, mapping, dryRun, viewer, ct, progress),
            ImportKind.Activities => services.GetRequiredService<ImportActivities>().Handle(content, fileName, mapping, dryRun, viewer, progress, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Accounts, contacts and surveys are imported by AccountFiles."),
        };
}
