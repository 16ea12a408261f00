using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Amounts;
using PlanLoop.Domain.Optimization;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Optimization.Data;

namespace PlanLoop.Features.Optimization;

/// <summary>A kept budget as listed: its lines' count and last year's spend and revenue in total.</summary>
public sealed record BudgetListLine(Guid Id, string Name, int Year, int Lines, decimal LastSpend, decimal LastRevenue, string CreatedBy, DateTime CreatedAt);

/// <summary>A kept budget with its lines (curves drawn again where they were drawn from last year).</summary>
public sealed record BudgetView(Guid Id, string Name, int Year, string CreatedBy, DateTime CreatedAt, IReadOnlyList<BudgetLine> Lines);

/// <summary>
/// Keeps sales budgets by name for a year (entered on the budget page or imported from a file), so an allocation can be
/// run again, compared and audited. The lines are checked as the allocation checks them; nothing half-saved.
/// </summary>
public sealed class KeepBudgets(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public const int MaxKept = 200;

    public async Task<EditResult> Save(string name, int year, IReadOnlyList<BudgetLine> lines, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(lines);
        var errors = Errors(name, year, lines);
        if (errors.Count > 0) return EditResult.Invalid(errors);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var trimmed = name.Trim();
        if (await db.Budgets.CountAsync(b => b.Year == year, ct) >= MaxKept)
            return EditResult.Invalid(new Dictionary<string, string[]> { ["name"] = [$"At most {MaxKept} budgets a year: delete one first."] });
        if (await db.Budgets.AnyAsync(b => b.Year == year && b.Name == trimmed, ct))
            return EditResult.Invalid(new Dictionary<string, string[]> { ["name"] = [$"A budget of {year} is already called '{trimmed}'."] });
        var budget = new SavedBudget(trimmed, year, lines, user, clock.GetUtcNow().UtcDateTime);
        db.Budgets.Add(budget);
        db.AuditEntries.Add(new AuditEntry(budget.CreatedAt, user, "Budget", budget.Id, "created", null, budget.Name,
            $"{lines.Count} line(s) for {year}, last year's spend {lines.Sum(l => l.LastSpend):0.00}"));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (DatabaseConflicts.Reason(e) == DatabaseConflicts.Duplicate)
        {
            return EditResult.Invalid(new Dictionary<string, string[]> { ["name"] = [$"A budget of {year} is already called '{trimmed}'."] });
        }
        return EditResult.Saved(budget.Id);
    }

    /// <summary>What stops a budget from being kept: its name, its year, and each line as the allocation checks it, plus what the database cannot hold.</summary>
    public static Dictionary<string, string[]> Errors(string name, int year, IReadOnlyList<BudgetLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > SavedBudget.MaxName) errors["name"] = [$"Name the budget (1 to {SavedBudget.MaxName} characters)."];
        if (year is < 2000 or > 2100) errors["year"] = ["The year is between 2000 and 2100."];
        foreach (var (field, messages) in BudgetAllocation.Errors(lines, new BudgetRules(0m)).Where(e => e.Key.StartsWith("lines", StringComparison.Ordinal))) errors[field] = messages;
        for (var i = 0; i < lines.Count && i < BudgetAllocation.MaxLines; i++)
        {
            var l = lines[i];
            var at = $"lines[{i + 1}]";
            if (l.Key.Length > 100) errors[$"{at}.key"] = [$"Line {i + 1}: a key is at most 100 characters."];
            foreach (var (field, text) in new[] { ("channel", l.Channel), ("region", l.Region), ("category", l.Category) })
                if (text.Length is 0 or > 40) errors[$"{at}.{field}"] = [$"Line {l.Key}: the {field} is 1 to 40 characters."];
            foreach (var (field, value) in new[] { ("lastSpend", l.LastSpend), ("lastRevenue", l.LastRevenue), ("min", l.Min), ("max", l.Max), ("marginRate", l.MarginRate), ("headCost", l.HeadCost ?? 0m) }
                .Concat(l.Curve.SelectMany(p => new[] { ("curve", p.Spend), ("curve", p.Revenue) })))
                if (MinorUnits.Problem(value) is { } problem) errors[$"{at}.{field}"] = [$"Line {l.Key}: {problem}"];
        }
        return errors;
    }

    public async Task<IReadOnlyList<BudgetListLine>> List(int year, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Budgets.AsNoTracking().Where(b => b.Year == year).OrderBy(b => b.CreatedAt).ThenBy(b => b.Name)
            .Select(b => new BudgetListLine(b.Id, b.Name, b.Year, b.Lines.Count, b.Lines.Sum(l => l.LastSpend), b.Lines.Sum(l => l.LastRevenue), b.CreatedBy, b.CreatedAt))
            .ToListAsync(ct);
    }

    public async Task<BudgetView?> Get(Guid id, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Budgets.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is { } b ? new BudgetView(b.Id, b.Name, b.Year, b.CreatedBy, b.CreatedAt, b.ToLines()) : null;
    }

    public async Task<EditResult> Delete(Guid id, string user, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Budgets.FirstOrDefaultAsync(b => b.Id == id, ct) is not { } budget) return EditResult.NotFound;
        db.Budgets.Remove(budget);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user, "Budget", budget.Id, "deleted", budget.Name, null, null));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(id);
    }
}
