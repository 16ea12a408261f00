using PlanLoop.Domain.Periods;

namespace PlanLoop.Domain.Tests.Periods;

public class FiscalCalendarTests
{
    static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void CalendarYear_QuartersAndMonths()
    {
        var cal = FiscalCalendar.Calendar;
        Assert.Equal((D(2024, 1, 1), D(2024, 12, 31)), (cal.Year(2024).Start, cal.Year(2024).End));
        Assert.Equal(366, cal.Year(2024).Days);
        Assert.Equal((D(2024, 4, 1), D(2024, 6, 30)), (cal.Quarter(2024, 2).Start, cal.Quarter(2024, 2).End));
        Assert.Equal((D(2024, 2, 1), D(2024, 2, 29)), (cal.Month(2024, 2).Start, cal.Month(2024, 2).End));
        Assert.Equal(12, cal.Months(2024).Count);
        Assert.Equal(cal.Year(2024).Days, cal.Quarters(2024).Sum(q => q.Days));
    }

    [Fact]
    public void AprilStart_FiscalYearSpansTwoCalendarYears()
    {
        var cal = new FiscalCalendar(4);
        var fy = cal.Year(2024);
        Assert.Equal((D(2024, 4, 1), D(2025, 3, 31)), (fy.Start, fy.End));
        Assert.Equal((D(2025, 1, 1), D(2025, 3, 31)), (cal.Quarter(2024, 4).Start, cal.Quarter(2024, 4).End));
        Assert.Equal(D(2025, 3, 1), cal.Month(2024, 12).Start);
    }

    [Theory]
    [InlineData(1, 2024, 2, 15, PeriodKind.Quarter, "FY2024-Q1")]
    [InlineData(1, 2024, 12, 31, PeriodKind.Month, "FY2024-M12")]
    [InlineData(4, 2025, 3, 31, PeriodKind.Year, "FY2024")]
    [InlineData(4, 2025, 3, 31, PeriodKind.Quarter, "FY2024-Q4")]
    [InlineData(4, 2024, 4, 1, PeriodKind.Month, "FY2024-M01")]
    [InlineData(7, 2024, 6, 30, PeriodKind.Month, "FY2023-M12")]
    public void PeriodOf_Date(int startMonth, int y, int m, int d, PeriodKind kind, string expected)
    {
        Assert.Equal(expected, new FiscalCalendar(startMonth).PeriodOf(D(y, m, d), kind).Code);
    }

    [Theory]
    [InlineData("FY2024", "FY2024")]
    [InlineData("fy2024-q3", "FY2024-Q3")]
    [InlineData("FY2024-M07", "FY2024-M07")]
    [InlineData("FY2024-Q5", null)]
    [InlineData("FY2024-M13", null)]
    [InlineData("2024", null)]
    [InlineData("FY20x4", null)]
    [InlineData("", null)]
    public void Parse(string code, string? expected)
    {
        Assert.Equal(expected, FiscalCalendar.Calendar.Parse(code)?.Code);
    }

    [Fact]
    public void ElapsedFraction_CountsWholeDaysInclusive()
    {
        var q1 = FiscalCalendar.Calendar.Quarter(2024, 1); // 91 days in a leap year
        Assert.Equal(0m, q1.ElapsedFraction(D(2023, 12, 31)));
        Assert.Equal(1m / 91m, q1.ElapsedFraction(D(2024, 1, 1)));
        Assert.Equal(1m, q1.ElapsedFraction(D(2024, 3, 31)));
        Assert.Equal(1m, q1.ElapsedFraction(D(2024, 7, 1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void StartMonth_OutOfRange_Throws(int month)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalCalendar(month));
    }
}
