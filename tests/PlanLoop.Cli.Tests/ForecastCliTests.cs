using System.Globalization;

namespace PlanLoop.Cli.Tests;

public class ForecastCliTests
{
    [Fact]
    public async Task ForecastRun_OnTheDemo_BooksWhatTheReportBooks_AndRefusesAnUnknownCut()
    {
        using var cli = new CliRunner();
        await cli.Run("demo", "load");

        var (exit, output, _) = await cli.Run("forecast", "run", "--year", "2024");
        var east = await cli.Run("forecast", "run", "--year", "2024", "--by", "region", "--member", "EAST", "--method", "theta");
        var bad = await cli.Run("forecast", "run", "--by", "planet", "--member", "X");
        var noMember = await cli.Run("forecast", "run", "--by", "region");
        var deals = await cli.Run("forecast", "deals", "--top", "3");
        var tooMany = await cli.Run("forecast", "deals", "--top", "5000");
        var accuracy = await cli.Run("forecast", "accuracy", "--year", "2024");
        var collection = await cli.Run("forecast", "run", "--measure", "collection");
        var customers = await cli.Run("forecast", "run", "--measure", "customers");
        var measureWithCut = await cli.Run("forecast", "run", "--measure", "customers", "--by", "region", "--member", "EAST");
        var keepAgain = await cli.Run("forecast", "keep");
        var keepBad = await cli.Run("forecast", "keep", "--since", "2024-13");

        Assert.Equal(0, exit);
        Assert.Contains("2024 revenue, as of 2024-09-30: Combination", output, StringComparison.Ordinal);
        Assert.Contains("booked 105,210,900.00; year P10 ", output, StringComparison.Ordinal);   // the attainment report's total
        Assert.Contains("target 150,000,000.00: probability ", output, StringComparison.Ordinal);
        Assert.Equal(0, east.ExitCode);
        Assert.Contains("for region EAST", east.Out, StringComparison.Ordinal);
        Assert.Equal((2, 2), (bad.ExitCode, noMember.ExitCode));
        Assert.Contains("--member: Name the member", noMember.Error, StringComparison.Ordinal);
        Assert.Contains("pipeline: 44 open deals, 11,957,200.00, expected by December ", output, StringComparison.Ordinal);
        Assert.Equal(0, deals.ExitCode);
        Assert.StartsWith("as of 2024-09-30: learned model in use; fitted on 276 closed deals, 749 stage passages", deals.Out, StringComparison.Ordinal);
        Assert.Contains("model            0.2647    0.7259", deals.Out, StringComparison.Ordinal);
        Assert.Contains("stage default    0.3209    0.9092", deals.Out, StringComparison.Ordinal);
        Assert.Equal(3, deals.Out.Split('\n').Count(l => l.Contains(" in use ", StringComparison.Ordinal) && l.Contains(" pts", StringComparison.Ordinal)));
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Equal(0, accuracy.ExitCode);
        Assert.Contains("2024 forecast accuracy as of 2024-09-30", accuracy.Out, StringComparison.Ordinal);
        Assert.Matches(@"Company\s+39\s+3\s", accuracy.Out);
        Assert.Contains("methods on 33 months, the last 6 origins, up to 3 months ahead:", accuracy.Out, StringComparison.Ordinal);
        Assert.Equal(0, collection.ExitCode);
        Assert.StartsWith("collection by month, as of 2024-09-30: Combination", collection.Out, StringComparison.Ordinal);
        Assert.Contains("collected this year ", collection.Out, StringComparison.Ordinal);
        Assert.Contains("2024-12 ", customers.Out, StringComparison.Ordinal);
        Assert.Equal(2, measureWithCut.ExitCode);
        Assert.Contains("forecasts kept at each month's close, scored once their month closed:", accuracy.Out, StringComparison.Ordinal);
        Assert.Equal("0 forecast(s) kept at 2024-09-30 (kept already, or no history).", keepAgain.Out.Trim());   // the demo kept its month-ends
        Assert.Equal(2, keepBad.ExitCode);
    }

    [Fact]
    public async Task ForecastBenchmark_ScoresEachMethod_AndABrokenFileNamesItsRowAndColumn()
    {
        using var cli = new CliRunner();
        var good = Path.Combine(Path.GetDirectoryName(cli.Database)!, "series.csv");
        var broken = Path.Combine(Path.GetDirectoryName(cli.Database)!, "broken.csv");
        static string Row(string id, int shift) => string.Create(CultureInfo.InvariantCulture,
            $"{id},MICRO,MONTHLY,12,1990,1,6,\"{string.Join(' ', Enumerable.Range(0, 48).Select(t => 100 + shift + t + 10 * (t % 12 == 11 ? 1 : 0)))}\",\"{string.Join(' ', Enumerable.Range(48, 6).Select(t => 100 + shift + t))}\"");
        const string header = "series,type,period,frequency,start_year,start_period,h,train,test\n";
        await File.WriteAllTextAsync(good, header + Row("S1", 0) + "\n" + Row("S2", 50) + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(broken, header + "S1,MICRO,MONTHLY,12,1990,1,6,\"1 2 abc 4 5\",\"6\"\n", TestContext.Current.CancellationToken);

        var (exit, output, _) = await cli.Run("forecast", "benchmark", "--file", good);
        var bad = await cli.Run("forecast", "benchmark", "--file", broken);

        Assert.Equal(0, exit);
        Assert.Contains("2 series from series.csv", output, StringComparison.Ordinal);
        Assert.Equal(["SeasonalNaive", "Theta", "Damped", "Ets", "Arima", "Combination"], output.Split('\n').Skip(2).Where(l => l.Length > 0).Select(l => l.Split(' ')[0]));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("train", bad.Error, StringComparison.Ordinal);
        Assert.Contains("Observation 3 ('abc') is not a number.", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForecastFile_ForecastsAnExportedHistory_AndAGapIsNamedUnlessCountedAsZero()
    {
        using var cli = new CliRunner();
        var folder = Path.GetDirectoryName(cli.Database)!;
        var good = Path.Combine(folder, "history.csv");
        var gap = Path.Combine(folder, "gap.csv");
        // Three years of a seasonal series (December twice a normal month) with a steady rise.
        var rows = Enumerable.Range(0, 36).Select(t => string.Create(CultureInfo.InvariantCulture, $"{2021 + t / 12}-{t % 12 + 1:00},{(1000 + 10 * t) * (t % 12 == 11 ? 2 : 1)}"));
        await File.WriteAllTextAsync(good, "month,value\n" + string.Join('\n', rows) + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(gap, "month,value\n2023-01,5\n2023-03,7\n", TestContext.Current.CancellationToken);

        var (exit, output, _) = await cli.Run("forecast", "file", "--file", good, "--months", "12", "--method", "theta");
        var refused = await cli.Run("forecast", "file", "--file", gap);
        var zero = await cli.Run("forecast", "file", "--file", gap, "--missing", "zero", "--months", "2");
        var badMonths = await cli.Run("forecast", "file", "--file", good, "--months", "61");

        Assert.Equal(0, exit);
        Assert.Contains("history.csv: 36 months, 2021-01 to 2023-12; Theta (Theta (seasonally adjusted))", output, StringComparison.Ordinal);
        var december = output.Split('\n').Single(l => l.StartsWith("2024-12", StringComparison.Ordinal));
        var november = output.Split('\n').Single(l => l.StartsWith("2024-11", StringComparison.Ordinal));
        Assert.True(Amount(december) > 1.8m * Amount(november), december + " / " + november);   // the season is kept
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("gap.csv, row 3, column month: 2023-02 is missing between 2023-01 and 2023-03.", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, zero.ExitCode);
        Assert.Contains("counted as 0: 2023-02", zero.Out, StringComparison.Ordinal);
        Assert.Equal(2, badMonths.ExitCode);
    }

    static decimal Amount(string line) => decimal.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Number, CultureInfo.InvariantCulture);
}
