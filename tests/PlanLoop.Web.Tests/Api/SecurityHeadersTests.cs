using System.Net;
using System.Net.Http.Json;
using PlanLoop.Features.Demo;

namespace PlanLoop.Web.Tests.Api;

public class SecurityHeadersTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    [Fact]
    public async Task EveryResponse_ForbidsSniffingFramingAndForeignScripts()
    {
        var response = await app.Anonymous().GetAsync("/account/login", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        // Blazor sends its own frame-ancestors policy besides ours; a browser enforces both.
        var policies = response.Headers.GetValues("Content-Security-Policy").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.Contains("frame-ancestors 'none'", p, StringComparison.Ordinal));
        var policy = policies.Single(p => p.Contains("script-src", StringComparison.Ordinal));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task AWriteWithTheLoginCookie_FromAnotherSite_Is403_WhileTheSameSiteAndBearerClientsWrite()
    {
        var ct = TestContext.Current.CancellationToken;
        // The person's browser holds the login cookie (signed in on the login page) …
        var browser = app.Anonymous();
        var form = await browser.GetStringAsync("/account/login", ct);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var login = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "salesops",
            ["Input.Password"] = DemoUsers.Password,
            ["__RequestVerificationToken"] = token,
        });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/login", login, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me", ct)).StatusCode);

        // … and another site makes it post: refused, nothing written.
        var evil = new HttpRequestMessage(HttpMethod.Put, "/api/me/preferences") { Content = JsonContent.Create(new { language = "en" }) };
        evil.Headers.Add("Sec-Fetch-Site", "cross-site");
        var refused = await ProblemAssert.IsProblem(await browser.SendAsync(evil, ct), HttpStatusCode.Forbidden);
        Assert.Equal("A write from another site is refused.", refused.GetProperty("title").GetString());

        var own = new HttpRequestMessage(HttpMethod.Put, "/api/me/preferences") { Content = JsonContent.Create(new { language = "en" }) };
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.True((await browser.SendAsync(own, ct)).IsSuccessStatusCode);
        var api = await app.As("rep");
        var bearer = new HttpRequestMessage(HttpMethod.Put, "/api/me/preferences") { Content = JsonContent.Create(new { language = "en" }) };
        bearer.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.True((await api.SendAsync(bearer, ct)).IsSuccessStatusCode);
    }
}
