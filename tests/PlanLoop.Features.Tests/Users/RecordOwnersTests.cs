using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Users;

/// <summary>One rule for who owns a new record (RecordOwners): the same answer for an account, a lead and an opportunity.</summary>
public sealed class RecordOwnersTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANewRecordWithoutANamedOwner_IsItsCreators_UnlessTheySeeAll_AndARepCannotNameSomeoneElse(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var viewers = test.Get<GetViewer>();
        var rep = await viewers.Handle("rep", [Roles.Rep], ct);
        var manager = await viewers.Handle("manager", [Roles.Manager], ct);
        var director = await viewers.Handle("director", [Roles.Director], ct);
        Assert.NotNull(rep.PersonId);
        Assert.NotNull(manager.PersonId);
        Guid outsider;
        await using (var db = test.NewContext())
            outsider = await db.People.Where(p => p.Id != rep.PersonId && p.TeamId != manager.TeamId).Select(p => p.Id).FirstAsync(ct);

        var accounts = test.Get<EditAccount>();
        var leads = test.Get<EditLead>();
        var deals = test.Get<EditOpportunity>();
        var owners = new List<(string Who, string What, Guid? Owner)>();
        foreach (var (who, viewer) in new[] { ("rep", rep), ("manager", manager), ("director", director) })
        {
            var account = Saved(await accounts.Create(new AccountDetails($"{who} 新客户有限公司", Industry: "制造业"), viewer, ct));
            var lead = Saved(await leads.Create(new LeadDetails($"{who} 线索公司", "王经理", null, null, null, null, null, null, LeadSource.Other, LeadChannel.Offline, null), viewer, ct));
            var deal = await deals.Create(new OpportunityInput($"{who} 商机", account, new DateOnly(2024, 12, 20)), viewer, ct);
            await using var db = test.NewContext();
            owners.Add((who, "account", await db.Accounts.Where(a => a.Id == account).Select(a => a.OwnerId).SingleAsync(ct)));
            owners.Add((who, "lead", await db.Leads.Where(l => l.Id == lead).Select(l => l.OwnerId).SingleAsync(ct)));
            owners.Add((who, "deal", deal.Id is { } d ? await db.Opportunities.Where(o => o.Id == d).Select(o => o.OwnerId).SingleAsync(ct) : Guid.Empty));
        }
        Assert.Equal(
        [
            ("rep", "account", rep.PersonId), ("rep", "lead", rep.PersonId), ("rep", "deal", rep.PersonId),
            ("manager", "account", manager.PersonId), ("manager", "lead", manager.PersonId), ("manager", "deal", manager.PersonId),
            ("director", "account", null), ("director", "lead", null), ("director", "deal", null),
        ], owners);

        var mine = Saved(await accounts.Create(new AccountDetails("张伟的客户有限公司", Industry: "制造业"), rep, ct));
        var named = await deals.Create(new OpportunityInput("别人的商机", mine, new DateOnly(2024, 12, 20), OwnerId: outsider), rep, ct);
        Assert.Equal(EditOutcome.Invalid, named.Outcome);
        Assert.Equal("只能把商机分给自己。", named.Errors!["ownerId"].Single());
        var lead2 = await leads.Create(new LeadDetails("别人的线索公司", "王经理", null, null, null, null, null, null, LeadSource.Other, LeadChannel.Offline, outsider), rep, ct);
        Assert.Equal("只能把线索分给自己。", lead2.Errors!["ownerId"].Single());
        var account2 = await accounts.Create(new AccountDetails("别人的客户有限公司", OwnerId: outsider), manager, ct);
        Assert.Equal("只能把客户分给自己或本团队的成员。", account2.Errors!["ownerId"].Single());
    }

    static Guid Saved(EditResult result) =>
        result.Id ?? throw new Xunit.Sdk.XunitException($"{result.Outcome}: {string.Join("; ", (result.Errors ?? new Dictionary<string, string[]>()).Select(e => $"{e.Key} {string.Join(" ", e.Value)}"))}");
}
