using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Customers;

public sealed class AccountFilesTests
{
    // Valid codes (checked by CreditCode.CheckCharacter in the domain tests).
    static readonly string CodeA = Code("91310000MA1FL0000");
    static readonly string CodeB = Code("91440300MA5DC0000");

    static string Code(string first17) => first17 + CreditCode.CheckCharacter(first17);

    static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    static Viewer SalesOps => new("salesops", [Roles.SalesOps]);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_DryRunThenApply_CreatesAndUpdatesByCodeThenName(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        await Customers.Add(test, "上海华信科技有限公司", owner: "黄磊");
        var files = test.Get<AccountFiles>();
        var csv = $"名称,统一社会信用代码,行业,区域,员工人数,负责人,状态\n" +
                  $"上海 华信科技(有限公司),{CodeA},零售,EAST,320,张伟,客户\n" +
                  $"深圳远景物流有限公司,{CodeB},物流,华南区,80,,潜在客户\n";

        var dry = await files.Import(ImportKind.Accounts, Csv(csv), "accounts.csv", null, dryRun: true, SalesOps, ct);

        Assert.True(dry.Succeeded);
        Assert.False(dry.Applied);
        Assert.Equal((1, 1, 0), (dry.Count(RowAction.Create), dry.Count(RowAction.Update), dry.Count(RowAction.Unchanged)));
        var update = dry.Changes.Single(r => r.Action == RowAction.Update);
        Assert.Equal(2, update.Row);
        Assert.Contains($"统一社会信用代码: — → {CodeA}", update.Changes);
        Assert.Contains("负责人: 黄磊 → 张伟", update.Changes);
        Assert.Contains("员工人数: — → 320", update.Changes);
        await using (var db = test.NewContext()) Assert.Equal(1, await db.Accounts.CountAsync(ct));   // a dry run writes nothing

        var applied = await files.Import(ImportKind.Accounts, Csv(csv), "accounts.csv", null, dryRun: false, SalesOps, ct);
        Assert.True(applied.Applied);
        await using (var db = test.NewContext())
        {
            Assert.Equal(2, await db.Accounts.CountAsync(ct));
            var huaxin = await db.Accounts.SingleAsync(a => a.CreditCode == CodeA, ct);
            Assert.Equal(("上海 华信科技(有限公司)", "零售", 320, AccountStatus.Customer), (huaxin.Name, huaxin.Industry, huaxin.Employees!.Value, huaxin.Status));
        }

        // Importing the same file again changes nothing.
        var again = await files.Import(ImportKind.Accounts, Csv(csv), "accounts.csv", null, dryRun: false, SalesOps, ct);
        Assert.Equal((0, 0, 2), (again.Count(RowAction.Create), again.Count(RowAction.Update), again.Count(RowAction.Unchanged)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_WithAnyBadRow_WritesNothing_AndNamesRowAndColumn(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var files = test.Get<AccountFiles>();
        var bad = CodeA[..17] + (CodeA[17] == '0' ? '1' : '0');
        var csv = "名称,统一社会信用代码,区域,员工人数,负责人\n" +
                  "好客户有限公司,,EAST,100,张伟\n" +
                  $"坏代码有限公司,{bad},EAST,100,张伟\n" +
                  "未知区域有限公司,,火星,abc,无名氏\n" +
                  "好客户公司,,EAST,10,张伟\n";

        var result = await files.Import(ImportKind.Accounts, Csv(csv), "accounts.csv", null, dryRun: false, SalesOps, ct);

        Assert.False(result.Applied);
        Assert.Equal(
        [
            "accounts.csv!统一社会信用代码3", "accounts.csv!区域4", "accounts.csv!员工人数4", "accounts.csv!负责人4", "accounts.csv!名称5",
        ], result.Errors.Select(e => e.Cell));
        Assert.Contains("校验位", result.Errors[0].Message);
        Assert.Equal("与第 2 行是同一客户(名称规范化后相同)。", result.Errors[4].Message);
        await using var db = test.NewContext();
        Assert.Equal(0, await db.Accounts.CountAsync(ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_BrokenFileOrMissingColumn_IsOneClearError(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var files = test.Get<AccountFiles>();

        var broken = await files.Import(ImportKind.Accounts, new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]), "accounts.xlsx", null, false, SalesOps, ct);
        var missing = await files.Import(ImportKind.Accounts, Csv("Company,Code\n甲,\n"), "accounts.csv", null, false, SalesOps, ct);
        var wrongMap = await files.Import(ImportKind.Accounts, Csv("Company,Code\n甲,\n"), "accounts.csv", new Dictionary<string, string> { ["name"] = "公司" }, false, SalesOps, ct);

        Assert.StartsWith("无法读取 .xlsx 文件", Assert.Single(broken.Errors).Message);
        Assert.Equal("accounts.csv!名称1", Assert.Single(missing.Errors).Cell);
        Assert.Contains("文件的列: Company, Code", missing.Errors[0].Message);
        Assert.Contains("指向列 '公司'", Assert.Single(wrongMap.Errors).Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_WithASavedMapping_ReadsTheFilesOwnHeaders_AndContactsAndSurveysFollow(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var files = test.Get<AccountFiles>();
        var saved = await files.SaveMapping(ImportKind.Accounts, "ERP", new Dictionary<string, string> { ["name"] = "Company", ["creditCode"] = "USCC", ["owner"] = "Sales" }, Viewer.System, ct);
        Assert.True(saved.Succeeded);
        var mapping = await files.Mapping(ImportKind.Accounts, "ERP", ct);

        var accounts = await files.Import(ImportKind.Accounts, Csv($"Company,USCC,Sales\n杭州博达机械有限公司,{CodeA},张伟\n"), "erp.csv", mapping, false, SalesOps, ct);
        var contacts = await files.Import(ImportKind.Contacts, Csv($"客户,姓名,角色,层级,职务\n{CodeA},王总,决策者,1,总经理\n杭州博达机械,李工,使用者,3,工程师\n"), "contacts.csv", null, false, SalesOps, ct);
        var surveys = await files.Import(ImportKind.Surveys, Csv($"客户,联系人,类型,分数,日期\n{CodeA},王总,NPS,9,2024-06-01\n{CodeA},,CSAT,82,2024-06-01\n{CodeA},,NPS,11,2024-06-02\n"), "nps.csv", null, false, SalesOps, ct);

        Assert.True(accounts.Applied);
        Assert.True(contacts.Applied);
        Assert.Equal(2, contacts.Count(RowAction.Create));
        Assert.False(surveys.Applied);
        Assert.Equal("nps.csv,第 4 行,分数 列: NPS 评分应在 0 到 10 之间,实际为 11。", Assert.Single(surveys.Errors).ToString());
        await using var db = test.NewContext();
        var account = await db.Accounts.SingleAsync(ct);
        Assert.Equal(await Customers.Person(test, "张伟"), account.OwnerId);
        Assert.Equal([1, 3], await db.Contacts.OrderBy(c => c.Level).Select(c => c.Level).ToListAsync(ct));
        Assert.Equal(0, await db.SurveyAnswers.CountAsync(ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_ThenImport_RoundTripsUnchanged(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var files = test.Get<AccountFiles>();
        await files.Import(ImportKind.Accounts, Csv($"名称,统一社会信用代码,行业,区域,员工人数,营业收入,负责人,客户成功顾问,状态\n甲有限公司,{CodeA},零售,SOUTH,50,1234567.5,张伟,孔悦,客户\n乙有限公司,,,,,,,,潜在客户\n"), "a.csv", null, false, SalesOps, ct);

        foreach (var csv in new[] { true, false })
        {
            using var exported = new MemoryStream();
            Assert.Equal(2, await files.ExportAccounts(exported, new AccountQuery(), SalesOps, csv, ct));
            var back = await files.Import(ImportKind.Accounts, new MemoryStream(exported.ToArray()), csv ? "export.csv" : "export.xlsx", null, false, SalesOps, ct);
            Assert.True(back.Succeeded, string.Join("; ", back.Errors));
            Assert.Equal((0, 0, 2), (back.Count(RowAction.Create), back.Count(RowAction.Update), back.Count(RowAction.Unchanged)));
        }
    }
}
