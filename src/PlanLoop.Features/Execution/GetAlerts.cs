using PlanLoop.Domain.Execution;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

public enum AlertKind
{
    /// <summary>A deal's SLA clock runs out within two working days (a reminder to its owner).</summary>
    SlaDueSoon,
    /// <summary>A deal's SLA clock has run out: the owner's, escalated to their manager and the director.</summary>
    SlaBreached,
    /// <summary>A contract's payment node falls due within a week.</summary>
    PaymentDueSoon,
    /// <summary>A payment node is past due with money still open.</summary>
    PaymentOverdue,
    /// <summary>A contract waits for the viewer's approval.</summary>
    ApprovalWaiting,
}

/// <summary>
/// One thing to act on: what, about which record, where to go, and whether it was escalated from someone
/// else. <see cref="Detail"/> is the Chinese sentence for API clients; a page builds its own sentence, in
/// its language, from the parts: the SLA clock (proposal | negotiation), the account, the open amount,
/// the days overdue or waited, the approval reasons.
/// </summary>
public sealed record Alert(AlertKind Kind, string Subject, string? Owner, string Detail, string Link, DateOnly? Due, bool Escalated,
    string? Clock = null, string? Account = null, decimal? Open = null, int? Days = null, string? Reasons = null);

/// <summary>
/// What needs the viewer's attention today, within their data scope: SLA reminders before the
/// deadline and breaches (a manager sees their team's breaches as escalations, the director
/// everyone's), payment nodes due within a week and overdue ones, and contracts waiting for their
/// approval. Built from the pipeline, the collection report and the approval inbox, so the figures
/// are the same as on those pages.
/// </summary>
public sealed class GetAlerts(ListOpportunities pipeline, GetCollectionReport collection, ListContracts contracts, Customers.BusinessDay businessDay)
{
    public const int MaxAlerts = 200;

    public async Task<IReadOnlyList<Alert>> Handle(Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var alerts = new List<Alert>();
        var deals = await pipeline.Handle(viewer, ct);
        var me = viewer.PersonId;
        foreach (var card in deals.Attention)
        {
            var mine = me is not null && card.OwnerId == me;
            var link = $"opportunities?selected={card.Id}";
            foreach (var (clock, name, state) in new[] { ("proposal", "方案", card.ProposalSla), ("negotiation", "谈判", card.NegotiationSla) })
            {
                // Reminders go to the owner; breaches to the owner and, escalated, up the line (the pipeline is already scoped).
                if (state == SlaState.DueSoon && mine)
                    alerts.Add(new Alert(AlertKind.SlaDueSoon, card.Name, card.Owner, $"{name} SLA 即将到期", link, null, false, clock, card.Account));
                else if (state == SlaState.Breached && (mine || viewer.Can(Roles.Manager, Roles.Director, Roles.Admin)))
                    alerts.Add(new Alert(AlertKind.SlaBreached, card.Name, card.Owner, $"{name} SLA 已超时", link, null, !mine, clock, card.Account));
            }
        }
        if (viewer.Can(Roles.Rep, Roles.Manager, Roles.Director, Roles.Finance, Roles.Admin))
        {
            var money = await collection.Handle(businessDay.Today().Year, CollectionDimension.Owner, viewer, ct);
            alerts.AddRange(money.DueSoon.Select(n => new Alert(AlertKind.PaymentDueSoon, $"{n.Number} {n.Node}", n.Owner, $"{n.Account} · 未收 {n.Open:N2}", $"contracts/{n.ContractId}", n.DueOn, false, Account: n.Account, Open: n.Open)));
            alerts.AddRange(money.Overdue.Select(n => new Alert(AlertKind.PaymentOverdue, $"{n.Number} {n.Node}", n.Owner, $"{n.Account} · 逾期 {n.DaysPastDue} 天 · 未收 {n.Open:N2}", $"contracts/{n.ContractId}", n.DueOn, false,
                Account: n.Account, Open: n.Open, Days: n.DaysPastDue)));
        }
        var inbox = await contracts.Inbox(viewer, ct);
        alerts.AddRange(inbox.Items.Select(i => new Alert(AlertKind.ApprovalWaiting, i.Number, i.Owner, $"{i.Account} · {i.Reasons} · 已等待 {i.WaitingWorkingDays} 个工作日", $"contracts/{i.Id}", i.SubmittedOn, false,
            Account: i.Account, Days: i.WaitingWorkingDays, Reasons: i.Reasons)));
        return alerts.OrderBy(a => a.Kind switch { AlertKind.ApprovalWaiting => 0, AlertKind.SlaBreached => 1, AlertKind.PaymentOverdue => 2, AlertKind.SlaDueSoon => 3, _ => 4 })
            .ThenBy(a => a.Due).Take(MaxAlerts).ToList();
    }
}
