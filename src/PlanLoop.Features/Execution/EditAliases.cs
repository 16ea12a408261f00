using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution.Data;

namespace PlanLoop.Features.Execution;

public sealed record AliasView(Guid Id, AliasKind Kind, string Alias, Guid TargetId, string Target);

/// <summary>
/// The aliases imports read: an external name → one of our accounts (by credit code or name),
/// products (code or name), channels (code or name) or people (name or e-mail). Saving an alias that
/// exists points it elsewhere; every change is audited.
/// </summary>
public sealed class EditAliases(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public async Task<IReadOnlyList<AliasView>> List(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var aliases = await db.ImportAliases.AsNoTracking().OrderBy(a => a.Kind).ThenBy(a => a.Alias).ToListAsync(ct);
        var ids = aliases.Select(a => a.TargetId).ToList();
        var names = (await db.Accounts.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct))
            .Concat(await db.Products.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct))
            .Concat(await db.Channels.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct))
            .Concat(await db.People.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => x.Name);
        return aliases.Select(a => new AliasView(a.Id, a.Kind, a.Alias, a.TargetId, names.GetValueOrDefault(a.TargetId) ?? "—")).ToList();
    }

    /// <summary>Saves <paramref name="alias"/> as a name of the record <paramref name="target"/> names.</summary>
    public async Task<EditResult> Save(AliasKind kind, string alias, string target, string user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(alias) || alias.Trim().Length > 200) errors["alias"] = ["别名为 1 到 200 个字符。"];
        await using var db = await dbs.CreateDbContextAsync(ct);
        var text = target?.Trim() ?? "";
        var code = text.ToUpperInvariant();
        var normalized = CompanyName.Normalize(text);
        List<Guid> found = kind switch
        {
            AliasKind.Account => await db.Accounts.Where(a => a.CreditCode == code || a.NormalizedName == normalized).Select(a => a.Id).ToListAsync(ct),
            AliasKind.Product => await db.Products.Where(p => p.Code == text || p.Name == text).Select(p => p.Id).ToListAsync(ct),
            AliasKind.Channel => await db.Channels.Where(c => c.Code == text || c.Name == text).Select(c => c.Id).ToListAsync(ct),
            _ => await db.People.Where(p => p.Name == text || p.Email == text).Select(p => p.Id).ToListAsync(ct),
        };
        if (found.Count == 0) errors["target"] = [$"找不到 '{text}'。"];
        else if (found.Count > 1) errors["target"] = [$"'{text}' 对应 {found.Count} 条记录;请用统一社会信用代码、编码或邮箱。"];
        if (errors.Count > 0) return EditResult.Invalid(errors);
        var key = ImportAlias.Key(alias);
        var existing = await db.ImportAliases.SingleOrDefaultAsync(a => a.Kind == kind && a.Alias == key, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (existing is null) db.ImportAliases.Add(existing = new ImportAlias(kind, alias, found[0], user, now));
        else existing.Retarget(found[0]);
        db.AuditEntries.Add(new AuditEntry(now, user, "alias", existing.Id, $"alias.{kind.ToString().ToLowerInvariant()}", null, $"{key} → {text}"));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved();
    }

    public async Task<bool> Delete(Guid id, string user, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var alias = await db.ImportAliases.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (alias is null) return false;
        db.ImportAliases.Remove(alias);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user, "alias", id, "alias.delete", alias.Alias, null));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
