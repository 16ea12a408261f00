using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;

namespace PlanLoop.Web.Tests.Api;

public class MonitoringApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanVsActual_AddsUpAcrossEveryDimension_ExportsTheSameNumbers_AndDrillsToTheLines()
    {
        var director = await app.As("director");
        var byRegion = await director.GetFromJsonAsync<JsonElement>("/api/monitoring/plan-vs-actual?year=2024&by=region", Ct);
        var total = byRegion.GetProperty("total").GetProperty("actual").GetDecimal();
        Assert.Equal(105_210_900m, total);
        Assert.Equal(112_500_000m, byRegion.GetProperty("total").GetProperty("targetToDate").GetDecimal());
        foreach (var by in new[] { "month", "quarter", "productline", "channel", "team", "rep", "tier" })
        {
            var report = await director.GetFromJsonAsync<JsonElement>($"/api/monitoring/plan-vs-actual?year=2024&by={by}", Ct);
            Assert.Equal(total, report.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("actual").GetDecimal()));
        }

        var xlsx = await director.GetByteArrayAsync("/api/monitoring/plan-vs-actual?year=2024&by=region&then=quarter&format=xlsx", Ct);
        var sheet = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("TOTAL", sheet[^1]["Region"]);
        Assert.Equal(total, Convert.ToDecimal(sheet[^1]["actual"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(total, sheet.SkipLast(1).Sum(r => Convert.ToDecimal(r["actual"], System.Globalization.CultureInfo.InvariantCulture)));
        var csv = await director.GetStringAsync("/api/monitoring/plan-vs-actual?year=2024&by=region&format=csv", Ct);
        Assert.StartsWith("Region,name,actual,lines,customers,target_to_date,attainment,gap,annual_target", csv, StringComparison.Ordinal);

        var east = byRegion.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("a").GetString() == "EAST");
        var drill = await director.GetFromJsonAsync<JsonElement>("/api/monitoring/drill?year=2024&region=EAST&take=1000", Ct);
        Assert.Equal(east.GetProperty("lines").GetInt32(), drill.GetProperty("lines").GetArrayLength());
        Assert.Equal((east.GetProperty("lines").GetInt32(), east.GetProperty("actual").GetDecimal()), (drill.GetProperty("total").GetInt32(), drill.GetProperty("totalAmount").GetDecimal()));
        Assert.Equal(east.GetProperty("actual").GetDecimal(), drill.GetProperty("lines").EnumerateArray().Sum(d => d.GetProperty("amount").GetDecimal()));
        await ProblemAssert.NamesField(await director.GetAsync("/api/monitoring/drill?region=EAST&take=5000", Ct), "take");

        await ProblemAssert.NamesField(await director.GetAsync("/api/monitoring/plan-vs-actual?by=planet", Ct), "by");
        await ProblemAssert.NamesField(await director.GetAsync("/api/monitoring/plan-vs-actual?by=region&format=pdf", Ct), "format");
        await ProblemAssert.NamesField(await director.GetAsync("/api/monitoring/drill?planet=X", Ct), "planet");
        await ProblemAssert.NamesField(await director.GetAsync("/api/monitoring/plan-vs-actual?by=region&kpi=nps", Ct), "kpi");

        // The customer KPIs along a dimension: buyers per region against the plan's 1,100 on the total.
        var buyers = await director.GetFromJsonAsync<JsonElement>("/api/monitoring/plan-vs-actual?year=2024&by=region&kpi=customers", Ct);
        Assert.Equal("CustomerCount", buyers.GetProperty("kpi").GetString());
        Assert.Equal(1100m, buyers.GetProperty("total").GetProperty("targetToDate").GetDecimal());
        Assert.Equal(4, buyers.GetProperty("rows").GetArrayLength());   // 华东, 华南, 华北, 西南
        Assert.All(buyers.GetProperty("rows").EnumerateArray(), r => Assert.Equal(r.GetProperty("customers").GetInt32(), r.GetProperty("actual").GetDecimal()));
        var dealSize = await director.GetFromJsonAsync<JsonElement>("/api/monitoring/plan-vs-actual?year=2024&by=tier&kpi=deal-size", Ct);
        var whole = dealSize.GetProperty("total");
        Assert.Equal(Math.Round(total / whole.GetProperty("customers").GetInt32(), 2, MidpointRounding.AwayFromZero), whole.GetProperty("actual").GetDecimal());

        var dashboardBook = await director.GetByteArrayAsync("/api/monitoring/dashboard?year=2024&format=xlsx", Ct);
        Assert.Equal(["KPI", "Cumulative", "Q3 by region", "Product lines", "Channels"], MiniExcel.GetSheetNames(new MemoryStream(dashboardBook)));
        var kpis = new MemoryStream(dashboardBook).Query(useHeaderRow: true, sheetName: "KPI").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(total, Convert.ToDecimal(kpis.Single(k => (string?)k["kpi"] == "Revenue")["actual"], System.Globalization.CultureInfo.InvariantCulture));
        var regions = new MemoryStream(dashboardBook).Query(useHeaderRow: true, sheetName: "Q3 by region").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(17_500_000m, Convert.ToDecimal(regions.Single(r => (string?)r["region"] == "EAST")["quarter_target"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("kpi,target,actual", await director.GetStringAsync("/api/monitoring/dashboard?year=2024&format=csv", Ct), StringComparison.Ordinal);

        var variance = await director.GetFromJsonAsync<JsonElement>("/api/monitoring/variance?year=2024&by=region", Ct);
        var effects = variance.GetProperty("effects");
        Assert.Equal(total - 112_500_000m, effects.GetProperty("volume").GetDecimal() + effects.GetProperty("mix").GetDecimal() + effects.GetProperty("price").GetDecimal());
        var rep = await app.As("rep");
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync("/api/monitoring/variance?year=2024&by=region", Ct)).StatusCode);
        var own = await rep.GetFromJsonAsync<JsonElement>("/api/monitoring/dashboard?year=2024", Ct);
        var revenue = own.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == "Revenue").GetProperty("figures");
        Assert.True(revenue.GetProperty("actual").GetDecimal() < total);
        Assert.Equal(JsonValueKind.Null, revenue.GetProperty("target").ValueKind);
    }

    [Theory]
    [InlineData("by=region&then=region", "then", "then 应与 by 不同(都是 'region')。")]
    [InlineData("by=region&year=99999", "year", "year 应在 2000 到 2100 之间。")]
    public async Task PlanVsActual_ABreakdownByItself_OrAYearOutOfRange_Is400NamingTheParameter(string query, string field, string message)
    {
        var director = await app.As("director");
        Assert.Equal([message], await ProblemAssert.NamesField(await director.GetAsync($"/api/monitoring/plan-vs-actual?{query}", Ct), field));
    }
}
