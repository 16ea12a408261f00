using System.Text;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Tests.Workbooks;

public sealed class CsvExportTests
{
    [Fact]
    public void TextThatASpreadsheetWouldRun_IsNeutralised_NumbersStayNumbers_AndTheExportImportsBack()
    {
        var bytes = TabularFile.Write("客户", ["名称", "备注", "金额"],
        [
            ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\",\"点我\")", -120.50m],
            ["+86 21 5555", "@SUM(A1)", 3m],
            ["-负号开头", "普通文本", 0m],
        ], csv: true);
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        Assert.Equal(
        [
            "名称,备注,金额",
            "'=cmd|' /C calc'!A0,\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",-120.50",
            "'+86 21 5555,'@SUM(A1),3",
            "'-负号开头,普通文本,0",
        ], lines);

        var errors = new List<WorkbookError>();
        var table = TabularFile.Read(new MemoryStream(bytes), "export.csv", errors);
        Assert.Empty(errors);
        Assert.Equal(["=cmd|' /C calc'!A0", "+86 21 5555", "-负号开头"], table!.Rows.Select(r => r["名称"]));
        Assert.Equal(["=HYPERLINK(\"http://x\",\"点我\")", "@SUM(A1)", "普通文本"], table.Rows.Select(r => r["备注"]));
        Assert.Equal(["-120.50", "3", "0"], table.Rows.Select(r => r["金额"]));
    }
}
