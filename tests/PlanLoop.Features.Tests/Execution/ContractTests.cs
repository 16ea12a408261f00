using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Rules;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Execution;

public sealed class ContractTests
{
    static readonly DateOnly AsOf = new(2024, 9, 30);
    static readonly System.Globalization.CultureInfo Chinese = System.Globalization.CultureInfo.GetCultureInfo("zh"), English = System.Globalization.CultureInfo.GetCultureInfo("en");

    /// <summary>A won deal for 张伟: A-PACK 2 at 25% off (225,000) and A-SAAS 5 at list (150,000) = 375,000 of 450,000 list.</summary>
    internal static async Task<Guid> WonDeal(TestDatabase test, Guid account, Viewer rep, CancellationToken ct)
    {
        var edit = test.Get<EditOpportunity>();
        var id = (await edit.Create(new OpportunityInput("博达 产线数字化", account, new DateOnly(2024, 12, 20)), rep, ct)).Id!.Value;
        await edit.SetLines(id, [new("A-PACK", 2m, null, 0.25m), new("A-SAAS", 5m, null, 0m)], 1, rep, ct);
        await edit.ScoreBant(id, Enum.GetValues<BantCriterion>().ToDictionary(c => c, _ => 25), 2, rep, ct);
        await edit.Move(id, SopStages.Proposal, null, null, 3, rep, ct);
        await edit.Move(id, SopStages.Negotiation, null, null, 4, rep, ct);
        await edit.Move(id, SopStages.Won, null, null, 5, rep, ct);
        return id;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WonDeal_ToContract_ThroughTheApprovalChain_ToBookedOrdersAndPayments(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var account = await Customers.Customers.Add(test, "苏州博达机械有限公司", owner: "张伟");
        var viewers = test.Get<GetViewer>();
        var (rep, manager, director, finance) = (await viewers.Handle("rep", [Roles.Rep], ct), await viewers.Handle("manager", [Roles.Manager], ct),
            await viewers.Handle("director", [Roles.Director], ct), await viewers.Handle("finance", [Roles.Finance], ct));
        var edit = test.Get<EditContract>();
        var list = test.Get<ListContracts>();

        var open = (await test.Get<EditOpportunity>().Create(new OpportunityInput("还没赢", account, new DateOnly(2024, 12, 20)), rep, ct)).Id!.Value;
        Assert.Equal("opportunity-not-won", (await Assert.ThrowsAsync<RuleException>(() => edit.CreateFromOpportunity(open, null, rep, ct))).Rule);
        var deal = await WonDeal(test, account, rep, ct);
        var id = (await edit.CreateFromOpportunity(deal, null, rep, ct)).Id!.Value;
        Assert.Equal("contract-exists", (await Assert.ThrowsAsync<RuleException>(() => edit.CreateFromOpportunity(deal, null, rep, ct))).Rule);

        var draft = (await list.Get(id, rep, ct))!;
        Assert.Equal(("HT-2024-0001", "STD", 1, 375_000m, 450_000m, ContractStatus.Draft), (draft.Number, draft.TemplateCode, draft.TemplateVersion, draft.Amount, draft.ListAmount, draft.Status));
        Assert.Equal([225_000m, 150_000m], draft.Lines.Select(l => l.Amount));
        // The standard plan: 30% on signing, 60% at go-live (+60 days), 10% on final acceptance (+120 days).
        Assert.Equal([("预付款", AsOf, 112_500m, (string?)null), ("上线款", new DateOnly(2024, 11, 29), 225_000m, "系统上线"), ("验收款", new DateOnly(2025, 1, 28), 37_500m, "最终验收")],
            draft.Nodes.Select(n => (n.Name, n.DueOn, n.Amount, n.Milestone)));
        Assert.Equal(["系统上线", "最终验收"], draft.Milestones.Select(m => m.Name));
        Assert.Equal([ApproverRole.Manager], draft.WouldRoute.Select(s => s.Role));   // 16.67% off

        var badPlan = await edit.SetPaymentPlan(id, [new("预付款", AsOf, 100_000m), new("尾款", AsOf.AddDays(30), 275_000.01m)], draft.Revision, rep, ct);
        Assert.Equal(["各节点合计 375,000.01,合同金额 375,000.00,相差 -0.01。"], badPlan.Errors!["nodes"]);
        Assert.Equal(EditOutcome.Saved, (await edit.SetTerms(id, true, "验收期延长至 90 天", draft.Revision, rep, ct)).Outcome);
        Assert.Equal(EditOutcome.Conflict, (await edit.Submit(id, draft.Revision, rep, ct)).Outcome);
        Assert.Equal(EditOutcome.Saved, (await edit.Submit(id, draft.Revision + 1, rep, ct)).Outcome);

        // Non-standard terms: Manager → Director → Finance. The rep cannot decide; the manager's inbox has it.
        var inbox = await list.Inbox(manager, ct);
        var item = Assert.Single(inbox.Items);
        Assert.Equal((ApproverRole.Manager, "折扣 16.67% > 10%;非标准条款", 0), (item.Role, item.Reasons, item.WaitingWorkingDays));
        Assert.Empty((await list.Inbox(director, ct)).Items);
        var revision = (await list.Get(id, rep, ct))!.Revision;
        Assert.Equal("not-your-step", (await Assert.ThrowsAsync<RuleException>(() => edit.Decide(id, ApprovalDecision.Approved, null, revision, rep, ct))).Rule);
        Assert.Equal(EditOutcome.Saved, (await edit.Decide(id, ApprovalDecision.Approved, null, revision, manager, ct)).Outcome);
        Assert.Equal(EditOutcome.Saved, (await edit.Decide(id, ApprovalDecision.Returned, "请补充验收标准", revision + 1, director, ct)).Outcome);
        Assert.Equal(ContractStatus.Draft, (await list.Get(id, rep, ct))!.Status);
        Assert.Equal(EditOutcome.Saved, (await edit.Submit(id, revision + 2, rep, ct)).Outcome);
        foreach (var (who, r) in new[] { (manager, revision + 3), (director, revision + 4), (finance, revision + 5) })
            Assert.Equal(EditOutcome.Saved, (await edit.Decide(id, ApprovalDecision.Approved, null, r, who, ct)).Outcome);
        var approved = (await list.Get(id, rep, ct))!;
        Assert.Equal((ContractStatus.Approved, 0, 2), (approved.Status, approved.ApprovalWorkingDays!.Value, approved.Approvals.Max(a => a.Round)));
        Assert.Equal([ApprovalDecision.Approved, ApprovalDecision.Returned, ApprovalDecision.Skipped, ApprovalDecision.Approved, ApprovalDecision.Approved, ApprovalDecision.Approved],
            approved.Approvals.Select(a => a.Decision));
        Assert.Equal("请补充验收标准", approved.Approvals.Single(a => a.Decision == ApprovalDecision.Returned).Comment);

        Assert.Equal("contract-not-signed", (await Assert.ThrowsAsync<RuleException>(() => test.Get<EditReceivables>().RecordPayment(id, approved.Nodes[0].Id, null, 1m, null, finance, ct))).Rule);
        Assert.Equal(EditOutcome.Saved, (await edit.Sign(id, approved.Revision, rep, ct)).Outcome);
        await using (var db = test.NewContext())
        {
            var orders = await db.OrderLines.Where(o => o.ContractId == id).OrderByDescending(o => o.Amount).ToListAsync(ct);
            Assert.Equal([225_000m, 150_000m], orders.Select(o => o.Amount));
            var east = await db.Regions.Where(r => r.Code == "EAST").Select(r => r.Id).SingleAsync(ct);
            Assert.All(orders, o => Assert.Equal(("HT-2024-0001", AsOf, account, east), (o.OrderNumber, o.BookedOn, o.AccountId, o.RegionId!.Value)));
            Assert.Equal(["contract.create", "contract.terms", "contract.submit", "contract.approval", "contract.approval", "contract.submit",
                "contract.approval", "contract.approval", "contract.approval", "contract.sign"],
                await db.AuditEntries.Where(a => a.Entity == "contract" && a.EntityId == id).OrderBy(a => a.Id).Select(a => a.Path).ToListAsync(ct));
        }

        // Finance records payments: partial is fine, more than the node's open amount is refused.
        var receivables = test.Get<EditReceivables>();
        var first = approved.Nodes[0].Id;
        Assert.Equal("finance-only", (await Assert.ThrowsAsync<RuleException>(() => receivables.RecordPayment(id, first, null, 1m, null, rep, ct))).Rule);
        Assert.Equal(EditOutcome.Saved, (await receivables.RecordPayment(id, first, AsOf, 100_000m, "银行回单 0930-01", finance, ct)).Outcome);
        var over = await Assert.ThrowsAsync<RuleException>(() => receivables.RecordPayment(id, first, AsOf, 12_500.01m, null, finance, ct));
        Assert.Equal("回款 12500.01 超过节点“预付款”未收金额 12500.00。", RuleTexts.Text(over, Chinese));
        Assert.Equal("The payment 12500.01 is more than the 12500.00 still open on \"预付款\".", RuleTexts.Text(over, English));
        Assert.Equal(EditOutcome.Saved, (await receivables.RecordInvoice(id, first, "INV-0001", AsOf, 112_500m, finance, ct)).Outcome);
        Assert.Equal(["number"], (await receivables.RecordInvoice(id, first, "INV-0001", AsOf, 1m, finance, ct)).Errors!.Keys);

        var signed = (await list.Get(id, finance, ct))!;
        Assert.Equal((112_500m, 100_000m, 12_500m, (AgeingBucket?)AgeingBucket.NotDue), (signed.Nodes[0].Invoiced, signed.Nodes[0].Received, signed.Nodes[0].Open, signed.Nodes[0].Overdue));
        var row = Assert.Single(await list.Handle(rep, null, "博达", ct));
        Assert.Equal((ContractStatus.Signed, 100_000m), (row.Status, row.Received));
        Assert.Empty(await list.Handle(await viewers.Handle("someone", [Roles.Rep], ct), null, null, ct));
        Assert.Null(await list.Get(id, await viewers.Handle("someone", [Roles.Rep], ct), ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Collection_RateByPeriodAndOwner_AndAgeing_MatchTheDomainsOwnArithmetic(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var a1 = await Customers.Customers.Add(test, "华东甲", owner: "张伟");
        var a2 = await Customers.Customers.Add(test, "华东乙", owner: "黄磊");
        var nodes = new List<Instalment>();
        var payments = new List<Payment>();
        await using (var db = test.NewContext())
        {
            var people = await db.People.ToDictionaryAsync(p => p.Name, p => p.Id, ct);
            Contract Signed(Guid account, string owner, string number, decimal amount)
            {
                var product = db.Products.Single(p => p.Code == "A-PACK");
                var c = new Contract(number, account, people[owner], null, null, "STD", 1, [new OpportunityLine(product.Id, 1m, amount, 0m)], new DateOnly(2024, 1, 2));
                c.Submit(ApprovalPolicy.Default, new DateOnly(2024, 1, 2));
                c.Sign(new DateOnly(2024, 1, 3));
                db.Contracts.Add(c);
                return c;
            }
            var c1 = Signed(a1, "张伟", "HT-T-1", 100_000m);
            var c2 = Signed(a2, "黄磊", "HT-T-2", 90_000m);
            void Node(Contract c, int seq, string due, decimal amount, params (string On, decimal Amount)[] paid)
            {
                var n = new Instalment(c.Id, seq, $"节点{seq}", DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), amount);
                nodes.Add(n);
                payments.AddRange(paid.Select(p => new Payment(c.Id, n.Id, DateOnly.Parse(p.On, System.Globalization.CultureInfo.InvariantCulture), p.Amount, null, "finance", DateTime.UtcNow)));
            }
            Node(c1, 1, "2024-01-15", 30_000m, ("2024-01-10", 30_000m));                    // paid early
            Node(c1, 2, "2024-05-20", 50_000m, ("2024-05-31", 20_000m), ("2024-07-02", 10_000m)); // part in May, part in Q3: 20,000 open, 133 days late
            Node(c1, 3, "2024-09-30", 20_000m);                                               // due today: not yet overdue
            Node(c2, 1, "2024-08-10", 45_000m, ("2024-09-02", 45_000m));                      // paid late, next month
            Node(c2, 2, "2024-09-01", 27_000m, ("2024-09-20", 7_000m));                       // 20,000 open, 29 days late
            Node(c2, 3, "2024-10-15", 18_000m, ("2024-10-08", 5_000m));                       // paid after the business day: not counted
            db.Instalments.AddRange(nodes);
            db.Payments.AddRange(payments);
            await db.SaveChangesAsync(ct);
        }
        var finance = await test.Get<GetViewer>().Handle("finance", [Roles.Finance], ct);
        var report = test.Get<GetCollectionReport>();
        var domainNodes = nodes.Select(n => new PaymentNode(n.Id, n.DueOn, n.Amount)).ToList();
        var receipts = payments.Select(p => new Receipt(p.InstalmentId, p.ReceivedOn, p.Amount)).ToList();

        var byMonth = await report.Handle(2024, CollectionDimension.Month, finance, ct);
        // The year to the business day: due 172,000 (the October node is not due yet); received by 30 September 112,000.
        Assert.Equal((172_000m, 112_000m), (byMonth.Total.Due, byMonth.Total.Received));
        Assert.Equal(Receivables.Rate(domainNodes, receipts, new DateOnly(2024, 1, 1), AsOf), new CollectionFigures(byMonth.Total.Due, byMonth.Total.Received));
        Assert.Equal((0.92m, 0.85m), (byMonth.Target!.Value, byMonth.Baseline!.Value));
        // Each month counts what came in by its own end: May got 20,000 of 50,000; August nothing of 45,000 (paid 2 September).
        Assert.Equal([("01", 30_000m, 30_000m), ("05", 50_000m, 20_000m), ("08", 45_000m, 0m), ("09", 47_000m, 7_000m)], byMonth.Rows.Select(r => (r.Key, r.Due, r.Received)));
        foreach (var (month, row) in new[] { (1, byMonth.Rows[0]), (5, byMonth.Rows[1]), (8, byMonth.Rows[2]) })
        {
            var first = new DateOnly(2024, month, 1);
            Assert.Equal(Receivables.Rate(domainNodes, receipts, first, first.AddMonths(1).AddDays(-1)), new CollectionFigures(row.Due, row.Received));
        }
        var byQuarter = await report.Handle(2024, CollectionDimension.Quarter, finance, ct);
        Assert.Equal([("Q1", 30_000m, 30_000m), ("Q2", 50_000m, 20_000m), ("Q3", 92_000m, 52_000m)], byQuarter.Rows.Select(r => (r.Key, r.Due, r.Received)));
        var byOwner = await report.Handle(2024, CollectionDimension.Owner, finance, ct);
        Assert.Equal([("张伟", 100_000m, 60_000m), ("黄磊", 72_000m, 52_000m)], byOwner.Rows.OrderByDescending(r => r.Due).Select(r => (r.Key, r.Due, r.Received)));
        Assert.Equal((172_000m, 112_000m), (byOwner.Total.Due, byOwner.Total.Received));   // the same year whichever way it is cut
        Assert.Equal((172_000m, 112_000m), (byQuarter.Total.Due, byQuarter.Total.Received));
        Assert.Equal([("华东区", 172_000m, 112_000m)], (await report.Handle(2024, CollectionDimension.Region, finance, ct)).Rows.Select(r => (r.Key, r.Due, r.Received)));

        // Open on 30 September: 20,000 + 18,000 not due, 20,000 at 29 days, 20,000 at 133 days.
        var ageing = Receivables.Ageing(domainNodes, receipts, AsOf);
        Assert.Equal([38_000m, 20_000m, 0m, 0m, 20_000m], byMonth.Ageing.Select(a => a.Open));
        Assert.Equal(Enum.GetValues<AgeingBucket>().Select(b => ageing[b]), byMonth.Ageing.Select(a => a.Open));
        Assert.Equal([("张伟", 20_000m), ("黄磊", 20_000m)], byMonth.OverdueByOwner.Select(o => (o.Owner, o.Overdue)));
        Assert.Equal([("HT-T-1", "节点2", 20_000m, 133), ("HT-T-2", "节点2", 20_000m, 29)], byMonth.Overdue.Select(o => (o.Number, o.Node, o.Open, o.DaysPastDue)));
        Assert.Equal([("HT-T-1", "节点3", 0)], byMonth.DueSoon.Select(o => (o.Number, o.Node, o.DaysPastDue)));

        // A rep sees the collection of their own contracts only.
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], ct);
        Assert.Equal((100_000m, 60_000m), ((await report.Handle(2024, CollectionDimension.Month, rep, ct)).Total.Due, (await report.Handle(2024, CollectionDimension.Month, rep, ct)).Total.Received));
    }
}

public sealed class PaymentHealthTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WhatIsStillUnpaid_OfWhatFellDue_LowersTheHealthScoresPaymentComponent(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var payer = await Customers.Customers.Add(test, "付款客户", owner: "张伟", purchases: [200_000m]);
        var none = await Customers.Customers.Add(test, "无合同客户", owner: "张伟", purchases: [200_000m]);
        await using (var db = test.NewContext())
        {
            var product = await db.Products.SingleAsync(p => p.Code == "A-PACK", ct);
            var c = new Contract("HT-PAY-1", payer, null, null, null, "STD", 1, [new OpportunityLine(product.Id, 1m, 30_000m, 0m)], new DateOnly(2024, 6, 1));
            c.Submit(ApprovalPolicy.Default, new DateOnly(2024, 6, 1));
            c.Sign(new DateOnly(2024, 6, 3));
            db.Contracts.Add(c);
            // Fell due before 30 September: 10,000 (4,000 paid) and 10,000 (paid); not yet due: 10,000.
            var n1 = new Instalment(c.Id, 1, "预付款", new DateOnly(2024, 6, 3), 10_000m);
            var n2 = new Instalment(c.Id, 2, "上线款", new DateOnly(2024, 8, 1), 10_000m);
            db.Instalments.AddRange(n1, n2, new Instalment(c.Id, 3, "验收款", new DateOnly(2024, 12, 1), 10_000m));
            db.Payments.AddRange(new Payment(c.Id, n1.Id, new DateOnly(2024, 6, 10), 4_000m, null, "finance", DateTime.UtcNow),
                new Payment(c.Id, n2.Id, new DateOnly(2024, 8, 1), 10_000m, null, "finance", DateTime.UtcNow));
            await db.SaveChangesAsync(ct);
        }
        await test.Get<RefreshAccounts>().Handle("test", new DateOnly(2024, 9, 30), null, ct);

        await using var check = test.NewContext();
        // 6,000 of 20,000 unpaid → payment 70; the account without contracts keeps payment out of its score.
        Assert.Equal(70m, (await check.HealthSnapshots.SingleAsync(s => s.AccountId == payer, ct)).Payment);
        Assert.Null((await check.HealthSnapshots.SingleAsync(s => s.AccountId == none, ct)).Payment);
    }
}
