using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
}
