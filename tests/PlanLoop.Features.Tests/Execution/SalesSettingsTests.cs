using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Execution;

public sealed class SalesSettingsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SavedRules_DriveStagesBantSlaAndApprovals_AndAStageWithOpenDealsCannotGo(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var settings = test.Get<EditSalesSettings>();
        Assert.Equal((0, SalesSettings.Default.Rubric.QualifyFrom), ((await settings.View(ct)).Version, (await settings.Current(ct)).Rubric.QualifyFrom));

        // A demo-call stage between qualification and proposal, BANT from 70, proposals within 5 working days, managers from 5% off.
        var stages = SopStages.Default.Select(s => s.Order >= 2 ? s with { Order = s.Order + 1 } : s).Append(new SalesStage("DEMO", "产品演示", "Demo", 0.2m, StageOutcome.Open, 2)).ToList();
        var rules = SalesSettings.Default with
        {
            Stages = stages,
            Rubric = SalesSettings.Default.Rubric with { QualifyFrom = 70 },
            Sla = new SlaPolicy(5, 15),
            Approval = ApprovalPolicy.Default with { ManagerDiscountAbove = 0.05m },
        };
        Assert.Empty((await settings.Save(rules, "salesops", ct)).Problems);
        var current = await settings.View(ct);
        Assert.Equal((1, 70, 5, 0.05m), (current.Version, current.Settings.Rubric.QualifyFrom, current.Settings.Sla.ProposalWorkingDays, current.Settings.Approval.ManagerDiscountAbove));
        Assert.Equal(["QUALIFY", "DEMO", "PROPOSAL", "NEGOTIATION", "WON", "LOST"], current.Settings.Stages.OrderBy(s => s.Order).Select(s => s.Code));

        var account = await Customers.Customers.Add(test, "规则测试客户", owner: "张伟");
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], ct);
        var edit = test.Get<EditOpportunity>();
        var id = (await edit.Create(new OpportunityInput("演示阶段", account, new DateOnly(2024, 12, 1)), rep, ct)).Id!.Value;
        await edit.ScoreBant(id, Enum.GetValues<BantCriterion>().ToDictionary(c => c, c => c == BantCriterion.Timeline ? 10 : 20), 1, rep, ct);   // 70
        Assert.Equal(EditOutcome.Saved, (await edit.Move(id, "DEMO", null, null, 2, rep, ct)).Outcome);
        var pipeline = await test.Get<ListOpportunities>().Handle(rep, ct);
        Assert.Equal(("产品演示", 1), (pipeline.Columns[1].Stage.Name, pipeline.Columns[1].Cards.Count));
        Assert.Equal(5, pipeline.Sla.ProposalWorkingDays);

        var withoutDemo = rules with { Stages = SopStages.Default };
        Assert.Equal(["阶段 DEMO 中还有进行中的商机,不能删除。"], (await settings.Save(withoutDemo, "salesops", ct)).Problems["stages"]);
        var broken = rules with { Stages = SopStages.Default.Where(s => s.Code != SopStages.Proposal).ToList(), Sla = new SlaPolicy(0, 15), Approval = new ApprovalPolicy(0.3m, 0.2m, 1m) };
        var problems = (await settings.Save(broken, "salesops", ct)).Problems;
        Assert.Equal(["approval", "sla", "stages"], problems.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("SOP 阶段 PROPOSAL 不能删除(SLA 和报表依赖它)。", problems["stages"]);
        Assert.Equal(["总监审批的折扣阈值不能低于经理的。"], problems["approval"]);
        Assert.Equal(1, (await settings.View(ct)).Version);
    }
}

public sealed class CycleTimeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WonDeals_AreTimedByTier_AgainstTheTiersDecisionCycle(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var account = await Customers.Customers.Add(test, "周期客户", owner: "张伟");
        await using (var db = test.NewContext())
        {
            var product = db.Products.Single(p => p.Code == "A-PACK");
            var a = await db.Accounts.SingleAsync(x => x.Id == account, ct);
            a.SetTier(Domain.Customers.CustomerTier.C, DateTime.UtcNow);
            // C expects 15–30 days: 10 (faster), 20 and 30 (within), 45 (slower); one lost deal does not count.
            foreach (var (days, won) in new[] { (10, true), (20, true), (30, true), (45, true), (12, false) })
            {
                var created = new DateOnly(2024, 3, 1);
                var o = new Opportunity($"周期 {days}", account, null, created.AddDays(60), created, "test", SopStages.Default);
                o.SetLines([new OpportunityLine(product.Id, 1m, 100m, 0m)]);
                o.ScoreBant(BantRubric.Default.Score(Enum.GetValues<BantCriterion>().ToDictionary(c => c, _ => 25)));
                o.Move(won ? SopStages.Won : SopStages.Lost, SopStages.Default, created.AddDays(days), "test", won ? null : "价格");
                db.Opportunities.Add(o);
            }
            await db.SaveChangesAsync(ct);
        }
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], ct);
        var cycles = await test.Get<GetCycleTimes>().Handle(2024, director, ct);
        var c = cycles.Tiers.Single(t => t.Tier == Domain.Customers.CustomerTier.C);
        Assert.Equal((4, 26.3m, 20, 15, 30, 1, 2, 1), (c.Deals, c.AverageDays!.Value, c.MedianDays!.Value, c.ExpectedMinDays, c.ExpectedMaxDays, c.Faster, c.Within, c.Slower));
        Assert.Equal((60, 90, 0), (cycles.Tiers[0].ExpectedMinDays, cycles.Tiers[0].ExpectedMaxDays, cycles.Tiers[0].Deals));
    }
}
