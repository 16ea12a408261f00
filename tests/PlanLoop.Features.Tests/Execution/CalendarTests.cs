using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;

namespace PlanLoop.Features.Tests.Execution;

public sealed class CalendarTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheMigration_ShipsTheOfficialCalendar_AndAnEditChangesTheArithmetic(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.Create(provider);
        var calendar = test.Get<EditCalendar>();

        var shipped = await calendar.Load(ct);
        Assert.Equal(new DateOnly(2024, 10, 10), shipped.AddWorkingDays(new DateOnly(2024, 9, 30), 3));
        Assert.Equal(251, shipped.WorkingDaysBetween(new DateOnly(2023, 12, 31), new DateOnly(2024, 12, 31)));
        Assert.Equal(ChinaHolidays.Official2024To2026.Count(d => d.Date.Year == 2025), (await calendar.Year(2025, ct)).Count);

        // The company gives Tuesday 8 October 2024 off too, and no longer works Saturday 12 October.
        Assert.Empty((await calendar.Save(new DateOnly(2024, 10, 8), CalendarDayKind.Holiday, "公司调整", "salesops", ct)).Problems);
        Assert.True(await calendar.Remove(new DateOnly(2024, 10, 12), "salesops", ct));
        var edited = await calendar.Load(ct);
        Assert.Equal(new DateOnly(2024, 10, 11), edited.AddWorkingDays(new DateOnly(2024, 9, 30), 3));
        Assert.Equal(249, edited.WorkingDaysBetween(new DateOnly(2023, 12, 31), new DateOnly(2024, 12, 31)));

        var weekdayMakeUp = await calendar.Save(new DateOnly(2024, 10, 9), CalendarDayKind.MakeUpWorkday, "x", "salesops", ct);
        Assert.Equal(["kind"], weekdayMakeUp.Problems.Keys);
        Assert.False(await calendar.Remove(new DateOnly(2024, 3, 5), "salesops", ct));
        await using var db = test.NewContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Entity == "calendar", ct));
    }
}
