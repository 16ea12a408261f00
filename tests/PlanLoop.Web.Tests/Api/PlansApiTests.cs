using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class PlansApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> DemoVersionId(HttpClient client)
    {
        var plans = await client.GetFromJsonAsync<JsonElement>("/api/plans", Ct);
        var plan = plans.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "2024年度销售计划");
        return plan.GetProperty("versions")[0].GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Findings_AnyRole_AreTheSeedPlansFindingsInTheCliShape()
    {
        var client = await app.As("rep");
        var id = await DemoVersionId(client);

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/plan-versions/{id}/findings", Ct);

        Assert.Equal("2024年度销售计划", body.GetProperty("plan").GetProperty("name").GetString());
        var findings = body.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(11, findings.Count);
        var first = findings[0];
        Assert.Equal(("PARTS_SUM", "Error", "breakdowns/Revenue/Quarter"),
            (first.GetProperty("code").GetString(), first.GetProperty("severity").GetString(), first.GetProperty("path").GetString()));
        Assert.Equal(-6_000_000m, first.GetProperty("figures").GetProperty("difference").GetDecimal());
    }

    [Fact]
    public async Task Get_UnknownVersion_Is404ProblemDetails()
    {
        var client = await app.As("director");
        var response = await client.GetAsync($"/api/plan-versions/{Guid.NewGuid()}", Ct);
        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("rep", "submit")]
    [InlineData("finance", "submit")]
    [InlineData("salesops", "approve")]
    [InlineData("admin", "approve")]
    [InlineData("manager", "copy")]
    public async Task StatusChange_WrongRole_Is403(string user, string action)
    {
        var client = await app.As(user);
        var id = await DemoVersionId(client);
        var response = await client.PostAsJsonAsync($"/api/plan-versions/{id}/{action}", new { name = "x", reason = "x" }, Ct);
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Copy_EmptyName_Is400NamingName()
    {
        var client = await app.As("salesops");
        var id = await DemoVersionId(client);
        var response = await client.PostAsJsonAsync($"/api/plan-versions/{id}/copy", new { name = "" }, Ct);
        await ProblemAssert.NamesField(response, "Name");
    }

    [Fact]
    public async Task SubmitThenApprove_ErrorsNeedAReason_ThenTheVersionIsReadOnly()
    {
        var ops = await app.As("salesops");
        var director = await app.As("director");
        var copy = await ops.PostAsJsonAsync($"/api/plan-versions/{await DemoVersionId(ops)}/copy", new { name = "V1.1 审批测试" }, Ct);
        var id = (await copy.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetProperty("id").GetString();

        var submitted = await ops.PostAsync($"/api/plan-versions/{id}/submit", null, Ct);
        var noReason = await director.PostAsJsonAsync($"/api/plan-versions/{id}/approve", new { }, Ct);
        var approved = await director.PostAsJsonAsync($"/api/plan-versions/{id}/approve", new { reason = "季度缺口由渠道补足" }, Ct);
        var again = await ops.PostAsync($"/api/plan-versions/{id}/submit", null, Ct);

        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        Assert.Equal("Submitted", (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetProperty("status").GetString());
        var problem = await ProblemAssert.IsProblem(noReason, (HttpStatusCode)422);
        Assert.Equal("errors-block-approval", problem.GetProperty("rule").GetString());
        Assert.Equal("计划检查仍有 3 个错误:请先修正,或填写批准理由后再批准。", problem.GetProperty("detail").GetString());   // the rule's text, in the request's language (Chinese unless chosen)
        var body = await approved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("Approved", "director", "季度缺口由渠道补足"),
            (body.GetProperty("version").GetProperty("status").GetString(), body.GetProperty("version").GetProperty("approvedBy").GetString(), body.GetProperty("overrideReason").GetString()));
        Assert.Equal("not-draft", (await ProblemAssert.IsProblem(again, (HttpStatusCode)422)).GetProperty("rule").GetString());
    }
}

public class CubeApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<(HttpClient Client, string Id)> Demo()
    {
        var client = await app.As("director");
        var plans = await client.GetFromJsonAsync<JsonElement>("/api/plans", Ct);
        return (client, plans[0].GetProperty("versions")[0].GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Cube_ConsistentMarginals_ConvergesToTheProductOfShares()
    {
        var (client, id) = await Demo();
        var fit = await client.GetFromJsonAsync<JsonElement>($"/api/plan-versions/{id}/cube?dimensions=Region,ProductLine,Channel", Ct);

        Assert.True(fit.GetProperty("converged").GetBoolean());
        Assert.Equal(150_000_000m, fit.GetProperty("total").GetDecimal());
        Assert.Equal(18_000_000m, fit.GetProperty("amounts")[0].GetDecimal());
        Assert.Equal(["Region", "ProductLine", "Channel"], fit.GetProperty("axes").EnumerateArray().Select(a => a.GetProperty("dimension").GetString()));
    }

    [Fact]
    public async Task Cube_DefaultWithTheSeedQuarters_SaysTheMarginalsCannotAllBeMet()
    {
        var (client, id) = await Demo();
        var fit = await client.GetFromJsonAsync<JsonElement>($"/api/plan-versions/{id}/cube", Ct);

        Assert.False(fit.GetProperty("converged").GetBoolean());
        Assert.False(fit.GetProperty("marginalsAgree").GetBoolean());
        Assert.Equal(["Region", "Quarter", "ProductLine"], fit.GetProperty("axes").EnumerateArray().Select(a => a.GetProperty("dimension").GetString()));
    }

    [Theory]
    [InlineData("Region,Planet", "'Planet' is not a dimension")]
    [InlineData("Region,Month", "The plan has no Revenue breakdown by Month to use as a marginal.")]
    [InlineData("Region,Region", "Each dimension can be used once in a cube.")]
    public async Task Cube_BadDimensions_Is400NamingDimensions(string dimensions, string message)
    {
        var (client, id) = await Demo();
        var response = await client.GetAsync($"/api/plan-versions/{id}/cube?dimensions={dimensions}", Ct);
        var messages = await ProblemAssert.NamesField(response, "dimensions");
        Assert.StartsWith(message, messages[0], StringComparison.Ordinal);
    }
}

public class EditApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<(HttpClient Client, string Id, int Revision)> Draft()
    {
        var client = await app.As("salesops");
        var plans = await client.GetFromJsonAsync<JsonElement>("/api/plans", Ct);
        var source = plans[0].GetProperty("versions")[0].GetProperty("id").GetString();
        var copy = await client.PostAsJsonAsync($"/api/plan-versions/{source}/copy", new { name = $"edit {Guid.NewGuid():N}" }, Ct);
        var view = await copy.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (client, view.GetProperty("version").GetProperty("id").GetString()!, view.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task SetBreakdown_OutOfRangeShare_Is400NamingTheRow()
    {
        var (client, id, revision) = await Draft();
        var response = await client.PutAsJsonAsync($"/api/plan-versions/{id}/breakdowns/Revenue/Quarter",
            new { revision, method = "Shares", parts = new object[] { new { member = "Q1", share = 0.5 }, new { member = "Q2", share = 1.5 } } }, Ct);
        Assert.Equal(["A share is between 0 and 1 (0.2 for 20%); got 1.5."], await ProblemAssert.NamesField(response, "parts[1].share"));
    }

    [Fact]
    public async Task SetBreakdown_TenThousandParts_OrAHugeMember_Is400NamingTheField()
    {
        var (client, id, revision) = await Draft();
        var many = await client.PutAsJsonAsync($"/api/plan-versions/{id}/breakdowns/Revenue/Region",
            new { revision, method = "Amounts", parts = Enumerable.Range(0, 10_000).Select(i => new { member = $"R{i}", amount = 1 }).ToArray() }, Ct);
        Assert.Equal(["A breakdown has at most 1000 parts; got 10000."], await ProblemAssert.NamesField(many, "parts"));
        var huge = await client.PutAsJsonAsync($"/api/plan-versions/{id}/breakdowns/Revenue/Region",
            new { revision, method = "Amounts", parts = new[] { new { member = new string('x', 101), amount = 1 } } }, Ct);
        Assert.Equal(["A member is at most 100 characters (a code or a name)."], await ProblemAssert.NamesField(huge, "parts[0].member"));
    }

    [Fact]
    public async Task SetBreakdown_AMemberNoMasterDataKnows_Is400NamingThePart()
    {
        var (client, id, revision) = await Draft();
        var region = await client.PutAsJsonAsync($"/api/plan-versions/{id}/breakdowns/Revenue/Region",
            new { revision, method = "Amounts", parts = new[] { new { member = "EAST", amount = 1 }, new { member = "ATLANTIS", amount = 1 } } }, Ct);
        Assert.Equal(["'ATLANTIS' is not a region code: EAST, NORTH, SOUTH, SOUTHWEST."], await ProblemAssert.NamesField(region, "parts[1].member"));
        var month = await client.PutAsJsonAsync($"/api/plan-versions/{id}/breakdowns/Revenue/Month",
            new { revision, method = "Amounts", parts = new[] { new { member = "M13", amount = 1 } } }, Ct);
        Assert.StartsWith("'M13' is not a month (M01–M12): M01, M02,", (await ProblemAssert.NamesField(month, "parts[0].member"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetBreakdown_Shares_200ThenStaleRevisionIs409()
    {
        var (client, id, revision) = await Draft();
        var body = new { revision, method = "Shares", parts = new object[] { new { member = "Q1", share = 0.2 }, new { member = "Q2", share = 0.24 }, new { member = "Q3", share = 0.28 }, new { member = "Q4", share = 0.28 } } };

        var first = await client.PutAsJsonAsync($"/api/plan-versions/{id}/breakdowns/Revenue/Quarter", body, Ct);
        var second = await client.PutAsJsonAsync($"/api/plan-versions/{id}/breakdowns/Revenue/Quarter", body, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var view = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.DoesNotContain(view.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "Error");
        await ProblemAssert.IsProblem(second, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task SetKpi_DerivedDealSize_Is400()
    {
        var (client, id, revision) = await Draft();
        var response = await client.PutAsJsonAsync($"/api/plan-versions/{id}/kpis/AverageDealSize", new { revision, target = 150000 }, Ct);
        Assert.Equal(["AverageDealSize is derived from other KPIs and is never typed."], await ProblemAssert.NamesField(response, "kpi"));
    }

    [Fact]
    public async Task SetBreakdown_UnknownDimension_Is400()
    {
        var (client, id, revision) = await Draft();
        var response = await client.PutAsJsonAsync($"/api/plan-versions/{id}/breakdowns/Revenue/Planet", new { revision, method = "Even", parts = new[] { new { member = "A" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public class PlanFilesApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportThenImport_201WithTheNextVersion()
    {
        var client = await app.As("salesops");
        var plans = await client.GetFromJsonAsync<JsonElement>("/api/plans", Ct);
        var id = plans[0].GetProperty("versions")[0].GetProperty("id").GetString();

        var export = await client.GetAsync($"/api/plan-versions/{id}/export.xlsx", Ct);
        var bytes = await export.Content.ReadAsByteArrayAsync(Ct);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "plan.xlsx" } };
        var import = await client.PostAsync("/api/plans/import", form, Ct);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var view = await import.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(view.GetProperty("version").GetProperty("number").GetInt32() >= 2);
    }

    [Fact]
    public async Task Import_BrokenFile_Is400NamingTheCell_Template_NamesTheEmptyPlanName()
    {
        var client = await app.As("salesops");
        var template = await client.GetByteArrayAsync("/api/plans/template.xlsx", Ct);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(template), "file", "template.xlsx" } };

        var response = await client.PostAsync("/api/plans/import", form, Ct);

        var body = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal("The workbook has 2 error(s); nothing was imported.", body.GetProperty("title").GetString());
        Assert.Equal("不能为空。", body.GetProperty("errors").GetProperty("计划!B2")[0].GetString());
    }

    [Fact]
    public async Task Import_NoFile_Is400NamingFile_AndRepCannotImport()
    {
        var ops = await app.As("salesops");
        var rep = await app.As("rep");
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.xlsx" } };

        await ProblemAssert.NamesField(await ops.PostAsync("/api/plans/import", empty, Ct), "file");
        await ProblemAssert.IsProblem(await rep.PostAsync("/api/plans/import", form, Ct), HttpStatusCode.Forbidden);
    }
}
