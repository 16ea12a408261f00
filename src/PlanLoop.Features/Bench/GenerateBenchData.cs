using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using PlanLoop.Features.Execution;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Bench;

public enum BenchScale
{
    Small,
    Medium,
    Large,

    /// <summary>The pipeline alone at the large scale: a million opportunities with their stage history on 100,000 accounts, everything else small.</summary>
    Pipeline,
}

/// <summary>How much a scale generates: large is a million order lines and a million opportunities with their stage history; medium a tenth, small a hundredth (the organisation stays the same).</summary>
public sealed record BenchCounts(int Accounts, int Contacts, int Leads, int Opportunities, int OrderLines, int Payments, int Activities, int Reps, int Teams, int Products,
    int MaxContracts = int.MaxValue)
{
    public static BenchCounts For(BenchScale scale)
    {
        if (scale == BenchScale.Pipeline) return new(100_000, 1_000, 1_000, 1_000_000, 10_000, 3_000, 1_000, 50, 8, 30, MaxContracts: 5_000);
        var d = scale switch { BenchScale.Large => 1, BenchScale.Medium => 10, _ => 100 };
        return new(100_000 / d, 300_000 / d, 1_000_000 / d, 1_000_000 / d, 1_000_000 / d, 300_000 / d, 2_000_000 / d, 50, 8, 30);
    }
}

/// <summary>One step of the generation: what it wrote, how long it took and the rate.</summary>
public sealed record BenchStep(string Name, long Rows, TimeSpan Elapsed, string Path)
{
    public double RowsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Rows / Elapsed.TotalSeconds;
}

public sealed record BenchProgress(string Step, long Done, long Total, TimeSpan Elapsed);

public sealed record BenchDataSet(BenchScale Scale, int Seed, BenchCounts Counts, IReadOnlyList<BenchStep> Steps, string Folder);

/// <summary>
/// Writes a deterministic, realistic data set at a scale through the paths users take: the demo's
/// organisation and 2024 plan first, then teams, reps and products up to the scale's organisation,
/// then .csv files of accounts, contacts, leads, opportunities, order lines and payments imported by
/// the product's own importers (validation, lookups, all-or-nothing transactions), contracts signed
/// from the won deals by the domain's approval flow, and activities (which have no import: they are
/// written in batches). Same seed, same data. Files stay in the folder for the import benchmarks.
/// </summary>
public sealed class GenerateBenchData(IDbContextFactory<PlanLoopDbContext> dbs, LoadDemoData demo, AccountFiles accountFiles, ImportLeads leads,
    ImportOpportunities opportunities, ImportOrders orders, ImportPayments payments, RefreshAccounts refresh)
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly string[] Industries = ["制造", "零售", "物流", "医药", "能源", "金融", "教育", "软件", "汽车", "电子"];
    static readonly string[] Regions = ["EAST", "SOUTH", "NORTH", "SOUTHWEST"];
    static readonly string[] Sources = ["Campaign", "Website", "Referral", "Event", "Agent", "Partner", "Other"];
    static readonly (string Code, int Weight)[] Channels = [("DIRECT", 50), ("AGENT", 30), ("ONLINE", 15), ("PARTNER", 5)];
    public static readonly DateOnly First = new(2023, 1, 1), Last = new(2024, 9, 30);

    public async Task<BenchDataSet> Handle(BenchScale scale, int seed, string folder, IProgress<BenchProgress>? progress, CancellationToken ct)
    {
        var counts = BenchCounts.For(scale);
        Directory.CreateDirectory(folder);
        var steps = new List<BenchStep>();
        var random = new Random(seed);

        await using (var db = await dbs.CreateDbContextAsync(ct))
            if (await db.Accounts.AnyAsync(a => a.Name.StartsWith("基准"), ct))
                throw new InvalidOperationException("This database already holds a generated data set; generate into a new database (--db).");

        async Task Step(string name, long rows, string path, Func<Task> work)
        {
            var watch = Stopwatch.StartNew();
            progress?.Report(new BenchProgress(name, 0, rows, TimeSpan.Zero));
            await work();
            steps.Add(new BenchStep(name, rows, watch.Elapsed, path));
            progress?.Report(new BenchProgress(name, rows, rows, watch.Elapsed));
        }

        await Step("demo", 0, "", () => demo.Handle(ct));
        var org = await Organisation(counts, ct);

        // Accounts: 基准客户 with valid credit codes, spread over regions and owners.
        var accountCodes = new string[counts.Accounts];
        var accountRegion = new string[counts.Accounts];
        var accountOwner = new string[counts.Accounts];
        var accountsFile = Path.Combine(folder, "accounts.csv");
        await Write(accountsFile, "name,creditCode,industry,region,employees,revenue,owner,status", counts.Accounts, (w, i) =>
        {
            accountCodes[i] = Code(i);
            accountRegion[i] = Regions[Skewed(random, Regions.Length)];
            accountOwner[i] = org.Reps[random.Next(org.Reps.Count)];
            var employees = (int)Math.Round(Math.Exp(3 + (random.NextDouble() * 6)));
            w.Append(Inv, $"基准客户{i + 1:000000}{Industries[i % Industries.Length]}有限公司,{accountCodes[i]},{Industries[i % Industries.Length]},{accountRegion[i]},{employees},{employees * 400_000L},{accountOwner[i]},客户");
        });
        await Step("accounts", counts.Accounts, accountsFile, () => Import(ImportKind.Accounts, accountsFile, ct));

        var contactsFile = Path.Combine(folder, "contacts.csv");
        string[] roles = ["决策者", "影响者", "支持者", "使用者", "把关者"];
        await Write(contactsFile, "account,name,role,level,title,phone", counts.Contacts, (w, i) =>
            w.Append(Inv, $"{accountCodes[i % counts.Accounts]},联系人{i + 1:0000000},{roles[i % roles.Length]},{1 + (i % 4)},经理,1380000{i % 10000:0000}"));
        await Step("contacts", counts.Contacts, contactsFile, () => Import(ImportKind.Contacts, contactsFile, ct));

        var leadsFile = Path.Combine(folder, "leads.csv");
        var days = Last.DayNumber - First.DayNumber + 1;
        await Write(leadsFile, "company,contact,phone,industry,region,employees,source,channel,owner,created_on", counts.Leads, (w, i) =>
            w.Append(Inv, $"线索公司{i + 1:0000000},联系人{i % 9973},1390000{i % 10000:0000},{Industries[random.Next(Industries.Length)]},{Regions[Skewed(random, Regions.Length)]},{random.Next(10, 5000)}," +
                $"{Sources[random.Next(Sources.Length)]},{(random.Next(2) == 0 ? "Online" : "Offline")},{org.Reps[random.Next(org.Reps.Count)]},{First.AddDays(random.Next(days)):yyyy-MM-dd}"));
        await Step("leads", counts.Leads, leadsFile, () => Bulk(leads.Handle, leadsFile, "leads", counts.Leads, progress, ct));

        // Opportunities: about 35% won, 45% lost, the rest open in every stage; each moves stage by stage (its history).
        var opportunitiesFile = Path.Combine(folder, "opportunities.csv");
        string[] lostReasons = ["价格", "竞品", "预算取消", "需求变化"];
        await Write(opportunitiesFile, "name,account,owner,stage,expected_close,product,quantity,discount,created_on,lost_reason,closed_on", counts.Opportunities, (w, i) =>
        {
            var a = random.Next(counts.Accounts);
            var created = First.AddDays(random.Next(days - 30));
            var roll = random.NextDouble();
            var stage = roll < 0.35 ? SopStages.Won : roll < 0.80 ? SopStages.Lost : roll < 0.88 ? SopStages.Qualification : roll < 0.95 ? SopStages.Proposal : SopStages.Negotiation;
            var product = org.Products[random.Next(org.Products.Count)];
            var discount = random.Next(4) == 0 ? (random.Next(1, 25) / 100m).ToString(Inv) : "0";
            var close = created.AddDays(random.Next(30, 120));
            var closed = stage is SopStages.Won or SopStages.Lost ? (close > Last ? Last : close).ToString("yyyy-MM-dd", Inv) : "";
            w.Append(Inv, $"基准商机{i + 1:0000000},{accountCodes[a]},{accountOwner[a]},{stage},{close:yyyy-MM-dd},{product},{random.Next(1, 5)},{discount},{created:yyyy-MM-dd}," +
                $"{(stage == SopStages.Lost ? lostReasons[random.Next(lostReasons.Length)] : "")},{closed}");
        });
        await Step("opportunities", counts.Opportunities, opportunitiesFile, () => Bulk(opportunities.Handle, opportunitiesFile, "opportunities", counts.Opportunities, progress, ct));

        var ordersFile = Path.Combine(folder, "orders.csv");
        await WriteOrders(ordersFile, counts.OrderLines, "BO", random, accountCodes, accountRegion, accountOwner, org);
        await Step("orders", counts.OrderLines, ordersFile, () => Bulk(orders.Handle, ordersFile, "orders", counts.OrderLines, progress, ct));

        var signed = 0;
        await Step("contracts", 0, "", async () => signed = await Contracts(random, counts.MaxContracts, ct));
        steps[^1] = steps[^1] with { Rows = signed };

        var paymentsFile = Path.Combine(folder, "payments.csv");
        var paymentRows = await WritePayments(paymentsFile, counts.Payments, random, ct);
        await Step("payments", paymentRows, paymentsFile, () => Bulk(payments.Handle, paymentsFile, "payments", paymentRows, progress, ct));

        await Step("activities", counts.Activities, "", () => Activities(counts, random, progress, ct));
        await Step("refresh", counts.Accounts, "", () => refresh.Handle("bench", Last, null, ct));
        // Contracts, nodes, activities and health snapshots were written outside the importers: fresh statistics for all.
        await Step("analyze", 0, "", async () =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        });
        return new BenchDataSet(scale, seed, counts, steps, folder);
    }

    /// <summary>Writes <paramref name="count"/> order lines (numbers prefixed so another file can load beside them) as the ERP export the orders import reads.</summary>
    public static async Task WriteOrders(string file, int count, string prefix, Random random, IReadOnlyList<string> accountCodes, IReadOnlyList<string> accountRegion,
        IReadOnlyList<string> accountOwner, BenchOrganisation org)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(accountCodes);
        ArgumentNullException.ThrowIfNull(org);
        var days = Last.DayNumber - First.DayNumber + 1;
        await Write(file, "order_number,booked_on,account,amount,product,region,channel,owner", count, (w, i) =>
        {
            var a = random.Next(accountCodes.Count);
            // Amounts roughly log-normal around 10万, in fen.
            var amount = Math.Round((decimal)Math.Exp(9.5 + (random.NextDouble() * 3)), 2);
            var channel = Channels[Weighted(random, Channels.Select(c => c.Weight).ToArray())].Code;
            w.Append(Inv, $"{prefix}{i + 1:00000000},{First.AddDays(random.Next(days)):yyyy-MM-dd},{accountCodes[a]},{amount.ToString(Inv)},{org.Products[random.Next(org.Products.Count)]}," +
                $"{accountRegion[a]},{channel},{accountOwner[a]}");
        });
    }

    /// <summary>The organisation the data is spread over: rep names (unique) and product codes.</summary>
    public sealed record BenchOrganisation(IReadOnlyList<string> Reps, IReadOnlyList<string> Products);

    async Task<BenchOrganisation> Organisation(BenchCounts counts, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
        var lines = (await db.ProductLines.ToListAsync(ct)).OrderBy(l => l.Code, StringComparer.Ordinal).ToList();
        var teams = (await db.Teams.ToListAsync(ct)).OrderBy(t => t.SortOrder).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
        for (var t = teams.Count; t < counts.Teams; t++)
        {
            var team = new Team($"BENCH{t + 1}", $"基准销售{t + 1}部", $"Bench sales {t + 1}", TeamKind.SmallAndMediumBusiness, 8, "基准数据", 100 + t);
            db.Teams.Add(team);
            teams.Add(team);
        }
        var salesTeams = teams.Where(t => t.Kind != TeamKind.SalesOperations).ToList();
        var reps = await db.People.Where(p => p.Position == Position.AccountExecutive).CountAsync(ct);
        for (var p = reps; p < counts.Reps; p++)
            db.People.Add(new Person($"基准销售{p + 1:00}", Position.AccountExecutive, salesTeams[p % salesTeams.Count].Id, regions[Regions[p % Regions.Length]].Id, $"bench{p + 1}@planloop.local"));
        var products = await db.Products.CountAsync(ct);
        for (var p = products; p < counts.Products; p++)
        {
            var line = lines[p % lines.Count];
            db.Products.Add(new Product($"BP{p + 1:00}", $"基准产品{p + 1:00}", $"Bench product {p + 1}", line.Id, Domain.Planning.PyramidTier.Body, 0.4m, 10_000m * (1 + (p % 20))));
        }
        await db.SaveChangesAsync(ct);
        // Ordered here, not by the database's collation, so the same seed gives the same data on every provider.
        var names = (await db.People.Where(p => p.Position == Position.AccountExecutive).Select(p => p.Name).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
        var codes = (await db.Products.Select(p => p.Code).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
        return new BenchOrganisation(names, codes);
    }

    /// <summary>Every won generated deal gets a standard contract, approved step by step and signed a few days after it closed.</summary>
    async Task<int> Contracts(Random random, int max, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var channels = await db.Channels.ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var ids = (await db.Opportunities.Where(o => o.StageCode == SopStages.Won && o.Name.StartsWith("基准商机")).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => o.Id).Take(max).ToList();
        var signed = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in ids.Chunk(2_000))
        {
            var deals = await db.Opportunities.AsNoTracking().Where(o => chunk.Contains(o.Id)).ToListAsync(ct);
            foreach (var deal in deals.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                var day = deal.ClosedOn ?? deal.CreatedOn;
                var contract = new Contract($"BHT-{signed + 1:0000000}", deal.AccountId, deal.OwnerId, channels[Channels[Weighted(random, [50, 30, 15, 5])].Code], deal.Id, "STD", 1, deal.Lines, day);
                contract.Submit(ApprovalPolicy.Default, day);
                while (contract.CurrentStep is { } step)
                    contract.Decide([step.Role], ApprovalDecision.Approved, "bench", day = day.AddDays(random.Next(0, 3)), null);
                var on = day.AddDays(random.Next(1, 5));
                contract.Sign(on);
                db.Contracts.Add(contract);
                var seq = 0;
                foreach (var node in PaymentPlan.Nodes(PaymentPlan.Standard, contract.Amount, on))
                    db.Instalments.Add(new Instalment(contract.Id, ++seq, node.Name, node.Due, node.Amount, null));
                signed++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
        return signed;
    }

    /// <summary>Payments against the contracts' nodes that fell due: most paid in full, some in two parts, some late or not at all — up to the count.</summary>
    async Task<int> WritePayments(string file, int count, Random random, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var nodes = await (from n in db.Instalments.AsNoTracking()
                           join c in db.Contracts on n.ContractId equals c.Id
                           where c.Number.StartsWith("BHT-") && n.DueOn <= Last
                           orderby c.Number, n.Seq
                           select new { c.Number, n.Seq, n.DueOn, n.Amount, c.SignedOn }).ToListAsync(ct);
        var rows = 0;
        await using var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("contract,node,received_on,amount,reference");
        var line = new StringBuilder();
        // About nine nodes in ten get paid; a node is paid in as many parts as it takes to reach the count.
        var perNode = nodes.Count == 0 ? 1d : Math.Max(1d, count / (nodes.Count * 0.9));
        foreach (var n in nodes)
        {
            if (rows >= count) break;
            var roll = random.NextDouble();
            if (roll < 0.08) continue; // unpaid
            var on = n.DueOn.AddDays(roll < 0.7 ? random.Next(-10, 5) : random.Next(5, 90));
            if (on < n.SignedOn) on = n.SignedOn!.Value;
            if (on > Last) continue;
            var k = Math.Min(count - rows, (int)perNode + (random.NextDouble() < perNode - Math.Floor(perNode) ? 1 : 0));
            foreach (var part in Domain.Amounts.Money.Cny(n.Amount).SplitEvenly(Math.Max(1, k)))
            {
                line.Clear().Append(Inv, $"{n.Number},{n.Seq},{on:yyyy-MM-dd},{part.Amount.ToString(Inv)},BR{rows + 1:0000000}");
                await writer.WriteLineAsync(line, ct);
                rows++;
            }
        }
        return rows;
    }

    async Task Activities(BenchCounts counts, Random random, IProgress<BenchProgress>? progress, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var accounts = (await db.Accounts.Where(a => a.Name.StartsWith("基准客户")).Select(a => new { a.Id, a.Name, a.OwnerId }).ToListAsync(ct)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var kinds = Enum.GetValues<ActivityKind>();
        var start = new DateTime(2023, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        var minutes = (int)(new DateTime(2024, 9, 30, 18, 0, 0, DateTimeKind.Utc) - start).TotalMinutes;
        var watch = Stopwatch.StartNew();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < counts.Activities; i++)
        {
            var a = accounts[random.Next(accounts.Count)];
            var kind = kinds[random.Next(kinds.Length)];
            db.Activities.Add(new Activity(a.Id, null, kind, a.OwnerId, start.AddMinutes(random.Next(minutes)), $"{kind} 跟进 #{i + 1}"));
            if ((i + 1) % 10_000 == 0)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress?.Report(new BenchProgress("activities", i + 1, counts.Activities, watch.Elapsed));
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    async Task Import(ImportKind kind, string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        var result = await accountFiles.Import(kind, stream, Path.GetFileName(file), null, false, Viewer.System, ct);
        if (!result.Applied)
            throw new InvalidOperationException($"The generated {kind} file was refused: {string.Join("; ", result.Errors.Take(5).Select(e => $"row {e.Row} {e.Column}: {e.Message}"))}");
    }

    delegate Task<ImportReport> Importer(Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer,
        IProgress<ImportProgress>? progress, CancellationToken ct);

    static async Task Bulk(Importer importer, string file, string step, long total, IProgress<BenchProgress>? progress, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        var watch = Stopwatch.StartNew();
        var result = await importer(stream, Path.GetFileName(file), null, false, Viewer.System,
            new Progress<ImportProgress>(p => progress?.Report(new BenchProgress(step, p.Rows, total, watch.Elapsed))), ct);
        if (!result.Applied)
            throw new InvalidOperationException($"The generated {step} file was refused ({result.ErrorCount} problems): {string.Join("; ", result.Errors.Take(5).Select(e => $"row {e.Row} {e.Column}: {e.Message}"))}");
    }

    static async Task Write(string file, string header, int count, Action<StringBuilder, int> row)
    {
        await using var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync(header);
        var line = new StringBuilder(256);
        for (var i = 0; i < count; i++)
        {
            line.Clear();
            row(line, i);
            await writer.WriteLineAsync(line);
        }
    }

    /// <summary>A valid 统一社会信用代码 for the i-th generated account (91 + a region code + a sequence + its check character).</summary>
    public static string Code(int i)
    {
        var first17 = string.Create(Inv, $"91{310000 + (i % 4 * 10000):000000}B{i:00000000}");
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>Index 0 most likely, then falling: regions are not equally big.</summary>
    static int Skewed(Random random, int n) => Weighted(random, [.. Enumerable.Range(0, n).Select(i => n - i)]);

    static int Weighted(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }
}
