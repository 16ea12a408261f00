using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Execution;

public sealed class OpportunityTests
{
    static Dictionary<BantCriterion, int> Bant(int each) => Enum.GetValues<BantCriterion>().ToDictionary(c => c, _ => each);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ALineWithMorePlacesThanStored_IsAFieldError_AndNothingIsSaved(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var account = await Customers.Customers.Add(test, "苏州博达机械有限公司", owner: "张伟");
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], ct);
        var edit = test.Get<EditOpportunity>();
        var id = (await edit.Create(new OpportunityInput("博达 产线数字化", account, new DateOnly(2024, 12, 20)), rep, ct)).Id!.Value;

        // 12.345% typed in the page is 0.12345; a quantity of 1.00005 and a list price of 0.00001 have five places too.
        var refused = await edit.SetLines(id, [new("A-PACK", 2m, null, 0.12345m), new("A-SAAS", 1.00005m, 0.00001m, 0m)], 1, rep, ct);

        Assert.Equal(EditOutcome.Invalid, refused.Outcome);
        Assert.Equal(["lines[0].discount", "lines[1].listPrice", "lines[1].quantity"], refused.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(StoredPrecision.Message, refused.Errors["lines[0].discount"].Single());
        Assert.Equal(EditOutcome.Saved, (await edit.SetLines(id, [new("A-PACK", 2m, null, 0.1234m)], 1, rep, ct)).Outcome);   // four places are kept exactly
        await using var db = test.NewContext();
        Assert.Equal(0.1234m, (await db.Opportunities.SingleAsync(o => o.Id == id, ct)).Lines.Single().Discount);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deal_ThroughThePipeline_WithLinesBantOverrideAndSla_IsStoredAndShownExactly(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var account = await Customers.Customers.Add(test, "苏州博达机械有限公司", owner: "张伟");
        var viewers = test.Get<GetViewer>();
        var rep = await viewers.Handle("rep", [Roles.Rep], ct);
        var manager = await viewers.Handle("manager", [Roles.Manager], ct);
        var edit = test.Get<EditOpportunity>();

        var id = (await edit.Create(new OpportunityInput("博达 产线数字化", account, new DateOnly(2024, 12, 20)), rep, ct)).Id!.Value;
        // A-PACK lists at 150,000: 2 at 10% off; A-SAAS 30,000: 5 at the list price.
        Assert.Equal(EditOutcome.Saved, (await edit.SetLines(id, [new("A-PACK", 2m, null, 0.10m), new("A-SAAS", 5m, null, 0m)], 1, rep, ct)).Outcome);
        var unknown = await edit.SetLines(id, [new("NO-SUCH", 1m, null, 0m)], 2, rep, ct);
        Assert.Equal(["lines[0].productCode"], unknown.Errors!.Keys);
        Assert.Equal(EditOutcome.Saved, (await edit.ScoreBant(id, Bant(10), 2, rep, ct)).Outcome);   // 40 < 60
        Assert.Equal("bant-below-threshold", (await Assert.ThrowsAsync<RuleException>(() => edit.Move(id, SopStages.Proposal, null, null, 3, rep, ct))).Rule);
        Assert.Equal("manager-only", (await Assert.ThrowsAsync<RuleException>(() => edit.OverrideBant(id, "战略客户", 3, rep, ct))).Rule);
        Assert.Equal(EditOutcome.Saved, (await edit.OverrideBant(id, "战略客户,预算下季度落实", 3, manager, ct)).Outcome);
        Assert.Equal(EditOutcome.Saved, (await edit.Move(id, SopStages.Proposal, null, null, 4, rep, ct)).Outcome);
        Assert.Equal(EditOutcome.Conflict, (await edit.Move(id, SopStages.Negotiation, null, null, 4, rep, ct)).Outcome);

        await using (var db = test.NewContext())
        {
            var stored = await db.Opportunities.SingleAsync(o => o.Id == id, ct);
            Assert.Equal(420_000m, stored.Amount);
            Assert.Equal([270_000m, 150_000m], stored.Lines.Select(l => l.Amount));
            // The answers are kept, not only their total: the pipeline panel shows them, and saving it unchanged keeps the score.
            Assert.Equal(Bant(10), stored.BantAnswers);
            Assert.Equal([(null, SopStages.Qualification), (SopStages.Qualification, SopStages.Proposal)], stored.Moves.Select(m => (m.From, m.To)));
            Assert.Equal(("manager", 40, false), (stored.OverrideBy, stored.BantTotal!.Value, stored.BantQualified));
        }

        // Entered 方案设计 on the business day, Monday 30 September 2024: three working days after it, past the
        // National Day week, the proposal is due Thursday 10 October — on time, and not yet due soon.
        var pipeline = await test.Get<ListOpportunities>().Handle(rep, ct);
        var proposal = pipeline.Columns.Single(c => c.Stage.Code == SopStages.Proposal);
        var card = Assert.Single(proposal.Cards);
        Assert.Equal((420_000m, 126_000m), (proposal.Amount, proposal.Weighted));
        Assert.Equal((SlaState.OnTime, (SlaState?)null, true), (card.ProposalSla!.Value, card.NegotiationSla, card.Overridden));
        Assert.Equal("苏州博达机械有限公司", card.Account);
        var detail = await test.Get<GetAccount>().Handle(account, rep, ct);
        Assert.Equal((420_000m, 1), (detail!.OpenPipeline, detail.Opportunities.Count));
        Assert.Empty((await test.Get<ListOpportunities>().Handle(await viewers.Handle("someone", [Roles.Rep], ct), ct)).Columns.SelectMany(c => c.Cards));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Losing_NeedsAReason_AndAnAccountOutOfScopeCannotHaveADeal(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var mine = await Customers.Customers.Add(test, "我的客户", owner: "张伟");
        var other = await Customers.Customers.Add(test, "别人的客户", owner: "黄磊");
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], ct);
        var edit = test.Get<EditOpportunity>();

        var refused = await edit.Create(new OpportunityInput("不行", other, new DateOnly(2024, 12, 1)), rep, ct);
        Assert.Equal(["accountId"], refused.Errors!.Keys);
        var id = (await edit.Create(new OpportunityInput("会输的单", mine, new DateOnly(2024, 12, 1)), rep, ct)).Id!.Value;
        Assert.Equal("lost-reason-required", (await Assert.ThrowsAsync<RuleException>(() => edit.Move(id, SopStages.Lost, " ", null, 1, rep, ct))).Rule);
        Assert.Equal(EditOutcome.Saved, (await edit.Move(id, SopStages.Lost, "价格", "竞品甲", 1, rep, ct)).Outcome);
        Assert.Equal(["stage"], (await edit.Move(id, "NOPE", null, null, 2, rep, ct)).Errors!.Keys);

        await using var db = test.NewContext();
        var lost = await db.Opportunities.SingleAsync(o => o.Id == id, ct);
        Assert.Equal(("价格", "竞品甲", 0m, new DateOnly(2024, 9, 30)), (lost.LostReason, lost.WinningCompetitor, lost.Probability, lost.ClosedOn!.Value));
    }
}
