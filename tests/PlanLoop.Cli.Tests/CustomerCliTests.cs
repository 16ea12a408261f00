namespace PlanLoop.Cli.Tests;

public class CustomerCliTests
{
    [Fact]
    public async Task ImportAccounts_WithMap_DryRunThenApply_AndABadFileWritesNothing()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");
        var good = Path.Combine(Path.GetDirectoryName(cli.Database)!, "erp.csv");
        await File.WriteAllTextAsync(good, "Company,Region,Sales\n命令行导入有限公司,EAST,张伟\n", TestContext.Current.CancellationToken);
        var bad = Path.Combine(Path.GetDirectoryName(cli.Database)!, "bad.csv");
        await File.WriteAllTextAsync(bad, "Company,Region,Sales\n坏行有限公司,火星,张伟\n", TestContext.Current.CancellationToken);

        var dry = await cli.Run("import", "accounts", good, "--map", "name=Company,region=Region", "--map", "owner=Sales", "--save-map", "ERP", "--dry-run");
        var apply = await cli.Run("import", "accounts", good, "--map-name", "ERP");
        var again = await cli.Run("import", "accounts", good, "--map-name", "ERP");
        var failed = await cli.Run("import", "accounts", bad, "--map-name", "ERP");

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("row 2: create 命令行导入有限公司", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run, nothing written: 1 to create, 0 to update, 0 unchanged.", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Imported: 1 created, 0 updated, 0 unchanged.", apply.Out, StringComparison.Ordinal);
        Assert.Contains("Imported: 0 created, 0 updated, 1 unchanged.", again.Out, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("bad.csv, row 2, column Region: 找不到区域 '火星'(按编码或名称)。", failed.Error, StringComparison.Ordinal);
        Assert.Contains("1 problem(s); nothing was imported.", failed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPeople_WithAMappingFileAndASecondFile_ThenExportThemAndReportWinRates()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");
        var folder = Path.GetDirectoryName(cli.Database)!;
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(folder, "agents.csv"), "agent,boss,office\nAda Cli,赵敏,E\nBo Cli,Ada Cli,W\n", ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "offices.csv"), "office,region\nE,EAST\nW,SOUTHWEST\n", ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "map.json"),
            """{"columns":{"name":"agent","manager":"boss"},"lookups":{"region":{"file":"offices.csv","key":"office","value":"region","by":"external_id"}},"constants":{"team":"SMB"}}""", ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "map-by-office.json"), """{"columns":{"name":"agent","manager":"boss","external_id":"office"},"lookups":{"region":{"file":"offices.csv","key":"office","value":"region","by":"external_id"}}}""", ct);

        var missing = await cli.Run("import", "people", Path.Combine(folder, "agents.csv"), "--mapping-file", Path.Combine(folder, "map.json"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("offices.csv", missing.Error, StringComparison.Ordinal);
        var done = await cli.Run("import", "people", Path.Combine(folder, "agents.csv"), "--mapping-file", Path.Combine(folder, "map-by-office.json"), "--lookup-file", Path.Combine(folder, "offices.csv"));
        Assert.Equal(0, done.ExitCode);
        Assert.Contains("Imported 2 people row(s) (0 updated)", done.Out, StringComparison.Ordinal);
        Assert.Contains("100% of agents.csv", done.Error, StringComparison.Ordinal);

        var export = Path.Combine(folder, "people.csv");
        Assert.Equal(0, (await cli.Run("export", "people", "--out", export)).ExitCode);
        var lines = await File.ReadAllLinesAsync(export, ct);
        Assert.Contains("Bo Cli,,客户经理,,SOUTHWEST,Ada Cli,W,是", lines);
        Assert.Contains("Ada Cli,,客户经理,,EAST,赵敏,E,是", lines);

        await File.WriteAllTextAsync(Path.Combine(folder, "products.csv"), "编码,名称,英文名称,产品线,层级,毛利率,目录价\nCLI-P,命令行产品,CLI product,CORE-A,,,1200\nCLI-Q,坏产品,Bad,NOPE,,,1\n", ct);
        var badProducts = await cli.Run("import", "master-data", Path.Combine(folder, "products.csv"), "--kind", "product");
        Assert.Equal(1, badProducts.ExitCode);
        Assert.Contains("products.csv, row 3, column D: There is no product line 'NOPE'.", badProducts.Error, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(folder, "products.csv"), "编码,名称,英文名称,产品线,层级,毛利率,目录价\nCLI-P,命令行产品,CLI product,CORE-A,,,1200\n", ct);
        var products = await cli.Run("import", "master-data", Path.Combine(folder, "products.csv"), "--kind", "product");
        Assert.Equal((0, "Imported: 1 from products.csv."), (products.ExitCode, products.Out.Trim()));
        Assert.Equal(0, (await cli.Run("export", "master-data", "--out", Path.Combine(folder, "master.xlsx"))).ExitCode);
        Assert.True(new FileInfo(Path.Combine(folder, "master.xlsx")).Length > 1000);

        var rates = await cli.Run("report", "win-rates", "--by", "team", "--from", "2024-01-01", "--to", "2024-09-30", "--format", "csv");
        Assert.Equal(0, rates.ExitCode);
        var table = rates.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("team,qualify,proposal,negotiation,open_amount,won,won_amount,lost,win_rate,avg_cycle_days", table[0].TrimEnd('\r'));
        Assert.StartsWith("TOTAL,", table[^1], StringComparison.Ordinal);
        Assert.Equal(2, (await cli.Run("report", "win-rates", "--by", "planet")).ExitCode);
    }

    [Theory]
    [InlineData("import", "accounts", "no-such-file.csv")]
    [InlineData("import", "leads", "x.csv")]
    [InlineData("health", "recompute", "--as-of", "30/09/2024")]
    public async Task BadUsage_ExitsTwo(params string[] args)
    {
        using var cli = new CliRunner();
        var (exit, _, _) = await cli.Run(args);
        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task HealthRecompute_Twice_ChangesNoTierTheSecondTime()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");

        var first = await cli.Run("health", "recompute", "--as-of", "2024-12-31");
        var second = await cli.Run("health", "recompute", "--as-of", "2024-12-31");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("1230/1230 accounts", first.Error, StringComparison.Ordinal);
        Assert.Matches(@"2024-12-31 │ 1230\s+│ \d+\s+│", first.Out);
        Assert.Matches(@"2024-12-31 │ 1230\s+│ 0\s+│ 0\s+│", second.Out);
    }
}
