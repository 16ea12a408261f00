using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Execution;

namespace PlanLoop.Features.Execution.Data;

/// <summary>A stored exception to the working week; the official 2024–2026 arrangement is there from the migration on, and editable.</summary>
public sealed class StoredCalendarDay
{
    StoredCalendarDay() { Name = ""; }

    public StoredCalendarDay(CalendarDay day) : this()
    {
        ArgumentNullException.ThrowIfNull(day);
        Date = day.Date;
        Set(day.Kind, day.Name);
    }

    public DateOnly Date { get; private set; }
    public CalendarDayKind Kind { get; private set; }
    public string Name { get; private set; }

    public void Set(CalendarDayKind kind, string name)
    {
        Kind = kind;
        Name = name.Trim();
    }

    public CalendarDay ToDay() => new(Date, Kind, Name);
}

sealed class CalendarDayConfiguration : IEntityTypeConfiguration<StoredCalendarDay>
{
    public void Configure(EntityTypeBuilder<StoredCalendarDay> b)
    {
        b.ToTable("exe_calendar_days");
        b.HasKey(x => x.Date);
        b.Property(x => x.Name).HasMaxLength(60);
        b.HasData(ChinaHolidays.Official2024To2026.Select(d => new { d.Date, d.Kind, d.Name }));
    }
}
