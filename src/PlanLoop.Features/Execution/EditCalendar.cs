using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution.Data;

namespace PlanLoop.Features.Execution;

/// <summary>
/// The working-day calendar that SLA clocks count on: the stored holidays and make-up working days
/// (the official mainland China arrangement for 2024–2026 ships with the first migration), listed
/// by year, edited one day at a time by SalesOps or an admin, every change audited.
/// </summary>
public sealed class EditCalendar(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public async Task<WorkingCalendar> Load(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        return new WorkingCalendar(days.Select(d => d.ToDay()));
    }

    public async Task<IReadOnlyList<CalendarDay>> Year(int year, CancellationToken ct)
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        await using var db = await dbs.CreateDbContextAsync(ct);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct);
        return days.Select(d => d.ToDay()).ToList();
    }

    /// <summary>Marks a day as a holiday or a make-up working day.</summary>
    public async Task<EditResult> Save(DateOnly date, CalendarDayKind kind, string? name, string user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60) errors["name"] = ["名称为 1 到 60 个字符(如“国庆节”)。"];
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (kind == CalendarDayKind.MakeUpWorkday && !weekend) errors["kind"] = [$"{date:yyyy-MM-dd} 是工作日,不需要调休上班。"];
        if (errors.Count > 0) return EditResult.Invalid(errors);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, ct);
        var before = day is null ? null : $"{day.Kind} {day.Name}";
        if (day is null) db.CalendarDays.Add(new StoredCalendarDay(new CalendarDay(date, kind, name!)));
        else day.Set(kind, name!);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user, "calendar", Guid.Empty, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), before, $"{kind} {name!.Trim()}"));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved();
    }

    /// <summary>Makes the day an ordinary day again; false when it was not an exception.</summary>
    public async Task<bool> Remove(DateOnly date, string user, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, ct);
        if (day is null) return false;
        db.CalendarDays.Remove(day);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user, "calendar", Guid.Empty, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"{day.Kind} {day.Name}", null));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
