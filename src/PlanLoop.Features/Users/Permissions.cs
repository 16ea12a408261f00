using System.Security.Claims;

namespace PlanLoop.Features.Users;

/// <summary>What a person may do. Reading follows data scope (<see cref="Viewer.SeesAll"/>, team, own); these are the changes.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A permission is what it is called; nothing here is a security permission type of .NET.")]
public enum Permission
{
    /// <summary>Create, copy, import and change plan drafts (KPIs, breakdowns) and submit them.</summary>
    EditPlans,
    /// <summary>Approve a submitted plan version, return it to draft, archive one.</summary>
    ApprovePlans,
    /// <summary>The daily work on customers within one's scope: accounts, contacts, activities, surveys, leads, opportunities, contracts up to signing, follow-ups, and their imports.</summary>
    WorkCustomers,
    /// <summary>Let an opportunity below the BANT threshold through.</summary>
    OverrideBant,
    /// <summary>Decide an approval step of a contract (each step still needs its own role).</summary>
    ApproveContracts,
    /// <summary>Record invoices and payments, import payments.</summary>
    RecordCollections,
    /// <summary>Import booked orders and keep the import aliases.</summary>
    ImportOrders,
    /// <summary>The sales rules and customer models: stages, approval thresholds, tier policy, health model, ICP, calendar, contract templates, the re-tiering run.</summary>
    ConfigureSales,
    /// <summary>Add, change, deactivate, import and export people.</summary>
    EditPeople,
    /// <summary>Regions, product lines, products, channels and teams.</summary>
    EditMasterData,
    /// <summary>Logins, their roles and their state; what the server runs on (its database).</summary>
    ManageUsers,
    /// <summary>Make a weekly forecast call: a seller for their deals, a manager for their team, the director for the company.</summary>
    SubmitForecast,
}

/// <summary>
/// The one catalogue of who may do what: the API's policies (one per <see cref="Permission"/>, named after it), the
/// pages' <c>AuthorizeView Policy</c> and <c>[Authorize(Policy)]</c>, and the features' own checks all read it.
/// Data scope (which records) is the other half and lives with each record's scope (AccountScope, LeadScope, RecordOwners).
/// </summary>
public static class Permissions
{
    static readonly Dictionary<Permission, string[]> Granted = new()
    {
        [Permission.EditPlans] = [Roles.Admin, Roles.Director, Roles.SalesOps],
        [Permission.ApprovePlans] = [Roles.Director],
        [Permission.WorkCustomers] = [Roles.Admin, Roles.Director, Roles.SalesOps, Roles.Manager, Roles.Rep, Roles.CustomerSuccess],
        [Permission.OverrideBant] = [Roles.Manager, Roles.Director],
        [Permission.ApproveContracts] = [Roles.Manager, Roles.Director, Roles.Finance],
        [Permission.RecordCollections] = [Roles.Admin, Roles.Finance],
        [Permission.ImportOrders] = [Roles.Admin, Roles.Director, Roles.SalesOps, Roles.Finance],
        [Permission.ConfigureSales] = [Roles.Admin, Roles.Director, Roles.SalesOps],
        [Permission.EditPeople] = [Roles.Admin, Roles.Director, Roles.SalesOps],
        [Permission.EditMasterData] = [Roles.Admin, Roles.SalesOps],
        [Permission.ManageUsers] = [Roles.Admin],
        [Permission.SubmitForecast] = [Roles.Admin, Roles.Director, Roles.Manager, Roles.Rep],
    };

    /// <summary>The roles that hold <paramref name="permission"/>.</summary>
    public static IReadOnlyList<string> RolesOf(Permission permission) =>
        Granted.TryGetValue(permission, out var roles) ? roles : throw new ArgumentOutOfRangeException(nameof(permission), permission, "Not in the catalogue.");

    /// <summary>The authorization policy of <paramref name="permission"/> (its name).</summary>
    public static string Policy(Permission permission) => permission.ToString();

    public static bool Allows(this Viewer viewer, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Can([.. RolesOf(permission)]);
    }

    public static bool Allows(this ClaimsPrincipal user, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(user);
        return RolesOf(permission).Any(user.IsInRole);
    }
}
