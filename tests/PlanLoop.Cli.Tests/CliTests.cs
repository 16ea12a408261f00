using System.Text.Json;

namespace PlanLoop.Cli.Tests;

public class CliTests
{
    [Fact]
    public async Task DemoLoad_Twice_SecondAddsNothing()
    {
        using var cli = new CliRunner();
        var first = await cli.Run("demo", "load");
        var second = await cli.Run("demo", "load");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("19019 record(s) added", first.Out, StringComparison.Ordinal);
        Assert.Matches(@"accounts\s+│ 1230 ", first.Out);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 record(s) added", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAttainment_PrintsThePlanVsActualAsCsv_AndRefusesBadDimensions()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");

        var (exit, output, _) = await cli.Run("report", "attainment", "--by", "region", "--period", "2024", "--format", "csv");
        var bad = await cli.Run("report", "attainment", "--by", "planet");
        var notRevenue = await cli.Run("report", "attainment", "--by", "region", "--kpi", "nps");
        var customers = await cli.Run("report", "attainment", "--by", "region", "--kpi", "customers", "--period", "2024", "--format", "csv");
        var collection = await cli.Run("report", "attainment", "--by", "quarter", "--kpi", "collection", "--period", "2024", "--format", "csv");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("region,actual,target_to_date,attainment,gap,annual_target", lines[0]);
        Assert.Equal(["EAST", "SOUTH", "NORTH", "SOUTHWEST", "TOTAL"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.StartsWith("TOTAL,105210900,", lines[^1], StringComparison.Ordinal);
        Assert.Equal(105_210_900m, lines.Skip(1).SkipLast(1).Sum(l => decimal.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((2, 2), (bad.ExitCode, notRevenue.ExitCode));

        var buyers = customers.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("region,actual,target_to_date,attainment,gap,annual_target,customers", buyers[0]);
        var total = buyers[^1].Split(',');
        Assert.Equal(("TOTAL", "1100"), (total[0], total[2]));
        Assert.Equal(total[1], total[6]);
        var money = collection.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["quarter,due,received,rate,target", "Q1", "Q2", "Q3", "TOTAL"], money.Select((l, i) => i == 0 ? l : l.Split(',')[0]));
        Assert.Equal("TOTAL,23099640,19673845,85.2%,92.0%", money[^1]); // each node counts what came in by the end of its own quarter; the total by 30 September
    }

    [Fact]
    public async Task PlanCheck_SeedPlanAsJson_ListsTheFindingsAndExitsOneForErrors()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");

        var (exit, output, _) = await cli.Run("plan", "check", "--plan", "2024年度销售计划", "--format", "json");

        Assert.Equal(1, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2024年度销售计划", json.GetProperty("plan").GetProperty("name").GetString());
        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(
            ["PARTS_SUM", "SHARES_SUM", "CUBE_MARGINALS", "STRATEGY_CONFLICT", "STRATEGY_CONFLICT", "GROWTH", "CHANNEL_CAPACITY", "HEADCOUNT", "CAPACITY_UNKNOWN", "CAPACITY_UNKNOWN", "BLENDED_MARGIN"],
            findings.Select(f => f.GetProperty("code").GetString()));
        Assert.Equal("按季度分解合计 1.44亿,与年度目标 1.5亿 相差 -600万。", findings[0].GetProperty("message").GetString());
        Assert.Equal("breakdowns/Revenue/Quarter", findings[0].GetProperty("path").GetString());
        Assert.Equal(144_000_000m, findings[0].GetProperty("figures").GetProperty("sum").GetDecimal());
    }

    [Fact]
    public async Task PlanCheck_Text_SummarisesErrorsAndWarnings()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");

        var (exit, output, _) = await cli.Run("plan", "check");

        Assert.Equal(1, exit);
        Assert.Contains("2024年度销售计划 V1.0 (Approved): 3 error(s), 5 warning(s), 3 info", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan", "check", "--plan", "no-such-plan")]
    [InlineData("plan", "check", "--format", "xml")]
    [InlineData("no-such-command")]
    [InlineData("users", "add", "bob")]
    public async Task BadUsage_ExitsTwo(params string[] args)
    {
        using var cli = new CliRunner();
        await cli.Run("db", "migrate");
        var (exit, _, error) = await cli.Run(args);
        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task UsersAdd_FirstAdminThenDuplicate_OneThenFails()
    {
        using var cli = new CliRunner();
        var created = await cli.Run("users", "add", "alice", "--role", "Admin", "--password", "Secret-2024");
        var duplicate = await cli.Run("users", "add", "alice", "--role", "Rep", "--password", "Secret-2024");

        Assert.Equal(0, created.ExitCode);
        Assert.Contains("User alice created", created.Out, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("userName: A user named 'alice' already exists.", duplicate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_ALoginForAPerson_IsListed_ThenDisabled_AndTheLastAdminStays()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");
        var created = await cli.Run("users", "add", "zhouting", "--role", "Rep", "--password", "Secret-2024", "--person", "周婷");
        var unknown = await cli.Run("users", "add", "ghost", "--role", "Rep", "--password", "Secret-2024", "--person", "Nobody Here");
        Assert.Equal(0, created.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("person: 找不到人员 'Nobody Here'", unknown.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await cli.Run("users", "disable", "zhouting")).ExitCode);
        var list = await cli.Run("users", "list");
        var line = list.Out.Split('\n').Single(l => l.Contains("zhouting", StringComparison.Ordinal));
        Assert.Contains("周婷", line, StringComparison.Ordinal);
        Assert.Contains("disabled", line, StringComparison.Ordinal);
        Assert.Equal(1, (await cli.Run("users", "disable", "nobody")).ExitCode);
        var lastAdmin = await cli.Run("users", "disable", "admin");
        Assert.Equal((1, "This is the last administrator who can sign in; it cannot be disabled."), (lastAdmin.ExitCode, lastAdmin.Error.Trim()));
    }
}

public class CliPlanFileTests
{
    [Fact]
    public async Task ExportThenImport_AddsVersionTwo_AndCheckFileReadsTheWorkbookWithoutImporting()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");
        var file = Path.Combine(Path.GetDirectoryName(cli.Database)!, "plan.xlsx");

        var exported = await cli.Run("plan", "export", "--plan", "2024年度销售计划", "--out", file);
        var checkedFile = await cli.Run("plan", "check", "--file", file, "--format", "json");
        var imported = await cli.Run("plan", "import", file);

        Assert.Equal(0, exported.ExitCode);
        Assert.True(File.Exists(file));
        Assert.Equal(1, checkedFile.ExitCode);
        var json = JsonDocument.Parse(checkedFile.Out).RootElement;
        Assert.Equal("plan.xlsx", json.GetProperty("plan").GetProperty("file").GetString());
        Assert.Equal(11, json.GetProperty("findings").GetArrayLength());
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("Imported 2024年度销售计划 V1.0 as version 2", imported.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NotAWorkbook_ExitsTwoAndNamesTheProblem()
    {
        using var cli = new CliRunner();
        var file = Path.Combine(Path.GetDirectoryName(cli.Database)!, "plan.xlsx");
        await File.WriteAllTextAsync(file, "not a workbook", TestContext.Current.CancellationToken);

        var (exit, _, error) = await cli.Run("plan", "import", file);

        Assert.Equal(2, exit);
        Assert.Contains("文件: 不是有效的 .xlsx 文件", error, StringComparison.Ordinal);
    }
}
