using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PlanLoop.Web.Tests.Api;

public class UsersApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    [Fact]
    public async Task Create_NotAdmin_Is403()
    {
        var client = await app.As("director");
        var response = await client.PostAsJsonAsync("/api/users", new { userName = "zoe", password = "Secret-2024", roles = new[] { "Rep" } }, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_Admin_NewUserCanGetAToken()
    {
        var client = await app.As("admin");
        var response = await client.PostAsJsonAsync("/api/users", new { userName = "zoe", password = "Secret-2024", roles = new[] { "Rep" } }, TestContext.Current.CancellationToken);
        var token = await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "zoe", password = "Secret-2024" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("tokenType").GetString());
    }

    [Fact]
    public async Task Create_ShortPassword_Is400NamingPassword()
    {
        var client = await app.As("admin");
        var response = await client.PostAsJsonAsync("/api/users", new { userName = "yan", password = "short", roles = new[] { "Rep" } }, TestContext.Current.CancellationToken);
        await ProblemAssert.NamesField(response, "Password");
    }

    [Fact]
    public async Task Create_UnknownRole_Is400NamingRoles()
    {
        var client = await app.As("admin");
        var response = await client.PostAsJsonAsync("/api/users", new { userName = "yan", password = "Secret-2024", roles = new[] { "Boss" } }, TestContext.Current.CancellationToken);
        var messages = await ProblemAssert.NamesField(response, "roles");
        Assert.Contains("'Boss' is not a role", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetPreferences_UnsupportedLanguage_Is400NamingLanguage()
    {
        var client = await app.As("rep");
        var response = await client.PutAsJsonAsync("/api/me/preferences", new { language = "fr" }, TestContext.Current.CancellationToken);
        Assert.Equal(["Language must be zh-CN or en."], await ProblemAssert.NamesField(response, "Language"));
    }

    [Fact]
    public async Task ALoginForAPerson_SeesTheirScope_AndDisablingItEndsItsTokenAtOnce_AndItSignsInAgainOnlyWhenEnabled()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.As("admin");
        // 周婷 is an account executive of the demo without a login; 张伟 has one (rep).
        var taken = await admin.PostAsJsonAsync("/api/users", new { userName = "zhang2", password = "Secret-2024", roles = new[] { "Rep" }, person = "张伟" }, ct);
        Assert.Equal(["该人员已有登录 'rep'。"], await ProblemAssert.NamesField(taken, "person"));
        var unknown = await admin.PostAsJsonAsync("/api/users", new { userName = "nobody", password = "Secret-2024", roles = new[] { "Rep" }, person = "No Such Person" }, ct);
        Assert.Contains("找不到人员 'No Such Person'", (await ProblemAssert.NamesField(unknown, "person"))[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { userName = "zhouting", password = "Secret-2024", roles = new[] { "Rep" }, person = "周婷" }, ct)).StatusCode);

        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/users", ct)).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "zhouting");
        Assert.Equal(("周婷", false, "Rep"), (listed.GetProperty("personName").GetString(), listed.GetProperty("disabled").GetBoolean(), listed.GetProperty("roles")[0].GetString()));

        var zhou = await Token("zhouting", "Secret-2024");
        Assert.Equal(HttpStatusCode.OK, (await zhou.GetAsync("/api/ping", ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/users/zhouting/disable", null, ct)).StatusCode);
        await ProblemAssert.IsProblem(await zhou.GetAsync("/api/ping", ct), HttpStatusCode.Unauthorized);
        var refused = await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "zhouting", password = "Secret-2024" }, ct);
        Assert.Equal("Wrong user name or password, or the login is disabled.", (await ProblemAssert.IsProblem(refused, HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/users", ct)).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "zhouting").GetProperty("disabled").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/users/zhouting/enable", null, ct)).StatusCode);
        await ProblemAssert.IsProblem(await zhou.GetAsync("/api/ping", ct), HttpStatusCode.Unauthorized);   // the old token stays dead
        Assert.Equal(HttpStatusCode.OK, (await (await Token("zhouting", "Secret-2024")).GetAsync("/api/ping", ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/users/ghost/disable", null, ct)).StatusCode);
        var self = await ProblemAssert.IsProblem(await admin.PostAsync("/api/users/admin/disable", null, ct), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("user-self", self.GetProperty("rule").GetString());
        await ProblemAssert.IsProblem(await (await app.As("director")).PostAsync("/api/users/rep/disable", null, ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnUnknownNameAndAWrongPassword_ReadTheSame_AndGuessingIsSlowedPerAddress_NotLockingTheLoginForOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.As("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { userName = "guessed", password = "Secret-2024", roles = new[] { "Finance" } }, ct)).StatusCode);
        async Task<JsonElement> Refused(string user, string password, HttpStatusCode status) =>
            await ProblemAssert.IsProblem(await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = user, password }, ct), status);

        var ghost = await Refused("ghost-user", "Secret-2024", HttpStatusCode.Unauthorized);
        Assert.Equal("Wrong user name or password, or the login is disabled.", ghost.GetProperty("title").GetString());
        for (var i = 0; i < 5; i++)
            Assert.Equal(ghost.GetProperty("title").GetString(), (await Refused("guessed", $"wrong-{i}", HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        // The sixth try from the same address waits, even with the right password …
        Assert.StartsWith("Too many failed sign-ins", (await Refused("guessed", "Secret-2024", HttpStatusCode.TooManyRequests)).GetProperty("title").GetString(), StringComparison.Ordinal);
        // … but the login itself is not locked: the person signs in from elsewhere (the throttle is per address).
        var throttle = app.Services.GetRequiredService<PlanLoop.Web.Infrastructure.LoginThrottle>();
        Assert.False(throttle.Throttled("guessed", "10.1.2.3"));
        Assert.False(throttle.Throttled("director", ""));
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "director", password = PlanLoop.Features.Demo.DemoUsers.Password }, ct)).StatusCode);
    }

    [Theory]
    [InlineData("-1", "-1 is not one of: WanYi, Full.")]
    [InlineData("999", "999 is not one of: WanYi, Full.")]
    [InlineData("\"Millions\"", "'Millions' is not one of: WanYi, Full.")]
    public async Task SetPreferences_AnAmountStyleThatIsNotOne_Is400NamingTheField_AndNothingIsSaved(string value, string message)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.As("cs");
        using var body = new StringContent($"{{\"amountStyle\": {value}}}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal([message], await ProblemAssert.NamesField(await client.PutAsync("/api/me/preferences", body, ct), "amountStyle"));
        Assert.Equal("WanYi", (await client.GetFromJsonAsync<JsonElement>("/api/me", ct)).GetProperty("amountStyle").GetString());
    }

    [Fact]
    public async Task ARefreshToken_GivesANewHourLongToken_UntilTheLoginIsDisabled()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.As("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { userName = "refresher", password = "Secret-2024", roles = new[] { "Finance" } }, ct)).StatusCode);
        var issued = await (await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "refresher", password = "Secret-2024" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(3600, issued.GetProperty("expiresIn").GetInt32());

        var renewed = await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = issued.GetProperty("refreshToken").GetString() }, ct);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await renewed.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString());
        Assert.Equal("refresher", (await client.GetFromJsonAsync<JsonElement>("/api/ping", ct)).GetProperty("user").GetString());

        var forged = await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" }, ct);
        Assert.Equal("The refresh token is expired or no longer valid: sign in again.", (await ProblemAssert.IsProblem(forged, HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/users/refresher/disable", null, ct)).StatusCode);
        await ProblemAssert.IsProblem(await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = issued.GetProperty("refreshToken").GetString() }, ct), HttpStatusCode.Unauthorized);
    }

    async Task<HttpClient> Token(string user, string password)
    {
        var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accessToken").GetString());
        return client;
    }
}
