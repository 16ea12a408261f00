using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Execution;

/// <summary>
/// Imports opportunities from another CRM (.csv or .xlsx): one row per deal with its main product
/// line, the account by credit code, name or alias (in the importer's scope), the owner by name,
/// e-mail or alias, the stage by code or name. A deal beyond qualification comes in with a recorded
/// override ("imported"), since its BANT history is not ours; a lost deal needs its reason, a won one
/// its product line. Streamed, written in batches, all or nothing.
/// </summary>
public sealed class ImportOpportunities(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, EditSalesSettings settings, TimeProvider clock)
{
    const int Batch = 2_000;

    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new("name", "商机名称", true), new("account", "客户", true), new("owner", "负责人", false), new("stage", "阶段", false), new("expected_close", "预计成交日", true),
        new("product", "产品", false), new("quantity", "数量", false), new("discount", "折扣", false), new("created_on", "创建日期", false), new("lost_reason", "输单原因", false),
    ];

    public async Task<BulkImportResult> Handle(Stream content, string fileName, IReadOnlyDictionary<string, string>? mapping, bool dryRun, Viewer viewer,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        using var run = BulkImport.Open("opportunities", content, fileName, Fields, mapping, dryRun);
        if (run.Unusable) return run.Result(false, 0, 0);

        var stages = (await settings.Current(ct)).Stages;
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var accounts = await db.Accounts.AsNoTracking().Visible(db, viewer).Select(a => new { a.Id, a.CreditCode, a.NormalizedName, a.OwnerId }).ToListAsync(ct);
        var byCode = accounts.Where(a => a.CreditCode is not null).ToDictionary(a => a.CreditCode!, StringComparer.OrdinalIgnoreCase);
        var byName = accounts.GroupBy(a => a.NormalizedName).ToDictionary(g => g.Key, g => g.Count() == 1 ? g.First() : null);
        var byId = accounts.ToDictionary(a => a.Id);
        var aliases = (await db.ImportAliases.AsNoTracking().ToListAsync(ct)).ToDictionary(a => (a.Kind, a.Alias), a => a.TargetId);
        var products = new Dictionary<string, Domain.Organisation.Product>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in await db.Products.AsNoTracking().ToListAsync(ct)) products[p.Code] = products[p.Name] = p;
        var people = await PeopleLookup.Load(db, ct);
        var today = businessDay.Today();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = new List<Opportunity>(Batch);
        var (rows, written) = (0, 0);
        static bool Day(string? text, out DateOnly day) => DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

        async Task Flush()
        {
            if (run.Count == 0 && !dryRun)
            {
                db.Opportunities.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                written += batch.Count;
            }
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
            var name = Text("name");
            if (name is null) Error(row.Number, "name", "不能为空。");
            var accountText = Text("account");
            Guid? account = null;
            Guid? accountOwner = null;
            if (accountText is null) Error(row.Number, "account", "不能为空。");
            else if (byCode.TryGetValue(accountText, out var c)) (account, accountOwner) = (c.Id, c.OwnerId);
            else if (aliases.TryGetValue((AliasKind.Account, ImportAlias.Key(accountText)), out var aliased) && byId.TryGetValue(aliased, out var a)) (account, accountOwner) = (a.Id, a.OwnerId);
            else if (byName.TryGetValue(CompanyName.Normalize(accountText), out var n) && n is not null) (account, accountOwner) = (n.Id, n.OwnerId);
            else Error(row.Number, "account", $"找不到客户 '{accountText}'(在你的数据范围内,按统一社会信用代码、名称或别名)。");
            Guid? owner = accountOwner;
            if (Text("owner") is { } ot)
            {
                (owner, var problem, _) = people.Find(ot);
                if (owner is null) Error(row.Number, "owner", problem!);
            }
            var stageText = Text("stage");
            var stage = stageText is null ? stages.OrderBy(s => s.Order).First() : stages.FirstOrDefault(s => string.Equals(s.Code, stageText, StringComparison.OrdinalIgnoreCase) || s.Name == stageText || string.Equals(s.NameEn, stageText, StringComparison.OrdinalIgnoreCase));
            if (stage is null) Error(row.Number, "stage", $"未知阶段 '{stageText}';可用: {string.Join("、", stages.Select(s => s.Name))}。");
            if (!Day(Text("expected_close"), out var close)) Error(row.Number, "expected_close", $"'{Text("expected_close")}' 不是日期(应为 2024-09-30 这样的格式)。");
            var created = today;
            if (Text("created_on") is { } co && !Day(co, out created)) Error(row.Number, "created_on", $"'{co}' 不是日期。");
            OpportunityLine? line = null;
            if (Text("product") is { } pt)
            {
                if (!products.TryGetValue(pt, out var product)) Error(row.Number, "product", $"找不到产品 '{pt}'。");
                else
                {
                    var quantity = 1m;
                    if (Text("quantity") is { } qt && (!decimal.TryParse(qt, NumberStyles.Number, CultureInfo.InvariantCulture, out quantity) || quantity <= 0m)) Error(row.Number, "quantity", $"'{qt}' 不是大于 0 的数量。");
                    var discount = 0m;
                    if (Text("discount") is { } dt)
                    {
                        var percent = dt.EndsWith('%');
                        if (!decimal.TryParse(dt.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out discount)) Error(row.Number, "discount", $"'{dt}' 不是折扣(如 0.15 或 15%)。");
                        if (percent) discount /= 100m;
                    }
                    line = new OpportunityLine(product.Id, quantity, product.ListPrice, discount);
                    if (line.Problem() is { } problem) Error(row.Number, "discount", problem);
                }
            }
            if (stage?.Outcome == StageOutcome.Lost && Text("lost_reason") is null) Error(row.Number, "lost_reason", "输单需要填写原因。");
            if (stage?.Outcome == StageOutcome.Won && line is null) Error(row.Number, "product", "赢单需要产品明细(金额)。");
            if (run.Count > before) continue;
            var deal = new Opportunity(name!, account!.Value, owner, close, created, viewer.UserName, stages);
            if (line is not null) deal.SetLines([line]);
            if (stage!.Code != deal.StageCode)
            {
                try
                {
                    deal.OverrideBant(viewer.UserName, "导入的历史商机");
                    // An open or won deal has passed every open stage before its own (the SOP has no shortcut to a win);
                    // where a lost deal was lost is not known, so it closes from where it starts.
                    var from = stages.Single(x => x.Code == deal.StageCode).Order;
                    var path = stage.Outcome == StageOutcome.Lost ? [stage]
                        : stages.Where(s => s.Outcome == StageOutcome.Open && s.Order > from && (stage.Outcome == StageOutcome.Won || s.Order <= stage.Order))
                            .OrderBy(s => s.Order).Append(stage).Distinct().ToList();
                    foreach (var step in path) deal.Move(step.Code, stages, created, viewer.UserName, Text("lost_reason"));
                }
                catch (RuleException e)
                {
                    Error(row.Number, "stage", e.Message);
                    continue;
                }
            }
            batch.Add(deal);
            if (batch.Count == Batch) await Flush();
        }
        run.Settle();
        await Flush();
        if (rows == 0) run.Error(2, "", "文件中没有数据行。");
        var applied = !dryRun && run.Count == 0;
        if (applied)
        {
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, viewer.UserName, "import", Guid.NewGuid(), "import.opportunities", null, $"{fileName}: {written} opportunities"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await BulkImport.Analyze(db, written, ct, "exe_opportunities", "exe_opportunity_moves", "exe_opportunity_lines");
        }
        else await tx.RollbackAsync(ct);
        return run.Result(applied, rows, written);
    }
}
