using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>Token authentication for API clients: exchange a user name and password for a bearer token.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/token", Token).AllowAnonymous().WithName("CreateToken")
            .WithSummary("Returns a bearer token (tokenType, accessToken, expiresIn, refreshToken) for a user name and password.");
        app.MapGet("/api/ping", (ClaimsPrincipal user, TimeProvider clock) => TypedResults.Ok(new Ping(user.Identity!.Name!, clock.GetUtcNow())))
            .WithTags("Auth").WithName("Ping")
            .WithSummary("Who the token belongs to and the server's time: a check for API clients that touches no data (the benchmark's bare endpoint).");
        return api;
    }

    static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Token(TokenRequest body, SignInManager<PlanLoopUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(body.UserName, body.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.Empty;   // the bearer handler has written the token
        return TypedResults.Problem(
            title: result.IsLockedOut ? "The account is locked after too many failed attempts." : "Wrong user name or password.",
            statusCode: StatusCodes.Status401Unauthorized);
    }
}

public sealed record Ping(string User, DateTimeOffset ServerTime);

public sealed record TokenRequest([property: Required] string UserName, [property: Required] string Password);
