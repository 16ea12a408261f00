using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Api;

/// <summary>Browser endpoints around the login cookie: log out and switch language (the login form is Components/Account/Login.razor).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/logout", Logout);
        account.MapGet("/culture", SetCulture).AllowAnonymous();
        return app;
    }

    static async Task<RedirectHttpResult> Logout(SignInManager<PlanLoopUser> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("~/account/login");
    }

    /// <summary>Sets the language cookie read by request localization, then goes back where the person was.</summary>
    static Results<RedirectHttpResult, ValidationProblem> SetCulture(HttpContext http, string culture, string? returnUrl)
    {
        if (!Languages.IsSupported(culture))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["culture"] = [$"'{culture}' is not a supported language; use {string.Join(" or ", Languages.All)}."],
            });
        WriteCultureCookie(http, culture);
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "~/");
    }

    public static void WriteCultureCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = false, SameSite = SameSiteMode.Lax });

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
