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
        var again = await ProblemAssert.IsProblem(await salesops.PostAsync("/api/imports/orders", Form(csv), Ct), HttpStatusCode.BadRequest);
        Assert.Equal(2, again.GetProperty("errorCount").GetInt32());

        var rep = await app.As("rep");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsync("/api/imports/orders", Form(csv), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await salesops.PostAsync("/api/imports/payments", Form("合同号\n"), Ct)).StatusCode);
        await ProblemAssert.NamesField(await salesops.PostAsync("/api/imports/orders?mappingName=nope", Form(csv), Ct), "mappingName");
        await ProblemAssert.NamesField(await salesops.PostAsync("/api/imports/orders", new MultipartFormDataContent { { new StringContent("{}"), "mapping" } }, Ct), "file");
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
