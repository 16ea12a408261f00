using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class OpportunitiesApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADeal_RefusedMovesAre422WithTheirRule_StaleIs409_AndThePipelineShowsIt()
    {
        var rep = await app.As("rep");
        var account = (await rep.GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=1", Ct)).GetProperty("rows")[0].GetProperty("id").GetString();
        var created = await rep.PostAsJsonAsync("/api/opportunities", new { name = "接口测试商机", accountId = account, expectedClose = "2024-12-20" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var early = await rep.PostAsJsonAsync($"/api/opportunities/{id}/move/proposal", new { revision = 1 }, Ct);
        var lines = await rep.PutAsJsonAsync($"/api/opportunities/{id}/lines", new { revision = 1, lines = new[] { new { productCode = "B-CUSTOM", quantity = 1, discount = 0.25 } } }, Ct);
        var badBant = await rep.PutAsJsonAsync($"/api/opportunities/{id}/bant", new { revision = 2, budget = 15, authority = 10, need = 10, timeline = 10 }, Ct);
        var lowBant = await rep.PutAsJsonAsync($"/api/opportunities/{id}/bant", new { revision = 2, budget = 20, authority = 10, need = 10, timeline = 10 }, Ct);
        var repOverride = await rep.PostAsJsonAsync($"/api/opportunities/{id}/override", new { revision = 3, reason = "我觉得可以" }, Ct);
        var manager = await app.As("manager");
        var managerOverride = await manager.PostAsJsonAsync($"/api/opportunities/{id}/override", new { revision = 3, reason = "战略客户" }, Ct);
        var stale = await rep.PostAsJsonAsync($"/api/opportunities/{id}/move/proposal", new { revision = 3 }, Ct);
        var moved = await rep.PostAsJsonAsync($"/api/opportunities/{id}/move/proposal", new { revision = 4 }, Ct);

        Assert.Equal("bant-not-scored", (await ProblemAssert.IsProblem(early, HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.NoContent, lines.StatusCode);
        await ProblemAssert.NamesField(badBant, "answers");
        Assert.Equal(HttpStatusCode.NoContent, lowBant.StatusCode);
        Assert.Equal("manager-only", (await ProblemAssert.IsProblem(repOverride, HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.NoContent, managerOverride.StatusCode);
        await ProblemAssert.IsProblem(stale, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);

        var pipeline = await rep.GetFromJsonAsync<JsonElement>("/api/opportunities/pipeline", Ct);
        var proposal = pipeline.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("stage").GetProperty("code").GetString() == "PROPOSAL");
        var card = proposal.GetProperty("cards").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        Assert.Equal((450_000m, 50, true, "OnTime"), (card.GetProperty("amount").GetDecimal(), card.GetProperty("bantTotal").GetInt32(), card.GetProperty("overridden").GetBoolean(), card.GetProperty("proposalSla").GetString()));
    }

    [Fact]
    public async Task Pipeline_OfTheDemo_HasDealsInEveryStage_AndCountsItsSlaBreaches()
    {
        var pipeline = await (await app.As("director")).GetFromJsonAsync<JsonElement>("/api/opportunities/pipeline", Ct);

        var columns = pipeline.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["QUALIFY", "PROPOSAL", "NEGOTIATION", "WON", "LOST"], columns.Select(c => c.GetProperty("stage").GetProperty("code").GetString()));
        Assert.All(columns, c => Assert.NotEqual(0, c.GetProperty("cards").GetArrayLength()));
        var cards = columns.SelectMany(c => c.GetProperty("cards").EnumerateArray()).ToList();
        // One breach per clock that ran out (a deal can be late twice).
        var breaches = cards.Sum(c => (c.GetProperty("proposalSla").GetString() == "Breached" ? 1 : 0) + (c.GetProperty("negotiationSla").GetString() == "Breached" ? 1 : 0));
        Assert.Equal(breaches, pipeline.GetProperty("breaches").GetInt32());
        Assert.True(breaches > 0);
        Assert.Equal(breaches, pipeline.GetProperty("breachesByOwner").EnumerateArray().Sum(x => x.GetProperty("breaches").GetInt32()));
        // Each column's weighted amount is its cards' amounts times the stage's probability.
        foreach (var c in columns)
            Assert.Equal(c.GetProperty("cards").EnumerateArray().Sum(x => x.GetProperty("amount").GetDecimal()) * c.GetProperty("stage").GetProperty("probability").GetDecimal(),
                c.GetProperty("weighted").GetDecimal());
    }
}
