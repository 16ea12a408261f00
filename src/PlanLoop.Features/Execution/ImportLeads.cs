using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Execution;

/// <summary>
/// Imports leads (a campaign list, a trade-show export) from .csv or .xlsx, streamed and written in
/// batches in one transaction: source and channel by their Chinese or English names, region by code
/// or name, owner by name, e-mail or alias (a Rep imports leads for themselves only), the ICP fit
/// scored by the current profile. A row with the external id of a lead imported before updates that
/// lead (if it is in the importer's scope; its status stays as worked); a row without one that is
/// identical to a stored lead (company and contact, phone or e-mail) is skipped and counted, so a
/// cumulative export can be imported again. All or nothing.
/// </summary>
public sealed class ImportLeads(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, TimeProvider clock)
{
    const int Batch = 2_000;

    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new("external_id", "外部编号", false), new("company", "公司", true), new("contact", "联系人", false), new("title", "职务", false), new("phone", "电话", false), new("email", "邮箱", false),
        new("industry", "行业", false), new("region", "区域", false), new("employees", "员工人数", false), new("source", "来源", false), new("channel", "渠道", false),
        new("owner", "负责人", false), new("created_on", "创建日期", false),
    ];

    static readonly Dictionary<string, LeadSource> Sources = new(StringComparer.OrdinalIgnoreCase)
    {
        ["营销活动"] = LeadSource.Campaign,
        ["市场活动"] = LeadSource.Campaign,
        ["官网"] = LeadSource.Website,
        ["网站"] = LeadSource.Website,
        ["客户推荐"] = LeadSource.Referral,
        ["转介绍"] = LeadSource.Referral,
        ["展会活动"] = LeadSource.Event,
        ["展会"] = LeadSource.Event,
        ["代理商"] = LeadSource.Agent,
        ["合作伙伴"] = LeadSource.Partner,
        ["其他"] = LeadSource.Other,
    };

    static readonly Dictionary<string, LeadChannel> Channels = new(StringComparer.OrdinalIgnoreCase) { ["线上"] = LeadChannel.Online, ["线下"] = LeadChannel.Offline };

    public async Task<ImportReport> Handle(Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        using var run = BulkImport.Open("leads", content, fileName, Fields, mapping, dryRun);
        if (run.Unusable) return run.Result(false, 0, 0);

        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var regions = new Dictionary<string, (Guid Id, string Code)>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in await db.Regions.AsNoTracking().ToListAsync(ct)) regions[r.Code] = regions[r.Name] = regions[r.NameEn] = (r.Id, r.Code);
        var people = await PeopleLookup.Load(db, ct);
        var profile = (await EditIcpProfile.Current(db, ct)).Profile;
        var today = businessDay.Today();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = new List<(int Row, Lead Lead)>(Batch);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seenExternal = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var (rows, written, updated, skipped, firstSkipped) = (0, 0, 0, 0, 0);

        static string Key(string company, string? contact, string? phone, string? email) => $"{CompanyName.Normalize(company)}|{contact}|{phone}|{email}";

        async Task Flush()
        {
            var keys = batch.Where(b => b.Lead.ExternalId is not null).Select(b => b.Lead.ExternalId!).ToList();
            var known = keys.Count == 0 ? [] : await db.Leads.AsTracking().Where(l => l.ExternalId != null && keys.Contains(l.ExternalId)).ToDictionaryAsync(l => l.ExternalId!, StringComparer.OrdinalIgnoreCase, ct);
            var mine = known.Count == 0 ? [] : (await db.Leads.AsNoTracking().Visible(db, viewer).Where(l => l.ExternalId != null && keys.Contains(l.ExternalId)).Select(l => l.Id).ToListAsync(ct)).ToHashSet();
            var companies = batch.Where(b => b.Lead.ExternalId is null || !known.ContainsKey(b.Lead.ExternalId)).Select(b => b.Lead.Company).Distinct().ToList();
            var stored = (await db.Leads.AsNoTracking().Where(l => companies.Contains(l.Company)).Select(l => new { l.Company, l.ContactName, l.Phone, l.Email }).ToListAsync(ct))
                .Select(l => Key(l.Company, l.ContactName, l.Phone, l.Email)).ToHashSet(StringComparer.Ordinal);
            var fresh = new List<Lead>(batch.Count);
            foreach (var (row, lead) in batch)
            {
                if (lead.ExternalId is not null && known.TryGetValue(lead.ExternalId, out var existing))
                {
                    if (!mine.Contains(existing.Id)) { run.Error(row, "external_id", $"外部编号 {lead.ExternalId} 的线索已在 PlanLoop 中,但不在你的数据范围内。"); continue; }
                    // What the row leaves blank keeps what PlanLoop has (a column the mapping does not import clears nothing).
                    var (d, e) = (lead.ToDetails(), existing.ToDetails());
                    var details = d with
                    {
                        ContactName = d.ContactName ?? e.ContactName,
                        Title = d.Title ?? e.Title,
                        Phone = d.Phone ?? e.Phone,
                        Email = d.Email ?? e.Email,
                        Industry = d.Industry ?? e.Industry,
                        RegionId = d.RegionId ?? e.RegionId,
                        Employees = d.Employees ?? e.Employees,
                        OwnerId = d.OwnerId ?? e.OwnerId,
                    };
                    if (details != existing.ToDetails())
                    {
                        existing.Update(details);
                        existing.SetIcpScore(lead.IcpScore);
                        updated++;
                    }
                }
                else if (stored.Contains(Key(lead.Company, lead.ContactName, lead.Phone, lead.Email)))
                {
                    if (skipped++ == 0) firstSkipped = row;
                }
                else fresh.Add(lead);
            }
            if (run.Count == 0 && !dryRun)
            {
                db.ChangeTracker.DetectChanges();
                db.Leads.AddRange(fresh);
                await db.SaveChangesAsync(ct);
                written += fresh.Count;
            }
            db.ChangeTracker.Clear();
            batch.Clear();
            progress?.Report(new ImportProgress(rows, run.Count));
        }

        foreach (var row in run.Rows())
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            string? Text(string field) => run.Text(row, field);
            void Error(int at, string field, string message) => run.Error(at, field, message);
            var before = run.Count;
            var external = Text("external_id");
            if (ExternalIds.Problem(external) is { } extProblem) Error(row.Number, "external_id", extProblem);
            else if (external is not null && seenExternal.TryGetValue(external, out var firstRow)) Error(row.Number, "external_id", $"与第 {firstRow} 行的外部编号相同。");
            else if (external is not null) seenExternal[external] = row.Number;
            (Guid Id, string Code)? region = null;
            if (Text("region") is { } rt) { if (regions.TryGetValue(rt, out var r)) region = r; else Error(row.Number, "region", $"找不到区域 '{rt}'。"); }
            int? employees = null;
            if (Text("employees") is { } et) { if (int.TryParse(et.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var e) && e >= 0) employees = e; else Error(row.Number, "employees", $"'{et}' 不是员工人数。"); }
            var source = LeadSource.Other;
            if (Text("source") is { } st && !Sources.TryGetValue(st, out source) && !Enum.TryParse(st, true, out source))
                Error(row.Number, "source", $"未知来源 '{st}';可用: {string.Join("、", Sources.Keys.Take(11))}。");
            var channel = LeadChannel.Offline;
            if (Text("channel") is { } ch && !Channels.TryGetValue(ch, out channel) && !Enum.TryParse(ch, true, out channel)) Error(row.Number, "channel", $"未知渠道 '{ch}';可用: 线上、线下。");
            var owner = RecordOwners.NewOwner(viewer, null);
            if (Text("owner") is { } ot)
            {
                var (found, problem, _) = people.Find(ot);
                if (found is null) Error(row.Number, "owner", problem!);
                else if (!RecordOwners.Allows(viewer, found.Value, people.TeamOf(found.Value))) Error(row.Number, "owner", RecordOwners.Refusal(viewer, "线索"));
                else owner = found;
            }
            var created = run.Day(row, "created_on") ?? today;
            var details = new LeadDetails(Text("company") ?? "", Text("contact"), Text("title"), Text("phone"), Text("email"), Text("industry"), region?.Id, employees, source, channel, owner);
            foreach (var (field, messages) in details.Problems())
                Error(row.Number, field switch { "contactName" => "contact", _ => field }, messages[0]);
            if (run.Count > before) continue;
            if (external is null && !seen.Add(Key(details.Company, details.ContactName, details.Phone, details.Email))) { Error(row.Number, "company", $"与文件中前面的一行重复:{details.Company}。"); continue; }
            var lead = new Lead(details, created);
            lead.Identify(external);
            if (profile is not null)
                lead.SetIcpScore(profile.Score(new Dictionary<string, string?>
                {
                    ["industry"] = details.Industry,
                    ["region"] = region?.Code,
                    ["employees"] = employees?.ToString(CultureInfo.InvariantCulture),
                    ["status"] = AccountStatus.Prospect.ToString(),
                }).Score);
            batch.Add((row.Number, lead));
            if (batch.Count == Batch) await Flush();
        }
        run.Settle();
        await Flush();
        if (rows == 0) run.Error(2, "", "文件中没有数据行。");
        if (skipped > 0) run.Notes.Add($"{skipped:N0} 行与已有线索相同(从第 {firstSkipped} 行起),已跳过。");
        var applied = !dryRun && run.Count == 0;
        if (applied)
        {
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, viewer.UserName, "import", Guid.NewGuid(), "import.leads", null, $"{fileName}: {written} leads"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await BulkImport.Analyze(db, written, ct, "exe_leads");
        }
        else await tx.RollbackAsync(ct);
        return run.Result(applied, rows, written + updated, null, updated);
    }
}
