using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Organisation;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Organisation;

/// <summary>
/// A person as a form or an API sends them: team and region by code or name, the manager by name,
/// e-mail or external id, the position by its code or its Chinese or English name.
/// </summary>
public sealed record PersonInput(string Name, string? Position, string? Team, string? Region, string? Email, string? Manager, string? ExternalId);

/// <summary>One person as lists and exports show them.</summary>
public sealed record PersonRow(Guid Id, string Name, Position Position, string? TeamCode, string? RegionCode, string? Email, Guid? ManagerId, string? ManagerName,
    string? ExternalId, bool IsActive, string? Login, bool LoginDisabled = false);

/// <summary>
/// People of the sales organisation as master data: list, create, edit, deactivate and reactivate,
/// export. Nobody is deleted (their deals and orders keep pointing at them). Errors name the field;
/// every change is audited. Who may: admins, the director and sales ops (the API's policy).
/// </summary>
public sealed class EditPeople(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new("name", "姓名", true), new("email", "邮箱", false), new("position", "岗位", false), new("team", "部门", false), new("region", "区域", false),
        new("manager", "上级", false), new("external_id", "外部编号", false), new("active", "在职", false),
    ];

    /// <summary>Position by its code, or its Chinese or English name (as the UI shows them).</summary>
    public static readonly IReadOnlyDictionary<string, Position> Positions = BuildPositions();

    static Dictionary<string, Position> BuildPositions()
    {
        var names = new Dictionary<string, Position>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in Enum.GetValues<Position>()) names[p.ToString()] = p;
        foreach (var (name, p) in new (string, Position)[]
                 {
                     ("销售总监", Position.Director), ("总监", Position.Director), ("Sales director", Position.Director),
                     ("经理", Position.Manager), ("销售经理", Position.Manager),
                     ("客户经理", Position.AccountExecutive), ("Account executive", Position.AccountExecutive), ("AE", Position.AccountExecutive), ("Sales agent", Position.AccountExecutive),
                     ("SDR", Position.SalesDevelopment), ("销售开发代表", Position.SalesDevelopment),
                     ("渠道经理", Position.ChannelManager), ("Channel manager", Position.ChannelManager),
                     ("销售运营", Position.SalesOperations), ("Sales operations", Position.SalesOperations),
                     ("客户成功经理", Position.CustomerSuccess), ("客户成功", Position.CustomerSuccess), ("Customer success manager", Position.CustomerSuccess),
                     ("财务", Position.Finance),
                 })
            names[name] = p;
        return names;
    }

    public static string PositionName(Position p) => p switch
    {
        Position.Director => "销售总监",
        Position.Manager => "经理",
        Position.AccountExecutive => "客户经理",
        Position.SalesDevelopment => "SDR",
        Position.ChannelManager => "渠道经理",
        Position.SalesOperations => "销售运营",
        Position.CustomerSuccess => "客户成功经理",
        _ => "财务",
    };

    public async Task<IReadOnlyList<PersonRow>> List(bool includeInactive, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await (
            from p in db.People.AsNoTracking()
            where includeInactive || p.IsActive
            join t in db.Teams on p.TeamId equals t.Id into pt
            from t in pt.DefaultIfEmpty()
            join r in db.Regions on p.RegionId equals r.Id into pr
            from r in pr.DefaultIfEmpty()
            join m in db.People on p.ManagerId equals m.Id into pm
            from m in pm.DefaultIfEmpty()
            select new PersonRow(p.Id, p.Name, p.Position, t == null ? null : t.Code, r == null ? null : r.Code, p.Email, p.ManagerId, m == null ? null : m.Name,
                p.ExternalId, p.IsActive, db.Users.Where(u => u.PersonId == p.Id).Select(u => u.UserName).FirstOrDefault(),
                db.Users.Any(u => u.PersonId == p.Id && u.DisabledAt != null)))
            .ToListAsync(ct);
        return rows.OrderBy(p => (int)p.Position).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Creates (id null) or updates a person: saved with its id, invalid by field, or not found.</summary>
    public async Task<EditResult> Save(Guid? id, PersonInput input, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var refs = await References.Load(db, ct);
        var errors = new Dictionary<string, List<string>>();
        void Error(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        Person? person = null;
        if (id is { } existing && (person = await db.People.SingleOrDefaultAsync(p => p.Id == existing, ct)) is null)
            return EditResult.NotFound;
        var values = refs.Resolve(input, person?.Id, Error);
        if (input.Email is { } email && await db.People.AnyAsync(p => p.Email == email.Trim() && p.Id != (person == null ? Guid.Empty : person.Id), ct))
            Error("email", $"邮箱 {email.Trim()} 已属于另一位人员。");
        if (ExternalIds.Normalize(input.ExternalId) is { } ext && await db.People.AnyAsync(p => p.ExternalId == ext && p.Id != (person == null ? Guid.Empty : person.Id), ct))
            Error("externalId", $"外部编号 {ext} 已属于另一位人员。");
        if (errors.Count > 0 || values is null) return EditResult.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        var before = person is null ? null : Describe(person);
        if (person is null) person = db.People.Add(new Person(input.Name, values.Value.Position, values.Value.Team, values.Value.Region, input.Email)).Entity;
        person.Update(input.Name, values.Value.Position, values.Value.Team, values.Value.Region, input.Email, values.Value.Manager);
        person.Identify(input.ExternalId);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user, "person", person.Id, before is null ? "person.create" : "person.update", before, Describe(person)));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved(person.Id);
    }

    /// <summary>Deactivates or reactivates; null when there is no such person.</summary>
    public async Task<bool?> SetActive(Guid id, bool active, string user, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.People.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } person) return null;
        if (person.IsActive == active) return true;
        if (active) person.Activate();
        else person.Deactivate();
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user, "person", person.Id, "person.active", (!active).ToString(), active.ToString()));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Everyone (active or not) as .csv or .xlsx, with the import's headers: an export imports back.</summary>
    public async Task<byte[]> Export(bool csv, CancellationToken ct)
    {
        var people = await List(includeInactive: true, ct);
        return TabularFile.Write("人员", Fields.Select(f => f.Header).ToList(),
            people.Select(p => new object?[] { p.Name, p.Email, PositionName(p.Position), p.TeamCode, p.RegionCode, p.ManagerName, p.ExternalId, p.IsActive ? "是" : "否" }), csv);
    }

    static string Describe(Person p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Name}; {p.Position}; team {p.TeamId}; region {p.RegionId}; {p.Email}; manager {p.ManagerId}; ext {p.ExternalId}");

    /// <summary>Teams, regions and people by every key a person may be named by, loaded once.</summary>
    internal sealed class References
    {
        readonly Dictionary<string, Guid> teams = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<string, Guid> regions = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<string, List<Guid>> people = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<Guid, Guid?> managerOf = [];

        public static async Task<References> Load(PlanLoopDbContext db, CancellationToken ct)
        {
            var r = new References();
            foreach (var t in await db.Teams.AsNoTracking().ToListAsync(ct)) r.teams[t.Code] = r.teams[t.Name] = r.teams[t.NameEn] = t.Id;
            foreach (var x in await db.Regions.AsNoTracking().ToListAsync(ct)) r.regions[x.Code] = r.regions[x.Name] = r.regions[x.NameEn] = x.Id;
            foreach (var p in await db.People.AsNoTracking().ToListAsync(ct)) r.Add(p.Id, p.ManagerId, p.Name, p.Email, p.ExternalId);
            return r;
        }

        public void Add(Guid id, Guid? manager, params string?[] keys)
        {
            managerOf[id] = manager;
            foreach (var key in keys.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var list = people.TryGetValue(key, out var l) ? l : people[key] = [];
                if (!list.Contains(id)) list.Add(id);
            }
        }

        public void SetManager(Guid id, Guid? manager) => managerOf[id] = manager;

        public Guid? Person(string text, Action<string> error)
        {
            if (!people.TryGetValue(text, out var ids)) { error($"找不到人员 '{text}'(按姓名、邮箱或外部编号)。"); return null; }
            if (ids.Count > 1) { error($"有 {ids.Count} 位人员叫 '{text}';请改用邮箱或外部编号。"); return null; }
            return ids[0];
        }

        public bool Knows(string text) => people.ContainsKey(text);

        /// <summary>Whether making <paramref name="manager"/> the manager of <paramref name="person"/> closes a loop.</summary>
        public bool Loops(Guid? person, Guid manager)
        {
            if (person is null) return false;
            var seen = new HashSet<Guid>();
            for (Guid? at = manager; at is { } m; at = managerOf.GetValueOrDefault(m))
            {
                if (m == person) return true;
                if (!seen.Add(m)) return false;
            }
            return false;
        }

        public (Position Position, Guid? Team, Guid? Region, Guid? Manager)? Resolve(PersonInput input, Guid? self, Action<string, string> error)
        {
            var ok = true;
            void Fail(string field, string message) { ok = false; error(field, message); }
            if (string.IsNullOrWhiteSpace(input.Name)) Fail("name", "不能为空。");
            else if (input.Name.Trim().Length > 100) Fail("name", "姓名最长 100 个字符。");
            if (input.Email is { Length: > 200 }) Fail("email", "邮箱最长 200 个字符。");
            else if (!string.IsNullOrWhiteSpace(input.Email) && !input.Email.Contains('@', StringComparison.Ordinal)) Fail("email", $"'{input.Email}' 不是邮箱。");
            if (ExternalIds.Problem(input.ExternalId?.Trim()) is { } extProblem) Fail("externalId", extProblem);
            var position = Domain.Organisation.Position.AccountExecutive;
            if (!string.IsNullOrWhiteSpace(input.Position) && !Positions.TryGetValue(input.Position.Trim(), out position))
                Fail("position", $"未知岗位 '{input.Position}';可用: {string.Join("、", Enum.GetValues<Position>().Select(PositionName))}。");
            Guid? team = null, region = null, manager = null;
            if (!string.IsNullOrWhiteSpace(input.Team))
                if (teams.TryGetValue(input.Team.Trim(), out var t)) team = t;
                else Fail("team", $"找不到部门 '{input.Team}'(按编码或名称)。");
            if (!string.IsNullOrWhiteSpace(input.Region))
                if (regions.TryGetValue(input.Region.Trim(), out var rg)) region = rg;
                else Fail("region", $"找不到区域 '{input.Region}'(按编码或名称)。");
            if (!string.IsNullOrWhiteSpace(input.Manager))
            {
                manager = Person(input.Manager.Trim(), m => Fail("manager", m));
                if (manager is { } m && (m == self || Loops(self, m))) Fail("manager", $"'{input.Manager}' 不能是这位人员的上级(会形成循环汇报)。");
            }
            return ok ? (position, team, region, manager) : null;
        }
    }
}
