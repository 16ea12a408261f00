using PlanLoop.Domain.Execution;

namespace PlanLoop.Domain.Tests.Execution;

public class WorkingCalendarTests
{
    static readonly WorkingCalendar China = new(ChinaHolidays.Official2024To2026);

    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2024-09-30", 3, "2024-10-10")]   // the National Day week does not count
    [InlineData("2024-09-27", 1, "2024-09-29")]   // Sunday 29 September 2024 was worked (调休)
    [InlineData("2024-04-30", 3, "2024-05-08")]   // May Day 1–5 off, then Mon 6, Tue 7, Wed 8
    [InlineData("2025-01-24", 2, "2025-01-27")]   // Sunday 26 January 2025 was worked, then Monday
    [InlineData("2025-09-30", 1, "2025-10-09")]   // National Day and Mid-Autumn together: 1–8 October 2025
    [InlineData("2026-02-13", 1, "2026-02-14")]   // Saturday 14 February 2026 is worked
    [InlineData("2026-02-13", 2, "2026-02-24")]   // the nine-day Spring Festival of 2026
    [InlineData("2026-12-31", 1, "2027-01-01")]   // 2027 is not shipped: only weekends are known there
    public void AddWorkingDays_CountsAcrossHolidaysAndMakeUpDays(string start, int days, string expected) =>
        Assert.Equal(D(expected), China.AddWorkingDays(D(start), days));

    [Theory]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void WorkingDaysInAYear_MatchTheOfficialArrangement(int year, int expected) =>
        Assert.Equal(expected, China.WorkingDaysBetween(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31)));

    [Fact]
    public void IsWorkingDay_WeekdayHolidayIsOff_WeekendMakeUpIsOn()
    {
        Assert.False(China.IsWorkingDay(D("2024-10-07")));   // Monday, National Day
        Assert.True(China.IsWorkingDay(D("2024-10-12")));    // Saturday, worked
        Assert.False(China.IsWorkingDay(D("2024-10-13")));   // an ordinary Sunday
        Assert.True(China.IsWorkingDay(D("2024-10-08")));    // an ordinary Tuesday
        Assert.Equal("国庆节", China.Exception(D("2024-10-12"))!.Name);
        Assert.Equal([2024, 2025, 2026], China.Years);
        Assert.False(China.Covers(D("2027-01-04")));
    }

    [Fact]
    public void WorkingDaysBetween_IsSignedAndExcludesTheStart()
    {
        Assert.Equal(17, China.WorkingDaysBetween(D("2024-02-01"), D("2024-02-29")));
        Assert.Equal(-17, China.WorkingDaysBetween(D("2024-02-29"), D("2024-02-01")));
        Assert.Equal(0, China.WorkingDaysBetween(D("2024-10-01"), D("2024-10-07")));
    }

    [Fact]
    public void Constructor_SameDateTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([new(D("2024-01-01"), CalendarDayKind.Holiday, "a"), new(D("2024-01-01"), CalendarDayKind.Holiday, "b")]));

    [Fact]
    public void SlaClock_FirstProposalWithinThreeWorkingDays_AtTheEdges()
    {
        // Entered 方案设计 on Friday 27 September 2024: Sunday 29 September is worked (1), Monday 30 (2),
        // then the National Day week, Tuesday 8 October (3) — the deadline.
        var clock = new SlaClock(D("2024-09-27"), 3);
        Assert.Equal(D("2024-10-08"), clock.Deadline(China));
        Assert.Equal(SlaState.OnTime, clock.State(China, D("2024-09-27")));
        Assert.Equal(SlaState.DueSoon, clock.State(China, D("2024-09-30")));    // one working day left: remind
        Assert.Equal(SlaState.DueSoon, clock.State(China, D("2024-10-08")));    // due today
        Assert.Equal(SlaState.Breached, clock.State(China, D("2024-10-09")));
        Assert.Equal(SlaState.Met, (clock with { Stopped = D("2024-10-08") }).State(China, D("2024-10-20")));
        Assert.Equal(SlaState.Breached, (clock with { Stopped = D("2024-10-09") }).State(China, D("2024-10-20")));
    }
}
