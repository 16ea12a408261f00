using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class OrganisationApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    [Fact]
    public async Task Get_AnyRole_ReturnsTheDemoOrganisation()
    {
        var client = await app.As("rep");
        var org = await client.GetFromJsonAsync<JsonElement>("/api/organisation", TestContext.Current.CancellationToken);

        Assert.Equal(["EAST", "SOUTH", "NORTH", "SOUTHWEST"], org.GetProperty("regions").EnumerateArray().Take(4).Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(28, org.GetProperty("plannedHeadcount").GetInt32());
        Assert.Equal("Direct", org.GetProperty("channels")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("rep")]
    [InlineData("manager")]
    [InlineData("finance")]
    [InlineData("director")]
    public async Task CreateRegion_RoleWithoutMasterDataRights_Is403(string user)
    {
        var client = await app.As(user);
        var response = await client.PostAsJsonAsync("/api/regions", new { code = "NW", name = "西北区", nameEn = "Northwest" }, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateRegion_BadCode_Is400NamingCode()
    {
        var client = await app.As("salesops");
        var response = await client.PostAsJsonAsync("/api/regions", new { code = "西北!", name = "西北区", nameEn = "Northwest" }, TestContext.Current.CancellationToken);
        Assert.Equal(["Code must be 2 to 40 letters, digits or dashes."], await ProblemAssert.NamesField(response, "Code"));
    }

    [Fact]
    public async Task CreateRegion_MissingName_Is400NamingName()
    {
        var client = await app.As("salesops");
        var response = await client.PostAsJsonAsync("/api/regions", new { code = "NE", nameEn = "Northeast" }, TestContext.Current.CancellationToken);
        await ProblemAssert.NamesField(response, "Name");
    }

    [Fact]
    public async Task CreateRegion_SalesOps_201ThenDuplicateIs409()
    {
        var client = await app.As("salesops");
        var created = await client.PostAsJsonAsync("/api/regions", new { code = "central", name = "华中区", nameEn = "Central China" }, TestContext.Current.CancellationToken);
        var duplicate = await client.PostAsJsonAsync("/api/regions", new { code = "CENTRAL", name = "华中", nameEn = "Central" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var region = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("CENTRAL", region.GetProperty("code").GetString());
        Assert.Equal($"/api/regions/{region.GetProperty("id").GetString()}", created.Headers.Location!.OriginalString);
        var problem = await ProblemAssert.IsProblem(duplicate, HttpStatusCode.Conflict);
        Assert.Equal("A region with code 'CENTRAL' exists already.", problem.GetProperty("title").GetString());
    }
}
