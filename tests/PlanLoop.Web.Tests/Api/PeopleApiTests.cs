using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PlanLoop.Web.Tests.Api;

public class PeopleApiTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task People_AreCreatedEditedAndDeactivated_WithFieldErrors_AndOnlyByThoseWhoKeepTheOrganisation()
    {
        var salesops = await app.As("salesops");
        var bad = await salesops.PostAsJsonAsync("/api/people", new { name = "周新", position = "宇航员", team = "NOPE", email = "no-at", manager = "没有这个人" }, Ct);
        var problem = await ProblemAssert.IsProblem(bad, HttpStatusCode.BadRequest);
        Assert.Equal(["email", "manager", "position", "team"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        await ProblemAssert.NamesField(await salesops.PostAsJsonAsync("/api/people", new { name = "" }, Ct), "Name");

        var created = await salesops.PostAsJsonAsync("/api/people", new { name = "周新", position = "客户经理", team = "SMB", region = "华东区", email = "zhou.xin@example.com", manager = "赵敏", externalId = "HR-0042" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal($"/api/people/{id}", created.Headers.Location!.ToString());
        var person = (await salesops.GetFromJsonAsync<JsonElement>("/api/people", Ct)).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal(("AccountExecutive", "SMB", "EAST", "赵敏", "HR-0042"), (person.GetProperty("position").GetString(), person.GetProperty("teamCode").GetString(),
            person.GetProperty("regionCode").GetString(), person.GetProperty("managerName").GetString(), person.GetProperty("externalId").GetString()));

        // The same e-mail or external id twice is refused; a manager loop too.
        await ProblemAssert.NamesField(await salesops.PostAsJsonAsync("/api/people", new { name = "周新二", email = "zhou.xin@example.com" }, Ct), "email");
        await ProblemAssert.NamesField(await salesops.PostAsJsonAsync("/api/people", new { name = "周新三", externalId = "HR-0042" }, Ct), "externalId");
        var boss = (await salesops.GetFromJsonAsync<JsonElement>("/api/people", Ct)).EnumerateArray().Single(p => p.GetProperty("name").GetString() == "赵敏").GetProperty("id").GetGuid();
        await ProblemAssert.NamesField(await salesops.PutAsJsonAsync($"/api/people/{boss}", new { name = "赵敏", position = "Manager", team = "SMB", manager = "HR-0042" }, Ct), "manager");

        Assert.Equal(HttpStatusCode.NoContent, (await salesops.PutAsJsonAsync($"/api/people/{id}", new { name = "周新", position = "ChannelManager", team = "CHANNEL", manager = "梁晨", externalId = "HR-0042" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await salesops.PutAsJsonAsync($"/api/people/{Guid.NewGuid()}", new { name = "谁" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await salesops.PostAsync($"/api/people/{id}/deactivate", null, Ct)).StatusCode);
        Assert.DoesNotContain((await salesops.GetFromJsonAsync<JsonElement>("/api/people", Ct)).EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        var all = (await salesops.GetFromJsonAsync<JsonElement>("/api/people?includeInactive=true", Ct)).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal(("ChannelManager", "梁晨", false), (all.GetProperty("position").GetString(), all.GetProperty("managerName").GetString(), all.GetProperty("isActive").GetBoolean()));

        var csv = await salesops.GetStringAsync("/api/people/export", Ct);
        Assert.StartsWith("姓名,邮箱,岗位,部门,区域,上级,外部编号,在职", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("周新,,渠道经理,CHANNEL,,梁晨,HR-0042,否", csv, StringComparison.Ordinal);

        // The master-data route names its kinds, and points people elsewhere.
        Assert.Equal(["kind 应为 region | productline | product | channel | team;人员请用 /api/people。"],
            await ProblemAssert.NamesField(await salesops.PutAsJsonAsync("/api/master-data/person/X", new { name = "谁", nameEn = "Who" }, Ct), "kind"));

        var rep = await app.As("rep");
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/api/people", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsJsonAsync("/api/people", new { name = "偷偷加人" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsync($"/api/people/{id}/activate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/people/export", Ct)).StatusCode);
    }

    [Fact]
    public async Task PeopleImport_ReadsAForeignFileWithAMappingAndASecondFile_AndAnswersProblemsAPersonCanRead()
    {
        var salesops = await app.As("salesops");
        static MultipartFormDataContent Form(string csv, string mapping, params (string Name, string Csv)[] others)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "agents.csv" }, { new StringContent(mapping), "mapping" } };
            foreach (var (name, text) in others) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "lookupFiles", name);
            return form;
        }
        const string agents = "agent,boss,office\nAda Api,赵敏,East\nBo Api,Ada Api,East\n";
        const string offices = "office,region\nEast,EAST\nWest,SOUTHWEST\n";
        const string map = """{"columns":{"name":"agent","manager":"boss"},"lookups":{"region":{"file":"offices.csv","key":"office","value":"region","by":"name"}},"constants":{"team":"SMB"}}""";

        // The lookup keys on the person's office, which is in the first file: looked up by a column, not a field, it is refused by name.
        var missing = await ProblemAssert.IsProblem(await salesops.PostAsync("/api/imports/people", Form(agents, map), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("offices.csv", missing.GetProperty("errors").EnumerateObject().Single().Value[0].GetString(), StringComparison.Ordinal);

        const string byOffice = """{"columns":{"name":"agent","manager":"boss","region":"office"},"values":{"region":{"East":"EAST"}},"constants":{"team":"SMB"}}""";
        var done = await salesops.PostAsync("/api/imports/people", Form(agents, byOffice), Ct);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = await done.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2, 2, 0), (result.GetProperty("rows").GetInt32(), result.GetProperty("written").GetInt32(), result.GetProperty("updated").GetInt32()));
        var bo = (await salesops.GetFromJsonAsync<JsonElement>("/api/people", Ct)).EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Bo Api");
        Assert.Equal(("Ada Api", "EAST", "SMB"), (bo.GetProperty("managerName").GetString(), bo.GetProperty("regionCode").GetString(), bo.GetProperty("teamCode").GetString()));

        // A lookup into a second file: the region of each person's office.
        const string withOffices = """{"columns":{"name":"agent"},"lookups":{"region":{"file":"offices.csv","key":"office","value":"region","by":"external_id"}},"constants":{"team":"SMB"},"values":{}}""";
        var looked = await salesops.PostAsync("/api/imports/people", Form("agent,external_id\nCy Api,West\n", withOffices, ("offices.csv", offices)), Ct);
        Assert.Equal(HttpStatusCode.OK, looked.StatusCode);
        var cy = (await salesops.GetFromJsonAsync<JsonElement>("/api/people", Ct)).EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Cy Api");
        Assert.Equal("SOUTHWEST", cy.GetProperty("regionCode").GetString());

        var bad = await ProblemAssert.IsProblem(await salesops.PostAsync("/api/imports/people", Form("agent,office\nDi Api,Mars\n", """{"columns":{"name":"agent","region":"office"}}"""), Ct),
            HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("agents.csv!office2", out _), bad.ToString());
        var first = bad.GetProperty("problems")[0];
        Assert.Equal(("agents.csv", 2, "office", "agents.csv, row 2, column office"),
            (first.GetProperty("file").GetString(), first.GetProperty("row").GetInt32(), first.GetProperty("column").GetString(), first.GetProperty("where").GetString()));
        await ProblemAssert.NamesField(await salesops.PostAsync("/api/imports/people", Form(agents, """{"dateFormat":"qq"}"""), Ct), "mapping");
        await ProblemAssert.NamesField(await salesops.PostAsync("/api/imports/people", Form(agents, "[1]"), Ct), "mapping");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("rep")).PostAsync("/api/imports/people", Form(agents, byOffice), Ct)).StatusCode);
    }

    [Fact]
    public async Task WinRatesAndTheBoard_AnswerByGroup_AndRefuseOutOfRangeInput()
    {
        var director = await app.As("director");
        var wins = await director.GetFromJsonAsync<JsonElement>("/api/opportunities/win-rates?from=2024-01-01&to=2024-09-30&by=team", Ct);
        var total = wins.GetProperty("total");
        Assert.Equal(total.GetProperty("won").GetInt32(), wins.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("won").GetInt32()));
        Assert.True(total.GetProperty("won").GetInt32() > 0);
        await ProblemAssert.NamesField(await director.GetAsync("/api/opportunities/win-rates?by=planet", Ct), "by");
        await ProblemAssert.NamesField(await director.GetAsync("/api/opportunities/win-rates?from=2024-09-01&to=2024-01-01", Ct), "to");

        var board = await director.GetFromJsonAsync<JsonElement>("/api/opportunities/pipeline?take=2", Ct);
        var column = board.GetProperty("columns").EnumerateArray().First(c => c.GetProperty("total").GetInt32() > 2);
        Assert.Equal((2, true), (column.GetProperty("cards").GetArrayLength(), column.GetProperty("cut").GetBoolean()));
        var stage = column.GetProperty("stage").GetProperty("code").GetString();
        var next = await director.GetFromJsonAsync<JsonElement>($"/api/opportunities/pipeline/{stage}?skip=2&take=2", Ct);
        Assert.Equal(column.GetProperty("total").GetInt32(), next.GetProperty("total").GetInt32());
        Assert.DoesNotContain(next.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()), id => column.GetProperty("cards").EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == id));
        await ProblemAssert.NamesField(await director.GetAsync("/api/opportunities/pipeline?take=0", Ct), "take");
        await ProblemAssert.NamesField(await director.GetAsync("/api/opportunities/pipeline?take=5000", Ct), "take");
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync("/api/opportunities/pipeline/NOPE", Ct)).StatusCode);

        var funnel = await director.GetFromJsonAsync<JsonElement>("/api/monitoring/funnel?year=2024", Ct);
        Assert.True(funnel.GetProperty("funnel").GetArrayLength() >= 5);
        await ProblemAssert.NamesField(await director.GetAsync("/api/monitoring/funnel?year=1900", Ct), "year");
    }
}
