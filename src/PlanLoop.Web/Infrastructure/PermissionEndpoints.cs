using PlanLoop.Features.Users;

namespace PlanLoop.Web.Infrastructure;

static class PermissionEndpoints
{
    /// <summary>The endpoint needs <paramref name="permission"/> of the catalogue (its policy, <see cref="Permissions.Policy"/>).</summary>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="permission">What the caller must be allowed to do.</param>
    public static TBuilder RequireAuthorization<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Permissions.Policy(permission));
}
