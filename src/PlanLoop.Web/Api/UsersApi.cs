using PlanLoop.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>User administration (Admin only): the logins, a new login (optionally a person's), disable and enable.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Permission.ManageUsers);
        api.MapGet("/", async (ManageUsers users, CancellationToken ct) => TypedResults.Ok(await users.List(ct))).WithName("ListUsers");
        api.MapPost("/", Create).WithName("CreateUser");
        api.MapPost("/{userName}/disable", async Task<Results<NoContent, NotFound>> (string userName, ManageUsers users, ClaimsPrincipal caller, CancellationToken ct) =>
                await users.Disable(userName, caller.Identity!.Name!, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DisableUser")
            .WithSummary("The login can no longer sign in and its sessions end (cookies within a minute, bearer tokens at once). Not one's own login nor the last admin (422).");
        api.MapPost("/{userName}/enable", async Task<Results<NoContent, NotFound>> (string userName, ManageUsers users, ClaimsPrincipal caller, CancellationToken ct) =>
                await users.Enable(userName, caller.Identity!.Name!, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("EnableUser");
        return api;
    }

    static async Task<Results<Created<CreatedUserResponse>, ValidationProblem>> Create(CreateUserRequest body, AddUser addUser, CancellationToken ct)
    {
        var result = await addUser.Handle(new AddUserInput(body.UserName, body.Password, body.Roles, body.DisplayName, body.Email, Person: body.Person), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/users/{result.UserId}", new CreatedUserResponse(result.UserId!, body.UserName.Trim()))
            : TypedResults.ValidationProblem(result.Errors);
    }
}

/// <summary>A new login; <c>Person</c> is the person it belongs to (name, e-mail or external id): a rep or manager sees their own data through it.</summary>
public sealed record CreateUserRequest(
    [property: Required, StringLength(64, MinimumLength = 2)] string UserName,
    [property: Required, StringLength(128, MinimumLength = 8)] string Password,
    [property: Required, MinLength(1), MaxLength(7)] string[] Roles,
    [property: StringLength(100)] string? DisplayName,
    [property: EmailAddress, StringLength(256)] string? Email,
    [property: StringLength(200)] string? Person = null);

public sealed record CreatedUserResponse(string Id, string UserName);
