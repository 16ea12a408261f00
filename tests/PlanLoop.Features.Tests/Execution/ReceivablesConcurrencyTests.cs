using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Execution;

/// <summary>A node's open amount is an invariant under parallel writes: twenty full-amount invoices at once give one invoice, never nine.</summary>
public sealed class ReceivablesConcurrencyTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwentyParallelInvoicesAndPayments_OnOneNode_NeverExceedItsAmount(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var finance = await test.Get<GetViewer>().Handle("finance", [Roles.Finance], ct);
        // A signed contract (won deal → contract → the manager's approval → signed); its first node, 112,500.00, asked for in full by every parallel entry.
        var viewers = test.Get<GetViewer>();
        var (rep, manager) = (await viewers.Handle("rep", [Roles.Rep], ct), await viewers.Handle("manager", [Roles.Manager], ct));
        var account = await Customers.Customers.Add(test, "苏州博达机械有限公司", owner: "张伟");
        var edit = test.Get<EditContract>();
        var id = (await edit.CreateFromOpportunity(await ContractTests.WonDeal(test, account, rep, ct), null, rep, ct)).Id!.Value;
        async Task<int> Revision() => (await test.Get<ListContracts>().Get(id, rep, ct))!.Revision;
        Assert.Equal(EditOutcome.Saved, (await edit.Submit(id, await Revision(), rep, ct)).Outcome);
        Assert.Equal(EditOutcome.Saved, (await edit.Decide(id, ApprovalDecision.Approved, null, await Revision(), manager, ct)).Outcome);
        Assert.Equal(EditOutcome.Saved, (await edit.Sign(id, await Revision(), rep, ct)).Outcome);
        Instalment node;
        await using (var db = test.NewContext()) node = await db.Instalments.AsNoTracking().Where(n => n.ContractId == id).OrderBy(n => n.Seq).FirstAsync(ct);
        var (toInvoice, toCollect) = (node.Amount, node.Amount);
        Assert.Equal(112_500m, node.Amount);

        async Task<string> Invoice(int i)
        {
            try
            {
                var result = await test.Get<EditReceivables>().RecordInvoice(node.ContractId, node.Id, $"PAR-{i:00}", null, toInvoice, finance, ct);
                return result.Outcome == EditOutcome.Saved ? "saved" : string.Join(",", result.Errors!.Keys);
            }
            catch (Exception e) when (DatabaseConflicts.Reason(e) is { } reason)
            {
                return reason;
            }
        }
        var invoices = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Invoice(i), ct)));
        Assert.Equal(1, invoices.Count(r => r == "saved"));
        Assert.All(invoices.Where(r => r != "saved"), r => Assert.True(r is "amount" or DatabaseConflicts.Concurrent, r));

        async Task<string> Pay()
        {
            try
            {
                await test.Get<EditReceivables>().RecordPayment(node.ContractId, node.Id, null, toCollect, null, finance, ct);
                return "saved";
            }
            catch (RuleException)
            {
                return "refused";
            }
            catch (Exception e) when (DatabaseConflicts.Reason(e) is { } reason)
            {
                return reason;
            }
        }
        var payments = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(Pay, ct)));
        Assert.Equal(1, payments.Count(r => r == "saved"));
        await using (var db = test.NewContext())
        {
            Assert.Equal(node.Amount, await db.Invoices.Where(i => i.InstalmentId == node.Id).SumAsync(i => i.Amount, ct));
            Assert.Equal(node.Amount, await db.Payments.Where(p => p.InstalmentId == node.Id).SumAsync(p => p.Amount, ct));
        }
    }
}
