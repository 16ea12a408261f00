using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class CalendarApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WorkingDays_AcrossNationalDay_AndTheYearsExceptions()
    {
        var client = await app.As("rep");
        var answer = await client.GetFromJsonAsync<JsonElement>("/api/calendar/working-days?from=2024-09-27&days=3", Ct);
        var year = await client.GetFromJsonAsync<JsonElement>("/api/calendar/2024", Ct);

        Assert.Equal(("2024-10-08", true), (answer.GetProperty("date").GetString(), answer.GetProperty("covered").GetBoolean()));
        var sunday = year.EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2024-09-29");
        Assert.Equal(("MakeUpWorkday", "国庆节"), (sunday.GetProperty("kind").GetString(), sunday.GetProperty("name").GetString()));
        await ProblemAssert.NamesField(await client.GetAsync("/api/calendar/working-days?from=2024-09-27&days=-1", Ct), "days");
    }

    [Fact]
    public async Task Edit_ARepIsForbidden_AMakeUpDayOnAWeekdayIs400()
    {
        var rep = await app.As("rep");
        await ProblemAssert.IsProblem(await rep.PutAsJsonAsync("/api/calendar/2024-10-08", new { kind = "Holiday", name = "公司调整" }, Ct), HttpStatusCode.Forbidden);
        var salesops = await app.As("salesops");
        Assert.Equal(["2024-10-09 是工作日,不需要调休上班。"], await ProblemAssert.NamesField(await salesops.PutAsJsonAsync("/api/calendar/2024-10-09", new { kind = "MakeUpWorkday", name = "x" }, Ct), "kind"));
        await ProblemAssert.IsProblem(await salesops.DeleteAsync("/api/calendar/2024-03-05", Ct), HttpStatusCode.NotFound);
    }
}
