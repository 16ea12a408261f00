using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PlanLoop.Web.Tests.Api;

public class SalesSettingsApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheRules_AreReadByEveryone_SavedBySalesOpsOnly_AndCheckedAsAWhole()
    {
        var salesops = await app.As("salesops");
        var view = await salesops.GetFromJsonAsync<JsonObject>("/api/sales-settings", Ct);
        Assert.Equal(0, view!["version"]!.GetValue<int>());
        var settings = view["settings"]!.AsObject();
        Assert.Equal(60, settings["rubric"]!["qualifyFrom"]!.GetValue<int>());
        Assert.Equal(["QUALIFY", "PROPOSAL", "NEGOTIATION", "WON", "LOST"], settings["stages"]!.AsArray().Select(s => s!["code"]!.GetValue<string>()));

        settings["rubric"]!["qualifyFrom"] = 50;
        settings["sla"]!["proposalWorkingDays"] = 4;
        var rep = await app.As("rep");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PutAsJsonAsync("/api/sales-settings", settings, Ct)).StatusCode);
        var broken = JsonNode.Parse(settings.ToJsonString())!.AsObject();
        broken["stages"]!.AsArray().RemoveAt(1);
        Assert.Contains("SOP 阶段 PROPOSAL 不能删除(SLA 和报表依赖它)。", await ProblemAssert.NamesField(await salesops.PutAsJsonAsync("/api/sales-settings", broken, Ct), "stages"));
        Assert.Equal(HttpStatusCode.NoContent, (await salesops.PutAsJsonAsync("/api/sales-settings", settings, Ct)).StatusCode);

        var saved = await rep.GetFromJsonAsync<JsonObject>("/api/sales-settings", Ct);
        Assert.Equal((1, 50, 4), (saved!["version"]!.GetValue<int>(), saved["settings"]!["rubric"]!["qualifyFrom"]!.GetValue<int>(), saved["settings"]!["sla"]!["proposalWorkingDays"]!.GetValue<int>()));
        var pipeline = await rep.GetFromJsonAsync<JsonObject>("/api/opportunities/pipeline", Ct);
        Assert.Equal(50, pipeline!["rubric"]!["qualifyFrom"]!.GetValue<int>());
        Assert.Single((await rep.GetFromJsonAsync<JsonArray>("/api/sales-settings/history", Ct))!);
    }
}
