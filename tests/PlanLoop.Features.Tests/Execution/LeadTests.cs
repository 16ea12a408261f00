using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Execution;

public sealed class LeadTests
{
    static LeadDetails Lead(string company, Guid? owner = null) =>
        new(company, "王经理", "采购经理", "13800000000", null, "制造业", null, 300, LeadSource.Website, LeadChannel.Online, owner);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lifecycle_QualifyThenConvert_MakesAProspectWithTheContact_AndTheRulesHold(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var edit = test.Get<EditLead>();
        var salesops = await test.Get<GetViewer>().Handle("salesops", [Roles.SalesOps], ct);
        var id = (await edit.Create(Lead("杭州星河机械有限公司"), salesops, ct)).Id!.Value;

        Assert.Equal(EditOutcome.Saved, (await edit.Move(id, LeadAction.StartWork, null, 1, salesops, ct)).Outcome);
        Assert.Equal(EditOutcome.Conflict, (await edit.Move(id, LeadAction.Qualify, null, 1, salesops, ct)).Outcome);   // stale revision
        Assert.Equal(EditOutcome.Saved, (await edit.Move(id, LeadAction.Qualify, null, 2, salesops, ct)).Outcome);
        var twice = await Assert.ThrowsAsync<RuleException>(() => edit.Move(id, LeadAction.Disqualify, "无预算", 3, salesops, ct));
        Assert.Equal("lead-closed", twice.Rule);

        var converted = await edit.Convert(id, 3, salesops, ct);

        Assert.Equal(EditOutcome.Saved, converted.Outcome);
        await using var db = test.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.Id == converted.Id, ct);
        Assert.Equal(("杭州星河机械有限公司", AccountStatus.Prospect, "制造业"), (account.Name, account.Status, account.Industry));
        var contact = await db.Contacts.SingleAsync(c => c.AccountId == account.Id, ct);
        Assert.Equal(("王经理", "13800000000"), (contact.Name, contact.Phone));
        var lead = await db.Leads.SingleAsync(l => l.Id == id, ct);
        Assert.Equal((account.Id, LeadStatus.Qualified), (lead.AccountId!.Value, lead.Status));
        var opportunity = await db.Opportunities.SingleAsync(o => o.AccountId == account.Id, ct);
        Assert.Equal(("杭州星河机械有限公司", SopStages.Qualification, new DateOnly(2024, 10, 30)), (opportunity.Name, opportunity.StageCode, opportunity.ExpectedClose));
        Assert.Equal("lead-converted", (await Assert.ThrowsAsync<RuleException>(() => edit.Convert(id, lead.Revision, salesops, ct))).Rule);
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.Entity == "lead", ct));   // create, start, qualify, convert; refused moves leave no trace
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Convert_AnExistingCompany_LinksItsAccount(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var existing = await Customers.Customers.Add(test, "上海华信科技有限公司");
        var edit = test.Get<EditLead>();
        var viewer = new Viewer("salesops", [Roles.SalesOps]);
        var id = (await edit.Create(Lead("上海 华信科技(有限公司)"), viewer, ct)).Id!.Value;
        await edit.Move(id, LeadAction.Qualify, null, 1, viewer, ct);

        var converted = await edit.Convert(id, 2, viewer, ct);

        Assert.Equal(existing, converted.Id);
        await using var db = test.NewContext();
        Assert.Equal(1, await db.Accounts.CountAsync(ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Funnel_QualifiedRateIsSqlOverWorked_ByOwner_AndARepSeesOnlyTheirs(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var edit = test.Get<EditLead>();
        var salesops = new Viewer("salesops", [Roles.SalesOps]);
        var zhang = await Customers.Customers.Person(test, "张伟");
        var huang = await Customers.Customers.Person(test, "黄磊");
        async Task Add(string name, Guid owner, LeadAction? first, LeadAction? second = null)
        {
            var id = (await edit.Create(Lead(name, owner), salesops, ct)).Id!.Value;
            if (first is { } a) await edit.Move(id, a, "无预算", 1, salesops, ct);
            if (second is { } b) await edit.Move(id, b, "无预算", 2, salesops, ct);
        }
        await Add("甲", zhang, LeadAction.StartWork, LeadAction.Qualify);
        await Add("乙", zhang, LeadAction.Qualify);
        await Add("丙", zhang, LeadAction.Disqualify);
        await Add("丁", zhang, LeadAction.StartWork);
        await Add("戊", zhang, null);
        await Add("己", huang, LeadAction.Disqualify);

        var day = test.Get<BusinessDay>().Today();
        var report = await test.Get<GetLeadFunnel>().Handle(new DateOnly(day.Year, 1, 1), day, LeadDimension.Owner, salesops, ct);
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], ct);
        var mine = await test.Get<ListLeads>().Handle(new LeadQuery(), rep, ct);

        Assert.Equal([("张伟", 5, 4, 2, 1), ("黄磊", 1, 1, 0, 1)], report.Rows.Select(r => (r.Key, r.Funnel.Leads, r.Funnel.Worked, r.Funnel.Qualified, r.Funnel.Disqualified)));
        Assert.Equal(0.5m, report.Rows[0].Funnel.QualifiedRate);
        Assert.Equal(0.4m, report.Total.QualifiedRate);   // 2 SQL of 5 worked
        Assert.Equal(0.40m, report.Target);
        Assert.Equal(5, mine.Total);
        Assert.Equal((1, 1, 2, 1), (mine.ByStatus[LeadStatus.New], mine.ByStatus[LeadStatus.Working], mine.ByStatus[LeadStatus.Qualified], mine.ByStatus[LeadStatus.Disqualified]));
    }
}
