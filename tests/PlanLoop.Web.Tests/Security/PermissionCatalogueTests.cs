using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Tests.Security;

/// <summary>
/// Every route that changes something names a permission of the catalogue (Features/Users/Permissions) as its policy,
/// or is one of the few listed here with the reason it needs none. The route matrix checks who gets through; this checks
/// that the answer comes from the one catalogue and not from a role list written at the route.
/// </summary>
public sealed partial class PermissionCatalogueTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    /// <summary>Writes that need no permission of the catalogue, and why.</summary>
    static readonly Dictionary<string, string> Exempt = new()
    {
        ["POST /api/auth/token"] = "signing in: anonymous by design, throttled",
        ["POST /api/auth/refresh"] = "a refresh token is its own proof",
        ["PUT /api/me/preferences"] = "one's own language and amount style",
        ["PUT /api/views/{page}/{name}"] = "one's own saved views",
        ["DELETE /api/views/{page}/{id}"] = "one's own saved views (another's is a 404)",
        ["PUT /api/imports/{kind}/mappings/{name}"] = "the permission depends on the kind (RunImport.Needs), checked in the handler: 403 otherwise",
    };

    [Fact]
    public async Task EveryMutatingRoute_NamesAPermissionOfTheCatalogue_OrIsListedWithItsReason()
    {
        var ct = TestContext.Current.CancellationToken;
        var surface = await ApiSurface.Read(await app.As("admin"), ct);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var permissions = Enum.GetValues<Permission>().Select(Permissions.Policy).ToHashSet(StringComparer.Ordinal);

        var mutating = surface.Operations.Where(o => o.Mutates).ToList();
        Assert.InRange(mutating.Count, 60, 1000);
        var missing = new List<string>();
        foreach (var op in mutating)
        {
            var endpoint = endpoints.SingleOrDefault(e => Pattern(e.RoutePattern.RawText) == op.Path
                && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(op.Method) ?? false));
            Assert.True(endpoint is not null, $"{op}: no endpoint found for the OpenAPI operation");
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var named = policies.Where(permissions.Contains).ToList();
            if (Exempt.ContainsKey(op.ToString()))
                Assert.True(named.Count == 0, $"{op} is listed as exempt but names {string.Join(", ", named)}: take it off the list");
            else if (named.Count == 0)
                missing.Add($"{op} (policies: {string.Join(", ", policies.DefaultIfEmpty("none"))})");
        }
        Assert.True(missing.Count == 0, "Routes that change data without a permission of the catalogue:\n" + string.Join("\n", missing));
        Assert.All(Exempt.Keys, k => Assert.Contains(k, mutating.Select(o => o.ToString())));   // the list names routes that exist
    }

    [Fact]
    public void TheCatalogue_GivesEachPermissionToTheRolesOfProductMd()
    {
        // The matrix of PRODUCT.md's roles, written out once more on purpose: a change to a role's rights is a decision.
        string Holders(Permission p) => string.Join(",", Permissions.RolesOf(p));
        Assert.Equal("Admin,Director,SalesOps", Holders(Permission.EditPlans));
        Assert.Equal("Director", Holders(Permission.ApprovePlans));
        Assert.Equal("Admin,Director,SalesOps,Manager,Rep,CustomerSuccess", Holders(Permission.WorkCustomers));
        Assert.Equal("Manager,Director", Holders(Permission.OverrideBant));
        Assert.Equal("Manager,Director,Finance", Holders(Permission.ApproveContracts));
        Assert.Equal("Admin,Finance", Holders(Permission.RecordCollections));
        Assert.Equal("Admin,Director,SalesOps,Finance", Holders(Permission.ImportOrders));
        Assert.Equal("Admin,Director,SalesOps", Holders(Permission.ConfigureSales));
        Assert.Equal("Admin,Director,SalesOps", Holders(Permission.EditPeople));
        Assert.Equal("Admin,SalesOps", Holders(Permission.EditMasterData));
        Assert.Equal("Admin", Holders(Permission.ManageUsers));
        Assert.Equal("Admin,Director,Manager,Rep", Holders(Permission.SubmitForecast));   // the weekly call: sellers, their managers, the director
        Assert.Equal(12, Enum.GetValues<Permission>().Length);
        Assert.True(new Viewer("rep", [Roles.Rep]).Allows(Permission.WorkCustomers));
        Assert.False(new Viewer("rep", [Roles.Rep]).Allows(Permission.OverrideBant));
        Assert.True(new Viewer("both", [Roles.Rep, Roles.Finance]).Allows(Permission.RecordCollections));
    }

    /// <summary>A route template as the OpenAPI document writes it: no constraints, no trailing slash.</summary>
    static string Pattern(string? raw)
    {
        var path = Constraint().Replace(raw ?? "", "{$1}");
        if (!path.StartsWith('/')) path = "/" + path;
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex Constraint();
}
