using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class AuthorizationTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    [Theory]
    [InlineData("/api/organisation")]
    [InlineData("/api/me")]
    [InlineData("/api/docs")]
    [InlineData("/api/openapi/v1.json")]
    public async Task Api_WithoutLogin_Is401ProblemDetails(string path)
    {
        var response = await app.Anonymous().GetAsync(path, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/organisation")]
    public async Task Page_WithoutLogin_RedirectsToTheLoginPage(string path)
    {
        var response = await app.Anonymous().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Health_WithoutLogin_IsHealthy()
    {
        var response = await app.Anonymous().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Token_WrongPassword_Is401ProblemDetails()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "director", password = "wrong-password" }, TestContext.Current.CancellationToken);
        var body = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Wrong user name or password, or the login is disabled.", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Ping_AnswersWhoTheTokenBelongsTo_AndNeedsOne()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/ping", ct)).StatusCode);
        var ping = await (await app.As("finance")).GetFromJsonAsync<JsonElement>("/api/ping", ct);
        Assert.Equal("finance", ping.GetProperty("user").GetString());
        Assert.InRange(ping.GetProperty("serverTime").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));   // the server's clock, not a constant
    }

    [Fact]
    public async Task Token_MissingUserName_Is400NamingTheField()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { password = "x" }, TestContext.Current.CancellationToken);
        var messages = await ProblemAssert.NamesField(response, "UserName");
        Assert.Equal(["The UserName field is required."], messages);
    }

    [Fact]
    public async Task Token_MalformedJson_Is400ProblemDetails()
    {
        using var content = new StringContent("{\"userName\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await app.Anonymous().PostAsync("/api/auth/token", content, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("admin", "Admin")]
    [InlineData("director", "Director")]
    [InlineData("salesops", "SalesOps")]
    [InlineData("manager", "Manager")]
    [InlineData("rep", "Rep")]
    [InlineData("finance", "Finance")]
    [InlineData("cs", "CustomerSuccess")]
    public async Task Me_WithBearerToken_ReturnsTheUserAndRole(string user, string role)
    {
        var client = await app.As(user);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me", TestContext.Current.CancellationToken);
        Assert.Equal(user, me.GetProperty("userName").GetString());
        Assert.Equal([role], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("zh-CN", me.GetProperty("language").GetString());
        Assert.Equal("WanYi", me.GetProperty("amountStyle").GetString());
    }

    [Fact]
    public async Task ApiDocs_LoggedIn_ServesScalarAndTheOpenApiDocument()
    {
        var client = await app.As("salesops");
        var redirect = await client.GetAsync("/api/docs", TestContext.Current.CancellationToken);
        Assert.Equal("/api/docs/", new Uri(new Uri("http://host/api/docs"), redirect.Headers.Location!).AbsolutePath);
        var docs = await client.GetAsync("/api/docs/", TestContext.Current.CancellationToken);
        var openApi = await client.GetFromJsonAsync<JsonElement>("/api/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("scalar", await docs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("PlanLoop API", openApi.GetProperty("info").GetProperty("title").GetString());
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/regions", paths);
        Assert.Contains("/api/auth/token", paths);
        Assert.DoesNotContain("/account/logout", paths);
    }

    [Fact]
    public async Task UnknownApiRoute_Is404ProblemDetails()
    {
        var client = await app.As("director");
        var response = await client.GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
    }
}
