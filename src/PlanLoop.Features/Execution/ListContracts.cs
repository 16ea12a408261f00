using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

public sealed record ContractRow(Guid Id, string Number, Guid AccountId, string Account, string? Owner, ContractStatus Status, ApproverRole? WaitingFor,
    decimal Amount, decimal Received, DateOnly CreatedOn, DateOnly? SignedOn);

public sealed record ContractLineView(string ProductCode, string Product, decimal Quantity, decimal ListPrice, decimal Discount, decimal Amount);

public sealed record ApprovalView(int Round, ApproverRole Role, string Reasons, ApprovalDecision Decision, string? DecidedBy, DateOnly? DecidedOn, string? Comment);

public sealed record NodeView(Guid Id, int Seq, string Name, DateOnly DueOn, decimal Amount, string? Milestone, decimal Invoiced, decimal Received, decimal Open, AgeingBucket? Overdue);

public sealed record PaymentView(Guid Id, string Node, DateOnly ReceivedOn, decimal Amount, string? Reference, string RecordedBy);

public sealed record InvoiceView(Guid Id, string Node, string Number, DateOnly IssuedOn, decimal Amount);

public sealed record HistoryView(DateTime At, string User, string Action, string? Before, string? After, string? Note);

public sealed record ContractDetail(Guid Id, string Number, Guid AccountId, string Account, Guid? OpportunityId, string? Opportunity, string? Owner, ContractStatus Status,
    string TemplateCode, int TemplateVersion, string? TemplateName, string? TemplateTerms, bool NonStandardTerms, string? TermsNote,
    decimal Amount, decimal ListAmount, decimal Discount, DateOnly CreatedOn, DateOnly? SubmittedOn, DateOnly? ApprovedOn, DateOnly? SignedOn, int? ApprovalWorkingDays,
    ApproverRole? WaitingFor, bool CanDecide, IReadOnlyList<ApprovalStep> WouldRoute, IReadOnlyList<ContractLineView> Lines, IReadOnlyList<ApprovalView> Approvals,
    IReadOnlyList<Milestone> Milestones, IReadOnlyList<NodeView> Nodes, IReadOnlyList<PaymentView> Payments, IReadOnlyList<InvoiceView> Invoices,
    IReadOnlyList<HistoryView> History, int Revision);

public sealed record InboxItem(Guid Id, string Number, string Account, string? Owner, decimal Amount, decimal Discount, ApproverRole Role, string Reasons,
    DateOnly SubmittedOn, int WaitingWorkingDays);

public sealed record ApprovalStats(int Approved, decimal? AverageWorkingDays, int? LongestWorkingDays, int WithinSla);

public sealed record ApprovalInbox(IReadOnlyList<InboxItem> Items, ApprovalStats Stats);

/// <summary>
/// Reading contracts: the list a viewer may see (received so far summed in the database), one
/// contract with its lines, approval rounds, milestones, payment nodes (invoiced, received, open,
/// overdue bucket), payments, invoices and history, and the approval inbox: the contracts waiting
/// for one of the viewer's roles, with how long they have waited and the approval cycle times.
/// </summary>
public sealed class ListContracts(IDbContextFactory<PlanLoopDbContext> dbs, EditCalendar calendar, EditSalesSettings settings, BusinessDay businessDay)
{
    /// <summary>The SOP's bound on negotiation including the approval flow (§5.2): 15 working days.</summary>
    public const int ApprovalSlaWorkingDays = 15;

    public async Task<IReadOnlyList<ContractRow>> Handle(Viewer viewer, ContractStatus? status, string? search, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var contracts = db.Contracts.AsNoTracking().Visible(db, viewer);
        if (status is { } s) contracts = contracts.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            contracts = contracts.Where(c => c.Number.Contains(text) || db.Accounts.Any(a => a.Id == c.AccountId && a.Name.Contains(text)));
        }
        var rows = await contracts.OrderByDescending(c => c.CreatedOn).ThenByDescending(c => c.Number).Take(500)
            .Select(c => new
            {
                c.Id,
                c.Number,
                c.AccountId,
                Account = db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.Name).FirstOrDefault() ?? "",
                Owner = db.People.Where(p => p.Id == c.OwnerId).Select(p => p.Name).FirstOrDefault(),
                c.Status,
                c.Amount,
                Received = db.Payments.Where(p => p.ContractId == c.Id).Sum(p => p.Amount),
                c.CreatedOn,
                c.SignedOn,
                c.Round,
                Pending = c.Approvals.Where(a => a.Decision == ApprovalDecision.Pending).OrderBy(a => a.Round).Select(a => (ApproverRole?)a.Role).ToList(),
            }).ToListAsync(ct);
        return rows.Select(r => new ContractRow(r.Id, r.Number, r.AccountId, r.Account, r.Owner, r.Status, r.Status == ContractStatus.InApproval ? r.Pending.Min() : null,
            r.Amount, r.Received, r.CreatedOn, r.SignedOn)).ToList();
    }

    public async Task<ContractDetail?> Get(Guid id, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var c = await db.Contracts.AsNoTracking().Visible(db, viewer).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var today = businessDay.Today();
        var days = await calendar.Load(ct);
        var account = await db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.Name).SingleAsync(ct);
        var deal = c.OpportunityId is { } o ? await db.Opportunities.Where(x => x.Id == o).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var owner = c.OwnerId is { } p ? await db.People.Where(x => x.Id == p).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var template = await db.ContractTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Code == c.TemplateCode && t.Version == c.TemplateVersion, ct);
        var productIds = c.Lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.Where(x => productIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var nodes = await db.Instalments.AsNoTracking().Where(n => n.ContractId == id).OrderBy(n => n.Seq).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(x => x.ContractId == id).OrderBy(x => x.ReceivedOn).ToListAsync(ct);
        var invoices = await db.Invoices.AsNoTracking().Where(x => x.ContractId == id).OrderBy(x => x.IssuedOn).ToListAsync(ct);
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "contract" && a.EntityId == id).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new HistoryView(a.At, a.User, a.Path, a.Before, a.After, a.Note)).ToListAsync(ct);
        var nodeNames = nodes.ToDictionary(n => n.Id, n => n.Name);
        var nodeViews = nodes.Select(n =>
        {
            var received = payments.Where(x => x.InstalmentId == n.Id && x.ReceivedOn <= today).Sum(x => x.Amount);
            var open = n.Amount - received;
            return new NodeView(n.Id, n.Seq, n.Name, n.DueOn, n.Amount, c.Milestones.FirstOrDefault(m => m.Id == n.MilestoneId)?.Name,
                invoices.Where(x => x.InstalmentId == n.Id).Sum(x => x.Amount), received, open,
                open > 0m && c.Status == ContractStatus.Signed ? Receivables.Bucket(today.DayNumber - n.DueOn.DayNumber) : null);
        }).ToList();
        var waiting = c.CurrentStep?.Role;
        return new ContractDetail(c.Id, c.Number, c.AccountId, account, c.OpportunityId, deal, owner, c.Status, c.TemplateCode, c.TemplateVersion, template?.Name, template?.Terms,
            c.NonStandardTerms, c.TermsNote, c.Amount, c.ListAmount, c.Facts.Discount, c.CreatedOn, c.SubmittedOn, c.ApprovedOn, c.SignedOn, c.ApprovalWorkingDays(days),
            waiting, waiting is { } w && RolesOf(viewer).Contains(w), (await settings.Current(ct)).Approval.Route(c.Facts),
            c.Lines.Select(l => new ContractLineView(products.GetValueOrDefault(l.ProductId)?.Code ?? "", products.GetValueOrDefault(l.ProductId)?.Name ?? "", l.Quantity, l.ListPrice, l.Discount, l.Amount)).ToList(),
            c.Approvals.OrderBy(a => a.Round).ThenBy(a => a.Role).Select(a => new ApprovalView(a.Round, a.Role, a.Reasons, a.Decision, a.DecidedBy, a.DecidedOn, a.Comment)).ToList(),
            c.Milestones.OrderBy(m => m.PlannedOn).ToList(), nodeViews,
            payments.Select(x => new PaymentView(x.Id, nodeNames.GetValueOrDefault(x.InstalmentId) ?? "", x.ReceivedOn, x.Amount, x.Reference, x.RecordedBy)).ToList(),
            invoices.Select(x => new InvoiceView(x.Id, nodeNames.GetValueOrDefault(x.InstalmentId) ?? "", x.Number, x.IssuedOn, x.Amount)).ToList(),
            history, c.Revision);
    }

    /// <summary>Contracts waiting for one of the viewer's roles, oldest first, and the approval cycle times of the year so far.</summary>
    public async Task<ApprovalInbox> Inbox(Viewer viewer, CancellationToken ct)
    {
        var today = businessDay.Today();
        var days = await calendar.Load(ct);
        var roles = RolesOf(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var waiting = await db.Contracts.AsNoTracking().Visible(db, viewer).Where(c => c.Status == ContractStatus.InApproval).ToListAsync(ct);
        var mine = waiting.Where(c => c.CurrentStep is { } s && roles.Contains(s.Role)).ToList();
        var accountIds = mine.Select(c => c.AccountId).ToList();
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var people = await db.People.ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var items = mine.Select(c => new InboxItem(c.Id, c.Number, accounts.GetValueOrDefault(c.AccountId) ?? "", c.OwnerId is { } o ? people.GetValueOrDefault(o) : null,
                c.Amount, c.Facts.Discount, c.CurrentStep!.Role, c.CurrentStep.Reasons, c.SubmittedOn!.Value, days.WorkingDaysBetween(c.SubmittedOn.Value, today)))
            .OrderBy(i => i.SubmittedOn).ThenBy(i => i.Number, StringComparer.Ordinal).ToList();
        var yearStart = new DateOnly(today.Year, 1, 1);
        var approved = await db.Contracts.AsNoTracking().Visible(db, viewer).Where(c => c.ApprovedOn >= yearStart && c.ApprovedOn <= today)
            .Select(c => new { c.SubmittedOn, c.ApprovedOn }).ToListAsync(ct);
        var cycles = approved.Select(a => days.WorkingDaysBetween(a.SubmittedOn!.Value, a.ApprovedOn!.Value)).ToList();
        return new ApprovalInbox(items, new ApprovalStats(cycles.Count, cycles.Count == 0 ? null : Math.Round((decimal)cycles.Sum() / cycles.Count, 1, MidpointRounding.AwayFromZero),
            cycles.Count == 0 ? null : cycles.Max(), cycles.Count(d => d <= ApprovalSlaWorkingDays)));
    }

    /// <summary>The approval roles a viewer holds.</summary>
    internal static List<ApproverRole> RolesOf(Viewer viewer)
    {
        var roles = new List<ApproverRole>();
        if (viewer.Can(Roles.Manager)) roles.Add(ApproverRole.Manager);
        if (viewer.Can(Roles.Director)) roles.Add(ApproverRole.Director);
        if (viewer.Can(Roles.Finance)) roles.Add(ApproverRole.Finance);
        return roles;
    }
}
