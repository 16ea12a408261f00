using System.Net;
using System.Net.Http.Json;

namespace PlanLoop.Web.Tests.Api;

public class AccountTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    [Fact]
    public async Task LoginPage_DemoMode_ListsTheDemoAccountsInChinese()
    {
        var html = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/account/login", TestContext.Current.CancellationToken));
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("登录 PlanLoop", html, StringComparison.Ordinal);
        Assert.Contains("演示模式", html, StringComparison.Ordinal);
        Assert.Contains("PlanLoop-2024", html, StringComparison.Ordinal);
        Assert.Contains("<code>director</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_EnglishCookie_IsInEnglish()
    {
        var client = app.Anonymous();
        var set = await client.GetAsync("/account/culture?culture=en&returnUrl=%2Faccount%2Flogin", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", set.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        var html = WebUtility.HtmlDecode(await (await client.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login", set.Headers.Location!.OriginalString);
        Assert.Contains("Log in to PlanLoop", html, StringComparison.Ordinal);
        Assert.Contains("Demo mode", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Culture_Unsupported_Is400NamingCulture()
    {
        var response = await app.Anonymous().GetAsync("/account/culture?culture=fr", TestContext.Current.CancellationToken);
        await ProblemAssert.NamesField(response, "culture");
    }

    [Fact]
    public async Task Culture_ForeignReturnUrl_GoesHomeInstead()
    {
        var response = await app.Anonymous().GetAsync("/account/culture?culture=en&returnUrl=https%3A%2F%2Fevil.example", TestContext.Current.CancellationToken);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
    [Fact]
    public async Task DisablingALogin_EndsItsBrowserSessionsAtOnce_NotAtTheCookiesNextCheck()
    {
        var ct = TestContext.Current.CancellationToken;
        // (Logging out is the browser test ShellTests.LogOut_…: the logout form lives in the user menu, rendered only when open.)
        var admin = await app.As("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { userName = "leaver", password = "Secret-2024", roles = new[] { "Finance" } }, ct)).StatusCode);
        var leaver = await SignIn("leaver", "Secret-2024");
        Assert.Equal(HttpStatusCode.OK, (await Replay(leaver, "/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/users/leaver/disable", null, ct)).StatusCode);
        await ProblemAssert.IsProblem(await Replay(leaver, "/api/me"), HttpStatusCode.Unauthorized);
    }

    /// <summary>Signs in through the login page as a browser does; returns its login cookie.</summary>
    async Task<string> SignIn(string user, string password = PlanLoop.Features.Demo.DemoUsers.Password)
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await browser.GetAsync("/account/login", ct);
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(ct), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["Input.UserName"] = user,
                ["Input.Password"] = password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        login.Headers.Add("Cookie", antiforgery);
        var signedIn = await browser.SendAsync(login, ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("planloop.auth=", StringComparison.Ordinal));
    }

    /// <summary>A request that carries only the given login cookie.</summary>
    async Task<HttpResponseMessage> Replay(string cookie, string path)
    {
        var other = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await other.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

public class ProductionModeTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task NoDemo_HasNoDefaultUsersAndNoPasswordOnTheLoginPage()
    {
        var token = await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "PlanLoop-2024" }, TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/account/login", TestContext.Current.CancellationToken));

        await ProblemAssert.IsProblem(token, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("PlanLoop-2024", html, StringComparison.Ordinal);
        Assert.DoesNotContain("演示模式", html, StringComparison.Ordinal);
        Assert.Contains("请使用管理员为您创建的账号登录", html, StringComparison.Ordinal);
    }
}
