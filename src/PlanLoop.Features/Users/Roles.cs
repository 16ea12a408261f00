namespace PlanLoop.Features.Users;

/// <summary>The roles of PRODUCT.md. A user may hold several.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Director = "Director";
    public const string SalesOps = "SalesOps";
    public const string Manager = "Manager";
    public const string Rep = "Rep";
    public const string Finance = "Finance";
    public const string CustomerSuccess = "CustomerSuccess";

    public static readonly IReadOnlyList<string> All = [Admin, Director, SalesOps, Manager, Rep, Finance, CustomerSuccess];

    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
