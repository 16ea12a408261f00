using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Customers;

public sealed record ActivityInput(ActivityKind Kind, DateTime OccurredAt, string Subject, string? Notes = null, Guid? ContactId = null, Guid? OwnerId = null);

public sealed record SurveyInput(SurveyKind Kind, int Score, DateOnly AnsweredOn, string? Comment = null, Guid? ContactId = null);

/// <summary>
/// Creating and editing accounts and what hangs off them (contacts, activities, NPS and CSAT answers),
/// within the viewer's scope. A new account may not repeat another's credit code or normalised name;
/// an edit carries the revision it started from, and a stale one is a conflict, never an overwrite.
/// </summary>
public sealed class EditAccount(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public async Task<EditResult> Create(AccountDetails details, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        details = details with { OwnerId = RecordOwners.NewOwner(viewer, details.OwnerId) };
        var errors = await Problems(db, details, null, ct, viewer);
        await OwnerAllowed(db, details.OwnerId, null, viewer, errors, ct);
        await ParentInScope(db, details, viewer, errors, ct);
        if (errors.Count > 0) return EditResult.Invalid(errors);
        var account = db.Accounts.Add(new Account(details, clock.GetUtcNow().UtcDateTime)).Entity;
        db.AuditEntries.Add(Audit(viewer, account.Id, "account.create", null, account.Name));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(account.Id);
    }

    public async Task<EditResult> Update(Guid id, AccountDetails details, int revision, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await db.Accounts.Visible(db, viewer).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return EditResult.NotFound;
        if (account.Revision != revision) return EditResult.Conflict;
        var errors = await Problems(db, details, id, ct, viewer);
        await OwnerAllowed(db, details.OwnerId, account.OwnerId, viewer, errors, ct);
        if (details.ParentId != account.ParentId) await ParentInScope(db, details, viewer, errors, ct);
        if (errors.Count > 0) return EditResult.Invalid(errors);
        var before = Describe(account.ToDetails());
        db.Entry(account).Property(a => a.Revision).OriginalValue = revision;
        account.Update(details, clock.GetUtcNow().UtcDateTime);
        db.AuditEntries.Add(Audit(viewer, id, "account.update", before, Describe(account.ToDetails())));
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

    public async Task<EditResult> SaveContact(Guid accountId, Guid? contactId, ContactDetails details, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = details.Problems();
        if (errors.Count > 0) return EditResult.Invalid(errors);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Accounts.Visible(db, viewer).AnyAsync(a => a.Id == accountId, ct)) return EditResult.NotFound;
        Contact contact;
        if (contactId is { } cid)
        {
            var found = await db.Contacts.SingleOrDefaultAsync(c => c.Id == cid && c.AccountId == accountId, ct);
            if (found is null) return EditResult.NotFound;
            contact = found;
            contact.Update(details);
        }
        else contact = db.Contacts.Add(new Contact(accountId, details)).Entity;
        db.AuditEntries.Add(Audit(viewer, accountId, contactId is null ? "contact.create" : "contact.update", null, $"{contact.Name} ({contact.Role}, L{contact.Level})"));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(contact.Id);
    }

    public async Task<EditResult> RemoveContact(Guid accountId, Guid contactId, Viewer viewer, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Accounts.Visible(db, viewer).AnyAsync(a => a.Id == accountId, ct)) return EditResult.NotFound;
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId && c.AccountId == accountId, ct);
        if (contact is null) return EditResult.NotFound;
        db.Contacts.Remove(contact);
        db.AuditEntries.Add(Audit(viewer, accountId, "contact.remove", contact.Name, null));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(contactId);
    }

    public async Task<EditResult> LogActivity(Guid accountId, ActivityInput input, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrWhiteSpace(input.Subject)) return EditResult.Invalid(new Dictionary<string, string[]> { ["subject"] = ["主题不能为空。"] });
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Accounts.Visible(db, viewer).AnyAsync(a => a.Id == accountId, ct)) return EditResult.NotFound;
        if (input.ContactId is { } c && !await db.Contacts.AnyAsync(x => x.Id == c && x.AccountId == accountId, ct))
            return EditResult.Invalid(new Dictionary<string, string[]> { ["contactId"] = ["该联系人不属于此客户。"] });
        var activity = db.Activities.Add(new Activity(accountId, input.ContactId, input.Kind, input.OwnerId ?? viewer.PersonId,
            DateTime.SpecifyKind(input.OccurredAt, DateTimeKind.Utc), input.Subject, input.Notes)).Entity;
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(activity.Id);
    }

    public async Task<EditResult> RecordSurvey(Guid accountId, SurveyInput input, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (SurveyAnswer.Problem(input.Kind, input.Score) is { } p) return EditResult.Invalid(new Dictionary<string, string[]> { ["score"] = [p] });
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Accounts.Visible(db, viewer).AnyAsync(a => a.Id == accountId, ct)) return EditResult.NotFound;
        if (input.ContactId is { } c && !await db.Contacts.AnyAsync(x => x.Id == c && x.AccountId == accountId, ct))
            return EditResult.Invalid(new Dictionary<string, string[]> { ["contactId"] = ["该联系人不属于此客户。"] });
        var answer = db.SurveyAnswers.Add(new SurveyAnswer(accountId, input.ContactId, input.Kind, input.Score, input.AnsweredOn, input.Comment)).Entity;
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(answer.Id);
    }

    /// <summary>A parent account is one the editor may see: linking under someone else's account would write into it.</summary>
    static async Task ParentInScope(PlanLoopDbContext db, AccountDetails details, Viewer viewer, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (details.ParentId is { } parent && !errors.ContainsKey("parentId") && !await db.Accounts.Visible(db, viewer).AnyAsync(a => a.Id == parent, ct))
            errors["parentId"] = ["上级客户不存在,或不在你的数据范围内。"];
    }

    /// <summary>A new owner must be one the editor may name (<see cref="RecordOwners"/>); keeping the current one is always allowed.</summary>
    static async Task OwnerAllowed(PlanLoopDbContext db, Guid? owner, Guid? current, Viewer viewer, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (owner is { } named && named != current && !errors.ContainsKey("ownerId") && await RecordOwners.Problem(db, viewer, named, "客户", ct) is { } problem)
            errors["ownerId"] = [problem];
    }

    /// <summary>Field problems of the details, including references that do not exist and duplicates of other accounts.</summary>
    /// <remarks>A duplicate outside the <paramref name="viewer"/>'s scope is reported without its name (a credit code must not reveal whose it is).</remarks>
    internal static async Task<Dictionary<string, string[]>> Problems(PlanLoopDbContext db, AccountDetails details, Guid? self, CancellationToken ct, Viewer? viewer = null)
    {
        var visible = viewer is null ? db.Accounts : db.Accounts.Visible(db, viewer);
        var errors = details.Problems().ToDictionary(p => p.Key, p => p.Value);
        foreach (var (field, problem) in StoredPrecision.Problems(details)) errors.TryAdd(field, problem);
        if (details.RegionId is { } region && !await db.Regions.AnyAsync(r => r.Id == region, ct)) errors["regionId"] = ["区域不存在。"];
        if (details.OwnerId is { } owner && !await db.People.AnyAsync(p => p.Id == owner, ct)) errors["ownerId"] = ["负责人不存在。"];
        if (details.AdvisorId is { } advisor && !await db.People.AnyAsync(p => p.Id == advisor, ct)) errors["advisorId"] = ["客户成功顾问不存在。"];
        if (details.ParentId is { } parent && (parent == self || !await db.Accounts.AnyAsync(a => a.Id == parent, ct))) errors["parentId"] = ["上级客户不存在(或是它自己)。"];
        if (errors.ContainsKey("name") || errors.ContainsKey("creditCode")) return errors;
        if (CreditCode.Normalize(details.CreditCode) is { } code
            && await db.Accounts.Where(a => a.CreditCode == code && a.Id != self).Select(a => a.Id).FirstOrDefaultAsync(ct) is var sameCode && sameCode != Guid.Empty)
            errors["creditCode"] = [await visible.Where(a => a.Id == sameCode).Select(a => a.Name).FirstOrDefaultAsync(ct) is { } shown
                ? $"统一社会信用代码已属于客户“{shown}”。" : "统一社会信用代码已属于另一个不在你数据范围内的客户。"];
        var normalized = CompanyName.Normalize(details.Name);
        if (await db.Accounts.Where(a => a.NormalizedName == normalized && a.Id != self).Select(a => a.Id).FirstOrDefaultAsync(ct) is var sameName && sameName != Guid.Empty)
            errors["name"] = [await visible.Where(a => a.Id == sameName).Select(a => a.Name).FirstOrDefaultAsync(ct) is { } shown
                ? $"与已有客户“{shown}”重名(忽略空格、括号和公司类型后相同)。" : "与一个不在你数据范围内的已有客户重名(忽略空格、括号和公司类型后相同)。"];
        return errors;
    }

    static string Describe(AccountDetails d) =>
        $"{d.Name} | {d.CreditCode} | {d.Industry} | {d.Status} | owner {d.OwnerId} | advisor {d.AdvisorId}";

    AuditEntry Audit(Viewer viewer, Guid accountId, string action, string? before, string? after) =>
        new(clock.GetUtcNow().UtcDateTime, viewer.UserName, "account", accountId, action, before, after);
}
