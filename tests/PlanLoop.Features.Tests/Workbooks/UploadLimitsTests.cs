using System.Text;
using MiniExcelLibs;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Tests.Workbooks;

/// <summary>Files that would make the server hold gigabytes or work for minutes are refused before a row is read, with the limit named.</summary>
public sealed class UploadLimitsTests
{
    static MemoryStream Xlsx(string cell)
    {
        var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object> { ["名称"] = cell } });
        stream.Position = 0;
        return stream;
    }

    static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void AnXlsxThatExpandsAThousandfold_IsRefusedAsAZipBomb_BeforeItIsParsed()
    {
        // 30 million characters of one letter: 30 KB compressed, the kind of cell that took 5 GB of server memory.
        using var bomb = Xlsx(new string('A', 30_000_000));
        Assert.True(bomb.Length < 1_000_000);
        var errors = new List<WorkbookError>();
        Assert.Null(TabularReader.Open(bomb, "bomb.xlsx", errors));
        var error = Assert.Single(errors);
        Assert.True(error.Message.Contains("疑似压缩炸弹", StringComparison.Ordinal), error.Message);
        Assert.StartsWith("文件中的 xl/worksheets/sheet1.xml 从 ", error.Message, StringComparison.Ordinal);
        Assert.Contains(" 字节展开为 30,000,", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" 字节,超过 1:100 的上限(疑似压缩炸弹)。", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACellLongerThanExcelAllows_IsRefused_InAnXlsxAndInACsv()
    {
        var random = new Random(7);
        var text = new string(Enumerable.Range(0, 40_000).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());   // does not compress: only the cell check sees it
        var errors = new List<WorkbookError>();
        Assert.Null(TabularFile.Read(Xlsx(text), "long.xlsx", errors));
        Assert.Equal("文件中有一个单元格长 32,768 个字符,超过 32,767 个字符的上限(Excel 自身的上限)。", Assert.Single(errors).Message);

        errors.Clear();
        Assert.Null(TabularFile.Read(Csv($"名称\nok\n{text}\n"), "long.csv", errors));
        var row = Assert.Single(errors);
        Assert.Equal(3, row.Row);
        Assert.Equal("第 3 行无法读取: 第 1 列的单元格长 40,000 个字符,超过 32,767 个字符的上限。", row.Message);

        errors.Clear();
        Assert.Null(TabularFile.Read(Csv($"名称\na\nb\n\"{new string('x', 300_000)}\"\n"), "huge.csv", errors));
        Assert.Equal((4, "第 4 行超过 262,144 个字符的上限(一个单元格最多 32,767 个字符)。"), (Assert.Single(errors).Row, errors[0].Message));
        errors.Clear();
        Assert.Null(TabularFile.Read(Csv($"名称\n\"{new string('x', 300_000)}\"\n"), "huge.csv", errors));
        Assert.Equal("表头或第一行数据超过 262,144 个字符的上限(最多 500 列,一个单元格最多 32,767 个字符)。", Assert.Single(errors).Message);
    }

    [Fact]
    public void TwentyThousandColumns_AreRefusedAtTheHeader_ForStreamedAndWholeTableImports()
    {
        var header = string.Join(',', Enumerable.Range(1, 20_000).Select(i => $"c{i}"));
        var errors = new List<WorkbookError>();
        Assert.Null(TabularReader.Open(Csv(header + "\n1\n"), "wide.csv", errors));
        Assert.Equal(("wide.csv", 1, "文件有 20,000 列,超过 500 列的上限;请只导出需要的列。"), (errors[0].Sheet, errors[0].Row, errors[0].Message));
        errors.Clear();
        Assert.Null(TabularFile.Read(Csv(header + "\n1\n"), "wide.csv", errors));
        Assert.Single(errors);
    }

    [Fact]
    public void AWholeTableImport_StopsAtItsRowLimit_AndAnOrdinaryFileReadsAsBefore()
    {
        var errors = new List<WorkbookError>();
        var table = TabularFile.Read(Csv("名称,行业\n\"上海华信, 科技\",制造业\n\n杭州远景,\n"), "ok.csv", errors);
        Assert.Empty(errors);
        Assert.Equal(["名称", "行业"], table!.Headers);
        Assert.Equal([(2, "上海华信, 科技", "制造业"), (4, "杭州远景", null)], table.Rows.Select(r => (r.Number, r["名称"], r["行业"])));

        var many = new StringBuilder("名称\n");
        for (var i = 0; i <= UploadLimits.MaxTableRows; i++) many.Append('a').Append(i).Append('\n');
        Assert.Null(TabularFile.Read(Csv(many.ToString()), "many.csv", errors));
        Assert.Equal((200_002, "文件超过 200,000 行的上限;请分几个文件导入。"), (Assert.Single(errors).Row, errors[0].Message));
    }
}
