using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class CustomersApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_StreamsEveryAccountInScope_AsTheImportsColumns()
    {
        var director = await app.As("director");
        var rep = await app.As("rep");
        var all = await director.GetAsync("/api/accounts/export?format=csv", Ct);
        var repTotal = (await rep.GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=1", Ct)).GetProperty("total").GetInt32();
        var mine = await (await rep.GetAsync("/api/accounts/export?format=csv", Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Equal("text/csv; charset=utf-8", all.Content.Headers.ContentType!.ToString());
        Assert.Equal("accounts.csv", all.Content.Headers.ContentDisposition!.FileName);
        var lines = (await all.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("名称,", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(1 + 1230, lines.Length);
        Assert.Equal(1 + repTotal, mine.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var contacts = await director.GetAsync("/api/contacts/export?format=xlsx", Ct);
        Assert.Equal(("contacts.xlsx", "PK"), (contacts.Content.Headers.ContentDisposition!.FileName, Encoding.ASCII.GetString((await contacts.Content.ReadAsByteArrayAsync(Ct))[..2])));
    }

    [Fact]
    public async Task List_ARepSeesOnlyTheirAccounts_ADirectorTheWholeDemo()
    {
        var rep = await (await app.As("rep")).GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=500", Ct);
        var director = await (await app.As("director")).GetFromJsonAsync<JsonElement>("/api/accounts?pageSize=10", Ct);

        Assert.Equal(1230, director.GetProperty("total").GetInt32());
        Assert.Equal("2024-09-30", director.GetProperty("asOf").GetString());
        var rows = rep.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rep.GetProperty("total").GetInt32(), rows.Count);
        Assert.InRange(rows.Count, 1, 200);
        Assert.All(rows, r => Assert.True(r.GetProperty("owner").GetString() == "张伟" || r.GetProperty("advisor").GetString() == "张伟"));
        // Sorted by purchases, largest first.
        var purchases = director.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("purchases").GetDecimal()).ToList();
        Assert.Equal(purchases.OrderDescending(), purchases);
    }

    [Fact]
    public async Task Detail_ExplainsHealthByComponent_AndIsNotFoundOutsideTheScope()
    {
        var director = await app.As("director");
        // An A account that 张伟 neither owns nor advises, so the rep's refusal below is always tried.
        var page = await director.GetFromJsonAsync<JsonElement>("/api/accounts?tier=A&pageSize=50", Ct);
        var other = page.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("owner").GetString() != "张伟" && r.GetProperty("advisor").GetString() != "张伟");
        var id = other.GetProperty("id").GetString();

        var detail = await director.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}", Ct);
        var components = detail.GetProperty("health").GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(["activity", "purchases", "satisfaction", "payment"], components.Select(c => c.GetProperty("name").GetString()));
        Assert.False(components[3].GetProperty("available").GetBoolean());
        Assert.Equal(detail.GetProperty("health").GetProperty("score").GetDecimal(), Math.Round(components.Sum(c => c.GetProperty("points").GetDecimal()), 2));
        Assert.InRange(detail.GetProperty("contacts").GetArrayLength(), 3, 5);
        Assert.Equal(4, detail.GetProperty("healthHistory").GetArrayLength());

        var rep = await app.As("rep");
        await ProblemAssert.IsProblem(await rep.GetAsync($"/api/accounts/{id}", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Roles_FinanceCannotEditAccounts_ARepCannotChangeTierRules()
    {
        var finance = await app.As("finance");
        await ProblemAssert.IsProblem(await finance.PostAsJsonAsync("/api/accounts", new { name = "财务建的客户" }, Ct), HttpStatusCode.Forbidden);
        var rep = await app.As("rep");
        var policy = new
        {
            aMinimumPurchase = 1m,
            cBelowPurchase = 0m,
            a = new { serviceModel = "x", accountsPerAdvisor = 1, cycleMinDays = 1, cycleMaxDays = 2 },
            b = new { serviceModel = "x", accountsPerAdvisor = 1, cycleMinDays = 1, cycleMaxDays = 2 },
            c = new { serviceModel = "x", accountsPerAdvisor = 1, cycleMinDays = 1, cycleMaxDays = 2 },
        };
        await ProblemAssert.IsProblem(await rep.PutAsJsonAsync("/api/customers/tier-policy", policy, Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await rep.PostAsync("/api/customers/refresh", null, Ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Satisfaction_ByQuarter_IsMeasuredAgainstThePlansTargets()
    {
        var client = await app.As("director");
        var report = await client.GetFromJsonAsync<JsonElement>("/api/customers/satisfaction?by=Quarter", Ct);

        Assert.Equal("2024-01-01", report.GetProperty("from").GetString());
        Assert.Equal(45m, report.GetProperty("npsTarget").GetProperty("target").GetDecimal());
        Assert.Equal(85m, report.GetProperty("satisfactionTarget").GetProperty("target").GetDecimal());
        var total = report.GetProperty("total");
        Assert.InRange(total.GetProperty("npsAnswers").GetInt32(), 500, 900);
        Assert.InRange(total.GetProperty("csatAverage").GetDecimal(), 78m, 82m);
        await ProblemAssert.NamesField(await client.GetAsync("/api/customers/satisfaction?from=2024-05-01&to=2024-01-01", Ct), "from");
    }
}

/// <summary>The API tests that add accounts, on their own demo database so the counts above stay exact.</summary>
public class CustomersApiEditTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Update_WithAStaleRevision_Is409_AndABadCreditCodeIs400()
    {
        var client = await app.As("salesops");
        var created = await client.PostAsJsonAsync("/api/accounts", new { name = "测试并发有限公司", industry = "零售" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var first = await client.PutAsJsonAsync($"/api/accounts/{id}", new { account = new { name = "测试并发有限公司", industry = "物流" }, revision = 1 }, Ct);
        var stale = await client.PutAsJsonAsync($"/api/accounts/{id}", new { account = new { name = "测试并发有限公司", industry = "能源" }, revision = 1 }, Ct);
        var badCode = await client.PutAsJsonAsync($"/api/accounts/{id}", new { account = new { name = "测试并发有限公司", creditCode = "123" }, revision = 2 }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var problem = await ProblemAssert.IsProblem(stale, HttpStatusCode.Conflict);
        Assert.Equal("The account was changed by someone else", problem.GetProperty("title").GetString());
        Assert.Equal(["统一社会信用代码应为 18 位,实际 3 位。"], await ProblemAssert.NamesField(badCode, "creditCode"));
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}", Ct);
        Assert.Equal("物流", detail.GetProperty("account").GetProperty("industry").GetString());
    }

    [Fact]
    public async Task Import_DryRunShowsTheRows_ABadFileIs400ByCell_AndNothingIsWritten()
    {
        var client = await app.As("salesops");
        static MultipartFormDataContent Form(string csv)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            form.Add(file, "file", "accounts.csv");
            form.Add(new StringContent("{\"name\":\"Company\"}"), "mapping");
            return form;
        }

        var dry = await client.PostAsync("/api/imports/accounts?dryRun=true", Form("Company,区域\n导入预演有限公司,EAST\n"), Ct);
        var bad = await client.PostAsync("/api/imports/accounts", Form("Company,区域\n导入失败有限公司,火星\n"), Ct);
        using var noFile = new MultipartFormDataContent { { new StringContent("{}"), "mapping" } };
        var none = await client.PostAsync("/api/imports/accounts", noFile, Ct);

        Assert.True(dry.StatusCode == HttpStatusCode.OK, await dry.Content.ReadAsStringAsync(Ct));
        var preview = await dry.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((true, false, 1, 0), (preview.GetProperty("dryRun").GetBoolean(), preview.GetProperty("applied").GetBoolean(), preview.GetProperty("rows").GetInt32(), preview.GetProperty("written").GetInt32()));
        var change = Assert.Single(preview.GetProperty("changes").EnumerateArray());
        Assert.Equal(("导入预演有限公司", "Create"), (change.GetProperty("key").GetString(), change.GetProperty("action").GetString()));
        Assert.Equal(["找不到区域 '火星'(按编码或名称)。"], await ProblemAssert.NamesField(bad, "accounts.csv!区域2"));
        await ProblemAssert.NamesField(none, "file");
        var found = await client.GetFromJsonAsync<JsonElement>("/api/accounts?search=导入", Ct);
        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ContactsActivitiesAndAnswers_AreValidatedByField_AndOutOfScopeIsNotFound()
    {
        var director = await app.As("director");
        var page = await director.GetFromJsonAsync<JsonElement>("/api/accounts?search=&ownerId=" + await PersonId(director, "黄磊") + "&pageSize=1", Ct);
        var id = page.GetProperty("rows")[0].GetProperty("id").GetString();

        var badLevel = await director.PostAsJsonAsync($"/api/accounts/{id}/contacts", new { name = "王经理", role = "Influencer", level = 9 }, Ct);
        var badScore = await director.PostAsJsonAsync($"/api/accounts/{id}/surveys", new { kind = "Nps", score = 11 }, Ct);
        var contact = await director.PostAsJsonAsync($"/api/accounts/{id}/contacts", new { name = "王经理", role = "Influencer", level = 2 }, Ct);
        var activity = await director.PostAsJsonAsync($"/api/accounts/{id}/activities", new { kind = "Visit", subject = "季度回访" }, Ct);
        var rep = await app.As("rep");
        var outOfScope = await rep.PostAsJsonAsync($"/api/accounts/{id}/activities", new { kind = "Call", subject = "不是我的客户" }, Ct);

        await ProblemAssert.NamesField(badLevel, "Level");
        Assert.Equal(["NPS 评分应在 0 到 10 之间,实际为 11。"], await ProblemAssert.NamesField(badScore, "score"));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (contact.StatusCode, activity.StatusCode));
        await ProblemAssert.IsProblem(outOfScope, HttpStatusCode.NotFound);
        var detail = await director.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}", Ct);
        Assert.Contains(detail.GetProperty("contacts").EnumerateArray(), c => c.GetProperty("name").GetString() == "王经理");
        Assert.Equal("季度回访", detail.GetProperty("activities")[0].GetProperty("subject").GetString());
    }

    static async Task<string> PersonId(HttpClient client, string name)
    {
        var org = await client.GetFromJsonAsync<JsonElement>("/api/organisation", Ct);
        return org.GetProperty("people").EnumerateArray().First(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;
    }
}
