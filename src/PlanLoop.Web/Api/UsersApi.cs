using System.ComponentModel.DataAnnotations;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>User administration (Admin only).</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        api.MapPost("/", Create).WithName("CreateUser");
        return api;
    }

    static async Task<Results<Created<CreatedUserResponse>, ValidationProblem>> Create(CreateUserRequest body, AddUser addUser, CancellationToken ct)
    {
        var result = await addUser.Handle(new AddUserInput(body.UserName, body.Password, body.Roles, body.DisplayName, body.Email), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/users/{result.UserId}", new CreatedUserResponse(result.UserId!, body.UserName.Trim()))
            : TypedResults.ValidationProblem(result.Errors);
    }
}

public sealed record CreateUserRequest(
    [property: Required, StringLength(64, MinimumLength = 2)] string UserName,
    [property: Required, StringLength(128, MinimumLength = 8)] string Password,
    [property: Required, MinLength(1)] string[] Roles,
    [property: StringLength(100)] string? DisplayName,
    [property: EmailAddress] string? Email);

public sealed record CreatedUserResponse(string Id, string UserName);
