using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Execution;

public sealed class AlertsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reminders_GoToTheOwner_BreachesAreEscalatedToTheManager_AndFinanceSeesTheMoney(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var viewers = test.Get<GetViewer>();
        var (rep, manager, finance) = (await viewers.Handle("rep", [Roles.Rep], ct), await viewers.Handle("manager", [Roles.Manager], ct), await viewers.Handle("finance", [Roles.Finance], ct));
        var alerts = test.Get<GetAlerts>();

        // The director and a manager: every SLA breach in their scope, others' escalated; reminders stay with the owners.
        var director = await viewers.Handle("director", [Roles.Director], ct);
        foreach (var (viewer, mustHave) in new[] { (director, true), (manager, false) })
        {
            var scoped = await test.Get<ListOpportunities>().Handle(viewer, ct);
            var breaches = scoped.Columns.SelectMany(c => c.Cards).Where(c => c.ClosedOn is null)
                .Sum(c => (c.ProposalSla == SlaState.Breached ? 1 : 0) + (c.NegotiationSla == SlaState.Breached ? 1 : 0));
            var escalations = await alerts.Handle(viewer, ct);
            if (mustHave) Assert.True(breaches > 0);   // the director sees every breach; the manager's share may be none, and then none escalated either
            Assert.Equal(breaches, escalations.Count(a => a.Kind == AlertKind.SlaBreached));
            Assert.All(escalations.Where(a => a.Kind == AlertKind.SlaBreached), a => Assert.True(a.Escalated));
            Assert.DoesNotContain(escalations, a => a.Kind == AlertKind.SlaDueSoon);
        }

        // A seller: only their own deals and contracts, nothing escalated (one who has overdue money in the demo, so the list is not empty).
        var seller = (await test.Get<GetCollectionReport>().Handle(2024, CollectionDimension.Owner, finance, ct)).Overdue.Select(n => n.Owner).OfType<string>().Order(StringComparer.Ordinal).First();
        Guid sellerId, sellerTeam;
        await using (var db = test.NewContext())
            (sellerId, sellerTeam) = await db.People.Where(p => p.Name == seller).Select(p => new ValueTuple<Guid, Guid>(p.Id, p.TeamId!.Value)).SingleAsync(ct);
        var forSeller = await alerts.Handle(new Viewer(seller, [Roles.Rep], sellerId, sellerTeam), ct);
        Assert.Contains(forSeller, a => a.Kind == AlertKind.PaymentOverdue);
        Assert.All(forSeller, a => Assert.Equal((seller, false), (a.Owner, a.Escalated)));
        Assert.All(await alerts.Handle(rep, ct), a => Assert.Equal(("张伟", false), (a.Owner, a.Escalated)));

        // Finance: no SLA, every overdue node of the collection report.
        var forFinance = await alerts.Handle(finance, ct);
        var collection = await test.Get<GetCollectionReport>().Handle(2024, CollectionDimension.Owner, finance, ct);
        Assert.DoesNotContain(forFinance, a => a.Kind is AlertKind.SlaBreached or AlertKind.SlaDueSoon);
        Assert.Equal(collection.Overdue.Count, forFinance.Count(a => a.Kind == AlertKind.PaymentOverdue));
        Assert.Equal(collection.DueSoon.Count, forFinance.Count(a => a.Kind == AlertKind.PaymentDueSoon));
        Assert.True(collection.Overdue.Count > 0);
    }
}
