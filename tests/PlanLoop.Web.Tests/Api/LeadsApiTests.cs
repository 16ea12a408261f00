using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class LeadsApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Funnel_OfTheDemo_IsBelowThePlansFortyPercent()
    {
        var client = await app.As("director");
        var funnel = await client.GetFromJsonAsync<JsonElement>("/api/leads/funnel?by=Source", Ct);

        var total = funnel.GetProperty("total");
        Assert.Equal(1800, total.GetProperty("leads").GetInt32());
        Assert.Equal(0.40m, funnel.GetProperty("target").GetDecimal());
        var rate = total.GetProperty("qualifiedRate").GetDecimal();
        Assert.InRange(rate, 0.25m, 0.39m);
        Assert.Equal(total.GetProperty("qualified").GetInt32() / (decimal)total.GetProperty("worked").GetInt32(), rate);
        Assert.Equal(6, funnel.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task List_ARepSeesOnlyTheirLeads_FinanceCannotCreate()
    {
        var rep = await (await app.As("rep")).GetFromJsonAsync<JsonElement>("/api/leads?pageSize=500", Ct);
        Assert.InRange(rep.GetProperty("rows").GetArrayLength(), 1, 499);   // some, not all
        Assert.All(rep.GetProperty("rows").EnumerateArray(), r => Assert.Equal("张伟", r.GetProperty("owner").GetString()));
        var finance = await app.As("finance");
        await ProblemAssert.IsProblem(await finance.PostAsJsonAsync("/api/leads", new { company = "x", contactName = "y", source = "Website", channel = "Online" }, Ct), HttpStatusCode.Forbidden);
    }
}

/// <summary>The lead tests that add leads, on their own demo database so the demo's counts above stay exact.</summary>
public class LeadsApiEditTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Moves_AClosedLeadIs422WithItsRule_AStaleRevision409_AMissingReasonIs422()
    {
        var client = await app.As("salesops");
        var created = await client.PostAsJsonAsync("/api/leads", new { company = "接口测试线索有限公司", contactName = "李经理", source = "Event", channel = "Offline" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var noReason = await client.PostAsJsonAsync($"/api/leads/{id}/disqualify", new { revision = 1 }, Ct);
        var qualified = await client.PostAsJsonAsync($"/api/leads/{id}/qualify", new { revision = 1 }, Ct);
        var stale = await client.PostAsJsonAsync($"/api/leads/{id}/disqualify", new { revision = 1, reason = "无预算" }, Ct);
        var closed = await client.PostAsJsonAsync($"/api/leads/{id}/disqualify", new { revision = 2, reason = "无预算" }, Ct);
        var converted = await client.PostAsJsonAsync($"/api/leads/{id}/convert", new { revision = 2 }, Ct);

        Assert.Equal("disqualify-reason-required", (await ProblemAssert.IsProblem(noReason, HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.NoContent, qualified.StatusCode);
        await ProblemAssert.IsProblem(stale, HttpStatusCode.Conflict);
        Assert.Equal("lead-closed", (await ProblemAssert.IsProblem(closed, HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        var account = (await converted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}", Ct);
        Assert.Equal("接口测试线索有限公司", detail.GetProperty("account").GetProperty("name").GetString());
        Assert.Equal("李经理", detail.GetProperty("contacts")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Convert_ARepsLeadNamedLikeSomeoneElsesAccount_Is422AndWritesNothing_AManagerAbovePicksItUp()
    {
        var rep = await app.As("rep");
        var director = await app.As("director");
        var mine = (await rep.GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=500", Ct)).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        var other = (await director.GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=500", Ct)).GetProperty("rows").EnumerateArray().First(r => !mine.Contains(r.GetProperty("id").GetString()));
        var (otherId, otherName) = (other.GetProperty("id").GetString(), other.GetProperty("name").GetString());
        async Task<(int Contacts, int Deals)> Counts()
        {
            var detail = await director.GetFromJsonAsync<JsonElement>($"/api/accounts/{otherId}", Ct);
            return (detail.GetProperty("contacts").GetArrayLength(), detail.GetProperty("opportunities").GetArrayLength());
        }
        var before = await Counts();

        var created = await rep.PostAsJsonAsync("/api/leads", new { company = otherName, contactName = "冒名联系人", source = "Website", channel = "Online" }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await rep.PostAsJsonAsync($"/api/leads/{id}/qualify", new { revision = 1 }, Ct)).StatusCode);
        var refused = await ProblemAssert.IsProblem(await rep.PostAsJsonAsync($"/api/leads/{id}/convert", new { revision = 2 }, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("account-outside-scope", refused.GetProperty("rule").GetString());
        Assert.Equal(before, await Counts());

        // The director sees every account: converting the same lead attaches it to the existing account, as intended.
        var converted = await director.PostAsJsonAsync($"/api/leads/{id}/convert", new { revision = 2 }, Ct);
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        Assert.Equal(otherId, (await converted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());
        Assert.Equal((before.Contacts + 1, before.Deals + 1), await Counts());
    }

    [Fact]
    public async Task ARepGivesLeadsOnlyToThemselves_AManagerToTheirTeam()
    {
        var director = await app.As("director");
        var people = (await director.GetFromJsonAsync<JsonElement>("/api/people", Ct)).EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("id").GetString());
        var lead = (string owner) => new { company = $"分配测试{Guid.NewGuid():N}"[..12], contactName = "王经理", source = "Website", channel = "Online", ownerId = people[owner] };

        var rep = await app.As("rep");   // 张伟, in 李志强's team
        Assert.Equal(["只能把线索分给自己。"], await ProblemAssert.NamesField(await rep.PostAsJsonAsync("/api/leads", lead("李志强"), Ct), "ownerId"));
        Assert.Equal(HttpStatusCode.Created, (await rep.PostAsJsonAsync("/api/leads", lead("张伟"), Ct)).StatusCode);

        var manager = await app.As("manager");   // 李志强
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/leads", lead("张伟"), Ct)).StatusCode);
        Assert.Equal(["只能把线索分给自己或本团队的成员。"], await ProblemAssert.NamesField(await manager.PostAsJsonAsync("/api/leads", lead("赵敏"), Ct), "ownerId"));
        Assert.Equal(HttpStatusCode.Created, (await director.PostAsJsonAsync("/api/leads", lead("赵敏"), Ct)).StatusCode);
    }
}
