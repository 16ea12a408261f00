using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Execution;

/// <summary>
/// Imports the history of calls, visits, meetings, e-mails and diagnostics from another CRM's export,
/// streamed and written in batches by the database's bulk path in one transaction, all or nothing:
/// the account (in the importer's scope) by external id, credit code, alias or name; the contact by
/// name within that account; the owner by name, e-mail, external id or alias (default: the account's
/// owner; a Rep imports their own only); the kind by our name or a value map. A row the same as a
/// stored activity (account, kind, time, subject) is skipped and counted, so an export can be
/// imported again.
/// </summary>
public sealed class ImportActivities(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, TimeProvider clock)
{
    const int Batch = 5_000;

    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new("account", "客户", true), new("kind", "类型", true), new("occurred_at", "时间", true), new("subject", "主题", true),
        new("contact", "联系人", false), new("owner", "负责人", false), new("notes", "备注", false),
    ];

    static readonly Dictionary<string, ActivityKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["电话"] = ActivityKind.Call,
        ["拜访"] = ActivityKind.Visit,
        ["会议"] = ActivityKind.Meeting,
        ["邮件"] = ActivityKind.Email,
        ["售前诊断"] = ActivityKind.Diagnostic,
        ["诊断"] = ActivityKind.Diagnostic,
    };

    readonly record struct Key(Guid AccountId, ActivityKind Kind, DateTime At, string Subject);

    public async Task<ImportReport> Handle(Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        using var run = BulkImport.Open("activities", content, fileName, Fields, mapping, dryRun);
        if (run.Unusable) return run.Result(false, 0, 0);

        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var accounts = await AccountLookup.Load(db, viewer, ct);
        var people = await PeopleLookup.Load(db, ct);
        var managerOrAbove = viewer.SeesAll || viewer.SeesTeam;
        var end = businessDay.Today().AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var bulk = new EntityBulkWriter<Activity>(db, tx);
        var batch = new List<(int Row, Activity Activity)>(Batch);
        var inFile = new HashSet<Key>();
        var contacts = new Dictionary<Guid, Dictionary<string, Guid?>>();
        var (rows, written, skipped, firstSkipped) = (0, 0, 0, 0);

        async Task<Guid?> Contact(Guid account, string name, Action<string> error)
        {
            if (!contacts.TryGetValue(account, out var byName))
            {
                byName = new Dictionary<string, Guid?>(StringComparer.OrdinalIgnoreCase);
                foreach (var c in await db.Contacts.AsNoTracking().Where(c => c.AccountId == account).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                    byName[c.Name] = byName.ContainsKey(c.Name) ? null : c.Id;
                if (contacts.Count > 10_000) contacts.Clear();
                contacts[account] = byName;
            }
            if (byName.TryGetValue(name, out var id) && id is not null) return id;
            error(id is null && byName.ContainsKey(name) ? $"客户有两位联系人叫 '{name}'。" : $"该客户没有联系人 '{name}'(可先导入联系人)。");
            return null;
        }

        async Task Flush()
        {
            var ids = batch.Select(b => b.Activity.AccountId).Distinct().ToList();
            var (from, to) = batch.Count == 0 ? (default, default) : (batch.Min(b => b.Activity.OccurredAt), batch.Max(b => b.Activity.OccurredAt));
            var stored = batch.Count == 0 ? [] : (await db.Activities.AsNoTracking()
                    .Where(a => ids.Contains(a.AccountId) && a.OccurredAt >= from && a.OccurredAt <= to)
                    .Select(a => new { a.AccountId, a.Kind, a.OccurredAt, a.Subject }).ToListAsync(ct))
                .Select(a => new Key(a.AccountId, a.Kind, a.OccurredAt, a.Subject)).ToHashSet();
            var fresh = new List<Activity>(batch.Count);
            foreach (var (row, activity) in batch)
            {
                if (stored.Contains(new Key(activity.AccountId, activity.Kind, activity.OccurredAt, activity.Subject)))
                {
                    if (skipped++ == 0) firstSkipped = row;
                }
                else fresh.Add(activity);
            }
            if (run.Count == 0 && !dryRun)
            {
                await bulk.Write(fresh, ct);
                written += fresh.Count;
            }
            batch.Clear();
            progress?.Report(new ImportProgress(rows, run.Count));
        }

        foreach (var row in run.Rows())
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            string? Text(string field) => run.Text(row, field);
            void Error(string field, string message) => run.Error(row.Number, field, message);
            var before = run.Count;

            AccountLookup.Found? account = null;
            if (Text("account") is not { } accountText) Error("account", "不能为空。");
            else if ((account = accounts.Find(accountText)) is null) Error("account", AccountLookup.NotFound(accountText));
            var kind = ActivityKind.Call;
            if (Text("kind") is not { } kindText) Error("kind", "不能为空。");
            else if (!Kinds.TryGetValue(kindText, out kind) && !(Enum.TryParse(kindText, true, out kind) && Enum.IsDefined(kind) && !int.TryParse(kindText, out _)))
                Error("kind", $"未知类型 '{kindText}';可用: 电话、拜访、会议、邮件、售前诊断(源系统自己的类型可在映射的值映射中对应)。");
            var at = run.Moment(row, "occurred_at");
            if (at is null && Text("occurred_at") is null) Error("occurred_at", "不能为空。");
            if (at is { } t && DateTime.SpecifyKind(t, DateTimeKind.Utc) >= end) Error("occurred_at", $"时间 {t:yyyy-MM-dd HH:mm} 晚于今天。");
            var subject = Text("subject");
            if (subject is null) Error("subject", "不能为空。");
            else if (subject.Length > 200) Error("subject", $"主题最长 200 个字符(现为 {subject.Length} 个)。");
            var notes = Text("notes");
            if (notes is { Length: > 4000 }) Error("notes", $"备注最长 4000 个字符(现为 {notes.Length} 个)。");
            Guid? owner = account?.OwnerId;
            if (Text("owner") is { } ownerText)
            {
                (owner, var problem, _) = people.Find(ownerText);
                if (owner is null) Error("owner", problem!);
            }
            if (!managerOrAbove && owner != viewer.PersonId) Error("owner", "销售只能导入自己的活动。");
            Guid? contact = null;
            if (account is not null && Text("contact") is { } contactText) contact = await Contact(account.Id, contactText, m => Error("contact", m));
            if (run.Count > before) continue;

            var activity = new Activity(account!.Id, contact, kind, owner, DateTime.SpecifyKind(at!.Value, DateTimeKind.Utc), subject!, notes);
            if (!inFile.Add(new Key(activity.AccountId, activity.Kind, activity.OccurredAt, activity.Subject)))
            {
                if (skipped++ == 0) firstSkipped = row.Number;
                continue;
            }
            if (inFile.Count > 1_000_000) inFile.Clear();
            batch.Add((row.Number, activity));
            if (batch.Count == Batch) await Flush();
        }
        run.Settle();
        await Flush();
        if (rows == 0) run.Error(2, "", "文件中没有数据行。");
        if (skipped > 0) run.Notes.Add($"{skipped:N0} 行与已有活动相同(客户、类型、时间和主题;从第 {firstSkipped} 行起),已跳过。");
        var applied = !dryRun && run.Count == 0;
        if (applied)
        {
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, viewer.UserName, "import", Guid.NewGuid(), "import.activities", null, $"{fileName}: {written} activities"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await BulkImport.Analyze(db, written, ct, "cust_activities");
        }
        else await tx.RollbackAsync(ct);
        return run.Result(applied, rows, written);
    }
}
