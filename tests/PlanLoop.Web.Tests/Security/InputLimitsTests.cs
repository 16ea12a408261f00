using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Security;

/// <summary>Limits every request body has, whichever route it goes to (found by the fuzz run as 500s before).</summary>
public sealed class InputLimitsTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("7.9e27", "The value is outside ±922,337,203,685,477.")]
    [InlineData("12.34567", "The value has more than four decimals.")]
    [InlineData("\"abc\"", "A number is expected.")]
    public async Task AFigureTheDatabaseCannotHoldExactly_Is400NamingTheField_AndNothingIsSaved(string value, string message)
    {
        var ct = TestContext.Current.CancellationToken;
        var director = await app.As("director");
        var before = (await director.GetFromJsonAsync<JsonElement>("/api/customers/health-model", ct)).GetRawText();
        var body = $"{{\"activityWeight\": {value}, \"purchaseWeight\": 1, \"satisfactionWeight\": 1, \"paymentWeight\": 1, \"healthyFrom\": 70, \"watchFrom\": 40, \"activityNormA\": 4, \"activityNormB\": 2, \"activityNormC\": 1}}";

        Assert.Equal([message], await ProblemAssert.NamesField(await director.PutAsync("/api/customers/health-model", Json(body), ct), "activityWeight"));
        Assert.Equal(before, (await director.GetFromJsonAsync<JsonElement>("/api/customers/health-model", ct)).GetRawText());
    }

    [Fact]
    public async Task AnActivityNormOfTwoBillion_Is400NamingTheField()
    {
        var ct = TestContext.Current.CancellationToken;
        var director = await app.As("director");
        var body = "{\"activityWeight\": 1, \"purchaseWeight\": 1, \"satisfactionWeight\": 1, \"paymentWeight\": 1, \"healthyFrom\": 70, \"watchFrom\": 40, \"activityNormA\": 2147483647, \"activityNormB\": 2, \"activityNormC\": 1}";
        Assert.Equal(["活动基准应在 0 到 1000 之间(每月活动次数)。"], await ProblemAssert.NamesField(await director.PutAsync("/api/customers/health-model", Json(body), ct), "activityNormA"));
    }

    [Fact]
    public async Task ATextLongerThanAWorkbookCell_Is400NamingTheField()
    {
        var ct = TestContext.Current.CancellationToken;
        var rep = await app.As("rep");
        var body = JsonSerializer.Serialize(new { company = new string('字', 32_768) });
        Assert.Equal(["A text is at most 32,767 characters (this one has 32,768)."],
            await ProblemAssert.NamesField(await rep.PostAsync("/api/leads", Json(body), ct), "company"));
    }

    [Fact]
    public async Task AMappingWithTextThatIsNotUnicode_Is400_Not500()
    {
        var ct = TestContext.Current.CancellationToken;
        var salesops = await app.As("salesops");
        var response = await salesops.PutAsync("/api/imports/accounts/mappings/broken", Json("{\"name\":\"\\ud800\"}"), ct);
        Assert.Equal(["The mapping has a text that is not valid Unicode."], await ProblemAssert.NamesField(response, "mapping"));
    }
}
