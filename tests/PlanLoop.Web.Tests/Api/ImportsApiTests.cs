using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class ImportsApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static MultipartFormDataContent Form(string csv, string name = "erp.csv")
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", name);
        form.Add(new StringContent("{\"order_number\":\"单号\",\"account\":\"客户名称\"}"), "mapping");
        return form;
    }

    [Fact]
    public async Task Orders_UnknownAccountsComeBackAsA400WithTheRowAndTheValue_AnAliasFixesIt_AndTheImportBooksTheRevenue()
    {
        var salesops = await app.As("salesops");
        var account = (await salesops.GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=1", Ct)).GetProperty("rows")[0];
        var name = account.GetProperty("name").GetString();
        var csv = $"单号,下单日期,客户名称,金额,产品\nAPI-ERP-1,2024-09-20,{name},50000,A-SAAS\nAPI-ERP-2,2024-09-21,某 ERP 里的叫法,25000.5,A-SAAS\n";

        var unknown = await salesops.PostAsync("/api/imports/orders", Form(csv), Ct);
        var problem = await ProblemAssert.IsProblem(unknown, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("erp.csv!客户名称3", out _), problem.ToString());
        var value = Assert.Single(problem.GetProperty("unknown").EnumerateArray());
        Assert.Equal(("Account", "某 ERP 里的叫法", 3), (value.GetProperty("kind").GetString(), value.GetProperty("value").GetString(), value.GetProperty("firstRow").GetInt32()));

        var badAlias = await salesops.PutAsJsonAsync("/api/import-aliases", new { kind = "planet", alias = "x", target = name }, Ct);
        await ProblemAssert.NamesField(badAlias, "kind");
        await ProblemAssert.NamesField(await salesops.PutAsJsonAsync("/api/import-aliases", new { kind = "account", alias = "x", target = "没有这个客户" }, Ct), "target");
        Assert.Equal(HttpStatusCode.NoContent, (await salesops.PutAsJsonAsync("/api/import-aliases", new { kind = "account", alias = "某 ERP 里的叫法", target = name }, Ct)).StatusCode);
        Assert.Contains((await salesops.GetFromJsonAsync<JsonElement>("/api/import-aliases", Ct)).EnumerateArray(), a => a.GetProperty("target").GetString() == name);

        var dry = await salesops.PostAsync("/api/imports/orders?dryRun=true", Form(csv), Ct);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.Equal((2, 0, false), await Figures(dry));
        var done = await salesops.PostAsync("/api/imports/orders", Form(csv), Ct);
        Assert.Equal((2, 2, true), await Figures(done));
        // The same export again: nothing is booked twice, and the answer says what was skipped.
        var again = await salesops.PostAsync("/api/imports/orders", Form(csv), Ct);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2, 0, true), (body.GetProperty("rows").GetInt32(), body.GetProperty("written").GetInt32(), body.GetProperty("applied").GetBoolean()));
        Assert.Equal("2 行已导入过(从第 2 行起:订单号与内容都相同),已跳过。", body.GetProperty("notes")[0].GetString());
        var changed = await ProblemAssert.IsProblem(await salesops.PostAsync("/api/imports/orders", Form(csv.Replace("50000", "50001", StringComparison.Ordinal)), Ct), HttpStatusCode.BadRequest);
        Assert.Equal(1, changed.GetProperty("errorCount").GetInt32());

        var rep = await app.As("rep");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsync("/api/imports/orders", Form(csv), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await salesops.PostAsync("/api/imports/payments", Form("合同号\n"), Ct)).StatusCode);
        await ProblemAssert.NamesField(await salesops.PostAsync("/api/imports/orders?mappingName=nope", Form(csv), Ct), "mappingName");
        await ProblemAssert.NamesField(await salesops.PostAsync("/api/imports/orders", new MultipartFormDataContent { { new StringContent("{}"), "mapping" } }, Ct), "file");
    }

    [Fact]
    public async Task Activities_ARepImportsTheirOwnHistory_AndAnAccountOutsideTheirScopeIsARowError()
    {
        var rep = await app.As("rep");
        var mine = (await rep.GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=1", Ct)).GetProperty("rows")[0].GetProperty("name").GetString();
        var all = (await (await app.As("director")).GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=500", Ct)).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        var repNames = (await rep.GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=500", Ct)).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToHashSet();
        var theirs = all.First(n => !repNames.Contains(n));
        static MultipartFormDataContent Activities(string csv)
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "activities.csv");
            return form;
        }
        var ok = await rep.PostAsync("/api/imports/activities", Activities($"客户,类型,时间,主题\n{mine},拜访,2024-09-02 10:00,API 导入的拜访\n"), Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal((1, 1, true), await Figures(ok));
        var problem = await ProblemAssert.IsProblem(await rep.PostAsync("/api/imports/activities", Activities($"客户,类型,时间,主题\n{theirs},电话,2024-09-02 10:00,x\n"), Ct), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("activities.csv!客户2", out var message), problem.ToString());
        Assert.StartsWith($"找不到客户 '{theirs}'(在你的数据范围内", message[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mappings_BelongToWhoMayImportTheKind_ARepKeepsLeadMappingsButCannotTouchOrdersOrPayments()
    {
        var rep = await app.As("rep");
        var body = new { columns = new { order_number = "Beleg" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PutAsJsonAsync("/api/imports/orders/mappings/ERP", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PutAsJsonAsync("/api/imports/payments/mappings/Bank", new { columns = new { contract = "Vertrag" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await rep.PutAsJsonAsync("/api/imports/leads/mappings/展会", new { columns = new { company = "Firma" } }, Ct)).StatusCode);
        var finance = await app.As("finance");
        Assert.Equal(HttpStatusCode.NoContent, (await finance.PutAsJsonAsync("/api/imports/payments/mappings/Bank", new { columns = new { contract = "Vertrag" } }, Ct)).StatusCode);
        var saved = await finance.GetFromJsonAsync<JsonElement>("/api/imports/payments/mappings", Ct);
        Assert.True(saved.TryGetProperty("Bank", out _), saved.ToString());
    }

    [Fact]
    public async Task OrdersExport_StreamsTheCallersLinesAsCsvOrXlsx_WithTheImportsHeaders()
    {
        var director = await app.As("director");
        var response = await director.GetAsync("/api/exports/orders?from=2024-09-01&to=2024-09-30", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("orders.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("订单号,下单日期,客户,金额,产品,产品线,区域,渠道,负责人,合同号", lines[0]);
        Assert.True(lines.Length > 1, "September 2024 has booked orders in the demo");
        Assert.All(lines.Skip(1), l => Assert.StartsWith("2024-09-", l.Split(',')[1], StringComparison.Ordinal));
        var september = await director.GetFromJsonAsync<JsonElement>("/api/monitoring/plan-vs-actual?year=2024&by=month", Ct);
        var m09 = september.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("a").GetString() == "M09");
        Assert.Equal(m09.GetProperty("lines").GetInt32(), lines.Length - 1);

        // A rep gets their own lines only.
        var rep = await app.As("rep");
        var own = (await rep.GetStringAsync("/api/exports/orders?from=2024-09-01&to=2024-09-30", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(own.Length < lines.Length);
        var xlsx = await director.GetAsync("/api/exports/orders?format=xlsx&from=2024-09-01&to=2024-09-30", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        await ProblemAssert.NamesField(await director.GetAsync("/api/exports/orders?format=pdf", Ct), "format");
    }

    [Fact]
    public async Task ContractTemplates_AreListedForEveryone_AndVersionedBySalesOpsOnly()
    {
        var rep = await app.As("rep");
        var list = await rep.GetFromJsonAsync<JsonElement>("/api/contract-templates", Ct);
        Assert.Contains(list.EnumerateArray(), t => t.GetProperty("code").GetString() == "KA" && t.GetProperty("version").GetInt32() == 1);
        var body = new { code = "SAAS", name = "SaaS 订阅合同", tier = (string?)null, productLineCode = "CORE-A", terms = "按年订阅,预付全款。", paymentTerms = new[] { new { name = "年费", share = 1.0, daysAfterSigning = 0 } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PutAsJsonAsync("/api/contract-templates", body, Ct)).StatusCode);
        var salesops = await app.As("salesops");
        Assert.Equal(HttpStatusCode.NoContent, (await salesops.PutAsJsonAsync("/api/contract-templates", body, Ct)).StatusCode);
        await ProblemAssert.NamesField(await salesops.PutAsJsonAsync("/api/contract-templates", body with { paymentTerms = new[] { new { name = "年费", share = 0.5, daysAfterSigning = 0 } } }, Ct), "paymentTerms");
        Assert.Contains((await rep.GetFromJsonAsync<JsonElement>("/api/contract-templates", Ct)).EnumerateArray(), t => t.GetProperty("code").GetString() == "SAAS");
    }

    static async Task<(int Rows, int Written, bool Applied)> Figures(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("rows").GetInt32(), body.GetProperty("written").GetInt32(), body.GetProperty("applied").GetBoolean());
    }
}
