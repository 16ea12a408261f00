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

public class MasterDataApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveProduct_SalesOps_204AndItIsListed()
    {
        var client = await app.As("salesops");
        var response = await client.PutAsJsonAsync("/api/master-data/Product/X-API",
            new { name = "接口产品", nameEn = "API product", productLine = "GROWTH-B", tier = "Body", grossMargin = 0.33, listPrice = 99000 }, Ct);
        var org = await client.GetFromJsonAsync<JsonElement>("/api/organisation", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var product = org.GetProperty("products").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "X-API");
        Assert.Equal(("GROWTH-B", "Body", 0.33m), (product.GetProperty("productLineCode").GetString(), product.GetProperty("tier").GetString(), product.GetProperty("grossMargin").GetDecimal()));
    }

    [Fact]
    public async Task SaveProduct_MarginOutOfRange_Is400NamingIt_RepIs403()
    {
        var ops = await app.As("salesops");
        var rep = await app.As("rep");
        var body = new { name = "坏产品", nameEn = "Bad", productLine = "CORE-A", tier = "Apex", grossMargin = 45, listPrice = 1000 };

        var bad = await ops.PutAsJsonAsync("/api/master-data/Product/BAD-1", body, Ct);
        var forbidden = await rep.PutAsJsonAsync("/api/master-data/Product/BAD-1", body, Ct);

        Assert.Equal(["The gross margin is a fraction between -1 and 1 (0.35 for 35%)."], await ProblemAssert.NamesField(bad, "grossMargin"));
        await ProblemAssert.IsProblem(forbidden, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Deactivate_UnknownCodeIs404_KnownIs204()
    {
        var client = await app.As("admin");
        await ProblemAssert.IsProblem(await client.PostAsync("/api/master-data/Channel/NOPE/deactivate", null, Ct), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/master-data/Channel/PARTNER/deactivate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/master-data/Channel/PARTNER/activate", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task ExportThenImport_RoundTripsEveryRow()
    {
        var client = await app.As("salesops");
        var bytes = await client.GetByteArrayAsync("/api/master-data/export.xlsx", Ct);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "master.xlsx" } };

        var response = await client.PostAsync("/api/master-data/import", form, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(4, saved.GetProperty("区域").GetInt32());
        Assert.Equal(4, saved.GetProperty("部门").GetInt32());
    }
}
