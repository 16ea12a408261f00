using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class OptimizeApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reallocate_GivesTheProposalWithTheSolversObjective_TheModelAsAFile_AndBadInputNamesItsField()
    {
        var salesOps = await app.As("salesops");

        var response = await salesOps.PostAsJsonAsync("/api/optimize/reallocate", new { by = "productline", capacityFactor = 1.5 }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ProductLine", body.GetProperty("by").GetString());
        Assert.Equal("Optimal", body.GetProperty("status").GetString());
        Assert.Equal("GLOP", body.GetProperty("solver").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("objective").ValueKind);
        Assert.Equal(150_000_000m, body.GetProperty("newTotal").GetDecimal() + body.GetProperty("shortfall").GetDecimal());
        Assert.Equal(3, body.GetProperty("units").GetArrayLength());
        Assert.Equal("Core product A", body.GetProperty("units")[0].GetProperty("nameEn").GetString());
        Assert.False(body.TryGetProperty("model", out _));

        var lp = await salesOps.GetAsync("/api/optimize/reallocate/model?by=productline&capacityFactor=1.5&format=lp", Ct);
        Assert.Equal(HttpStatusCode.OK, lp.StatusCode);
        var text = await lp.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("\\ PlanLoop model reallocate:", text, StringComparison.Ordinal);
        Assert.Contains("\\ remaining_1 = CORE-A Core product A", text, StringComparison.Ordinal);
        Assert.Contains("Minimize", text, StringComparison.Ordinal);
        Assert.Equal("reallocate-productline.lp", lp.Content.Headers.ContentDisposition?.FileName);
        var mps = await salesOps.GetStringAsync("/api/optimize/reallocate/model?by=productline&format=mps", Ct);
        Assert.Contains("ENDATA", mps, StringComparison.Ordinal);

        await ProblemAssert.NamesField(await salesOps.PostAsJsonAsync("/api/optimize/reallocate", new { by = "planet" }, Ct), "by");
        await ProblemAssert.NamesField(await salesOps.PostAsJsonAsync("/api/optimize/reallocate", new { by = "region", capacityFactor = 11 }, Ct), "CapacityFactor");
        await ProblemAssert.NamesField(await salesOps.PostAsJsonAsync("/api/optimize/reallocate", new { by = "region", capacities = new { MARS = 5 } }, Ct), "capacities");
        await ProblemAssert.NamesField(await salesOps.PostAsJsonAsync("/api/optimize/reallocate", new { by = "region", year = 2023 }, Ct), "year");
        await ProblemAssert.NamesField(await salesOps.GetAsync("/api/optimize/reallocate/model?by=region&format=docx", Ct), "format");
        await ProblemAssert.NamesField(await salesOps.PostAsJsonAsync("/api/optimize/reallocate/draft", new { by = "region", name = "" }, Ct), "name");
        // The rules contradict each other: no draft is saved, the answer names the conflicting rules.
        var conflict = await ProblemAssert.NamesField(await salesOps.PostAsJsonAsync("/api/optimize/reallocate/draft", new { by = "productline", capacityFactor = 1, maxBelow = 0, name = "冲突" }, Ct), "rules");
        Assert.Contains("floor:", Assert.Single(conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("rep")).PostAsJsonAsync("/api/optimize/reallocate", new { by = "region" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Draft_IsANewDraftVersionCopiedFromTheApprovedOne()
    {
        var director = await app.As("director");

        var response = await director.PostAsJsonAsync("/api/optimize/reallocate/draft", new { by = "region", capacities = new Dictionary<string, decimal> { ["EAST"] = 30_000_000m }, maxAbove = 0.5, name = "API 再分配" }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Draft", "API 再分配"), (body.GetProperty("version").GetProperty("status").GetString(), body.GetProperty("version").GetProperty("name").GetString()));
        var regions = body.GetProperty("breakdowns").EnumerateArray().Single(b => b.GetProperty("kpi").GetString() == "Revenue" && b.GetProperty("dimension").GetString() == "Region");
        Assert.Equal(150_000_000m, regions.GetProperty("parts").EnumerateArray().Sum(p => p.GetProperty("amount").GetDecimal()));
    }
}
