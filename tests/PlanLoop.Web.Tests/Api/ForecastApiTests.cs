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

    [Fact]
    public async Task Calls_ASellerCallsTheQuarter_TheWeekKeepsIt_AndBadCallsNameTheirField()
    {
        var rep = await app.As("rep");
        var finance = await app.As("finance");
        var director = await app.As("director");

        var board = await rep.GetFromJsonAsync<JsonElement>("/api/forecast/calls?year=2024&quarter=4", Ct);
        Assert.Equal(("Own", "2024-09-30", 40), (board.GetProperty("scope").GetString(), board.GetProperty("week").GetString(), board.GetProperty("isoWeek").GetInt32()));
        var created = await rep.PostAsJsonAsync("/api/forecast/calls", new { year = 2024, quarter = 4, commit = 250_000m, bestCase = 400_000m, comment = "两单在谈" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var week = await director.GetFromJsonAsync<JsonElement>("/api/forecast/calls/week?year=2024&quarter=4&week=2024-09-30", Ct);
        var call = week.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal((250_000m, 400_000m, "两单在谈", "rep"), (call.GetProperty("commit").GetDecimal(), call.GetProperty("bestCase").GetDecimal(), call.GetProperty("comment").GetString(), call.GetProperty("submittedBy").GetString()));

        await ProblemAssert.NamesField(await rep.PostAsJsonAsync("/api/forecast/calls", new { year = 2024, quarter = 4, commit = 10m, bestCase = 5m }, Ct), "bestCase");
        await ProblemAssert.NamesField(await rep.PostAsJsonAsync("/api/forecast/calls", new { year = 2024, quarter = 9, commit = 10m, bestCase = 15m }, Ct), "quarter");
        await ProblemAssert.NamesField(await rep.GetAsync("/api/forecast/calls/week?year=2024&week=2024-10-01", Ct), "week");
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync("/api/forecast/calls", new { year = 2024, quarter = 4, commit = 1m, bestCase = 1m }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync("/api/forecast/calls?year=2024&quarter=4", Ct)).StatusCode);

        var accuracy = await director.GetFromJsonAsync<JsonElement>("/api/forecast/accuracy?year=2024", Ct);
        Assert.Contains(accuracy.GetProperty("calls").EnumerateArray(), c => c.GetProperty("scope").GetString() == "Company" && c.GetProperty("calls").GetInt32() == 39);
        Assert.Equal(6, accuracy.GetProperty("methods").GetArrayLength());
        await ProblemAssert.NamesField(await director.GetAsync("/api/forecast/accuracy?year=1999", Ct), "year");

        var collection = await director.GetFromJsonAsync<JsonElement>("/api/forecast/measure?measure=collection", Ct);
        Assert.Equal("Collection", collection.GetProperty("measure").GetString());
        Assert.Equal(15, collection.GetProperty("months").GetArrayLength());   // October 2023 – September 2024, then October – December
        Assert.True(collection.GetProperty("yearEstimate").GetDecimal() > collection.GetProperty("yearToDate").GetDecimal());
        await ProblemAssert.NamesField(await director.GetAsync("/api/forecast/measure?measure=planets", Ct), "measure");
        await ProblemAssert.NamesField(await director.GetAsync("/api/forecast/measure?measure=customers&method=magic", Ct), "method");
    }

    [Fact]
    public async Task Category_TheOwnerSetsIt_ClosedIsRefused_AndAStaleRevisionIsAConflict()
    {
        var director = await app.As("director");
        var pipeline = await director.GetFromJsonAsync<JsonElement>("/api/opportunities/pipeline?take=1", Ct);
        var card = pipeline.GetProperty("columns").EnumerateArray().SelectMany(c => c.GetProperty("cards").EnumerateArray()).First();
        var (id, revision) = (card.GetProperty("id").GetGuid(), card.GetProperty("revision").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await director.PutAsJsonAsync($"/api/opportunities/{id}/category", new { revision, category = "BestCase" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await director.PutAsJsonAsync($"/api/opportunities/{id}/category", new { revision, category = "Commit" }, Ct)).StatusCode);
        await ProblemAssert.NamesField(await director.PutAsJsonAsync($"/api/opportunities/{id}/category", new { revision = revision + 1, category = "Closed" }, Ct), "category");
        Assert.Equal(HttpStatusCode.BadRequest, (await director.PutAsJsonAsync($"/api/opportunities/{id}/category", new { revision = revision + 1, category = "Maybe" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await director.PutAsJsonAsync($"/api/opportunities/{id}/category", new { revision = revision + 1, category = (string?)null }, Ct)).StatusCode);
    }
}
