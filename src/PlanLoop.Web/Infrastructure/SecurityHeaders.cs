using Microsoft.AspNetCore.HttpOverrides;

namespace PlanLoop.Web.Infrastructure;

/// <summary>
/// What every response says about itself and what every write must come from: no MIME sniffing, no
/// framing, no referrer outside the site, a content security policy (scripts only from the app itself;
/// MudBlazor needs inline styles), no server banner, HSTS over HTTPS; a cookie-authenticated write
/// that a browser marks as coming from another site (Fetch Metadata: Sec-Fetch-Site) is refused 403,
/// so another site cannot post with the person's cookie. Behind a reverse proxy on the same machine the
/// scheme and client address come from X-Forwarded-Proto/For (so the cookie is Secure under HTTPS and
/// the login throttle sees the client).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of every page; the API reference (Scalar) runs its own inline script and is left to its default.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>The largest body a request that is not an upload may carry.</summary>
    public const long MaxJsonBody = 1024 * 1024;

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        // A body that does not bind (a malformed field, an enum value out of range) throws to the ProblemDetails handler, which names
        // the field, in production too (by default only Development throws; production answered a bare 400).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);   // trusted from loopback proxies only (the default)
        return services;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use(async (ctx, next) =>
        {
            var headers = ctx.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // Framing: the policy's frame-ancestors 'none' (antiforgery adds X-Frame-Options: SAMEORIGIN on forms itself; a second value would void both).
            headers["Referrer-Policy"] = "same-origin";
            if (!ctx.Request.Path.StartsWithSegments("/api/docs")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
            // A request that is not an upload (a form or multipart) has no reason to be large: JSON bodies stop at 1 MB (413).
            if (!ctx.Request.HasFormContentType && ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = MaxJsonBody;
            if (IsCrossSiteCookieWrite(ctx.Request))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Results.Problem(title: "A write from another site is refused.", detail: "Send the request from PlanLoop's own pages, or authenticate with a bearer token.",
                    statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(ctx);
                return;
            }
            await next();
        });
        return app;
    }

    /// <summary>A POST/PUT/PATCH/DELETE carrying the login cookie (not a bearer token) that the browser says comes from another site.</summary>
    public static bool IsCrossSiteCookieWrite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return false;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site";
    }
}
