using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Execution;

public sealed class ExportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Orders_ExportInTheImportsLayout_AndImportBackToTheSameLinesAndSum(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        decimal sum;
        int count;
        await using (var db = test.NewContext())
            (count, sum) = (await db.OrderLines.CountAsync(ct), await db.OrderLines.SumAsync(o => o.Amount, ct));

        var csv = new MemoryStream();
        var rows = await test.Get<ExportOrders>().Handle(csv, csv: true, null, null, Viewer.System, null, ct);
        var text = Encoding.UTF8.GetString(csv.ToArray()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(count, rows);
        Assert.Equal(count + 1, lines.Length);
        Assert.Equal("订单号,下单日期,客户,金额,产品,产品线,区域,渠道,负责人,合同号", lines[0]);
        Assert.Equal(sum, lines.Skip(1).Sum(l => decimal.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)));
        // Oldest first.
        Assert.Equal(lines.Skip(1).Select(l => l.Split(',')[1]).Order(StringComparer.Ordinal), lines.Skip(1).Select(l => l.Split(',')[1]));

        var xlsx = new MemoryStream();
        await test.Get<ExportOrders>().Handle(xlsx, csv: false, new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31), Viewer.System, null, ct);
        var sheet = new MemoryStream(xlsx.ToArray()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        await using (var db = test.NewContext())
            Assert.Equal(await db.OrderLines.CountAsync(o => o.BookedOn >= new DateOnly(2024, 1, 1) && o.BookedOn <= new DateOnly(2024, 3, 31), ct), sheet.Count);
        Assert.All(sheet, r => Assert.StartsWith("2024-0", (string)r["下单日期"]!, StringComparison.Ordinal));

        // Everything gone, then the export imported back: the same lines and the same sum, to the fen.
        await using (var db = test.NewContext()) await db.OrderLines.ExecuteDeleteAsync(ct);
        csv.Position = 0;
        var back = await test.Get<ImportOrders>().Handle(csv, "orders.csv", null, dryRun: false, Viewer.System, null, ct);
        Assert.True(back.Applied, string.Join("; ", back.Errors));
        await using (var db = test.NewContext())
            Assert.Equal((count, sum), (await db.OrderLines.CountAsync(ct), await db.OrderLines.SumAsync(o => o.Amount, ct)));
    }
}
