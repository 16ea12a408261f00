using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Execution.Data;
using PlanLoop.Features.Organisation;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Tests.Execution;

/// <summary>
/// A company moves in from another CRM: Maven Analytics' public "CRM + Sales + Opportunities" export
/// (Data/MavenCrm: English headers, the source's own stage names, agents keyed by name, managers
/// only in a column, blank accounts and dates, "GTXPro" for "GTX Pro"), imported into an empty
/// PlanLoop through the people, accounts, opportunities and orders imports with mappings — then the
/// reports compared with figures computed straight from the source file.
/// </summary>
public sealed class MovingInTests
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "MavenCrm");

    /// <summary>The source file's rows by header (its values have no quoted commas).</summary>
    static List<Dictionary<string, string>> Source(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file));
        var headers = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => headers.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    static FileStream Open(string file) => File.OpenRead(Path.Combine(Folder, file));

    static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>An empty PlanLoop with the company's own regions and products (no demo).</summary>
    static async Task<TestDatabase> Company(DbProvider provider)
    {
        var test = await TestDatabase.Create(provider);
        var master = test.Get<EditMasterData>();
        var ct = TestContext.Current.CancellationToken;
        foreach (var (code, name) in new[] { ("CENTRAL", "Central"), ("EAST", "East"), ("WEST", "West") })
            Assert.Empty((await master.Save(MasterDataKind.Region, new MasterDataInput(code, name, name), "salesops", ct)).Problems);
        Assert.Empty((await master.Save(MasterDataKind.ProductLine, new MasterDataInput("HW", "Hardware", "Hardware"), "salesops", ct)).Problems);
        // The products from a .csv with the English field names; the source knows no pyramid level or margin, and none is invented.
        var products = new StringBuilder("code,name,name_en,product_line,list_price\n");
        foreach (var p in Source("products.csv"))
            products.Append(Inv, $"{p["product"].ToUpperInvariant().Replace(' ', '-')},{p["product"]},{p["product"]},HW,{p["sales_price"]}\n");
        var imported = await test.Get<MasterDataFiles>().Import(Csv(products.ToString()), "products.csv", MasterDataKind.Product, "salesops", ct);
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        Assert.Equal(7, imported.Saved["products.csv"]);
        return test;
    }

    static FieldMap PeopleMap => new()
    {
        Columns = { ["name"] = "sales_agent", ["manager"] = "manager", ["region"] = "regional_office" },
        Constants = { ["position"] = "AccountExecutive" },
    };

    static FieldMap PipelineMap => new()
    {
        Columns =
        {
            ["external_id"] = "opportunity_id", ["owner"] = "sales_agent", ["product"] = "product", ["account"] = "account", ["stage"] = "deal_stage",
            ["created_on"] = "engage_date", ["closed_on"] = "close_date", ["amount"] = "close_value",
        },
        Values = { ["stage"] = new() { ["Prospecting"] = SopStages.Qualification, ["Engaging"] = SopStages.Proposal, ["Won"] = SopStages.Won, ["Lost"] = SopStages.Lost } },
        // The source has no lost reasons, no account on some open deals and no dates on its prospects: the company says what to use.
        Defaults = { ["lost_reason"] = "not recorded in the source CRM", ["account"] = "Unassigned (CRM import)", ["created_on"] = "2017-12-31" },
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_MavenCrmExport_MovesIn_AndTheReportsMatchTheSourceFile(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await Company(provider);

        // People: 35 agents with their regional office; their 6 managers appear only in the manager column.
        var people = await test.Get<ImportPeople>().Handle(Open("sales_teams.csv"), "sales_teams.csv", PeopleMap, dryRun: false, Viewer.System, ct);
        Assert.True(people.Applied, string.Join("\n", people.Errors));
        Assert.Equal((35, 41, 0), (people.Rows, people.Written, people.Updated));
        Assert.Contains(people.Notes, n => n.StartsWith("6 位上级只出现在上级列中", StringComparison.Ordinal));
        var org = await test.Get<EditPeople>().List(false, ct);
        var anna = org.Single(p => p.Name == "Anna Snelling");
        Assert.Equal(("Dustin Brinkmann", "CENTRAL", Position.AccountExecutive), (anna.ManagerName, anna.RegionCode, anna.Position));
        Assert.Equal((Position.Manager, "CENTRAL"), (org.Single(p => p.Name == "Dustin Brinkmann").Position, org.Single(p => p.Name == "Dustin Brinkmann").RegionCode));

        // Accounts, with the source's sector typo mapped and its subsidiaries as parents; one for deals the source left without an account.
        var accountMap = new FieldMap
        {
            Columns = { ["name"] = "account", ["industry"] = "sector", ["employees"] = "employees", ["parent"] = "subsidiary_of", ["external_id"] = "account" },
            Values = { ["industry"] = new() { ["technolgy"] = "technology" } },
        };
        var accounts = await test.Get<AccountFiles>().Import(ImportKind.Accounts, Open("accounts.csv"), "accounts.csv", accountMap, dryRun: false, Viewer.System, ct);
        Assert.True(accounts.Applied, string.Join("\n", accounts.Errors));
        Assert.Equal(85, accounts.Count(RowAction.Create));
        Assert.True((await test.Get<AccountFiles>().Import(ImportKind.Accounts, Csv("name\nUnassigned (CRM import)\n"), "x.csv", null, false, Viewer.System, ct)).Applied);
        await using (var db = test.NewContext())
        {
            Assert.Equal(12, await db.Accounts.CountAsync(a => a.Industry == "technology", ct));
            var acme = await db.Accounts.SingleAsync(a => a.Name == "Acme Corporation", ct);
            Assert.Equal(4, await db.Accounts.CountAsync(a => a.ParentId == acme.Id, ct));
        }

        // The product alias saved once (for the orders import too) is what the opportunity import reads "GTXPro" by.
        Assert.Empty((await test.Get<EditAliases>().Save(AliasKind.Product, "GTXPro", "GTX-PRO", "salesops", ct)).Problems);

        // Opportunities: a dry run and the real run reject exactly the same rows; then the real run on the clean file.
        var pipeline = await test.Get<ImportOpportunities>().Handle(Open("sales_pipeline.csv"), "sales_pipeline.csv", PipelineMap, dryRun: true, Viewer.System, null, ct);
        Assert.True(pipeline.Succeeded, string.Join("\n", pipeline.Errors));
        pipeline = await test.Get<ImportOpportunities>().Handle(Open("sales_pipeline.csv"), "sales_pipeline.csv", PipelineMap, dryRun: false, Viewer.System, null, ct);
        Assert.True(pipeline.Applied, string.Join("\n", pipeline.Errors));
        Assert.Equal((151, 151, 0), (pipeline.Rows, pipeline.Written, pipeline.Updated));
        Assert.Contains(pipeline.Notes, n => n.StartsWith("48 个未结商机没有预计成交日", StringComparison.Ordinal));

        // The reports against the source file, computed here straight from it.
        var source = Source("sales_pipeline.csv");
        var closed = source.Where(r => r["deal_stage"] is "Won" or "Lost").ToList();
        var wins = await test.Get<GetWinRates>().Handle(new DateOnly(2016, 1, 1), new DateOnly(2017, 12, 31), WinRateGroup.Owner, Viewer.System, ct);
        foreach (var agent in closed.GroupBy(r => r["sales_agent"]))
        {
            var row = wins.Rows.Single(r => r.Name == agent.Key);
            Assert.Equal((decimal)agent.Count(r => r["deal_stage"] == "Won") / agent.Count(), row.WinRate);
            Assert.Equal(agent.Where(r => r["deal_stage"] == "Won").Sum(r => decimal.Parse(r["close_value"], Inv)), row.WonAmount);
        }
        Assert.Equal((85, 18, 13 + 35), (wins.Total.Won, wins.Total.Lost, wins.Total.Open));
        Assert.Equal((35, 13), (wins.Total.OpenByStage[SopStages.Qualification], wins.Total.OpenByStage[SopStages.Proposal]));
        var won = source.Where(r => r["deal_stage"] == "Won").ToList();
        var cycle = (decimal)won.Sum(r => DateOnly.Parse(r["close_date"], Inv).DayNumber - DateOnly.Parse(r["engage_date"], Inv).DayNumber) / won.Count;
        Assert.Equal(cycle, wins.Total.AverageCycleDays);
        var byQuarter = await test.Get<GetWinRates>().Handle(new DateOnly(2016, 1, 1), new DateOnly(2017, 12, 31), WinRateGroup.Quarter, Viewer.System, ct);
        foreach (var quarter in won.GroupBy(r => { var d = DateOnly.Parse(r["close_date"], Inv); return $"{d.Year}-Q{(d.Month + 2) / 3}"; }))
            Assert.Equal(quarter.Sum(r => decimal.Parse(r["close_value"], Inv)), byQuarter.Rows.Single(r => r.Key == quarter.Key).WonAmount);
        Assert.Equal(source.Select(r => r["sales_agent"]).Distinct().Order(StringComparer.Ordinal), wins.Rows.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(source.Count(r => r["sales_agent"] == "Marty Freudenburg" && r["deal_stage"] == "Prospecting"),
            wins.Rows.Single(r => r.Name == "Marty Freudenburg").OpenByStage[SopStages.Qualification]);
        await using (var db = test.NewContext())
        {
            Assert.NotEmpty(await db.Products.ToListAsync(ct));
            Assert.All(await db.Products.ToListAsync(ct), p => Assert.Equal((null, null), (p.Tier, p.GrossMargin)));
            // Won on the source's close date, stages passed on its engage date; above-list values kept (GTX Plus Basic listed 1,096, sold 1,170).
            var deal = await db.Opportunities.SingleAsync(o => o.ExternalId == "CZVN09WN", ct);
            Assert.Equal((new DateOnly(2016, 11, 14), new DateOnly(2017, 3, 20), 1_170m), (deal.CreatedOn, deal.ClosedOn!.Value, deal.Amount));
            Assert.Equal([new DateOnly(2016, 11, 14), new DateOnly(2016, 11, 14), new DateOnly(2016, 11, 14), new DateOnly(2017, 3, 20)], deal.Moves.Select(m => m.On));
            // Written by the bulk path, read back by EF as SaveChanges would have stored it.
            Assert.Equal([null, SopStages.Qualification, SopStages.Proposal, SopStages.Negotiation], deal.Moves.Select(m => m.From));
            Assert.Equal((1m, "system", "导入的历史商机", "CZVN09WN", false, 1_170m), (deal.Probability, deal.OverrideBy, deal.OverrideReason, deal.Name, deal.BantQualified, deal.Lines.Single().ListPrice));
            var gtxPro = await db.Products.Where(p => p.Code == "GTX-PRO").Select(p => p.Id).SingleAsync(ct);
            Assert.Equal(gtxPro, (await db.Opportunities.SingleAsync(o => o.ExternalId == "Z063OYW0", ct)).Lines.Single().ProductId);
        }

        // Next month's export: the same file again updates nothing; one deal engaged then won updates it, nothing is duplicated.
        var again = await test.Get<ImportOpportunities>().Handle(Open("sales_pipeline.csv"), "sales_pipeline.csv", PipelineMap, dryRun: false, Viewer.System, null, ct);
        Assert.Equal((true, 0, 0), (again.Applied, again.Written, again.Updated));
        var text = File.ReadAllText(Path.Combine(Folder, "sales_pipeline.csv"))
            .Replace("UP409DSB,Maureen Marcano,MG Advanced,Ganjaflex,Engaging,2016-11-10,,", "UP409DSB,Maureen Marcano,MG Advanced,Ganjaflex,Won,2016-11-10,2017-04-02,3500", StringComparison.Ordinal);
        var next = await test.Get<ImportOpportunities>().Handle(Csv(text), "sales_pipeline.csv", PipelineMap, dryRun: false, Viewer.System, null, ct);
        Assert.Equal((true, 1, 1), (next.Applied, next.Written, next.Updated));
        await using (var db = test.NewContext())
        {
            Assert.Equal(151, await db.Opportunities.CountAsync(ct));
            var deal = await db.Opportunities.SingleAsync(o => o.ExternalId == "UP409DSB", ct);
            Assert.Equal((SopStages.Won, new DateOnly(2017, 4, 2), 3_500m), (deal.StageCode, deal.ClosedOn!.Value, deal.Amount));
        }

        // The people again, Carl Lin moved East under Cara Losch: 35 updated, nobody duplicated.
        var teams = File.ReadAllText(Path.Combine(Folder, "sales_teams.csv")).Replace("Carl Lin,Summer Sewald,West", "Carl Lin,Cara Losch,East", StringComparison.Ordinal);
        var moved = await test.Get<ImportPeople>().Handle(Csv(teams), "sales_teams.csv", PeopleMap, dryRun: false, Viewer.System, ct);
        Assert.Equal((true, 35, 35), (moved.Applied, moved.Written, moved.Updated));
        var carl = (await test.Get<EditPeople>().List(false, ct)).Single(p => p.Name == "Carl Lin");
        Assert.Equal(("Cara Losch", "EAST"), (carl.ManagerName, carl.RegionCode));
        Assert.Equal(41, (await test.Get<EditPeople>().List(true, ct)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ThePipelineBoard_CountsEveryDeal_ShowsAPagePerColumn_AndSaysWhenItIsCut(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await Company(provider);
        Assert.True((await test.Get<ImportPeople>().Handle(Open("sales_teams.csv"), "sales_teams.csv", PeopleMap, false, Viewer.System, ct)).Applied);
        Assert.True((await test.Get<AccountFiles>().Import(ImportKind.Accounts, Open("accounts.csv"), "accounts.csv", new FieldMap { Columns = { ["name"] = "account" } }, false, Viewer.System, ct)).Applied);
        Assert.True((await test.Get<AccountFiles>().Import(ImportKind.Accounts, Csv("name\nUnassigned (CRM import)\n"), "x.csv", null, false, Viewer.System, ct)).Applied);
        Assert.Empty((await test.Get<EditAliases>().Save(AliasKind.Product, "GTXPro", "GTX-PRO", "salesops", ct)).Problems);
        Assert.True((await test.Get<ImportOpportunities>().Handle(Open("sales_pipeline.csv"), "sales_pipeline.csv", PipelineMap, false, Viewer.System, null, ct)).Applied);

        var board = await test.Get<ListOpportunities>().Handle(Viewer.System, ct, take: 10);
        var qualify = board.Columns.Single(c => c.Stage.Code == SopStages.Qualification);
        var proposal = board.Columns.Single(c => c.Stage.Code == SopStages.Proposal);
        Assert.Equal((35, 10, true), (qualify.Total, qualify.Cards.Count, qualify.Cut));
        Assert.Equal((13, 10, true), (proposal.Total, proposal.Cards.Count, proposal.Cut));
        var listed = Source("sales_pipeline.csv").Where(r => r["deal_stage"] == "Prospecting").ToList();
        var prices = Source("products.csv").ToDictionary(p => p["product"], p => decimal.Parse(p["sales_price"], Inv));
        prices["GTXPro"] = prices["GTX Pro"];
        // The column's amount is all 35 prospects' (at list price, the source gives no value), not the 10 cards'.
        Assert.Equal(listed.Sum(r => prices[r["product"]]), qualify.Amount);
        // Every engaged deal has waited for its proposal since 2016: all 13 clocks breached, though the board shows 10 of them.
        Assert.Equal((13, 13), (board.Breaches, board.Attention.Count));
        var pages = new List<OpportunityCard>(qualify.Cards);
        while ((await test.Get<ListOpportunities>().Page(SopStages.Qualification, pages.Count, 10, Viewer.System, ct))!.Cards is { Count: > 0 } next) pages.AddRange(next);
        Assert.Equal(35, pages.Select(c => c.Id).Distinct().Count());
        Assert.Equal(pages.OrderBy(c => c.ExpectedClose).ThenBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Id), pages.Select(c => c.Id));
        Assert.Null(await test.Get<ListOpportunities>().Page("NOPE", 0, 10, Viewer.System, ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WonDeals_BookedAsOrders_TakeTheAgentsRegionFromASecondFile_AndRoundCentsOnlyWhenAsked(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await Company(provider);
        Assert.True((await test.Get<ImportPeople>().Handle(Open("sales_teams.csv"), "sales_teams.csv", PeopleMap, false, Viewer.System, ct)).Applied);
        Assert.True((await test.Get<AccountFiles>().Import(ImportKind.Accounts, Open("accounts.csv"), "accounts.csv",
            new FieldMap { Columns = { ["name"] = "account", ["external_id"] = "account" } }, false, Viewer.System, ct)).Applied);
        Assert.Empty((await test.Get<EditAliases>().Save(AliasKind.Product, "GTXPro", "GTX-PRO", "salesops", ct)).Problems);

        // The won deals of the export as booked revenue: the order line's region is the agent's regional office, looked up in sales_teams.csv by the owner.
        var orders = new StringBuilder("order,agent,product,account,day,value\n");
        var won = Source("sales_pipeline.csv").Where(r => r["deal_stage"] == "Won").ToList();
        foreach (var r in won) orders.Append(Inv, $"{r["opportunity_id"]},{r["sales_agent"]},{r["product"]},{r["account"]},{r["close_date"]},{r["close_value"]}\n");
        await using var teams = Open("sales_teams.csv");
        var map = new FieldMap
        {
            Columns = { ["order_number"] = "order", ["owner"] = "agent", ["product"] = "product", ["account"] = "account", ["booked_on"] = "day", ["amount"] = "value" },
            Lookups = { ["region"] = new ImportLookup("sales_teams.csv", "sales_agent", "regional_office", "owner") },
            Files = [new ImportFile("sales_teams.csv", teams)],
        };
        var booked = await test.Get<ImportOrders>().Handle(Csv(orders.ToString()), "won.csv", map, dryRun: false, Viewer.System, null, ct);
        Assert.True(booked.Applied, string.Join("\n", booked.Errors));
        var office = Source("sales_teams.csv").ToDictionary(t => t["sales_agent"], t => t["regional_office"].ToUpperInvariant());
        await using (var db = test.NewContext())
        {
            var actual = await (from o in db.OrderLines join g in db.Regions on o.RegionId equals g.Id group o by g.Code into x select new { x.Key, Amount = x.Sum(o => o.Amount) })
                .ToDictionaryAsync(x => x.Key, x => x.Amount, ct);
            var expected = won.GroupBy(r => office[r["sales_agent"]]).ToDictionary(g => g.Key, g => g.Sum(r => decimal.Parse(r["close_value"], Inv)));
            Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
        }
        // Accounts with booked history are customers (or, years later, churned): never prospects, and tiered.
        await test.Get<RefreshAccounts>().Handle("test", new DateOnly(2017, 6, 30), null, ct);
        await using (var db = test.NewContext())
        {
            var buyers = won.Select(r => r["account"]).Distinct().ToList();
            Assert.Equal(buyers.Count, await db.Accounts.CountAsync(a => buyers.Contains(a.Name) && a.Status == AccountStatus.Customer && a.Tier != null, ct));
        }
        await test.Get<RefreshAccounts>().Handle("test", new DateOnly(2024, 9, 30), null, ct);
        await using (var db = test.NewContext())
            Assert.Equal(0, await db.Accounts.CountAsync(a => a.Status != AccountStatus.Prospect && db.OrderLines.Any(o => o.AccountId == a.Id) && a.Status != AccountStatus.Churned, ct));

        // An ERP's amounts with three or four decimals: refused by default, naming the cell; rounded half to even when asked, with the difference.
        const string erp = "order,account,day,value\nCA-2018-114412,Acme Corporation,4/15/2018,15.552\nUS-2016-108966,Acme Corporation,10/11/2016,957.5775\nCA-2017-121755,Cancity,1/16/2017,11.645\n";
        var plain = new FieldMap { Columns = { ["order_number"] = "order", ["account"] = "account", ["booked_on"] = "day", ["amount"] = "value" }, DateFormat = "M/d/yyyy" };
        var refused = await test.Get<ImportOrders>().Handle(Csv(erp), "erp.csv", plain, dryRun: false, Viewer.System, null, ct);
        Assert.Equal([(2, "value"), (3, "value"), (4, "value")], refused.Errors.Select(e => (e.Row, e.Column)));
        Assert.Equal("erp.csv,第 2 行,value 列", refused.Errors[0].Where(english: false));
        Assert.Equal("erp.csv, row 2, column value", refused.Errors[0].Where(english: true));
        var rounded = await test.Get<ImportOrders>().Handle(Csv(erp), "erp.csv", plain with { Rounding = AmountRounding.HalfEven }, dryRun: false, Viewer.System, null, ct);
        Assert.True(rounded.Applied, string.Join("\n", rounded.Errors));
        // 15.552 → 15.55 (−0.002), 957.5775 → 957.58 (+0.0025), 11.645 → 11.64 (half to even, −0.005).
        Assert.Equal(-0.0045m, rounded.RoundingDifference);
        await using (var db = test.NewContext())
            Assert.Equal([new DateOnly(2016, 10, 11), new DateOnly(2017, 1, 16), new DateOnly(2018, 4, 15)],
                await db.OrderLines.Where(o => o.OrderNumber.StartsWith("CA-") || o.OrderNumber.StartsWith("US-")).OrderBy(o => o.BookedOn).Select(o => o.BookedOn).ToListAsync(ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADryRunAndTheRealRun_RejectExactlyTheSameRows(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await Company(provider);
        Assert.True((await test.Get<ImportPeople>().Handle(Open("sales_teams.csv"), "sales_teams.csv", PeopleMap, false, Viewer.System, ct)).Applied);
        Assert.True((await test.Get<AccountFiles>().Import(ImportKind.Accounts, Open("accounts.csv"), "accounts.csv",
            new FieldMap { Columns = { ["name"] = "account" } }, false, Viewer.System, ct)).Applied);
        const string file = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value,quantity\n" +
                            "A1,Moses Frase,GTX Basic,Cancity,Won,2016-10-20,2017-03-01,1054,1.00001\n" +    // a quantity finer than 0.0001: once a crash in the real run
                            "A2,Moses Frase,GTX Basic,Cancity,Won,2016-10-20,2017-03-01,10.555,\n" +         // three decimals
                            "A3,Moses Frase,GTX Basic,Cancity,Won,2016-10-20,2016-03-01,100,\n" +            // closed before it was created
                            "A4,Moses Frase,GTX Basic,Cancity,Stalled,2016-10-20,,,\n" +                     // a stage nobody mapped
                            "A5,Nobody Known,GTX Basic,Cancity,Won,2016-10-20,2017-03-01,100,\n" +           // an owner not imported
                            "A6,Moses Frase,GTX Basic,Cancity,Won,20/10/2016,2017-03-01,100,\n" +            // a date in another format
                            "A7,Moses Frase,GTX Basic,Cancity,Won,2016-10-20,2017-03-01,100,\n" +            // fine
                            "A7,Moses Frase,GTX Basic,Cancity,Won,2016-10-20,2017-03-01,100,\n";             // the same id twice
        var map = PipelineMap with { Columns = new(PipelineMap.Columns) { ["quantity"] = "quantity" } };
        var dry = await test.Get<ImportOpportunities>().Handle(Csv(file), "bad.csv", map, dryRun: true, Viewer.System, null, ct);
        var real = await test.Get<ImportOpportunities>().Handle(Csv(file), "bad.csv", map, dryRun: false, Viewer.System, null, ct);
        Assert.Equal([2, 3, 4, 5, 6, 7, 9], dry.Errors.Select(e => e.Row).Distinct());
        Assert.Equal(dry.Errors, real.Errors);
        Assert.False(real.Applied);
        await using var db = test.NewContext();
        Assert.Equal(0, await db.Opportunities.CountAsync(ct));
    }
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AccountsTakeTheirOwnersRegionFromASecondFile_AndSurveysReadTheSourcesDateFormat(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await Company(provider);
        Assert.True((await test.Get<ImportPeople>().Handle(Open("sales_teams.csv"), "sales_teams.csv", PeopleMap, false, Viewer.System, ct)).Applied);
        var teams = Source("sales_teams.csv").Take(3).ToList();
        var file = new StringBuilder("company,agent\n");
        foreach (var (t, i) in teams.Select((t, i) => (t, i))) file.Append(Inv, $"Lookup Co {i},{t["sales_agent"]}\n");
        await using var second = Open("sales_teams.csv");
        var map = new FieldMap
        {
            Columns = { ["name"] = "company", ["owner"] = "agent" },
            Lookups = { ["region"] = new ImportLookup("sales_teams.csv", "sales_agent", "regional_office", "owner") },
            Files = [new ImportFile("sales_teams.csv", second)],
        };
        var result = await test.Get<AccountFiles>().Import(ImportKind.Accounts, Csv(file.ToString()), "accounts.csv", map, false, Viewer.System, ct);
        Assert.True(result.Applied, string.Join("\n", result.Errors));
        await using (var db = test.NewContext())
        {
            var regions = await (from a in db.Accounts join g in db.Regions on a.RegionId equals g.Id where a.Name.StartsWith("Lookup Co") select new { a.Name, g.Code }).ToDictionaryAsync(x => x.Name, x => x.Code, ct);
            Assert.Equal(teams.Select((t, i) => ($"Lookup Co {i}", t["regional_office"].ToUpperInvariant())), regions.OrderBy(r => r.Key).Select(r => (r.Key, r.Value)));
        }

        // A survey export with day/month/year dates: read with the mapping's format; without it, the row says what to do.
        var surveys = "account,kind,score,date\nLookup Co 0,NPS,9,31/01/2024\n";
        var plain = await test.Get<AccountFiles>().Import(ImportKind.Surveys, Csv(surveys), "nps.csv", null, true, Viewer.System, ct);
        Assert.Equal("'31/01/2024' 不是有效的日期(应为 2024-09-30 这样的格式;其他格式可在映射中用 dateFormat 指定)。", plain.Errors.Single().Message);
        var dated = await test.Get<AccountFiles>().Import(ImportKind.Surveys, Csv(surveys), "nps.csv", new FieldMap { DateFormat = "dd/MM/yyyy" }, false, Viewer.System, ct);
        Assert.True(dated.Applied, string.Join("\n", dated.Errors));
        await using (var db = test.NewContext())
            Assert.Equal(new DateOnly(2024, 1, 31), await db.SurveyAnswers.Select(a => a.AnsweredOn).SingleAsync(ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADatePerStage_FromTheSource_DatesTheDealsHistory_InThePipelinesOrder(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await Company(provider);
        Assert.True((await test.Get<AccountFiles>().Import(ImportKind.Accounts, Csv("name\nCancity\n"), "a.csv", null, false, Viewer.System, ct)).Applied);
        // HubSpot-like: one "Date entered …" column per stage.
        var map = new FieldMap
        {
            Columns =
            {
                ["external_id"] = "Deal ID", ["account"] = "Company", ["stage"] = "Deal Stage", ["created_on"] = "Create Date", ["closed_on"] = "Close Date",
                ["product"] = "Product", ["amount"] = "Amount", ["entered_proposal"] = "Date entered Proposal", ["entered_negotiation"] = "Date entered Negotiation",
            },
            Values = { ["stage"] = new() { ["Closed Won"] = SopStages.Won, ["Closed Lost"] = SopStages.Lost, ["Presentation"] = SopStages.Proposal } },
            Defaults = { ["lost_reason"] = "not recorded" },
        };
        const string head = "Deal ID,Company,Deal Stage,Create Date,Close Date,Product,Amount,Date entered Proposal,Date entered Negotiation\n";
        var bad = head +
                  "D4,Cancity,Closed Won,2017-01-02,2017-02-01,GTX Basic,100,2017-01-20,2017-01-10\n" +
                  "D5,Cancity,Presentation,2017-01-02,,GTX Basic,100,2017-01-20,2017-01-25\n" +
                  "D6,Cancity,Closed Lost,2017-01-02,2017-02-01,GTX Basic,,2017-02-05,\n";
        var refused = await test.Get<ImportOpportunities>().Handle(Csv(bad), "deals.csv", map, true, Viewer.System, null, ct);
        Assert.Equal(
        [
            (2, "Date entered Negotiation", "进入“商务谈判”的日期 2017-01-10 早于 entered_proposal 的 2017-01-20(阶段日期应按流程先后)。"),
            (3, "Date entered Negotiation", "商机在“方案设计”阶段,还没有进入“商务谈判”,不能有进入日期 2017-01-25。"),
            (4, "Date entered Proposal", "进入“方案设计”的日期 2017-02-05 晚于成交日期 2017-02-01。"),
        ], refused.Errors.Select(e => (e.Row, e.Column, e.Message)));

        var file = head +
                   "D1,Cancity,Closed Won,2017-01-02,2017-02-01,GTX Basic,550,2017-01-10,2017-01-20\n" +
                   "D2,Cancity,Closed Lost,2017-01-02,2017-01-30,GTX Basic,,2017-01-15,\n" +
                   "D3,Cancity,Presentation,2017-01-02,,GTX Basic,300,2017-03-01,\n";
        var result = await test.Get<ImportOpportunities>().Handle(Csv(file), "deals.csv", map, false, Viewer.System, null, ct);
        Assert.True(result.Applied, string.Join("\n", result.Errors));
        await using var db = test.NewContext();
        var deals = await db.Opportunities.AsNoTracking().ToDictionaryAsync(o => o.ExternalId!, ct);
        string History(string id) => string.Join(" → ", deals[id].Moves.OrderBy(m => m.On).ThenBy(m => SopStages.Default.Single(s => s.Code == m.To).Order).Select(m => $"{m.To} {m.On:MM-dd}"));
        Assert.Equal("QUALIFY 01-02 → PROPOSAL 01-10 → NEGOTIATION 01-20 → WON 02-01", History("D1"));
        // A lost deal passes the stages the source dates, then is lost: lost at the proposal, not at qualification.
        Assert.Equal("QUALIFY 01-02 → PROPOSAL 01-15 → LOST 01-30", History("D2"));
        Assert.Equal("QUALIFY 01-02 → PROPOSAL 03-01", History("D3"));
        Assert.Equal(new DateOnly(2017, 3, 1), deals["D3"].StageEnteredOn);
    }
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheSourcesLeadSource_MapsToOurChannels_AndTheWinRateIsSplitByIt_EvenAfterAReimportMovesADeal(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await Company(provider);
        var master = test.Get<EditMasterData>();
        Assert.Empty((await master.Save(MasterDataKind.Channel, new MasterDataInput("DIRECT", "直销", "Direct", ChannelKind.Direct), "salesops", ct)).Problems);
        Assert.Empty((await master.Save(MasterDataKind.Channel, new MasterDataInput("PARTNER", "伙伴", "Partner", ChannelKind.Partner), "salesops", ct)).Problems);
        Assert.True((await test.Get<AccountFiles>().Import(ImportKind.Accounts, Csv("name\nCancity\n"), "a.csv", null, false, Viewer.System, ct)).Applied);
        var map = new FieldMap
        {
            Columns = { ["external_id"] = "id", ["account"] = "account", ["stage"] = "stage", ["created_on"] = "created", ["closed_on"] = "closed", ["product"] = "product", ["amount"] = "value", ["channel"] = "lead_source" },
            Values = { ["stage"] = new() { ["Won"] = SopStages.Won, ["Lost"] = SopStages.Lost }, ["channel"] = new() { ["Reseller"] = "PARTNER", ["Web"] = "DIRECT" } },
            Defaults = { ["lost_reason"] = "not recorded" },
        };
        const string head = "id,account,stage,created,closed,product,value,lead_source\n";
        var file = head +
                   "C1,Cancity,Won,2017-01-02,2017-02-01,GTX Basic,550,Web\n" +
                   "C2,Cancity,Lost,2017-01-02,2017-02-01,GTX Basic,,Web\n" +
                   "C3,Cancity,Lost,2017-01-02,2017-02-01,GTX Basic,,Web\n" +
                   "C4,Cancity,Won,2017-01-02,2017-03-03,GTX Basic,600,Reseller\n" +
                   "C5,Cancity,Won,2017-01-02,2017-03-03,GTX Basic,650,DIRECT\n" +
                   "C6,Cancity,Lost,2017-01-02,2017-03-03,GTX Basic,,\n";
        var first = await test.Get<ImportOpportunities>().Handle(Csv(file), "deals.csv", map, false, Viewer.System, null, ct);
        Assert.True(first.Applied, string.Join("\n", first.Errors));

        async Task<Dictionary<string, (int Won, int Lost, decimal? Rate, decimal WonAmount)>> ByChannel()
        {
            var rates = await test.Get<GetWinRates>().Handle(new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31), WinRateGroup.Channel, Viewer.System, ct);
            return rates.Rows.ToDictionary(r => r.Key is null ? "(none)" : r.Name, r => (r.Won, r.Lost, r.WinRate, r.WonAmount));
        }
        var split = await ByChannel();
        Assert.Equal((2, 2, 0.5m, 1_200m), split["DIRECT"]);
        Assert.Equal((1, 0, 1m, 600m), split["PARTNER"]);
        Assert.Equal((0, 1, 0m, 0m), split["(none)"]);

        // Next month's export says C2 came through a reseller after all, and names a source nobody mapped.
        var again = await test.Get<ImportOpportunities>().Handle(Csv(head + "C2,Cancity,Lost,2017-01-02,2017-02-01,GTX Basic,,Reseller\n"), "deals.csv", map, false, Viewer.System, null, ct);
        Assert.Equal((true, 1), (again.Applied, again.Updated));
        split = await ByChannel();
        Assert.Equal((2, 1), (split["DIRECT"].Won, split["DIRECT"].Lost));
        Assert.Equal((1, 1, 0.5m), (split["PARTNER"].Won, split["PARTNER"].Lost, split["PARTNER"].Rate));
        var unknown = await test.Get<ImportOpportunities>().Handle(Csv(head + "C7,Cancity,Won,2017-01-02,2017-02-01,GTX Basic,10,Trade show\n"), "deals.csv", map, true, Viewer.System, null, ct);
        Assert.Equal(("lead_source", "找不到渠道 'Trade show'(按编码、名称或别名)。"), (unknown.Errors.Single().Column, unknown.Errors.Single().Message));
    }
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ActivityHistory_ComesInWithTheSourcesKindsAndTimes_OnItsAccountsAndContacts_AndAReimportAddsOnlyWhatIsNew(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await Company(provider);
        Assert.True((await test.Get<ImportPeople>().Handle(Open("sales_teams.csv"), "sales_teams.csv", PeopleMap, false, Viewer.System, ct)).Applied);
        Assert.True((await test.Get<AccountFiles>().Import(ImportKind.Accounts, Csv("name,external_id\nCancity,ACC-7\nBetasoloin,ACC-2\n"), "a.csv", null, false, Viewer.System, ct)).Applied);
        Assert.True((await test.Get<AccountFiles>().Import(ImportKind.Contacts, Csv("account,name,level\nCancity,Ann Buyer,2\n"), "c.csv", null, false, Viewer.System, ct)).Applied);
        var map = new FieldMap
        {
            Columns = { ["account"] = "Account ID", ["kind"] = "Type", ["occurred_at"] = "When", ["subject"] = "Subject", ["contact"] = "Who", ["owner"] = "Agent" },
            Values = { ["kind"] = new() { ["Phone Call"] = "Call", ["Onsite"] = "Visit", ["Webinar"] = "Meeting" } },
            DateFormat = "M/d/yyyy H:mm",
        };
        const string head = "Account ID,Type,When,Subject,Who,Agent\n";
        var file = head +
                   "ACC-7,Phone Call,3/1/2017 14:30,Intro call,Ann Buyer,Moses Frase\n" +
                   "ACC-7,Onsite,3/8/2017 9:00,Demo at HQ,,\n" +
                   "ACC-2,Webinar,2017-04-02 10:15,Product webinar,,Moses Frase\n";
        var first = await test.Get<RunImport>().Handle(ImportKind.Activities, Csv(file), "activities.csv", map, false, Viewer.System, null, ct);
        Assert.True(first.Applied, string.Join("\n", first.Errors));
        Assert.Equal(3, first.Written);
        await using (var db = test.NewContext())
        {
            var moses = await db.People.Where(p => p.Name == "Moses Frase").Select(p => p.Id).SingleAsync(ct);
            var ann = await db.Contacts.Where(c => c.Name == "Ann Buyer").Select(c => c.Id).SingleAsync(ct);
            var rows = await db.Activities.OrderBy(a => a.OccurredAt).ToListAsync(ct);
            Assert.Equal([(ActivityKind.Call, new DateTime(2017, 3, 1, 14, 30, 0), (Guid?)ann, (Guid?)moses), (ActivityKind.Visit, new DateTime(2017, 3, 8, 9, 0, 0), null, null),
                    (ActivityKind.Meeting, new DateTime(2017, 4, 2, 10, 15, 0), null, moses)],
                rows.Select(a => (a.Kind, a.OccurredAt, a.ContactId, a.OwnerId)));
        }

        // Next month's export: the three again and one new — one written, three skipped.
        var next = await test.Get<RunImport>().Handle(ImportKind.Activities, Csv(file + "ACC-2,Phone Call,5/2/2017 8:05,Follow-up,,\n"), "activities.csv", map, false, Viewer.System, null, ct);
        Assert.Equal((true, 1), (next.Applied, next.Written));
        Assert.Equal("3 行与已有活动相同(客户、类型、时间和主题;从第 2 行起),已跳过。", Assert.Single(next.Notes));

        // Bad rows name their cells, and nothing is written.
        var bad = head +
                  "ACC-9,Phone Call,3/1/2017 14:30,x,,\n" +        // an account nobody imported
                  "ACC-7,Fax,3/1/2017 14:30,x,,\n" +               // a kind nobody mapped
                  "ACC-7,Onsite,31.12.2017,x,,\n" +                // a date in another format
                  "ACC-7,Onsite,3/1/2017 14:30,,,\n" +             // no subject
                  "ACC-7,Onsite,3/1/2017 14:30,x,Bob Nobody,\n" +  // a contact the account does not have
                  "ACC-7,Onsite,3/1/2017 14:30,x,,Nobody Known\n"; // an owner not imported
        var refused = await test.Get<RunImport>().Handle(ImportKind.Activities, Csv(bad), "bad.csv", map, false, Viewer.System, null, ct);
        Assert.Equal([(2, "Account ID"), (3, "Type"), (4, "When"), (5, "Subject"), (6, "Who"), (7, "Agent")], refused.Errors.Select(e => (e.Row, e.Column)));
        Assert.Equal("该客户没有联系人 'Bob Nobody'(可先导入联系人)。", refused.Errors[4].Message);
        await using (var db = test.NewContext()) Assert.Equal(4, await db.Activities.CountAsync(ct));
    }
}
