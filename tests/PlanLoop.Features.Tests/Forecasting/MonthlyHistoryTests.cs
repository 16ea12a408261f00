using System.Text;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Tests.Forecasting;

/// <summary>A monthly history exported by another system: gaps, duplicates and bad cells are named by row and column; nothing is read from a broken file.</summary>
public class MonthlyHistoryTests
{
    static (MonthlySeries? Series, List<WorkbookError> Errors) Read(string csv, MissingMonths missing = MissingMonths.Refuse)
    {
        var errors = new List<WorkbookError>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return (MonthlyHistory.Read(stream, "history.csv", missing, errors), errors);
    }

    [Fact]
    public void MonthsInAnyOrderAndForm_AreOneSeriesWithoutGaps()
    {
        var (series, errors) = Read("月份,金额\n2023年3月,130\n2023-01,100\n2023/2,\"1,120.5\"\n2023-04-01,-5\n");

        Assert.Empty(errors);
        Assert.Equal(new DateOnly(2023, 1, 1), series!.First);
        Assert.Equal(new DateOnly(2023, 4, 1), series.Last);
        Assert.Equal([100, 1120.5, 130, -5], series.Values);
        Assert.Empty(series.Filled);
    }

    [Fact]
    public void AMissingMonth_IsRefusedNamingTheGap_OrCountedAsZeroWhenAsked()
    {
        const string csv = "month,value\n2023-01,100\n2023-02,120\n2023-06,130\n2023-07,90\n";

        var (refused, errors) = Read(csv);
        var (zero, none) = Read(csv, MissingMonths.Zero);

        Assert.Null(refused);
        var error = Assert.Single(errors);
        Assert.Equal((4, "month"), (error.Row, error.Column));
        Assert.Equal("2023-03 to 2023-05 (3 months) are missing between 2023-02 and 2023-06. Add the month(s), or count missing months as 0.", error.Message);
        Assert.Empty(none);
        Assert.Equal([100, 120, 0, 0, 0, 130, 90], zero!.Values);
        Assert.Equal([new DateOnly(2023, 3, 1), new DateOnly(2023, 4, 1), new DateOnly(2023, 5, 1)], zero.Filled);
    }

    [Fact]
    public void BadCells_DuplicatesAndMissingColumns_AreNamedByRowAndColumn()
    {
        var (series, errors) = Read("month,value\n2023-01,100\n2023-13,5\n2023-02,abc\n2023-01,7\n");
        var (_, noValue) = Read("month,revenue_total\n2023-01,100\n");
        var (_, empty) = Read("month,value\n");
        var (_, tooLong) = Read("month,value\n1950-01,1\n2024-01,2\n", MissingMonths.Zero);

        Assert.Null(series);
        Assert.Equal([(3, "month", "'2023-13' is not a month (2023-04, 2023/4, 2023-04-01 or 2023年4月)."), (4, "value", "'abc' is not a number (at most 10^15 in size)."), (5, "month", "2023-01 is also on row 2: one value per month.")],
            errors.Select(e => (e.Row, e.Column, e.Message)));
        Assert.Equal("value", Assert.Single(noValue).Column);
        Assert.Equal("The file has no months.", Assert.Single(empty).Message);
        Assert.Equal("From 1950-01 to 2024-01 is 889 months; at most 600.", Assert.Single(tooLong).Message);
    }
}
