using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PlanLoop.Web.Infrastructure;

namespace PlanLoop.Web.Api;

/// <summary>Token authentication for API clients: exchange a user name and password for a bearer token.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/token", Token).AllowAnonymous().WithName("CreateToken")
            .WithSummary("Returns a bearer token (tokenType, accessToken, expiresIn, refreshToken) for a user name and password.");
        api.MapPost("/refresh", Refresh).AllowAnonymous().WithName("RefreshToken")
            .WithSummary("Exchanges a refresh token for a new bearer token while the login is enabled and its password unchanged; 401 otherwise.");
        app.MapGet("/api/ping", (ClaimsPrincipal user, TimeProvider clock) => TypedResults.Ok(new Ping(user.Identity!.Name!, clock.GetUtcNow())))
            .WithTags("Auth").WithName("Ping")
            .WithSummary("Who the token belongs to and the server's time: a check for API clients that touches no data (the benchmark's bare endpoint).");
        return api;
    }

    static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Token(TokenRequest body, LoginAttempts logins, HttpContext http)
    {
        var (outcome, _) = await logins.SignIn(body.UserName, body.Password, http.Connection.RemoteIpAddress?.ToString(), persistent: false, IdentityConstants.BearerScheme);
        return outcome switch
        {
            LoginOutcome.SignedIn => TypedResults.Empty,   // the bearer handler has written the token
            LoginOutcome.Throttled => TypedResults.Problem(title: $"Too many failed sign-ins from this address: try again in {LoginThrottle.Window.TotalMinutes:0} minutes.",
                statusCode: StatusCodes.Status429TooManyRequests),
            _ => TypedResults.Problem(title: "Wrong user name or password, or the login is disabled.", statusCode: StatusCodes.Status401Unauthorized),
        };
    }

    /// <summary>As Identity's own refresh endpoint: the refresh ticket must be unexpired and carry the login's current security stamp (a disabled login's has changed).</summary>
    static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(RefreshRequest body, SignInManager<Features.Users.PlanLoopUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(body.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { DisabledAt: null } user)
            return TypedResults.Problem(title: "The refresh token is expired or no longer valid: sign in again.", statusCode: StatusCodes.Status401Unauthorized);
        return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }
}

public sealed record RefreshRequest([property: Required, StringLength(4096)] string RefreshToken);

public sealed record Ping(string User, DateTimeOffset ServerTime);

public sealed record TokenRequest([property: Required, StringLength(64)] string UserName, [property: Required, StringLength(128)] string Password);
