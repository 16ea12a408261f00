using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

public sealed record OpportunityInput(string Name, Guid AccountId, DateOnly ExpectedClose, Guid? OwnerId = null, Guid? ChannelId = null, string? Competitors = null, string? NextStep = null);

public sealed record LineInput(string ProductCode, decimal Quantity, decimal? ListPrice, decimal Discount);

/// <summary>
/// Opportunities through the SOP pipeline: open one for an account in scope, set its product lines
/// (list prices from the product master unless given), score BANT, let a Manager override a low
/// score with a reason, mark the first proposal sent, and move stages by the domain's rules (a
/// refused move is a <see cref="RuleException"/>, 422). Stale revisions are conflicts; moves are audited.
/// </summary>
public sealed class EditOpportunity(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, EditSalesSettings settings, TimeProvider clock)
{
    public async Task<EditResult> Create(OpportunityInput input, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors["name"] = ["商机名称不能为空。"];
        if (!await db.Accounts.Visible(db, viewer).AnyAsync(a => a.Id == input.AccountId, ct)) errors["accountId"] = ["客户不存在,或不在你的数据范围内。"];
        if (input.ChannelId is { } ch && !await db.Channels.AnyAsync(c => c.Id == ch, ct)) errors["channelId"] = ["渠道不存在。"];
        var owner = RecordOwners.NewOwner(viewer, input.OwnerId);
        if (owner is { } o && o != viewer.PersonId && await RecordOwners.Problem(db, viewer, o, "商机", ct) is { } problem) errors["ownerId"] = [problem];
        if (errors.Count > 0) return EditResult.Invalid(errors);
        var opportunity = new Opportunity(input.Name, input.AccountId, owner, input.ExpectedClose, businessDay.Today(), viewer.UserName, (await settings.Current(ct)).Stages);
        opportunity.Describe(input.ExpectedClose, input.ChannelId, input.Competitors, input.NextStep);
        db.Opportunities.Add(opportunity);
        db.AuditEntries.Add(Audit(viewer, opportunity.Id, "opportunity.create", null, opportunity.Name));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(opportunity.Id);
    }

    public Task<EditResult> SetLines(Guid id, IReadOnlyList<LineInput> lines, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "opportunity.lines", async (db, o) =>
        {
            var (result, errors) = await ResolveLines(db, lines, ct);
            if (errors.Count > 0) return errors;
            o.SetLines(result);
            return null;
        }, ct);

    /// <summary>Product lines from codes: list prices from the product master unless given; errors by line.</summary>
    internal static async Task<(List<OpportunityLine> Lines, Dictionary<string, string[]> Errors)> ResolveLines(PlanLoopDbContext db, IReadOnlyList<LineInput> lines, CancellationToken ct)
    {
        var codes = lines.Select(l => l.ProductCode).Distinct().ToList();
        var products = await db.Products.Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);
        var errors = StoredPrecision.Problems(lines, "lines");   // 12.345% is 0.12345: five places cannot be stored
        var result = new List<OpportunityLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!products.TryGetValue(lines[i].ProductCode, out var product)) { errors[$"lines[{i}].productCode"] = [$"产品 '{lines[i].ProductCode}' 不存在。"]; continue; }
            var line = new OpportunityLine(product.Id, lines[i].Quantity, lines[i].ListPrice ?? product.ListPrice, lines[i].Discount);
            if (line.Problem() is { } p) errors[$"lines[{i}]"] = [p];
            result.Add(line);
        }
        return (result, errors);
    }

    public Task<EditResult> ScoreBant(Guid id, IReadOnlyDictionary<BantCriterion, int> answers, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "opportunity.bant", async (_, o) =>
        {
            var rubric = (await settings.Current(ct)).Rubric;
            if (rubric.AnswerProblems(answers) is { Count: > 0 } problems) return new() { ["answers"] = [.. problems] };
            o.ScoreBant(rubric.Score(answers));
            return null;
        }, ct);

    /// <summary>Only a Manager (or Director) may let a deal below the BANT threshold through.</summary>
    public Task<EditResult> OverrideBant(Guid id, string reason, int revision, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.Allows(Permission.OverrideBant)) throw new RuleException("manager-only");
        return Change(id, revision, viewer, "opportunity.override", (_, o) => { o.OverrideBant(viewer.UserName, reason); return Task.FromResult<Dictionary<string, string[]>?>(null); }, ct);
    }

    public Task<EditResult> MarkProposalSent(Guid id, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "opportunity.proposal", (_, o) => { o.MarkProposalSent(businessDay.Today()); return Task.FromResult<Dictionary<string, string[]>?>(null); }, ct);

    public Task<EditResult> Move(Guid id, string stage, string? lostReason, string? winningCompetitor, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "opportunity.move", async (_, o) =>
        {
            var stages = (await settings.Current(ct)).Stages;
            if (stages.All(s => s.Code != stage)) return new() { ["stage"] = [$"未知阶段 '{stage}';可用: {string.Join(", ", stages.Select(s => s.Code))}。"] };
            o.Move(stage, stages, businessDay.Today(), viewer.UserName, lostReason, winningCompetitor);
            return null;
        }, ct);

    /// <summary>The owner (or anyone whose scope holds the deal) puts it in the commit, best case, pipeline or leaves it out; null goes back to the stage's default.</summary>
    public Task<EditResult> Categorise(Guid id, Domain.Forecasting.ForecastCategory? category, int revision, Viewer viewer, CancellationToken ct) =>
        Change(id, revision, viewer, "opportunity.category", (_, o) =>
        {
            if (category == Domain.Forecasting.ForecastCategory.Closed)
                return Task.FromResult<Dictionary<string, string[]>?>(new() { ["category"] = ["商机赢单后自动计为已成交,不能手动设为已成交。"] });
            o.Categorise(category);
            return Task.FromResult<Dictionary<string, string[]>?>(null);
        }, ct);

    async Task<EditResult> Change(Guid id, int revision, Viewer viewer, string action, Func<PlanLoopDbContext, Opportunity, Task<Dictionary<string, string[]>?>> change, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var opportunity = await db.Opportunities.Visible(db, viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (opportunity is null) return EditResult.NotFound;
        if (opportunity.Revision != revision) return EditResult.Conflict;
        var before = $"{opportunity.StageCode} {opportunity.Amount} BANT {opportunity.BantTotal}";
        db.Entry(opportunity).Property(o => o.Revision).OriginalValue = revision;
        if (await change(db, opportunity) is { } errors) return EditResult.Invalid(errors);
        db.AuditEntries.Add(Audit(viewer, id, action, before, $"{opportunity.StageCode} {opportunity.Amount} BANT {opportunity.BantTotal}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditResult.Conflict;
        }
        return EditResult.Saved(id);
    }

    AuditEntry Audit(Viewer viewer, Guid id, string action, string? before, string? after) =>
        new(clock.GetUtcNow().UtcDateTime, viewer.UserName, "opportunity", id, action, before, after);
}
