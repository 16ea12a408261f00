using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class ForecastApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revenue_TheYearAsADistribution_ForTheCallersScope_AndBadParametersNameTheirField()
    {
        var director = await app.As("director");
        var year = await director.GetFromJsonAsync<JsonElement>("/api/forecast/revenue?year=2024", Ct);
        var dashboard = await director.GetFromJsonAsync<JsonElement>("/api/monitoring/dashboard?year=2024", Ct);
        var east = await director.GetFromJsonAsync<JsonElement>("/api/forecast/revenue?year=2024&by=region&member=EAST&method=theta", Ct);

        var months = year.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        // The months booked are the dashboard's revenue (both read the order lines up to 30 September 2024).
        var booked = year.GetProperty("booked").GetDecimal();
        var revenue = dashboard.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == "Revenue").GetProperty("figures").GetProperty("actual").GetDecimal();
        Assert.Equal(revenue, booked);
        Assert.Equal(150_000_000m, year.GetProperty("target").GetDecimal());
        Assert.Equal("Combination", year.GetProperty("method").GetString());
        Assert.True(year.GetProperty("p10").GetDecimal() <= year.GetProperty("p50").GetDecimal() && year.GetProperty("p50").GetDecimal() <= year.GetProperty("p90").GetDecimal());
        Assert.Equal(JsonValueKind.Null, months[8].GetProperty("forecast").ValueKind);
        Assert.Equal(JsonValueKind.Number, months[9].GetProperty("forecast").ValueKind);
        Assert.Equal(("Region", "EAST", "Theta"), (east.GetProperty("by").GetString(), east.GetProperty("member").GetString(), east.GetProperty("method").GetString()));
        Assert.True(east.GetProperty("booked").GetDecimal() < booked);

        await ProblemAssert.NamesField(await director.GetAsync("/api/forecast/revenue?by=planet&member=X", Ct), "by");
        await ProblemAssert.NamesField(await director.GetAsync("/api/forecast/revenue?method=crystal-ball", Ct), "method");
        await ProblemAssert.NamesField(await director.GetAsync("/api/forecast/revenue?by=region", Ct), "member");
        await ProblemAssert.NamesField(await director.GetAsync("/api/forecast/revenue?year=1900", Ct), "year");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/forecast/revenue", Ct)).StatusCode);

        var regions = (await director.GetFromJsonAsync<JsonElement>("/api/forecast/revenue/members?year=2024&by=region", Ct)).EnumerateArray().ToList();
        Assert.Equal(regions.Select(r => r.GetProperty("probabilityOfTarget").GetDecimal()).Order(), regions.Select(r => r.GetProperty("probabilityOfTarget").GetDecimal()));
        Assert.Contains(regions, r => r.GetProperty("member").GetString() == "EAST");
        await ProblemAssert.NamesField(await director.GetAsync("/api/forecast/revenue/members?by=month", Ct), "by");
        await ProblemAssert.NamesField(await director.GetAsync("/api/forecast/revenue/members", Ct), "by");
    }

    [Fact]
    public async Task Deals_EachOpenDealsProbabilityWithItsReasons_AndTheHoldOutThatChoseTheModel()
    {
        var director = await app.As("director");
        var manager = await app.As("manager");   // 李志强's team owns no open deal in the demo
        var all = await director.GetFromJsonAsync<JsonElement>("/api/forecast/deals", Ct);
        var team = await manager.GetFromJsonAsync<JsonElement>("/api/forecast/deals", Ct);
        var year = await director.GetFromJsonAsync<JsonElement>("/api/forecast/revenue?year=2024", Ct);

        Assert.True(all.GetProperty("modelInUse").GetBoolean());
        var evaluation = all.GetProperty("evaluation");
        Assert.True(evaluation.GetProperty("model").GetProperty("brier").GetDouble() < evaluation.GetProperty("defaults").GetProperty("brier").GetDouble());
        var deals = all.GetProperty("deals").EnumerateArray().ToList();
        var first = deals[0];
        Assert.Equal(first.GetProperty("model").GetDecimal(), first.GetProperty("inUse").GetDecimal());
        Assert.Contains(first.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("factor").GetString() is "stage-history" or "tier" or "bant" or "amount" or "days-in-stage" or "channel");
        // The year's outlook draws the same open deals.
        Assert.Equal(deals.Count, year.GetProperty("pipeline").GetProperty("deals").GetInt32());
        Assert.Equal(0, team.GetProperty("deals").GetArrayLength());
        Assert.True(team.GetProperty("modelInUse").GetBoolean());   // the organisation's model, learned from every closed deal
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/forecast/deals", Ct)).StatusCode);
    }
}
