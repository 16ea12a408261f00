using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Customers.Data;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Users;

using PlanLoop.Features.Forecasting;

namespace PlanLoop.Features.Demo;

public sealed record DemoLoadResult(int Regions, int ProductLines, int Products, int Channels, int Teams, int People, int Users, int Plans, int Accounts = 0, int CustomerRecords = 0)
{
    public int Total => Regions + ProductLines + Products + Channels + Teams + People + Users + Plans + Accounts + CustomerRecords;
}

/// <summary>
/// Loads the seed plan's organisation and the demo logins. Idempotent: what exists (by code,
/// name or user name) is left alone, so running it twice adds nothing the second time.
/// </summary>
public sealed class LoadDemoData(IDbContextFactory<PlanLoopDbContext> dbs, AddUser addUser, RefreshAccounts refresh, KeepForecasts keep, TimeProvider clock)
{
    /// <summary>The demo's ideal customer profile: mid-sized manufacturers, retailers and logistics firms in the east and south that already buy core product A.</summary>
    public static readonly IReadOnlyList<IcpCriterion> DemoIcp =
    [
        new("industry", 3m, AnyOf: ["制造业", "零售", "物流", "电子信息"]),
        new("employees", 2m, Min: 200m, Max: 10_000m),
        new("region", 1m, AnyOf: ["EAST", "SOUTH"]),
        new("products", 2m, AnyOf: ["CORE-A"]),
    ];

    /// <summary>Loads the organisation, logins and plan and, unless <paramref name="customers"/> is false, the demo customers.</summary>
    public async Task<DemoLoadResult> Handle(CancellationToken ct, bool customers = true)
    {
        var result = await LoadOrganisation(ct);
        if (!customers) return result;
        var (accounts, records) = await LoadCustomers(ct);
        return result with { Accounts = accounts, CustomerRecords = records };
    }

    async Task<(int Accounts, int Records)> LoadCustomers(CancellationToken ct)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await db.Accounts.AnyAsync(ct)) return (0, 0);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var people = await db.People.ToListAsync(ct);
            var advisors = people.Where(p => p.Position == Position.CustomerSuccess).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            var regionsByCode = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
            var data = DemoCustomers.Generate(
                regionsByCode, await db.ProductLines.ToDictionaryAsync(r => r.Code, ct),
                await db.Products.ToDictionaryAsync(r => r.Code, ct), await db.Channels.ToDictionaryAsync(r => r.Code, ct),
                people, advisors, clock.GetUtcNow().UtcDateTime);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Accounts.AddRange(data.Accounts);
            await db.SaveChangesAsync(ct);
            db.Contacts.AddRange(data.Contacts);
            db.OrderLines.AddRange(data.Orders);
            db.Activities.AddRange(data.Activities);
            db.SurveyAnswers.AddRange(data.Answers);
            var leads = DemoLeads.Generate(regionsByCode, people);
            var icp = new IcpProfile(DemoIcp);
            var regionCodes = regionsByCode.Values.ToDictionary(r => r.Id, r => r.Code);
            foreach (var lead in leads)
                lead.SetIcpScore(icp.Score(new Dictionary<string, string?>
                {
                    ["industry"] = lead.Industry,
                    ["region"] = lead.RegionId is { } rid ? regionCodes[rid] : null,
                    ["employees"] = lead.Employees?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }).Score);
            db.Leads.AddRange(leads);
            var opportunities = DemoOpportunities.Generate(data.Accounts, await db.Products.ToDictionaryAsync(p => p.Code, ct),
                new WorkingCalendar(ChinaHolidays.Official2024To2026));
            db.Opportunities.AddRange(opportunities);
            await db.SaveChangesAsync(ct);
            var contracts = DemoContracts.Generate(opportunities, data.Accounts.ToDictionary(a => a.Id), await db.Products.ToDictionaryAsync(p => p.Id, ct),
                await db.Channels.ToDictionaryAsync(c => c.Code, ct), Decider(people), new WorkingCalendar(ChinaHolidays.Official2024To2026), clock.GetUtcNow().UtcDateTime);
            db.Contracts.AddRange(contracts.Contracts);
            await db.SaveChangesAsync(ct);
            db.Instalments.AddRange(contracts.Nodes);
            db.OrderLines.AddRange(contracts.Orders);
            await db.SaveChangesAsync(ct);
            db.Payments.AddRange(contracts.Payments);
            db.Invoices.AddRange(contracts.Invoices);
            var calls = DemoCalls.Generate([.. data.Orders, .. contracts.Orders], people);
            db.ForecastCalls.AddRange(calls);
            await db.SaveChangesAsync(ct);
            if (!await db.IcpProfiles.AnyAsync(ct))
                db.IcpProfiles.Add(new IcpProfileVersion(1, EditIcpProfile.Serialize(DemoIcp), "salesops", clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            // Tiers and health as they stood at each quarter's end, so the history and the tier changes have a past.
            foreach (var quarterEnd in new DateOnly[] { new(2023, 12, 31), new(2024, 3, 31), new(2024, 6, 30), DemoCustomers.AsOf })
                await refresh.Handle("demo", quarterEnd, null, ct);
            // What each method said at every month's close of the plan year (replayed from the books), so the methods have a record to score.
            var kept = await keep.Since(new DateOnly(2023, 12, 1), DemoCustomers.AsOf, null, ct);
            return (data.Accounts.Count, data.Contacts.Count + data.Orders.Count + data.Activities.Count + data.Answers.Count + leads.Count + opportunities.Count
                + contracts.Contracts.Count + contracts.Nodes.Count + contracts.Orders.Count + contracts.Payments.Count + contracts.Invoices.Count + calls.Count + kept);
        }
    }

    /// <summary>Who decides a demo approval step: the owner's team manager (their login if they have one), the director, finance.</summary>
    static Func<ApproverRole, Guid?, string> Decider(IReadOnlyList<Person> people)
    {
        var logins = DemoOrganisation.People.Where(p => p.Login is not null).ToDictionary(p => p.Name, p => p.Login!);
        var byId = people.ToDictionary(p => p.Id);
        string Name(Person p) => logins.GetValueOrDefault(p.Name) ?? p.Name;
        return (role, owner) => role switch
        {
            ApproverRole.Manager when owner is { } o && byId.TryGetValue(o, out var rep)
                && people.FirstOrDefault(p => p.TeamId == rep.TeamId && p.Position == Position.Manager) is { } manager => Name(manager),
            ApproverRole.Manager => "manager",
            ApproverRole.Director => "director",
            _ => "finance",
        };
    }

    async Task<DemoLoadResult> LoadOrganisation(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
        var addedRegions = 0;
        foreach (var (code, name, en) in DemoOrganisation.Regions)
        {
            if (regions.ContainsKey(code)) continue;
            regions[code] = db.Regions.Add(new Region(code, name, en, regions.Count + 1)).Entity;
            addedRegions++;
        }

        var lines = await db.ProductLines.ToDictionaryAsync(p => p.Code, ct);
        var addedLines = 0;
        foreach (var (code, name, en) in DemoOrganisation.ProductLines)
        {
            if (lines.ContainsKey(code)) continue;
            lines[code] = db.ProductLines.Add(new ProductLine(code, name, en, lines.Count + 1)).Entity;
            addedLines++;
        }

        var products = await db.Products.Select(p => p.Code).ToHashSetAsync(ct);
        var addedProducts = 0;
        foreach (var (code, line, name, en, tier, margin, price) in DemoOrganisation.Products.Where(p => !products.Contains(p.Code)))
        {
            db.Products.Add(new Product(code, name, en, lines[line].Id, tier, margin, price));
            addedProducts++;
        }

        var channels = await db.Channels.Select(p => p.Code).ToHashSetAsync(ct);
        var addedChannels = 0;
        foreach (var (code, name, en, kind) in DemoOrganisation.Channels.Where(c => !channels.Contains(c.Code)))
        {
            db.Channels.Add(new Channel(code, name, en, kind, channels.Count + ++addedChannels));
        }

        var teams = await db.Teams.ToDictionaryAsync(t => t.Code, ct);
        var addedTeams = 0;
        foreach (var (code, name, en, kind, headcount, duty) in DemoOrganisation.Teams)
        {
            if (teams.ContainsKey(code)) continue;
            teams[code] = db.Teams.Add(new Team(code, name, en, kind, headcount, duty, teams.Count + 1)).Entity;
            addedTeams++;
        }

        var people = await db.People.ToDictionaryAsync(p => p.Name, ct);
        var addedPeople = 0;
        foreach (var (team, region, position, name, _) in DemoOrganisation.People)
        {
            if (people.ContainsKey(name)) continue;
            people[name] = db.People.Add(new Person(name, position,
                team is null ? null : teams[team].Id,
                region is null ? null : regions[region].Id,
                email: null)).Entity;
            addedPeople++;
        }
        // Who reports to whom: sellers, ops and CS to their team's manager (the director where the team has none), managers to the director.
        var director = people[DemoOrganisation.People.Single(p => p.Position == Position.Director).Name];
        foreach (var (team, _, position, name, _) in DemoOrganisation.People)
        {
            var person = people[name];
            if (position == Position.Director || person.ManagerId is not null) continue;
            var manager = team is null || position == Position.Manager ? null
                : DemoOrganisation.People.Where(p => p.Team == team && p.Position == Position.Manager).Select(p => people[p.Name]).FirstOrDefault();
            person.Update(person.Name, person.Position, person.TeamId, person.RegionId, person.Email, (manager ?? director).Id);
        }
        var addedPlans = 0;
        if (!await db.Plans.AnyAsync(p => p.Name == DemoPlan.Name, ct))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var plan = db.Plans.Add(new Plan(DemoPlan.Name, DemoPlan.FiscalYear, now)).Entity;
            var version = new PlanVersion(plan.Id, 1, DemoPlan.VersionName, VersionKind.Version, "director", now);
            foreach (var kpi in DemoPlan.Kpis) version.SetKpi(kpi);
            foreach (var breakdown in DemoPlan.Breakdowns) version.SetBreakdown(breakdown);
            version.SetAssumptions(DemoPlan.Levers, DemoPlan.Pyramid, DemoPlan.Goals);
            db.PlanVersions.Add(version);
            await db.SaveChangesAsync(ct);
            // The plan the company runs on is approved: the Director approved it with a reason, its findings still shown.
            version.Submit(now);
            var errors = PlanChecks.Run(version.ToSnapshot(await GetPlanVersion.DirectSellers(db, ct))).Count(f => f.Severity == FindingSeverity.Error);
            version.Approve("director", isDirector: true, errors, DemoPlan.ApprovalReason, now);
            db.AuditEntries.Add(new AuditEntry(now, "director", nameof(PlanVersion), version.Id, "status",
                nameof(PlanStatus.Draft), nameof(PlanStatus.Approved), DemoPlan.ApprovalReason));
            addedPlans++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var addedUsers = 0;
        foreach (var (userName, role, displayName) in DemoUsers.All)
        {
            var personName = DemoOrganisation.People.FirstOrDefault(p => p.Login == userName).Name;
            var result = await addUser.Handle(new AddUserInput(userName, DemoUsers.Password, [role], displayName,
                Email: $"{userName}@demo.planloop.local",
                PersonId: personName is null ? null : people[personName].Id), ct);
            if (result.Succeeded) addedUsers++;
            else if (!result.Errors.TryGetValue("userName", out var e) || !e[0].Contains("already exists", StringComparison.Ordinal))
                throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", result.Errors.SelectMany(x => x.Value))}");
        }
        return new DemoLoadResult(addedRegions, addedLines, addedProducts, addedChannels, addedTeams, addedPeople, addedUsers, addedPlans);
    }
}
