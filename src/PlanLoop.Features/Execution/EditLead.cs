using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

public enum LeadAction
{
    StartWork,
    Qualify,
    Disqualify,
}

/// <summary>
/// Creating, editing and moving leads (start work, qualify as SQL, disqualify with a reason) and
/// converting an SQL into an account, a contact and an opportunity — the existing account when its normalised name
/// matches, a new prospect otherwise. Each lead gets its ICP fit when saved. Within the viewer's
/// scope; a stale revision is a conflict; every status change is audited.
/// </summary>
public sealed class EditLead(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, EditSalesSettings settings, TimeProvider clock)
{
    public async Task<EditResult> Create(LeadDetails details, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(viewer);
        details = details with { OwnerId = RecordOwners.NewOwner(viewer, details.OwnerId) };
        await using var db = await dbs.CreateDbContextAsync(ct);
        var errors = await Problems(db, details, viewer, ct);
        if (errors.Count > 0) return EditResult.Invalid(errors);
        var lead = db.Leads.Add(new Lead(details, businessDay.Today())).Entity;
        lead.SetIcpScore(await IcpScore(db, lead, ct));
        db.AuditEntries.Add(Audit(viewer, lead.Id, "lead.create", null, lead.Company));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(lead.Id);
    }

    public async Task<EditResult> Update(Guid id, LeadDetails details, int revision, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var lead = await db.Leads.Visible(db, viewer).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return EditResult.NotFound;
        if (lead.Revision != revision) return EditResult.Conflict;
        var errors = await Problems(db, details, viewer, ct);
        if (errors.Count > 0) return EditResult.Invalid(errors);
        db.Entry(lead).Property(l => l.Revision).OriginalValue = revision;
        lead.Update(details);
        lead.SetIcpScore(await IcpScore(db, lead, ct));
        return await Save(db, lead.Id, ct);
    }

    /// <summary>Moves the lead; a move its status does not allow is a <see cref="RuleException"/> (422).</summary>
    public async Task<EditResult> Move(Guid id, LeadAction action, string? reason, int revision, Viewer viewer, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var lead = await db.Leads.Visible(db, viewer).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return EditResult.NotFound;
        if (lead.Revision != revision) return EditResult.Conflict;
        var before = lead.Status;
        db.Entry(lead).Property(l => l.Revision).OriginalValue = revision;
        var today = businessDay.Today();
        switch (action)
        {
            case LeadAction.StartWork: lead.StartWork(today); break;
            case LeadAction.Qualify: lead.Qualify(today); break;
            default: lead.Disqualify(reason ?? "", today); break;
        }
        db.AuditEntries.Add(Audit(viewer, id, $"lead.{action.ToString().ToLowerInvariant()}", before.ToString(), $"{lead.Status}{(reason is null ? "" : ": " + reason)}"));
        return await Save(db, id, ct);
    }

    /// <summary>Turns a qualified lead into an account (found by normalised name, or a new prospect), a contact and an opportunity in 商机评估; returns the account id.</summary>
    public async Task<EditResult> Convert(Guid id, int revision, Viewer viewer, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lead = await db.Leads.Visible(db, viewer).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return EditResult.NotFound;
        if (lead.Revision != revision) return EditResult.Conflict;
        if (lead.Status != LeadStatus.Qualified || lead.AccountId is not null)
            lead.Convert(Guid.Empty, businessDay.Today());   // throws the rule that forbids it
        var normalized = CompanyName.Normalize(lead.Company);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedName == normalized, ct);
        // An account of the same name that the converter may not see is someone else's customer: a manager decides, never a silent attach.
        if (account is not null && !await db.Accounts.Visible(db, viewer).AnyAsync(a => a.Id == account.Id, ct))
            throw new RuleException("account-outside-scope", account.Name);
        var now = clock.GetUtcNow().UtcDateTime;
        if (account is null)
        {
            account = db.Accounts.Add(new Account(new AccountDetails(lead.Company, Industry: lead.Industry, RegionId: lead.RegionId, Employees: lead.Employees,
                OwnerId: lead.OwnerId, Status: AccountStatus.Prospect), now)).Entity;
        }
        if (lead.ContactName is { } name && !await db.Contacts.AnyAsync(c => c.AccountId == account.Id && c.Name == name, ct))
            db.Contacts.Add(new Contact(account.Id, new ContactDetails(name, DecisionRole.Influencer, 2, lead.Title, lead.Phone, lead.Email)));
        db.Entry(lead).Property(l => l.Revision).OriginalValue = revision;
        var today = businessDay.Today();
        lead.Convert(account.Id, today);
        // The SQL opens an opportunity in 商机评估, expected to close within the C tier's longest cycle until someone says otherwise.
        var opportunity = new Opportunity(lead.Company, account.Id, lead.OwnerId, today.AddDays(30), today, viewer.UserName, (await settings.Current(ct)).Stages);
        db.Opportunities.Add(opportunity);
        db.AuditEntries.Add(Audit(viewer, id, "lead.convert", null, $"{account.Name} ({account.Id}), opportunity {opportunity.Id}"));
        var result = await Save(db, account.Id, ct);
        if (result.Outcome == EditOutcome.Saved) await tx.CommitAsync(ct);
        return result;
    }

    static async Task<EditResult> Save(PlanLoopDbContext db, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return EditResult.Saved(id);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditResult.Conflict;
        }
    }

    // Whom the lead may be given to: RecordOwners (a rep themselves, a manager their team; as the import does).
    static async Task<Dictionary<string, string[]>> Problems(PlanLoopDbContext db, LeadDetails details, Viewer viewer, CancellationToken ct)
    {
        var errors = details.Problems().ToDictionary(p => p.Key, p => p.Value);
        if (details.RegionId is { } region && !await db.Regions.AnyAsync(r => r.Id == region, ct)) errors["regionId"] = ["区域不存在。"];
        if (details.OwnerId is { } owner && await RecordOwners.Problem(db, viewer, owner, "线索", ct) is { } problem) errors["ownerId"] = [problem];
        return errors;
    }

    /// <summary>The lead's ICP fit by the current profile, on the fields a lead has (industry, region, employees).</summary>
    internal static async Task<decimal?> IcpScore(PlanLoopDbContext db, Lead lead, CancellationToken ct)
    {
        var profile = (await EditIcpProfile.Current(db, ct)).Profile;
        if (profile is null) return null;
        var region = lead.RegionId is { } r ? await db.Regions.Where(x => x.Id == r).Select(x => x.Code).FirstOrDefaultAsync(ct) : null;
        return profile.Score(new Dictionary<string, string?>
        {
            ["industry"] = lead.Industry,
            ["region"] = region,
            ["employees"] = lead.Employees?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = AccountStatus.Prospect.ToString(),
        }).Score;
    }

    AuditEntry Audit(Viewer viewer, Guid id, string action, string? before, string? after) =>
        new(clock.GetUtcNow().UtcDateTime, viewer.UserName, "lead", id, action, before, after);
}
