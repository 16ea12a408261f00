using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Execution.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Tests.Execution;

public sealed class ImportTests
{
    static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Orders_AreBookedByTheBulkPath_WithDefaultsFromTheAccount_AndAnAliasMapsAnErpName(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var huaxin = await Customers.Customers.Add(test, "上海华信科技有限公司", owner: "张伟");
        var boda = await Customers.Customers.Add(test, "苏州博达机械有限公司", owner: "黄磊");
        var salesops = await test.Get<GetViewer>().Handle("salesops", [Roles.SalesOps], ct);
        var import = test.Get<ImportOrders>();
        // The ERP calls 博达 "博达机械(苏州)": unknown until an alias is saved.
        const string file = "单号,日期,客户名称,金额,产品,渠道,销售\n" +
                            "ERP-1,2024-09-02,上海华信科技有限公司,\"120,000.50\",A-PACK,DIRECT,\n" +
                            "ERP-1,2024-09-02,上海 华信科技(有限公司),30000,A-SAAS,直销团队,\n" +
                            "ERP-2,2024/9/15,博达机械(苏州),88000,核心产品A 标准产品包,AGENT,周婷\n";
        var mapping = new Dictionary<string, string> { ["order_number"] = "单号", ["booked_on"] = "日期", ["account"] = "客户名称", ["owner"] = "销售" };

        var unknown = await import.Handle(Csv(file), "erp.csv", mapping, dryRun: false, salesops, null, ct);
        Assert.False(unknown.Applied);
        var error = Assert.Single(unknown.Errors);
        Assert.Equal(("erp.csv", 4, "客户名称"), (error.Sheet, error.Row, error.Column));
        Assert.Equal([new UnknownValue(AliasKind.Account, "博达机械(苏州)", 1, 4)], unknown.Unknown);
        await using (var db = test.NewContext()) Assert.Equal(0, await db.OrderLines.CountAsync(o => o.OrderNumber.StartsWith("ERP-"), ct));

        Assert.Empty((await test.Get<EditAliases>().Save(AliasKind.Account, "博达机械(苏州)", "苏州博达机械有限公司", "salesops", ct)).Problems);
        var dry = await import.Handle(Csv(file), "erp.csv", mapping, dryRun: true, salesops, null, ct);
        Assert.Equal((true, false, 3, 0, 0), (dry.Succeeded, dry.Applied, dry.Rows, dry.Written, dry.ErrorCount));
        var done = await import.Handle(Csv(file), "erp.csv", mapping, dryRun: false, salesops, null, ct);
        Assert.Equal((true, 3, 3), (done.Applied, done.Rows, done.Written));

        await using (var db = test.NewContext())
        {
            var lines = await db.OrderLines.Where(o => o.OrderNumber.StartsWith("ERP-")).OrderBy(o => o.Amount).ToListAsync(ct);
            var people = await db.People.ToDictionaryAsync(p => p.Name, p => p.Id, ct);
            var east = await db.Regions.Where(r => r.Code == "EAST").Select(r => r.Id).SingleAsync(ct);
            var coreA = await db.ProductLines.Where(l => l.Code == "CORE-A").Select(l => l.Id).SingleAsync(ct);
            Assert.Equal([30_000m, 88_000m, 120_000.50m], lines.Select(l => l.Amount));
            // Owner and region default to the account's; the product gives the product line; the alias found 博达.
            Assert.Equal([(huaxin, people["张伟"]), (boda, people["周婷"]), (huaxin, people["张伟"])], lines.Select(l => (l.AccountId, l.OwnerId!.Value)));
            Assert.All(lines, l => Assert.Equal((east, coreA), (l.RegionId!.Value, l.ProductLineId!.Value)));
            Assert.Equal(new DateOnly(2024, 9, 15), lines[1].BookedOn);
        }

        // Next month's export: the same three lines again (skipped, nothing booked twice) and one new order.
        var next = file + "ERP-3,2024-10-08,上海华信科技有限公司,5000,,,\n";
        var again = await import.Handle(Csv(next), "erp.csv", mapping, dryRun: false, salesops, null, ct);
        Assert.Equal((true, 4, 1), (again.Applied, again.Rows, again.Written));
        Assert.Equal("3 行已导入过(从第 2 行起:订单号与内容都相同),已跳过。", Assert.Single(again.Notes));
        await using (var db = test.NewContext()) Assert.Equal(4, await db.OrderLines.CountAsync(o => o.OrderNumber.StartsWith("ERP-"), ct));

        // An order booked before whose amount the ERP changed, and a line added to it, are refused; a booked order is not changed by an import.
        var changed = file.Replace("ERP-2,2024/9/15,博达机械(苏州),88000", "ERP-2,2024/9/15,博达机械(苏州),88500", StringComparison.Ordinal) + "ERP-1,2024-09-02,上海华信科技有限公司,1,,,\n";
        var refused = await import.Handle(Csv(changed), "erp.csv", mapping, dryRun: false, salesops, null, ct);
        Assert.Equal([(4, "单号"), (5, "单号")], refused.Errors.Select(e => (e.Row, e.Column)));
        Assert.StartsWith("订单号 ERP-2 已在 PlanLoop 中,这一行与已导入的行不同", refused.Errors[0].Message, StringComparison.Ordinal);
        await using (var db = test.NewContext()) Assert.Equal(4, await db.OrderLines.CountAsync(o => o.OrderNumber.StartsWith("ERP-"), ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BrokenOrderFiles_NameEveryBadCell_AndWriteNothing(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        await Customers.Customers.Add(test, "上海华信科技有限公司", owner: "张伟");
        var finance = await test.Get<GetViewer>().Handle("finance", [Roles.Finance], ct);
        var import = test.Get<ImportOrders>();
        const string file = "订单号,下单日期,客户,金额,产品,产品线,区域,渠道,负责人\n" +
                            "OK-1,2024-09-02,上海华信科技有限公司,1000,,,,,\n" +
                            "BAD-1,2024-13-02,上海华信科技有限公司,0,,,,,\n" +
                            "BAD-2,2024-09-02,上海华信科技有限公司,10.005,A-PACK,GROWTH-B,火星区,NOPE,无名氏\n" +
                            ",2024-09-02,,1,,,,,\n";

        var result = await import.Handle(Csv(file), "bad.csv", null, dryRun: false, finance, null, ct);

        Assert.False(result.Applied);
        Assert.Equal([(3, "下单日期", "'2024-13-02' 不是日期(应为 2024-09-30 这样的格式;其他格式可在映射中用 dateFormat 指定)。"), (3, "金额", "金额不能为 0。"),
                      (4, "金额", "金额 10.005 超过两位小数(精确到分);可在映射中选择四舍六入五成双(rounding: half-even)。"), (4, "产品线", "产品 'A-PACK' 不属于产品线 'GROWTH-B'。"), (4, "区域", "找不到区域 '火星区'。"),
                      (4, "渠道", "找不到渠道 'NOPE'(按编码、名称或别名)。"), (4, "负责人", "找不到人员 '无名氏'(按姓名、邮箱、外部编号或别名);可先导入人员,或保存为某位已有人员的别名。"),
                      (5, "订单号", "不能为空。"), (5, "客户", "不能为空。")],
            result.Errors.Select(e => (e.Row, e.Column, e.Message)));
        await using (var db = test.NewContext()) Assert.Equal(0, await db.OrderLines.CountAsync(o => o.OrderNumber == "OK-1", ct));

        var missing = await import.Handle(Csv("订单号,金额\nX,1\n"), "short.csv", null, dryRun: false, finance, null, ct);
        Assert.Equal(["下单日期", "客户"], missing.Errors.Select(e => e.Column));
        var notAFile = await import.Handle(new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0x00]), "broken.xlsx", null, dryRun: false, finance, null, ct);
        Assert.StartsWith("无法读取 .xlsx 文件", Assert.Single(notAFile.Errors).Message);
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], ct);
        Assert.Equal("import-not-allowed", (await Assert.ThrowsAsync<RuleException>(() => import.Handle(Csv(file), "x.csv", null, false, rep, null, ct))).Rule);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Payments_AreMatchedToContractNodes_NeverPastANodesAmount_AndNeverTwice(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var account = await Customers.Customers.Add(test, "上海华信科技有限公司", owner: "张伟");
        await using (var db = test.NewContext())
        {
            var product = await db.Products.SingleAsync(p => p.Code == "A-PACK", ct);
            var c = new Contract("HT-IMP-1", account, null, null, null, "STD", 1, [new OpportunityLine(product.Id, 1m, 100_000m, 0m)], new DateOnly(2024, 9, 1));
            c.Submit(ApprovalPolicy.Default, new DateOnly(2024, 9, 1));
            c.Sign(new DateOnly(2024, 9, 2));
            db.Contracts.Add(c);
            db.Instalments.AddRange(new Instalment(c.Id, 1, "预付款", new DateOnly(2024, 9, 2), 30_000m), new Instalment(c.Id, 2, "上线款", new DateOnly(2024, 11, 1), 70_000m));
            await db.SaveChangesAsync(ct);
        }
        var finance = await test.Get<GetViewer>().Handle("finance", [Roles.Finance], ct);
        var import = test.Get<ImportPayments>();
        const string good = "合同号,付款节点,回款日期,金额,回单号\n" +
                            "HT-IMP-1,预付款,2024-09-05,20000,B-1\n" +
                            "HT-IMP-1,1,2024-09-10,10000,B-2\n" +
                            "HT-IMP-1,上线款,2024-09-20,35000.5,B-3\n";
        var done = await import.Handle(Csv(good), "bank.csv", null, dryRun: false, finance, null, ct);
        Assert.Equal((true, 3), (done.Applied, done.Written));

        const string bad = "合同号,付款节点,回款日期,金额,回单号\n" +
                           "HT-IMP-1,预付款,2024-09-05,20000,B-1\n" +     // already recorded
                           "HT-IMP-1,上线款,2024-09-25,34999.51,B-4\n" +   // 0.01 past the node's open 34,999.50
                           "HT-IMP-1,尾款,2024-09-25,1,B-5\n" +
                           "HT-IMP-1,上线款,2024-08-30,1,B-6\n" +
                           "HT-NOPE,1,2024-09-25,1,B-7\n" +
                           "HT-IMP-1,上线款,2024-09-26,1,B-8\n";          // fine on its own, but the file fails as a whole
        var refused = await import.Handle(Csv(bad), "bank2.csv", null, dryRun: false, finance, null, ct);
        Assert.False(refused.Applied);
        Assert.Equal([(2, "回单号"), (3, "金额"), (4, "付款节点"), (5, "回款日期"), (6, "合同号")], refused.Errors.Select(e => (e.Row, e.Column)));
        Assert.Equal("合同 HT-IMP-1: 回款 34999.51 超过节点“上线款”未收金额 34999.50。", refused.Errors[1].Message);
        Assert.Equal("合同 HT-IMP-1 没有付款节点 '尾款';可用: 1 预付款, 2 上线款。", refused.Errors[2].Message);
        await using (var db = test.NewContext()) Assert.Equal(65_000.50m, await db.Payments.SumAsync(p => p.Amount, ct));
    }

    [Fact]
    public void TheStreamingReader_ReadsCsvAndXlsxAlike_AndSkipsEmptyRows()
    {
        var errors = new List<WorkbookError>();
        var xlsx = TabularFile.Write("订单", ["订单号", "金额"], [["A-1", 12.5m], [null, null], ["A-2", 7m]], csv: false);
        foreach (var (bytes, name) in new[] { (Encoding.UTF8.GetBytes("\uFEFF订单号,金额\nA-1,12.5\n,\nA-2,7\n"), "a.csv"), (xlsx, "a.xlsx") })
        {
            using var reader = TabularReader.Open(new MemoryStream(bytes), name, errors)!;
            Assert.Equal(["订单号", "金额"], reader.Headers);
            Assert.Equal([(2, "A-1", "12.5"), (4, "A-2", "7")], reader.Rows(errors).Select(r => (r.Number, r.Cells[0], r.Cells[1])));
        }
        Assert.Empty(errors);
    }
}

public sealed class LeadImportTests
{
    static MemoryStream Csv(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leads_AreImportedWithSourceChannelOwnerAndIcp_AndARepOnlyForThemselves(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var viewers = test.Get<GetViewer>();
        var (salesops, rep) = (await viewers.Handle("salesops", [Roles.SalesOps], ct), await viewers.Handle("rep", [Roles.Rep], ct));
        var import = test.Get<ImportLeads>();
        const string file = "公司,联系人,电话,行业,区域,员工人数,来源,渠道,负责人,创建日期\n" +
                            "杭州远景制造有限公司,陈经理,13800000001,制造业,EAST,800,展会,线下,黄磊,2024-09-10\n" +
                            "成都云帆物流有限公司,,028-1234,物流,西南区,120,Website,Online,,\n";
        var done = await import.Handle(Csv(file), "leads.csv", null, dryRun: false, salesops, null, ct);
        Assert.Equal((true, 2), (done.Applied, done.Written));
        await using (var db = test.NewContext())
        {
            var leads = await db.Leads.Where(l => l.Company == "杭州远景制造有限公司" || l.Company == "成都云帆物流有限公司").OrderBy(l => l.Phone).ToListAsync(ct);
            var huang = await db.People.Where(p => p.Name == "黄磊").Select(p => p.Id).SingleAsync(ct);
            Assert.Equal([(LeadSource.Website, LeadChannel.Online, (Guid?)null, new DateOnly(2024, 9, 30)), (LeadSource.Event, LeadChannel.Offline, huang, new DateOnly(2024, 9, 10))],
                leads.Select(l => (l.Source, l.Channel, l.OwnerId, l.CreatedOn)));
            Assert.All(leads, l => Assert.Equal(LeadStatus.New, l.Status));
        }

        // The same list again (a cumulative export): nothing twice, and the answer says so.
        var again = await import.Handle(Csv(file), "leads.csv", null, dryRun: false, salesops, null, ct);
        Assert.Equal((true, 0, "2 行与已有线索相同(从第 2 行起),已跳过。"), (again.Applied, again.Written, Assert.Single(again.Notes)));

        // A CRM's export keyed by its own ids: imported, then imported again with a changed phone and a new lead — one updated, one created.
        const string crm = "Lead ID,Company,Contact,Phone,Owner\nL-1,温州启明仪表有限公司,赵工,0577-1,黄磊\nL-2,温州启明仪表有限公司,钱工,0577-2,黄磊\n";
        var map = new FieldMap { Columns = { ["external_id"] = "Lead ID", ["company"] = "Company", ["contact"] = "Contact", ["phone"] = "Phone", ["owner"] = "Owner" } };
        Assert.Equal((true, 2), ((await import.Handle(Csv(crm), "crm.csv", map, false, salesops, null, ct)) is var first ? (first.Applied, first.Written) : default));
        var next = crm.Replace("0577-1", "0577-9", StringComparison.Ordinal) + "L-3,温州启明仪表有限公司,孙工,0577-3,\n";
        var upserted = await import.Handle(Csv(next), "crm.csv", map, false, salesops, null, ct);
        Assert.Equal((true, 2, 1), (upserted.Applied, upserted.Written, upserted.Updated));
        await using (var db = test.NewContext())
        {
            var leads = await db.Leads.Where(l => l.Company == "温州启明仪表有限公司").OrderBy(l => l.ExternalId).ToListAsync(ct);
            Assert.Equal([("L-1", "0577-9"), ("L-2", "0577-2"), ("L-3", "0577-3")], leads.Select(l => (l.ExternalId!, l.Phone!)));
        }
        // A rep cannot update a lead outside their scope through its external id.
        var foreign = await import.Handle(Csv("Lead ID,Company,Contact,Phone,Owner\nL-1,温州启明仪表有限公司,赵工,0577-0,\n"), "crm.csv", map, false, rep, null, ct);
        Assert.Equal(("Lead ID", "外部编号 L-1 的线索已在 PlanLoop 中,但不在你的数据范围内。"), (foreign.Errors.Single().Column, foreign.Errors.Single().Message));
        const string mine = "公司,联系人,来源,负责人\n宁波海川电子有限公司,王总,转介绍,\n宁波海川电子有限公司,李总,火星,黄磊\n";
        var repImport = await import.Handle(Csv(mine), "mine.csv", null, dryRun: false, rep, null, ct);
        Assert.Equal([(3, "来源"), (3, "负责人")], repImport.Errors.Select(e => (e.Row, e.Column)));
        Assert.Equal("只能把线索分给自己。", repImport.Errors[1].Message);
        var repOk = await import.Handle(Csv("公司,联系人\n宁波海川电子有限公司,王总\n"), "mine.csv", null, dryRun: false, rep, null, ct);
        Assert.True(repOk.Applied);
        await using (var db = test.NewContext())
            Assert.Equal(rep.PersonId, (await db.Leads.SingleAsync(l => l.Company == "宁波海川电子有限公司", ct)).OwnerId);
    }
}

public sealed class OpportunityImportTests
{
    static MemoryStream Csv(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Opportunities_ComeInAtTheirStage_WithTheImportRecordedAsTheOverride(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        await Customers.Customers.Add(test, "上海华信科技有限公司", owner: "张伟");
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], ct);
        var import = test.Get<ImportOpportunities>();
        const string file = "商机名称,客户,阶段,预计成交日,产品,数量,折扣,创建日期,输单原因\n" +
                            "华信 扩容,上海华信科技有限公司,商务谈判,2024-11-30,A-PACK,2,15%,2024-08-01,\n" +
                            "华信 续约,上海华信科技有限公司,WON,2024-09-15,A-SAAS,1,0,2024-07-01,\n" +
                            "华信 试点,上海华信科技有限公司,输单,2024-09-01,,,,2024-06-01,价格\n";
        var done = await import.Handle(Csv(file), "crm.csv", null, dryRun: false, rep, null, ct);
        Assert.Equal((true, 3), (done.Applied, done.Written));
        await using (var db = test.NewContext())
        {
            var deals = await db.Opportunities.Where(o => o.Name.StartsWith("华信 ")).OrderBy(o => o.CreatedOn).ToListAsync(ct);
            Assert.Equal([SopStages.Lost, SopStages.Won, SopStages.Negotiation], deals.Select(d => d.StageCode));
            Assert.Equal([0m, 30_000m, 255_000m], deals.Select(d => d.Amount));
            Assert.Equal(("rep", "导入的历史商机"), (deals[2].OverrideBy, deals[2].OverrideReason));
            Assert.Equal([SopStages.Negotiation, SopStages.Proposal, SopStages.Qualification], deals[2].Moves.Select(m => m.To).Order(StringComparer.Ordinal));
            Assert.Equal("价格", deals[0].LostReason);
        }
        const string bad = "商机名称,客户,阶段,预计成交日,产品,创建日期\n" +
                           "甲,别人的客户,QUALIFY,2024-11-30,,2024-08-01\n" +
                           "乙,上海华信科技有限公司,火星,2024-11-30,,2024-08-01\n" +
                           "丙,上海华信科技有限公司,输单,2024-09-20,,2024-08-01\n" +
                           "丁,上海华信科技有限公司,赢单,31/12/2024,,2024-08-01\n" +
                           "戊,上海华信科技有限公司,QUALIFY,2024-11-30,,\n";
        var refused = await import.Handle(Csv(bad), "bad.csv", null, dryRun: false, rep, null, ct);
        Assert.Equal([(2, "客户"), (3, "阶段"), (4, "输单原因"), (5, "预计成交日"), (5, "产品"), (6, "创建日期")], refused.Errors.Select(e => (e.Row, e.Column)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ContractTemplates_SaveTheirNextVersion_AndNewContractsUseIt(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var templates = test.Get<EditContractTemplates>();
        var plan = new PaymentTerm[] { new("预付款", 0.5m, 0), new("尾款", 0.5m, 30, "验收") };
        Assert.Equal(["paymentTerms"], (await templates.Save(new TemplateInput("STD", "标准销售合同", null, null, "条款", [new("预付款", 0.5m, 0)]), "salesops", ct)).Problems.Keys);
        Assert.Equal(["productLineCode"], (await templates.Save(new TemplateInput("STD", "标准销售合同", "NOPE", null, "条款", plan), "salesops", ct)).Problems.Keys);
        Assert.Empty((await templates.Save(new TemplateInput("std", "标准销售合同(2025 版)", null, null, "新条款", plan), "salesops", ct)).Problems);
        var all = await templates.List(ct);
        Assert.Equal([("KA", 1), ("STD", 2), ("STD", 1)], all.Select(t => (t.Code, t.Version)));
        Assert.Equal([0.5m, 0.5m], all[1].PaymentTerms.Select(t => t.Share));
    }
}
