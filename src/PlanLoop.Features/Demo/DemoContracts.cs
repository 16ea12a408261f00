using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Demo;

/// <summary>
/// The demo's contracts: one per won deal of 2024, on the standard template (the KA template for A
/// customers), through the approval chain its discount, amount and terms ask for (a few returned once),
/// signed days after approval — booking the order lines — and delivered by milestones; invoices and
/// payments against the nodes that fell due, most on time, some late, some in part, some not at all.
/// Contracts still in approval or approved but unsigned on 2024-09-30 stay that way.
/// </summary>
static class DemoContracts
{
    public sealed record Data(List<Contract> Contracts, List<Instalment> Nodes, List<Payment> Payments, List<Invoice> Invoices, List<OrderLine> Orders);

    public static Data Generate(IReadOnlyList<Opportunity> deals, IReadOnlyDictionary<Guid, Account> accounts, IReadOnlyDictionary<Guid, Product> products,
        IReadOnlyDictionary<string, Channel> channels, Func<ApproverRole, Guid?, string> decider, WorkingCalendar calendar, DateTime recordedAt)
    {
        var r = new Random(DemoCustomers.Seed + 3);
        var data = new Data([], [], [], [], []);
        var asOf = DemoCustomers.AsOf;
        var won = deals.Where(d => d.StageCode == SopStages.Won).OrderBy(d => d.ClosedOn).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        foreach (var deal in won)
        {
            var account = accounts[deal.AccountId];
            var ka = account.Tier == CustomerTier.A;
            var channel = deal.ChannelId ?? channels[ka || account.Tier == CustomerTier.B ? DemoCustomers.Pick(r, [("DIRECT", 85), ("PARTNER", 15)]) : DemoCustomers.Pick(r, [("AGENT", 55), ("DIRECT", 30), ("ONLINE", 15)])].Id;
            var created = deal.ClosedOn!.Value;
            var contract = new Contract($"HT-2024-{data.Contracts.Count + 1:0000}", deal.AccountId, deal.OwnerId, channel, deal.Id, ka ? "KA" : "STD", 1, deal.Lines, created);
            data.Contracts.Add(contract);
            if (r.NextDouble() < 0.1) contract.SetTerms(true, "付款周期延长至 60 天");
            var terms = ka ? PaymentPlan.KeyAccount : PaymentPlan.Standard;
            var day = created;
            contract.Submit(ApprovalPolicy.Default, day);
            if (contract.Status == ContractStatus.InApproval && r.NextDouble() < 0.1)
            {
                day = calendar.AddWorkingDays(day, r.Next(1, 3));
                if (day > asOf) continue;
                contract.Decide([contract.CurrentStep!.Role], ApprovalDecision.Returned, decider(contract.CurrentStep.Role, deal.OwnerId), day, "请补充折扣依据");
                day = calendar.AddWorkingDays(day, 2);
                if (day > asOf) continue;
                contract.Submit(ApprovalPolicy.Default, day);
            }
            while (contract.CurrentStep is { } step)
            {
                day = calendar.AddWorkingDays(day, r.Next(0, 4));
                if (day > asOf) break;
                contract.Decide([step.Role], ApprovalDecision.Approved, decider(step.Role, deal.OwnerId), day, null);
            }
            if (contract.Status != ContractStatus.Approved) continue;
            var signed = day.AddDays(r.Next(1, 6));
            if (signed > asOf) continue;
            contract.Sign(signed);
            data.Orders.AddRange(contract.Bookings(p => products[p].ProductLineId, account.RegionId));

            var seq = 0;
            foreach (var node in PaymentPlan.Nodes(terms, contract.Amount, signed))
            {
                Milestone? milestone = node.Milestone is { } name ? contract.AddMilestone(name, node.Due) : null;
                var instalment = new Instalment(contract.Id, ++seq, node.Name, node.Due, node.Amount, milestone?.Id);
                data.Nodes.Add(instalment);
                if (milestone is not null)
                {
                    var delivered = node.Due.AddDays(r.Next(-7, 15));
                    if (delivered > asOf) continue;
                    contract.CompleteMilestone(milestone.Id, delivered < signed ? signed : delivered);
                    var accepted = milestone.ActualOn!.Value.AddDays(r.Next(2, 12));
                    if (accepted <= asOf) contract.AcceptMilestone(milestone.Id, accepted, "demo");
                }
                if (node.Due > asOf.AddDays(7)) continue;
                var invoiced = node.Due.AddDays(-3) < signed ? signed : node.Due.AddDays(-3);
                data.Invoices.Add(new Invoice(contract.Id, instalment.Id, $"FP{invoiced:yyyyMMdd}{data.Invoices.Count + 1:0000}", invoiced, node.Amount, "finance", recordedAt));
                var roll = r.NextDouble();
                var (paidOn, share) = roll switch
                {
                    < 0.72 => (node.Due.AddDays(r.Next(-5, 8)), 1m),
                    < 0.84 => (node.Due.AddDays(r.Next(15, 75)), 1m),
                    < 0.92 => (node.Due.AddDays(r.Next(0, 20)), 0.5m),
                    _ => (DateOnly.MaxValue, 0m),
                };
                if (share == 0m || paidOn > asOf) continue;
                var amount = Math.Round(node.Amount * share, 2, MidpointRounding.AwayFromZero);
                data.Payments.Add(new Payment(contract.Id, instalment.Id, paidOn < signed ? signed : paidOn, amount, $"银行回单 {paidOn:MMdd}-{data.Payments.Count + 1:0000}", "finance", recordedAt));
            }
        }
        return data;
    }
}
