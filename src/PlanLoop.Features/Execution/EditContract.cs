using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution.Data;
using PlanLoop.Features.Users;

using PlanLoop.Features.Rules;

namespace PlanLoop.Features.Execution;

public sealed record NodeInput(string Name, DateOnly DueOn, decimal Amount, string? Milestone = null);

/// <summary>
/// Contracts from won deals to booked revenue: made from a won opportunity on the best-matching
/// standard template (its lines, its payment plan and milestones), edited while a draft (lines,
/// terms, payment plan), submitted to the approval chain, decided step by step by the step's role,
/// signed (which books the order lines that plan-vs-actual counts), then delivered milestone by
/// milestone. Stale revisions are conflicts; every step is audited.
/// </summary>
public sealed class EditContract(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, EditSalesSettings settings, TimeProvider clock)
{
    public async Task<EditResult> CreateFromOpportunity(Guid opportunityId, string? templateCode, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var deal = await db.Opportunities.AsNoTracking().Visible(db, viewer).SingleOrDefaultAsync(o => o.Id == opportunityId, ct);
        if (deal is null) return EditResult.NotFound;
        if ((await settings.Current(ct)).Stages.FirstOrDefault(s => s.Code == deal.StageCode)?.Outcome != StageOutcome.Won)
            throw new RuleException("opportunity-not-won", deal.Name);
        if (await db.Contracts.AnyAsync(c => c.OpportunityId == opportunityId && c.Status != ContractStatus.Rejected, ct))
            throw new RuleException("contract-exists", deal.Name);
        var template = await Template(db, deal, templateCode, ct);
        if (template is null) return EditResult.Invalid(new Dictionary<string, string[]> { ["templateCode"] = [$"合同模板 '{templateCode}' 不存在。"] });
        var today = businessDay.Today();
        var contract = new Contract(await NextNumber(db, today.Year, ct), deal.AccountId, deal.OwnerId, deal.ChannelId, deal.Id, template.Code, template.Version, deal.Lines, today);
        db.Contracts.Add(contract);
        PlanPayments(db, contract, PaymentPlan.Nodes(template.PaymentTerms, contract.Amount, today));
        db.AuditEntries.Add(Audit(viewer, contract.Id, "contract.create", null, $"{contract.Number} {contract.Amount:0.00} {template.Code} v{template.Version}"));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(contract.Id);
    }

    /// <summary>New lines re-split the payment plan by the template's shares.</summary>
    public Task<EditResult> SetLines(Guid id, IReadOnlyList<LineInput> lines, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "contract.lines", async (db, c) =>
        {
            var (result, errors) = await EditOpportunity.ResolveLines(db, lines, ct);
            if (errors.Count > 0) return errors;
            c.SetLines(result);
            var template = await db.ContractTemplates.AsNoTracking().SingleAsync(t => t.Code == c.TemplateCode && t.Version == c.TemplateVersion, ct);
            await db.Instalments.Where(n => n.ContractId == c.Id).ExecuteDeleteAsync(ct);
            var plan = PaymentPlan.Nodes(template.PaymentTerms, c.Amount, businessDay.Today());
            PlanPayments(db, c, plan);
            return null;
        }, ct);

    public Task<EditResult> SetTerms(Guid id, bool nonStandard, string? note, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "contract.terms", (_, c) => { c.SetTerms(nonStandard, note); return NoErrors; }, ct);

    /// <summary>Replaces a draft's payment plan; the nodes must add up to the contract amount exactly.</summary>
    public Task<EditResult> SetPaymentPlan(Guid id, IReadOnlyList<NodeInput> nodes, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "contract.plan", async (db, c) =>
        {
            c.ReplanPayments();
            var errors = new Dictionary<string, string[]>();
            if (nodes.Count == 0) errors["nodes"] = ["付款计划至少需要一个节点。"];
            for (var i = 0; i < nodes.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(nodes[i].Name)) errors[$"nodes[{i}].name"] = ["节点名称不能为空。"];
                if (nodes[i].Amount <= 0m || decimal.Round(nodes[i].Amount, 2) != nodes[i].Amount) errors[$"nodes[{i}].amount"] = ["金额应大于 0,精确到分。"];
                if (nodes[i].DueOn < c.CreatedOn) errors[$"nodes[{i}].dueOn"] = [$"到期日早于合同创建日 {c.CreatedOn:yyyy-MM-dd}。"];
            }
            var total = nodes.Sum(n => n.Amount);
            if (errors.Count == 0 && total != c.Amount) errors["nodes"] = [$"各节点合计 {total:N2},合同金额 {c.Amount:N2},相差 {c.Amount - total:N2}。"];
            if (errors.Count > 0) return errors;
            await db.Instalments.Where(n => n.ContractId == c.Id).ExecuteDeleteAsync(ct);
            PlanPayments(db, c, nodes.Select(n => new PlannedNode(n.Name, n.DueOn, n.Amount, n.Milestone)).ToList());
            return null;
        }, ct);

    public Task<EditResult> Submit(Guid id, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "contract.submit", async (_, c) => { c.Submit((await settings.Current(ct)).Approval, businessDay.Today()); return null; }, ct);

    /// <summary>The current step's role approves, rejects or returns; others get 422 not-your-step.</summary>
    public Task<EditResult> Decide(Guid id, ApprovalDecision decision, string? comment, int revision, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var roles = ListContracts.RolesOf(viewer);
        return Change(id, revision, viewer, "contract.approval", (_, c) =>
        {
            c.Decide(roles, decision, viewer.UserName, businessDay.Today(), comment);
            return Task.FromResult<Dictionary<string, string[]>?>(null);
        }, ct, note: comment);
    }

    /// <summary>Signs an approved contract on the business day and books its order lines.</summary>
    public Task<EditResult> Sign(Guid id, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "contract.sign", async (db, c) =>
        {
            c.Sign(businessDay.Today());
            var productIds = c.Lines.Select(l => l.ProductId).Distinct().ToList();
            var lineOf = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (Guid?)p.ProductLineId, ct);
            var region = await db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.RegionId).SingleAsync(ct);
            db.OrderLines.AddRange(c.Bookings(p => lineOf.GetValueOrDefault(p), region));
            return null;
        }, ct);

    public Task<EditResult> CompleteMilestone(Guid id, Guid milestoneId, DateOnly? on, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "contract.delivered", (_, c) => Milestone(c, milestoneId, () => c.CompleteMilestone(milestoneId, on ?? businessDay.Today())), ct);

    public Task<EditResult> AcceptMilestone(Guid id, Guid milestoneId, DateOnly? on, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "contract.accepted", (_, c) => Milestone(c, milestoneId, () => c.AcceptMilestone(milestoneId, on ?? businessDay.Today(), viewer.UserName)), ct);

    static Task<Dictionary<string, string[]>?> Milestone(Contract c, Guid milestoneId, Action change)
    {
        if (c.Milestones.All(m => m.Id != milestoneId)) return Task.FromResult<Dictionary<string, string[]>?>(new() { ["milestoneId"] = ["里程碑不存在。"] });
        change();
        return NoErrors;
    }

    static readonly Task<Dictionary<string, string[]>?> NoErrors = Task.FromResult<Dictionary<string, string[]>?>(null);

    /// <summary>The template asked for, else the newest version of the most specific one for the account's tier and the deal's main product line.</summary>
    static async Task<ContractTemplate?> Template(PlanLoopDbContext db, Opportunity deal, string? code, CancellationToken ct)
    {
        var templates = await db.ContractTemplates.AsNoTracking().ToListAsync(ct);
        var latest = templates.GroupBy(t => t.Code).Select(g => g.MaxBy(t => t.Version)!).ToList();
        if (!string.IsNullOrWhiteSpace(code)) return latest.FirstOrDefault(t => string.Equals(t.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
        var tier = await db.Accounts.Where(a => a.Id == deal.AccountId).Select(a => a.Tier).SingleAsync(ct);
        var main = deal.Lines.OrderByDescending(l => l.Amount).Select(l => (Guid?)l.ProductId).FirstOrDefault();
        var lineCode = main is { } p
            ? await db.Products.Where(x => x.Id == p).Select(x => db.ProductLines.Where(l => l.Id == x.ProductLineId).Select(l => l.Code).FirstOrDefault()).SingleOrDefaultAsync(ct)
            : null;
        return latest
            .Where(t => (t.Tier is null || t.Tier == tier) && (t.ProductLineCode is null || t.ProductLineCode == lineCode))
            .OrderByDescending(t => (t.Tier is null ? 0 : 2) + (t.ProductLineCode is null ? 0 : 1)).ThenBy(t => t.Code, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>HT-2024-0001, HT-2024-0002 … per year of creation.</summary>
    internal static async Task<string> NextNumber(PlanLoopDbContext db, int year, CancellationToken ct)
    {
        var prefix = $"HT-{year}-";
        var last = await db.Contracts.Where(c => c.Number.StartsWith(prefix)).MaxAsync(c => (string?)c.Number, ct);
        var next = last is null ? 1 : int.Parse(last[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture) + 1;
        return $"{prefix}{next:0000}";
    }

    /// <summary>Stores the nodes, with a milestone (planned on the node's due day) for each node that names one.</summary>
    internal static void PlanPayments(PlanLoopDbContext db, Contract contract, IReadOnlyList<PlannedNode> nodes)
    {
        var seq = 0;
        foreach (var node in nodes)
        {
            Guid? milestone = null;
            if (!string.IsNullOrWhiteSpace(node.Milestone))
                milestone = (contract.Milestones.FirstOrDefault(m => m.Name == node.Milestone.Trim()) ?? contract.AddMilestone(node.Milestone, node.Due)).Id;
            db.Instalments.Add(new Instalment(contract.Id, ++seq, node.Name, node.Due, node.Amount, milestone));
        }
    }

    async Task<EditResult> Change(Guid id, int revision, Viewer viewer, string action, Func<PlanLoopDbContext, Contract, Task<Dictionary<string, string[]>?>> change, CancellationToken ct, string? note = null)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var contract = await db.Contracts.Visible(db, viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null) return EditResult.NotFound;
        if (contract.Revision != revision) return EditResult.Conflict;
        var before = Describe(contract);
        db.Entry(contract).Property(c => c.Revision).OriginalValue = revision;
        if (await change(db, contract) is { } errors) return EditResult.Invalid(errors);
        db.AuditEntries.Add(Audit(viewer, id, action, before, Describe(contract), note));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditResult.Conflict;
        }
        return EditResult.Saved(id);
    }

    /// <summary>The audit trail's line for a contract's state; written in Chinese, the language of the record (as the rest of the trail).</summary>
    static string Describe(Contract c) => $"{RuleTexts.Name(c.Status, Chinese)} {c.Amount:0.00}" + (c.CurrentStep is { } s ? $" 待{RuleTexts.Name(s.Role, Chinese)}" : "");

    static readonly System.Globalization.CultureInfo Chinese = System.Globalization.CultureInfo.GetCultureInfo("zh");

    AuditEntry Audit(Viewer viewer, Guid id, string action, string? before, string? after, string? note = null) =>
        new(clock.GetUtcNow().UtcDateTime, viewer.UserName, "contract", id, action, before, after, note);
}
