using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class ContractsApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWonDeal_BecomesAContract_ThatOnlyTheStepsRoleDecides_AndFinanceCollectsOn()
    {
        var rep = await app.As("rep");
        var account = (await rep.GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=1", Ct)).GetProperty("rows")[0].GetProperty("id").GetString();
        var deal = (await (await rep.PostAsJsonAsync("/api/opportunities", new { name = "合同接口测试", accountId = account, expectedClose = "2024-12-20" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        // B-CUSTOM lists at 600,000: at 25% off 450,000 — the manager and the director must approve.
        await rep.PutAsJsonAsync($"/api/opportunities/{deal}/lines", new { revision = 1, lines = new[] { new { productCode = "B-CUSTOM", quantity = 1, discount = 0.25 } } }, Ct);
        var early = await rep.PostAsJsonAsync("/api/contracts", new { opportunityId = deal }, Ct);
        await rep.PutAsJsonAsync($"/api/opportunities/{deal}/bant", new { revision = 2, budget = 25, authority = 25, need = 25, timeline = 25 }, Ct);
        var revision = 3;
        foreach (var stage in new[] { "proposal", "negotiation", "won" })
            Assert.Equal(HttpStatusCode.NoContent, (await rep.PostAsJsonAsync($"/api/opportunities/{deal}/move/{stage}", new { revision = revision++ }, Ct)).StatusCode);

        Assert.Equal("opportunity-not-won", (await ProblemAssert.IsProblem(early, HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
        var badTemplate = await rep.PostAsJsonAsync("/api/contracts", new { opportunityId = deal, templateCode = "NOPE" }, Ct);
        Assert.Equal(["合同模板 'NOPE' 不存在。"], await ProblemAssert.NamesField(badTemplate, "templateCode"));
        var created = await rep.PostAsJsonAsync("/api/contracts", new { opportunityId = deal }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var contract = await rep.GetFromJsonAsync<JsonElement>($"/api/contracts/{id}", Ct);
        Assert.Equal(("Draft", 450_000m, 600_000m, 0.25m), (contract.GetProperty("status").GetString(), contract.GetProperty("amount").GetDecimal(),
            contract.GetProperty("listAmount").GetDecimal(), contract.GetProperty("discount").GetDecimal()));
        // The rep's first account is an A customer: the key-account template, 20% / 50% / 30%.
        Assert.Equal("KA", contract.GetProperty("templateCode").GetString());
        Assert.Equal([90_000m, 225_000m, 135_000m], contract.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("amount").GetDecimal()));
        var rev = contract.GetProperty("revision").GetInt32();

        var plan = await rep.PutAsJsonAsync($"/api/contracts/{id}/payment-plan", new { revision = rev, nodes = new[] { new { name = "全款", dueOn = "2024-10-31", amount = 449_999.99 } } }, Ct);
        Assert.Equal(["各节点合计 449,999.99,合同金额 450,000.00,相差 0.01。"], await ProblemAssert.NamesField(plan, "nodes"));
        var replanned = await rep.PutAsJsonAsync($"/api/contracts/{id}/payment-plan", new { revision = rev, nodes = new[] { new { name = "预付款", dueOn = "2024-09-30", amount = 150_000m }, new { name = "尾款", dueOn = "2024-12-31", amount = 300_000m } } }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, replanned.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await rep.PostAsJsonAsync($"/api/contracts/{id}/submit", new { revision = rev + 1 }, Ct)).StatusCode);
        var stale = await rep.PostAsJsonAsync($"/api/contracts/{id}/submit", new { revision = rev + 1 }, Ct);
        await ProblemAssert.IsProblem(stale, HttpStatusCode.Conflict);

        var repDecides = await rep.PostAsJsonAsync($"/api/contracts/{id}/decide", new { revision = rev + 2, decision = "approve" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, repDecides.StatusCode);
        var (manager, director, finance) = (await app.As("manager"), await app.As("director"), await app.As("finance"));
        await ProblemAssert.NamesField(await manager.PostAsJsonAsync($"/api/contracts/{id}/decide", new { revision = rev + 2, decision = "maybe" }, Ct), "decision");
        var directorFirst = await director.PostAsJsonAsync($"/api/contracts/{id}/decide", new { revision = rev + 2, decision = "approve" }, Ct);
        Assert.Equal("not-your-step", (await ProblemAssert.IsProblem(directorFirst, HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
        var inbox = await manager.GetFromJsonAsync<JsonElement>("/api/approvals/inbox", Ct);
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id && i.GetProperty("role").GetString() == "Manager");
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"/api/contracts/{id}/decide", new { revision = rev + 2, decision = "approve" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await director.PostAsJsonAsync($"/api/contracts/{id}/decide", new { revision = rev + 3, decision = "approve", comment = "同意" }, Ct)).StatusCode);
        var financeSigns = await finance.PostAsJsonAsync($"/api/contracts/{id}/sign", new { revision = rev + 4 }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, financeSigns.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await rep.PostAsJsonAsync($"/api/contracts/{id}/sign", new { revision = rev + 4 }, Ct)).StatusCode);

        var signed = await finance.GetFromJsonAsync<JsonElement>($"/api/contracts/{id}", Ct);
        Assert.Equal("Signed", signed.GetProperty("status").GetString());
        var node = signed.GetProperty("nodes")[0].GetProperty("id").GetString();
        var repPays = await rep.PostAsJsonAsync($"/api/contracts/{id}/nodes/{node}/payments", new { amount = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, repPays.StatusCode);
        var tooMuch = await finance.PostAsJsonAsync($"/api/contracts/{id}/nodes/{node}/payments", new { amount = 150_000.01 }, Ct);
        var problem = await ProblemAssert.IsProblem(tooMuch, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("payment-exceeds-node", problem.GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.Created, (await finance.PostAsJsonAsync($"/api/contracts/{id}/nodes/{node}/payments", new { amount = 100_000, reference = "回单 A1" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await finance.PostAsJsonAsync($"/api/contracts/{id}/nodes/{node}/invoices", new { number = $"INV-{id![..8]}", amount = 150_000 }, Ct)).StatusCode);
        var after = await rep.GetFromJsonAsync<JsonElement>($"/api/contracts/{id}", Ct);
        var first = after.GetProperty("nodes")[0];
        Assert.Equal((150_000m, 100_000m, 50_000m), (first.GetProperty("invoiced").GetDecimal(), first.GetProperty("received").GetDecimal(), first.GetProperty("open").GetDecimal()));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("cs")).PostAsJsonAsync($"/api/contracts/{Guid.NewGuid()}/submit", new { revision = 1 }, Ct)).StatusCode);
    }
}

public class CollectionApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDemosCollection_AddsUpAcrossEveryDimension_AndARepSeesTheirOwnOnly()
    {
        var director = await app.As("director");
        var byMonth = await director.GetFromJsonAsync<JsonElement>("/api/collection?year=2024&by=month", Ct);
        var total = byMonth.GetProperty("total");
        var (due, received) = (total.GetProperty("due").GetDecimal(), total.GetProperty("received").GetDecimal());
        // The demo's 2024 to 30 September: 85.2% collected against a 92% target (85% last year).
        Assert.Equal(0.852m, Math.Round(total.GetProperty("rate").GetDecimal(), 3));
        Assert.Equal((0.92m, 0.85m), (byMonth.GetProperty("target").GetDecimal(), byMonth.GetProperty("baseline").GetDecimal()));
        Assert.Equal(due, byMonth.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("due").GetDecimal()));
        foreach (var by in new[] { "region", "team", "owner", "tier" })
        {
            var report = await director.GetFromJsonAsync<JsonElement>($"/api/collection?year=2024&by={by}", Ct);
            Assert.Equal((due, received), (report.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("due").GetDecimal()),
                report.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("received").GetDecimal())));
        }
        var ageing = byMonth.GetProperty("ageing").EnumerateArray().ToList();
        Assert.Equal(["NotDue", "Days1To30", "Days31To60", "Days61To90", "Over90"], ageing.Select(a => a.GetProperty("bucket").GetString()));
        Assert.Equal(ageing.Skip(1).Sum(a => a.GetProperty("open").GetDecimal()), byMonth.GetProperty("overdueByOwner").EnumerateArray().Sum(o => o.GetProperty("overdue").GetDecimal()));
        Assert.Equal(ageing.Skip(1).Sum(a => a.GetProperty("nodes").GetInt32()), byMonth.GetProperty("overdue").GetArrayLength());

        var rep = await (await app.As("rep")).GetFromJsonAsync<JsonElement>("/api/collection?year=2024", Ct);
        Assert.True(rep.GetProperty("total").GetProperty("due").GetDecimal() < due);
        // The rep's overdue nodes are exactly the director's list of 张伟's (which may be empty: the company's is not).
        static List<string> Nodes(IEnumerable<JsonElement> nodes) => [.. nodes.Select(o => $"{o.GetProperty("number").GetString()} {o.GetProperty("node").GetString()}").Order(StringComparer.Ordinal)];
        Assert.NotEqual(0, byMonth.GetProperty("overdue").GetArrayLength());
        Assert.Equal(Nodes(byMonth.GetProperty("overdue").EnumerateArray().Where(o => o.GetProperty("owner").GetString() == "张伟")), Nodes(rep.GetProperty("overdue").EnumerateArray()));
        Assert.All(rep.GetProperty("overdue").EnumerateArray(), o => Assert.Equal("张伟", o.GetProperty("owner").GetString()));
        await ProblemAssert.NamesField(await director.GetAsync("/api/collection?by=planet", Ct), "by");
        await ProblemAssert.NamesField(await director.GetAsync("/api/collection?year=1999", Ct), "year");

        var contracts = await director.GetFromJsonAsync<JsonElement>("/api/contracts", Ct);
        var pipeline = await director.GetFromJsonAsync<JsonElement>("/api/opportunities/pipeline", Ct);
        Assert.Equal(126, contracts.GetArrayLength());
        await ProblemAssert.NamesField(await director.GetAsync("/api/contracts?status=lost", Ct), "status");
        Assert.Equal(123, (await director.GetFromJsonAsync<JsonElement>("/api/contracts?status=signed", Ct)).GetArrayLength());
        Assert.NotEqual(0, pipeline.GetProperty("columns").GetArrayLength());
    }
}
