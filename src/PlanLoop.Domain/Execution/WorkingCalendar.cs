namespace PlanLoop.Domain.Execution;

public enum CalendarDayKind
{
    /// <summary>A day off although it may be a weekday (法定节假日 and the days moved next to it).</summary>
    Holiday,
    /// <summary>A working day although it is a weekend day (调休上班).</summary>
    MakeUpWorkday,
}

/// <summary>One exception to the Monday-to-Friday week, with the holiday it belongs to.</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// Working days: Monday to Friday, except the holidays, plus the weekend days worked in their place
/// (调休). SLA clocks count on it: "within 3 working days" of a Friday before the National Day week
/// ends after the holiday, and a make-up Sunday counts.
/// </summary>
public sealed class WorkingCalendar
{
    readonly Dictionary<DateOnly, CalendarDay> exceptions;

    public WorkingCalendar(IEnumerable<CalendarDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        exceptions = [];
        foreach (var day in days)
            if (!exceptions.TryAdd(day.Date, day))
                throw new ArgumentException($"{day.Date:yyyy-MM-dd} is listed twice.", nameof(days));
        Years = exceptions.Keys.Select(d => d.Year).Distinct().Order().ToList();
    }

    /// <summary>The years the calendar has holidays for; outside them only weekends are known.</summary>
    public IReadOnlyList<int> Years { get; }

    public bool Covers(DateOnly date) => Years.Contains(date.Year);

    public CalendarDay? Exception(DateOnly date) => exceptions.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date) => exceptions.TryGetValue(date, out var day)
        ? day.Kind == CalendarDayKind.MakeUpWorkday
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The day <paramref name="days"/> working days after <paramref name="start"/> (the start day itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
            if (IsWorkingDay(date)) count++;
        return count;
    }
}

public enum SlaState
{
    OnTime,
    /// <summary>The deadline is the next working day or today: time for the reminder.</summary>
    DueSoon,
    Breached,
    Met,
}

/// <summary>
/// An SLA clock on working days: started on a day, due <see cref="WorkingDays"/> working days later
/// (end of that day); met when stopped by then, breached when stopped later or still running after.
/// </summary>
public sealed record SlaClock(DateOnly Started, int WorkingDays, DateOnly? Stopped = null)
{
    public DateOnly Deadline(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(Started, WorkingDays);
    }

    public SlaState State(WorkingCalendar calendar, DateOnly today)
    {
        var deadline = Deadline(calendar);
        if (Stopped is { } stopped) return stopped <= deadline ? SlaState.Met : SlaState.Breached;
        if (today > deadline) return SlaState.Breached;
        return calendar.WorkingDaysBetween(today, deadline) <= 1 ? SlaState.DueSoon : SlaState.OnTime;
    }
}

/// <summary>The official mainland China holiday arrangements (国务院办公厅 notices) for 2024–2026, shipped as editable data.</summary>
public static class ChinaHolidays
{
    static IEnumerable<CalendarDay> Off(string name, string from, string to)
    {
        for (var d = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture); d <= DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture); d = d.AddDays(1))
            yield return new CalendarDay(d, CalendarDayKind.Holiday, name);
    }

    static IEnumerable<CalendarDay> Work(string name, params string[] dates) =>
        dates.Select(d => new CalendarDay(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture), CalendarDayKind.MakeUpWorkday, name));

    /// <summary>国办发明电〔2023〕7号 (2024), 〔2024〕12号 (2025) and the notice of 2025-11-04 (2026).</summary>
    public static IReadOnlyList<CalendarDay> Official2024To2026 { get; } =
    [
        // 2024
        .. Off("元旦", "2024-01-01", "2024-01-01"),
        .. Off("春节", "2024-02-10", "2024-02-17"), .. Work("春节", "2024-02-04", "2024-02-18"),
        .. Off("清明节", "2024-04-04", "2024-04-06"), .. Work("清明节", "2024-04-07"),
        .. Off("劳动节", "2024-05-01", "2024-05-05"), .. Work("劳动节", "2024-04-28", "2024-05-11"),
        .. Off("端午节", "2024-06-10", "2024-06-10"),
        .. Off("中秋节", "2024-09-15", "2024-09-17"), .. Work("中秋节", "2024-09-14"),
        .. Off("国庆节", "2024-10-01", "2024-10-07"), .. Work("国庆节", "2024-09-29", "2024-10-12"),
        // 2025
        .. Off("元旦", "2025-01-01", "2025-01-01"),
        .. Off("春节", "2025-01-28", "2025-02-04"), .. Work("春节", "2025-01-26", "2025-02-08"),
        .. Off("清明节", "2025-04-04", "2025-04-06"),
        .. Off("劳动节", "2025-05-01", "2025-05-05"), .. Work("劳动节", "2025-04-27"),
        .. Off("端午节", "2025-05-31", "2025-06-02"),
        .. Off("国庆节、中秋节", "2025-10-01", "2025-10-08"), .. Work("国庆节、中秋节", "2025-09-28", "2025-10-11"),
        // 2026
        .. Off("元旦", "2026-01-01", "2026-01-03"), .. Work("元旦", "2026-01-04"),
        .. Off("春节", "2026-02-15", "2026-02-23"), .. Work("春节", "2026-02-14", "2026-02-28"),
        .. Off("清明节", "2026-04-04", "2026-04-06"),
        .. Off("劳动节", "2026-05-01", "2026-05-05"), .. Work("劳动节", "2026-05-09"),
        .. Off("端午节", "2026-06-19", "2026-06-21"),
        .. Off("中秋节", "2026-09-25", "2026-09-27"),
        .. Off("国庆节", "2026-10-01", "2026-10-07"), .. Work("国庆节", "2026-09-20", "2026-10-10"),
    ];
}
