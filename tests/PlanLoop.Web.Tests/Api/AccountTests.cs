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
