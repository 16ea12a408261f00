using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Organisation;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Organisation;

/// <summary>
/// Imports the sales organisation's people from an HR or CRM export (.csv or .xlsx) through the one
/// import engine (mapping, value maps, defaults, lookups into a second file): one row per person,
/// matched to someone already in PlanLoop by external id, else e-mail, else name — so importing the
/// same export again updates instead of duplicating. Managers may be rows of the same file, people
/// already in PlanLoop, or — when the source only names them in its manager column, as many CRMs do —
/// created as managers from that column (the result says who). All or nothing.
/// </summary>
public sealed class ImportPeople(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public const int MaxRows = 20_000;

    public async Task<ImportReport> Handle(Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer, CancellationToken ct, IProgress<ImportProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        using var run = BulkImport.Open("people", content, fileName, EditPeople.Fields, mapping, dryRun);
        if (run.Unusable) return run.Result(false, 0, 0);

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var refs = await EditPeople.References.Load(db, ct);
        var everyone = await db.People.ToListAsync(ct);
        var byExternal = everyone.Where(p => p.ExternalId is not null).ToDictionary(p => p.ExternalId!, StringComparer.OrdinalIgnoreCase);
        var byEmail = everyone.Where(p => p.Email is not null).GroupBy(p => p.Email!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var byName = everyone.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count() == 1 ? g.First() : null, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<Guid, int>();
        var pending = new List<(StreamedRow Row, Person Person, string Manager)>();
        var (rows, created, updated) = (0, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;

        foreach (var row in run.Rows())
        {
            ct.ThrowIfCancellationRequested();
            if (++rows > MaxRows)
            {
                run.Error(row.Number, "", $"人员导入最多 {MaxRows:N0} 行。");
                break;
            }
            var before = run.Count;
            var input = new PersonInput(run.Text(row, "name") ?? "", run.Text(row, "position"), run.Text(row, "team"), run.Text(row, "region"),
                run.Text(row, "email"), null, run.Text(row, "external_id"));
            var values = refs.Resolve(input, null, (field, message) => run.Error(row.Number, field == "externalId" ? "external_id" : field, message));
            bool? active = null;
            if (run.Text(row, "active") is { } a)
                if (Truth(a) is { } t) active = t;
                else run.Error(row.Number, "active", $"'{a}' 应为 是/否(yes/no、1/0、true/false)。");
            if (run.Count > before || values is null) continue;

            var ext = ExternalIds.Normalize(input.ExternalId);
            var person = (ext is not null ? byExternal.GetValueOrDefault(ext) : null)
                         ?? (input.Email is not null ? byEmail.GetValueOrDefault(input.Email.Trim()) : null)
                         ?? byName.GetValueOrDefault(input.Name.Trim());
            if (person is not null && seen.TryGetValue(person.Id, out var first))
            {
                run.Error(row.Number, "name", $"与第 {first} 行是同一位人员(按外部编号、邮箱或姓名)。");
                continue;
            }
            if (person is null)
            {
                if (byName.ContainsKey(input.Name.Trim()) && byName[input.Name.Trim()] is null)
                {
                    run.Error(row.Number, "name", $"PlanLoop 中有多位人员叫 '{input.Name.Trim()}';请给出邮箱或外部编号。");
                    continue;
                }
                person = db.People.Add(new Person(input.Name, values.Value.Position, values.Value.Team, values.Value.Region, input.Email)).Entity;
                created++;
            }
            else
            {
                // Fields the file does not give keep what PlanLoop has.
                person.Update(input.Name, input.Position is null ? person.Position : values.Value.Position, values.Value.Team ?? person.TeamId,
                    values.Value.Region ?? person.RegionId, input.Email ?? person.Email, person.ManagerId);
                updated++;
            }
            if (ext is not null && byExternal.GetValueOrDefault(ext) is { } other && other.Id != person.Id)
            {
                run.Error(row.Number, "external_id", $"外部编号 {ext} 已属于 {other.Name}。");
                continue;
            }
            person.Identify(ext ?? person.ExternalId);
            if (active is { } on) { if (on) person.Activate(); else person.Deactivate(); }
            seen[person.Id] = row.Number;
            refs.Add(person.Id, person.ManagerId, person.Name, person.Email, person.ExternalId);
            if (ext is not null) byExternal[ext] = person;
            if (person.Email is not null) byEmail[person.Email] = person;
            byName[person.Name] = byName.TryGetValue(person.Name, out var same) && same is not null && same.Id != person.Id ? null : person;
            if (run.Text(row, "manager") is { } manager) pending.Add((row, person, manager));
            if (rows % 1_000 == 0) progress?.Report(new ImportProgress(rows, run.Count));
        }

        // Managers last: they may be rows further down the file, or named only in the manager column.
        var implied = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, person, manager) in pending)
        {
            Guid? managerId;
            if (!refs.Knows(manager) && !manager.Contains('@', StringComparison.Ordinal))
            {
                if (!implied.TryGetValue(manager, out var boss))
                {
                    boss = db.People.Add(new Person(manager, Position.Manager, person.TeamId, person.RegionId, null)).Entity;
                    implied[manager] = boss;
                    refs.Add(boss.Id, null, boss.Name);
                    created++;
                }
                managerId = boss.Id;
            }
            else managerId = refs.Person(manager, m => run.Error(row.Number, "manager", m));
            if (managerId is not { } m) continue;
            if (m == person.Id || refs.Loops(person.Id, m))
            {
                run.Error(row.Number, "manager", $"'{manager}' 不能是 {person.Name} 的上级(会形成循环汇报)。");
                continue;
            }
            person.Update(person.Name, person.Position, person.TeamId, person.RegionId, person.Email, m);
            refs.SetManager(person.Id, m);
        }
        if (implied.Count > 0)
            run.Notes.Add($"{implied.Count} 位上级只出现在上级列中,已按经理岗位新建: {string.Join("、", implied.Keys.Take(20))}{(implied.Count > 20 ? " …" : "")}。");
        run.Settle();
        progress?.Report(new ImportProgress(rows, run.Count));
        if (rows == 0) run.Error(2, "", "文件中没有数据行。");
        var applied = !dryRun && run.Count == 0;
        if (applied)
        {
            db.AuditEntries.Add(new AuditEntry(now, viewer.UserName, "import", Guid.NewGuid(), "import.people", null, $"{fileName}: {created} created, {updated} updated"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        else await tx.RollbackAsync(ct);
        return run.Result(applied, rows, created + updated, null, updated);
    }

    static bool? Truth(string text) => text.Trim().ToLowerInvariant() switch
    {
        "是" or "在职" or "yes" or "y" or "true" or "1" or "active" => true,
        "否" or "离职" or "no" or "n" or "false" or "0" or "inactive" => false,
        _ => null,
    };
}
