using System.Security.Claims;
using PlanLoop.Domain.Formatting;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>Who is calling, and their display preferences.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me").WithTags("Me");
        api.MapGet("/", Get).WithName("GetMe");
        api.MapPut("/preferences", SetPreferences).WithName("SetMyPreferences");
        return api;
    }

    static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> Get(ClaimsPrincipal user, UpdatePreferences prefs)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || await prefs.Get(id) is not { } p) return TypedResults.Unauthorized();
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToArray();
        return TypedResults.Ok(new MeResponse(user.Identity!.Name!, roles, p.Language, p.AmountStyle));
    }

    static async Task<Results<Ok<PreferencesResponse>, UnauthorizedHttpResult>> SetPreferences(
        PreferencesRequest body, ClaimsPrincipal user, UpdatePreferences prefs)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || await prefs.Handle(id, body.Language, body.AmountStyle) is not { } p) return TypedResults.Unauthorized();
        return TypedResults.Ok(new PreferencesResponse(p.Language, p.AmountStyle));
    }
}

public sealed record MeResponse(string UserName, string[] Roles, string Language, AmountStyle AmountStyle);

public sealed record PreferencesResponse(string Language, AmountStyle AmountStyle);

/// <summary>Null leaves a preference as it is.</summary>
public sealed record PreferencesRequest(
    [property: System.ComponentModel.DataAnnotations.RegularExpression("^(zh-CN|en)$", ErrorMessage = "Language must be zh-CN or en.")] string? Language,
    AmountStyle? AmountStyle);
