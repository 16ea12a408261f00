using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using PlanLoop.Features.Planning;

namespace PlanLoop.Features.Tests.Planning;

public class PlanFilesTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<(TestDatabase Db, Guid Id)> Demo(DbProvider provider)
    {
        var db = await TestDatabase.CreateWithDemo(provider);
        return (db, await db.DemoPlanVersion());
    }

    /// <summary>The demo plan's workbook with one sheet changed by <paramref name="change"/> (rows as Excel shows them, header first).</summary>
    static MemoryStream Workbook(Func<string, List<Dictionary<string, object?>>, List<Dictionary<string, object?>>?> change)
    {
        var source = new MemoryStream(PlanWorkbook.Write(new PlanFile(DemoPlan.Name, 2024, "V9", DemoPlan.Kpis, DemoPlan.Breakdowns, DemoPlan.Levers, DemoPlan.Pyramid, DemoPlan.Goals)));
        var sheets = new Dictionary<string, object>();
        foreach (var name in MiniExcel.GetSheetNames(source))
        {
            source.Position = 0;
            var rows = source.Query(useHeaderRow: false, sheetName: name).Cast<IDictionary<string, object?>>()
                .Select(r => new Dictionary<string, object?>(r)).ToList();
            if (change(name, rows) is { } changed) sheets[name] = changed;
        }
        var output = new MemoryStream();
        output.SaveAs(sheets, printHeader: false);
        output.Position = 0;
        return output;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportThenImport_GivesAnIdenticalPlanAsTheNextVersion(DbProvider provider)
    {
        var (db, id) = await Demo(provider);
        await using var _ = db;
        var files = db.Get<PlanFiles>();

        var (name, content) = (await files.Export(id, Ct))!.Value;
        var imported = await files.Import(new MemoryStream(content), "salesops", Ct);

        Assert.Equal("2024年度销售计划-V1.0.xlsx", name);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        var original = (await db.Get<GetPlanVersion>().Handle(id, Ct))!;
        var copy = imported.Saved!;
        Assert.Equal((original.PlanId, 2, "V1.0", PlanStatus.Draft), (copy.PlanId, copy.Version.Number, copy.Version.Name, copy.Version.Status));
        Assert.Equal(original.Kpis, copy.Kpis);
        Assert.Equal(original.Breakdowns.Select(b => (b.Kpi, b.Dimension, b.Method)), copy.Breakdowns.Select(b => (b.Kpi, b.Dimension, b.Method)));
        Assert.Equal(original.Breakdowns.SelectMany(b => b.Parts), copy.Breakdowns.SelectMany(b => b.Parts));
        Assert.Equal(original.Levers, copy.Levers);
        Assert.Equal(original.Pyramid, copy.Pyramid);
        Assert.Equal(original.Goals, copy.Goals);
        Assert.Equal(original.Findings.Select(f => (f.Code, f.Message)), copy.Findings.Select(f => (f.Code, f.Message)));
    }

    [Fact]
    public void Read_Template_IsAnEmptyPlanThatNamesWhatIsMissing()
    {
        var (plan, errors) = PlanWorkbook.Read(new MemoryStream(PlanWorkbook.Template()));
        Assert.Null(plan);
        Assert.Equal(["计划,第 2 行,B 列: 不能为空。", "计划: 缺少 计划名称。"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_MissingSheet_NamesIt()
    {
        var (plan, errors) = PlanWorkbook.Read(Workbook((name, rows) => name == PlanWorkbook.KpiSheet ? null : rows));
        Assert.Null(plan);
        Assert.Equal("指标: 缺少工作表 '指标'。", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Read_TextInANumberCellAndANegativeShare_NameSheetRowAndColumn()
    {
        var (plan, errors) = PlanWorkbook.Read(Workbook((name, rows) =>
        {
            if (name == PlanWorkbook.KpiSheet) rows[1]["C"] = "一亿五";          // 销售额 目标
            if (name == PlanWorkbook.BreakdownSheet) rows[3]["E"] = -0.2;        // Q3 占比
            return rows;
        }));
        Assert.Null(plan);
        Assert.Equal(["指标,第 2 行,C 列: '一亿五' 不是数字。", "分解,第 4 行,E 列: -0.2 小于允许的最小值 0。"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_MissingColumn_NamesTheHeader()
    {
        var (_, errors) = PlanWorkbook.Read(Workbook((name, rows) =>
        {
            if (name == PlanWorkbook.BreakdownSheet) foreach (var r in rows) { r["E"] = r["F"]; r.Remove("F"); }
            return rows;
        }));
        Assert.Equal(["分解,第 1 行,E 列: 表头应为 '占比',实际为 '金额'(缺少或移动了列)。", "分解,第 1 行,F 列: 表头应为 '金额',实际为 ''(缺少或移动了列)。"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_UnknownCodeAndSharePercentWritten_SaysWhatIsAllowed()
    {
        var (_, errors) = PlanWorkbook.Read(Workbook((name, rows) =>
        {
            if (name == PlanWorkbook.BreakdownSheet) { rows[1]["B"] = "Country"; rows[2]["E"] = 24; }
            return rows;
        }));
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("分解,第 2 行,B 列: 'Country' 不是有效的值;可用: Quarter, Month, Region", errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("分解,第 3 行,E 列: 24 大于允许的最大值 1(比例用小数,20% 写 0.2)。", errors[1].ToString());
    }

    [Fact]
    public void Read_NotAnXlsx_SaysSo()
    {
        var (_, errors) = PlanWorkbook.Read(new MemoryStream("季度,金额\nQ1,3000"u8.ToArray()));
        Assert.StartsWith("文件: 不是有效的 .xlsx 文件", Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_BadFile_WritesNothing(DbProvider provider)
    {
        var (db, _) = await Demo(provider);
        await using var __ = db;
        var bad = Workbook((name, rows) =>
        {
            if (name == PlanWorkbook.GoalSheet) rows[1]["B"] = "abc";
            return rows;
        });

        var result = await db.Get<PlanFiles>().Import(bad, "salesops", Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("策略目标,第 2 行,B 列: 'abc' 不是数字。", Assert.Single(result.Errors).ToString());
        await using var context = db.NewContext();
        Assert.Equal(1, await context.PlanVersions.CountAsync(Ct));
        Assert.Equal(0, await context.AuditEntries.CountAsync(a => a.User == "salesops", Ct));   // the demo's approval is the director's
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_NewPlanName_CreatesThePlan_SameNameOtherYearIsRefused(DbProvider provider)
    {
        var (db, _) = await Demo(provider);
        await using var __ = db;
        var files = db.Get<PlanFiles>();
        var renamed = Workbook((name, rows) => { if (name == PlanWorkbook.PlanSheet) rows[1]["B"] = "2025年度销售计划"; if (name == PlanWorkbook.PlanSheet) rows[2]["B"] = 2025; return rows; });
        var wrongYear = Workbook((name, rows) => { if (name == PlanWorkbook.PlanSheet) rows[2]["B"] = 2025; return rows; });

        var created = await files.Import(renamed, "salesops", Ct);
        var refused = await files.Import(wrongYear, "salesops", Ct);

        Assert.Equal(("2025年度销售计划", 2025, 1), (created.Saved!.PlanName, created.Saved.FiscalYear, created.Saved.Version.Number));
        Assert.Equal("计划: 计划 '2024年度销售计划' 已存在,财年为 2024,文件写的是 2025。", Assert.Single(refused.Errors).ToString());
    }
}
