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
        Assert.Equal([10, 11, 12], body.GetProperty("remainingMonths").EnumerateArray().Select(m => m.GetInt32()));
        Assert.Equal(body.GetProperty("units")[0].GetProperty("remaining").GetDecimal(), body.GetProperty("units")[0].GetProperty("months").EnumerateArray().Sum(m => m.GetDecimal()));
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
    public async Task Scenarios_RunSaveCompareTurnIntoAVersionAndDelete_WithDriversByName_AndBadChangesNamedByPlace()
    {
        var director = await app.As("director");

        var run = await director.PostAsJsonAsync("/api/optimize/scenarios/run", new { changes = new object[] { new { driver = "winRate", kind = "percent", value = 0.1 } } }, Ct);
        var body = await run.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(140_537_187.59m, body.GetProperty("base").GetProperty("revenue").GetDecimal());
        Assert.Equal(143_103_462.04m, body.GetProperty("scenario").GetProperty("revenue").GetDecimal());
        var contribution = Assert.Single(body.GetProperty("contributions").EnumerateArray());
        Assert.Equal(("WinRate", 2_566_274.45m), (contribution.GetProperty("driver").GetString(), contribution.GetProperty("revenue").GetDecimal()));
        Assert.Equal("Price", body.GetProperty("tornado")[0].GetProperty("driver").GetString());
        Assert.Equal(16, body.GetProperty("drivers").GetArrayLength());

        await ProblemAssert.NamesField(await director.PostAsJsonAsync("/api/optimize/scenarios/run", new { changes = new object[] { new { driver = "luck", kind = "set", value = 1 } } }, Ct), "changes[0].driver");
        await ProblemAssert.NamesField(await director.PostAsJsonAsync("/api/optimize/scenarios/run", new { changes = new object[] { new { driver = "winRate", kind = "set", value = 2 } } }, Ct), "changes[0].value");
        await ProblemAssert.NamesField(await director.PostAsJsonAsync("/api/optimize/scenarios/run", new { changes = new object[] { new { driver = "leads", kind = "percent", value = 0.1, region = "MARS" } } }, Ct), "changes[0].region");
        await ProblemAssert.NamesField(await director.PostAsJsonAsync("/api/optimize/scenarios/run", new { step = 0.9 }, Ct), "Step");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("rep")).PostAsJsonAsync("/api/optimize/scenarios/run", new { }, Ct)).StatusCode);

        var changes = new object[] { new { driver = "bundleUplift", kind = "set", value = 0.12 }, new { driver = "rebateRate", kind = "set", value = 0.03, channel = "AGENT" } };
        var saved = await director.PostAsJsonAsync("/api/optimize/scenarios", new { name = "API 捆绑与返点", note = "seed §4.2/§4.3", changes }, Ct);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var id = (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        await ProblemAssert.NamesField(await director.PostAsJsonAsync("/api/optimize/scenarios", new { name = "API 捆绑与返点", changes }, Ct), "name");

        var list = await director.GetFromJsonAsync<JsonElement>("/api/optimize/scenarios", Ct);
        var line = list.EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == id);
        var one = await director.GetFromJsonAsync<JsonElement>($"/api/optimize/scenarios/{id}", Ct);
        Assert.Equal(one.GetProperty("scenario").GetProperty("revenue").GetDecimal(), line.GetProperty("revenue").GetDecimal());
        Assert.Equal(2, one.GetProperty("contributions").GetArrayLength());
        Assert.Equal(2, line.GetProperty("changes").GetInt32());

        var version = await director.PostAsJsonAsync($"/api/optimize/scenarios/{id}/version", new { name = "API 情景计划" }, Ct);
        var made = await version.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Equal(("Draft", "API 情景计划"), (made.GetProperty("version").GetProperty("status").GetString(), made.GetProperty("version").GetProperty("name").GetString()));
        await ProblemAssert.NamesField(await director.PostAsJsonAsync($"/api/optimize/scenarios/{id}/version", new { name = "" }, Ct), "name");

        Assert.Equal(HttpStatusCode.NoContent, (await director.DeleteAsync($"/api/optimize/scenarios/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/api/optimize/scenarios/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await director.DeleteAsync($"/api/optimize/scenarios/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Headcount_StartsFromThePlan_PlansTheHires_AndBadInputNamesItsField()
    {
        var salesOps = await app.As("salesops");

        var start = await salesOps.GetFromJsonAsync<JsonElement>("/api/optimize/headcount/defaults", Ct);
        Assert.Equal(("直销团队", 75_000_000m, 20, 5_000_000m, 30m),
            (start.GetProperty("segment").GetString(), start.GetProperty("target").GetDecimal(), start.GetProperty("heads").GetInt32(), start.GetProperty("productivityPerHead").GetDecimal(),
             start.GetProperty("plannedHeads").GetDecimal()));

        var response = await salesOps.PostAsJsonAsync("/api/optimize/headcount", new { name = "direct", target = 150_000_000, heads = 20 }, Ct);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((34, 0m, "Optimal", "SCIP"), (plan.GetProperty("hires").GetInt32(), plan.GetProperty("shortfall").GetDecimal(), plan.GetProperty("status").GetString(), plan.GetProperty("solver").GetString()));
        Assert.Equal(12, plan.GetProperty("months").GetArrayLength());
        Assert.Equal(34, plan.GetProperty("months").EnumerateArray().Sum(m => m.GetProperty("decided").GetInt32()));

        await ProblemAssert.NamesField(await salesOps.PostAsJsonAsync("/api/optimize/headcount", new { target = 1, heads = 1, attrition = 0.9 }, Ct), "Attrition");
        await ProblemAssert.NamesField(await salesOps.PostAsJsonAsync("/api/optimize/headcount", new { target = 1, heads = 1, ramp = new[] { 0.5, 0.2 } }, Ct), "ramp");
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

public class BudgetApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Budget_AllocatesTheSampleOrAnUploadedFile_AndNamesBadInputByRowAndField()
    {
        var salesOps = await app.As("salesops");
        var form = new MultipartFormDataContent { { new StringContent("18000000"), "total" }, { new StringContent("DIRECT=0.5,AGENT=0.3,ONLINE=0.15,PARTNER=0.05"), "mix" }, { new StringContent("true"), "curve" } };

        var response = await salesOps.PostAsync("/api/optimize/budget", form, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Optimal", "SCIP"), (body.GetProperty("status").GetString(), body.GetProperty("solver").GetString()));
        Assert.Equal(18_000_000m, body.GetProperty("spent").GetDecimal());
        Assert.Equal(148_000_955.28m, body.GetProperty("revenue").GetDecimal());
        Assert.Equal(9, body.GetProperty("lines")[0].GetProperty("heads").GetInt32());
        Assert.Equal(11, body.GetProperty("curve").GetArrayLength());
        var sample = await salesOps.GetStringAsync("/api/optimize/budget/sample", Ct);
        Assert.StartsWith("key,channel,region,category,last_spend", sample, StringComparison.Ordinal);

        var convex = "key,channel,region,category,last_spend,last_revenue,min,max,margin_rate,head_cost,curve\nX,DIRECT,EAST,m,0,0,0,500,0.3,,0:0 100:100 200:300\n";
        var upload = new MultipartFormDataContent { { new StringContent("100"), "total" }, { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(convex)), "file", "budget.csv" } };
        var errors = await ProblemAssert.NamesField(await salesOps.PostAsync("/api/optimize/budget", upload, Ct), "budget.csv!curve2");
        Assert.StartsWith("Line X: the curve is not concave at point 3", errors[0], StringComparison.Ordinal);
        await ProblemAssert.NamesField(await salesOps.PostAsync("/api/optimize/budget", new MultipartFormDataContent { { new StringContent("abc"), "goal" }, { new StringContent("5"), "total" } }, Ct), "goal");
        await ProblemAssert.NamesField(await salesOps.PostAsync("/api/optimize/budget", new MultipartFormDataContent { { new StringContent("5"), "total" }, { new StringContent("MARS=0.5"), "mix" } }, Ct), "mix[1]");
        await ProblemAssert.NamesField(await salesOps.PostAsync("/api/optimize/budget", new MultipartFormDataContent { { new StringContent("1"), "goal" } }, Ct), "total");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("rep")).PostAsync("/api/optimize/budget", new MultipartFormDataContent { { new StringContent("5"), "total" } }, Ct)).StatusCode);
    }

    [Fact]
    public async Task AKeptBudget_IsAllocatedByItsId_AsTheFileItCameFrom_AndBadUploadsNameTheirRow()
    {
        var finance = await app.As("director");
        var sample = await finance.GetByteArrayAsync("/api/optimize/budget/sample", Ct);

        var kept = await finance.PostAsync("/api/optimize/budgets", new MultipartFormDataContent { { new ByteArrayContent(sample), "file", "budget-2024.csv" }, { new StringContent("API 预算"), "name" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var id = (await kept.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var list = await finance.GetFromJsonAsync<JsonElement>("/api/optimize/budgets", Ct);
        var line = list.EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == id);
        Assert.Equal(("API 预算", 2024, 11), (line.GetProperty("name").GetString(), line.GetProperty("year").GetInt32(), line.GetProperty("lines").GetInt32()));
        Assert.Equal(11, (await finance.GetFromJsonAsync<JsonElement>($"/api/optimize/budgets/{id}", Ct)).GetProperty("lines").GetArrayLength());

        var byId = await finance.PostAsync("/api/optimize/budget", new MultipartFormDataContent { { new StringContent("18000000"), "total" }, { new StringContent(id.ToString()), "budgetId" } }, Ct);
        var bySample = await finance.PostAsync("/api/optimize/budget", new MultipartFormDataContent { { new StringContent("18000000"), "total" } }, Ct);
        Assert.Equal((await bySample.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("revenue").GetDecimal(), (await byId.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("revenue").GetDecimal());

        await ProblemAssert.NamesField(await finance.PostAsync("/api/optimize/budgets", new MultipartFormDataContent { { new ByteArrayContent(sample), "file", "budget-2024.csv" }, { new StringContent("API 预算"), "name" } }, Ct), "name");
        await ProblemAssert.NamesField(await finance.PostAsync("/api/optimize/budgets", new MultipartFormDataContent { { new StringContent("无文件"), "name" } }, Ct), "file");
        var broken = "key,channel,region,category,last_spend,last_revenue,min,max,margin_rate\nA,DIRECT,EAST,people,abc,10,0,5,0.3\n";
        await ProblemAssert.NamesField(await finance.PostAsync("/api/optimize/budgets", new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(broken)), "file", "b.csv" }, { new StringContent("坏"), "name" } }, Ct), "b.csv!last_spend2");
        await ProblemAssert.NamesField(await finance.PostAsync("/api/optimize/budget", new MultipartFormDataContent { { new StringContent("5"), "total" }, { new StringContent(Guid.NewGuid().ToString()), "budgetId" } }, Ct), "budgetId");

        Assert.Equal(HttpStatusCode.NoContent, (await finance.DeleteAsync($"/api/optimize/budgets/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/api/optimize/budgets/{id}", Ct)).StatusCode);
    }
}
