using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Customers.Data;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Customers;

/// <summary>A user's named filters of a list page (the query string of the page), saved, listed and deleted.</summary>
public sealed class SavedViews(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public async Task<IReadOnlyList<SavedView>> List(string user, string page, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.SavedViews.AsNoTracking().Where(v => v.UserName == user && v.Page == page).OrderBy(v => v.Name).ToListAsync(ct);
    }

    /// <summary>Saves (or replaces) the view of that name; the error by field when the name is empty.</summary>
    public async Task<EditResult> Save(string user, string page, string name, string query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) return EditResult.Invalid(new Dictionary<string, string[]> { ["name"] = ["视图名称为 1 到 100 个字符。"] });
        await using var db = await dbs.CreateDbContextAsync(ct);
        var existing = await db.SavedViews.SingleOrDefaultAsync(v => v.UserName == user && v.Page == page && v.Name == name.Trim(), ct);
        if (existing is null) db.SavedViews.Add(new SavedView(user, page, name, query));
        else existing.Replace(query);
        await db.SaveChangesAsync(ct);
        return EditResult.Saved();
    }

    public async Task<bool> Delete(string user, Guid id, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.SavedViews.Where(v => v.Id == id && v.UserName == user).ExecuteDeleteAsync(ct) > 0;
    }
}
