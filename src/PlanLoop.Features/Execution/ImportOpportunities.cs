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

using PlanLoop.Features.Rules;

namespace PlanLoop.Features.Execution;

/// <summary>
/// Imports opportunities from another CRM (.csv or .xlsx) through the one import engine: one row per
/// deal with its main product; the account by external id, credit code, name or alias (in the
/// importer's scope); the owner by name, e-mail, external id or alias; the stage by code or name
/// (or the source's own stage names through the mapping's value map); the deal's value as an amount
/// (or quantity × list price × (1 − discount)); the days it was created, entered its stage and was
/// won or lost, so cycle times and conversion by period are the source's. A deal beyond
/// qualification comes in with a recorded override ("imported"), since its BANT history is not
/// ours. With an external id, importing the same export again updates the deals it brought before
/// (name, owner, dates, value, stage moved on) instead of duplicating them. The dry run runs every
/// check the real run does; streamed, new deals written in batches by the database's bulk path with
/// their stage history and lines, all or nothing.
/// </summary>
public sealed class ImportOpportunities(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, EditSalesSettings settings, TimeProvider clock)
{
    const int Batch = 2_000;

    static readonly ImportField[] Own =
    [
        new("external_id", "外部编号", false), new("name", "商机名称", false), new("account", "客户", true), new("owner", "负责人", false), new("stage", "阶段", false),
        new("expected_close", "预计成交日", false), new("closed_on", "成交日期", false), new("created_on", "创建日期", false), new("stage_entered_on", "进入阶段日期", false),
        new("product", "产品", false), new("quantity", "数量", false), new("discount", "折扣", false), new("amount", "金额", false), new("lost_reason", "输单原因", false),
        new("channel", "渠道", false),
    ];

    /// <summary>The fields for the default pipeline (the stage-entry fields follow the pipeline in use: <see cref="FieldsFor"/>); after <c>Own</c>, which it reads.</summary>
    public static IReadOnlyList<ImportField> Fields { get; } = FieldsFor(SopStages.Default);

    /// <summary>The prefix of a field giving the day a deal entered an open stage ("entered_proposal"), for sources that keep a date per stage.</summary>
    public const string EnteredPrefix = "entered_";

    /// <summary>
    /// The import's fields for a pipeline: the deal's own, then one date per open stage after the first
    /// (the first is entered when the deal is created; won and lost on the close date), named
    /// entered_CODE, so a source with a date per stage (HubSpot's "Date entered …" columns, a stage
    /// history pivoted by deal) keeps its funnel's timing.
    /// </summary>
    public static IReadOnlyList<ImportField> FieldsFor(IReadOnlyList<SalesStage> stages) =>
    [
        .. Own,
        .. stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).Skip(1)
            .Select(s => new ImportField(EnteredPrefix + s.Code.ToLowerInvariant(), $"进入{s.Name}日期", false)),
    ];

    /// <summary>A row read and checked, waiting for its batch (where it is matched to a deal imported before).</summary>
    sealed record Row(int Number, string? ExternalId, string Name, Guid AccountId, Guid? OwnerId, SalesStage Stage, DateOnly Created, DateOnly ExpectedClose,
        DateOnly? ClosedOn, DateOnly? StageEntered, OpportunityLine? Line, string? LostReason, Guid? ChannelId, IReadOnlyDictionary<string, DateOnly> Entered);

    public async Task<ImportReport> Handle(Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var stages = (await settings.Current(ct)).Stages;
        var passable = stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).Skip(1).ToList();
        using var run = BulkImport.Open("opportunities", content, fileName, FieldsFor(stages), mapping, dryRun);
        if (run.Unusable) return run.Result(false, 0, 0);

        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var accounts = await AccountLookup.Load(db, viewer, ct);
        var aliases = (await db.ImportAliases.AsNoTracking().ToListAsync(ct)).ToDictionary(a => (a.Kind, a.Alias), a => a.TargetId);
        var products = new Dictionary<string, Domain.Organisation.Product>(StringComparer.OrdinalIgnoreCase);
        var productsById = new Dictionary<Guid, Domain.Organisation.Product>();
        foreach (var p in await db.Products.AsNoTracking().ToListAsync(ct)) products[p.Code] = products[p.Name] = products[p.NameEn] = productsById[p.Id] = p;
        var people = await PeopleLookup.Load(db, ct);
        var channels = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var x in await db.Channels.AsNoTracking().ToListAsync(ct)) channels[x.Code] = channels[x.Name] = channels[x.NameEn] = x.Id;
        var today = businessDay.Today();
        var quarterEnd = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 3, 1).AddMonths(1).AddDays(-1);
        var (undated, undatedFirst) = (0, 0);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var bulk = new EntityBulkWriter<Opportunity>(db, tx);
        var batch = new List<Row>(Batch);
        var seenExternal = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var (rows, written, updated) = (0, 0, 0);

        async Task Flush()
        {
            var keys = batch.Where(r => r.ExternalId is not null).Select(r => r.ExternalId!).ToList();
            var existing = keys.Count == 0 ? [] : await db.Opportunities.AsTracking().Where(o => o.ExternalId != null && keys.Contains(o.ExternalId)).ToDictionaryAsync(o => o.ExternalId!, StringComparer.OrdinalIgnoreCase, ct);
            var fresh = new List<Opportunity>(batch.Count);
            foreach (var row in batch)
            {
                try
                {
                    if (row.ExternalId is not null && existing.TryGetValue(row.ExternalId, out var deal))
                    {
                        if (!accounts.Contains(deal.AccountId)) { run.Error(row.Number, "external_id", $"外部编号 {row.ExternalId} 的商机已在 PlanLoop 中,但不在你的数据范围内。"); continue; }
                        if (deal.AccountId != row.AccountId) { run.Error(row.Number, "account", $"外部编号 {row.ExternalId} 的商机在 PlanLoop 中属于另一个客户;导入不移动商机。"); continue; }
                        if (Update(deal, row)) updated++;
                        db.ChangeTracker.DetectChanges();
                    }
                    else fresh.Add(Create(row));
                }
                catch (RuleException e)
                {
                    run.Error(row.Number, "stage", RuleTexts.Text(e));
                }
            }
            if (run.Count == 0 && !dryRun)
            {
                await db.SaveChangesAsync(ct);          // the deals imported before, updated
                await bulk.Write(fresh, ct);            // the new ones by the database's bulk path
                written += fresh.Count;
            }
            db.ChangeTracker.Clear();
            batch.Clear();
            progress?.Report(new ImportProgress(rows, run.Count));
        }

        Opportunity Create(Row row)
        {
            var deal = new Opportunity(row.Name, row.AccountId, row.OwnerId, row.ExpectedClose, row.Created, viewer.UserName, stages);
            deal.Identify(row.ExternalId);
            if (row.ChannelId is { } channel) deal.Route(channel);
            if (row.Line is not null) deal.SetLines([row.Line]);
            MoveTo(deal, row);
            return deal;
        }

        // True when the deal changed. A deal closed in PlanLoop is not reopened by an import.
        bool Update(Opportunity deal, Row row)
        {
            var revision = deal.Revision;
            deal.Reassign(row.Name, row.OwnerId, row.ExpectedClose);
            if (row.ChannelId is { } channel) deal.Route(channel);
            if (deal.IsClosed)
            {
                if (deal.StageCode != row.Stage.Code) throw new RuleException("import-closed-deal", stages.Single(s => s.Code == deal.StageCode).Name, row.Stage.Name);
                return deal.Revision != revision;
            }
            if (row.Line is not null && (deal.Lines.Count != 1 || deal.Lines[0] != row.Line)) deal.SetLines([row.Line]);
            if (deal.StageCode != row.Stage.Code) MoveTo(deal, row);
            return deal.Revision != revision;
        }

        // An open or won deal has passed every open stage before its own (the SOP has no shortcut to a win);
        // where a lost deal was lost is not known, so it closes from where it is. Stages passed on the way are
        // dated when the deal entered its current stage (else created); the close on the day it was won or lost.
        void MoveTo(Opportunity deal, Row row)
        {
            if (deal.StageCode == row.Stage.Code) return;
            if (deal.OverrideBy is null) deal.OverrideBant(viewer.UserName, "导入的历史商机");
            var from = stages.Single(x => x.Code == deal.StageCode).Order;
            var path = row.Stage.Outcome == StageOutcome.Lost
                ? stages.Where(s => s.Outcome == StageOutcome.Open && s.Order > from && row.Entered.ContainsKey(s.Code)).OrderBy(s => s.Order).Append(row.Stage).ToList()
                : stages.Where(s => s.Outcome == StageOutcome.Open && s.Order > from && (row.Stage.Outcome == StageOutcome.Won || s.Order <= row.Stage.Order))
                    .OrderBy(s => s.Order).Append(row.Stage).Distinct().ToList();
            var last = deal.Moves.Count == 0 ? row.Created : deal.Moves.Max(m => m.On);   // by date: the moves come back from the database in any order
            foreach (var step in path)
            {
                var on = step.Outcome != StageOutcome.Open ? row.ClosedOn!.Value
                    : row.Entered.TryGetValue(step.Code, out var own) ? own
                    : step.Code == row.Stage.Code && row.StageEntered is { } entered ? entered : Max(row.Created, last);
                deal.Move(step.Code, stages, Max(on, last), viewer.UserName, row.LostReason);
                last = Max(on, last);
            }
        }

        foreach (var row in run.Rows())
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            string? Text(string field) => run.Text(row, field);
            void Error(string field, string message) => run.Error(row.Number, field, message);
            var before = run.Count;
            var external = Text("external_id");
            if (ExternalIds.Problem(external) is { } extProblem) Error("external_id", extProblem);
            else if (external is not null && seenExternal.TryGetValue(external, out var firstRow)) Error("external_id", $"与第 {firstRow} 行的外部编号相同。");
            else if (external is not null) seenExternal[external] = row.Number;
            var name = Text("name") ?? external;
            if (name is null) Error("name", "不能为空(没有商机名称时可用外部编号)。");
            else if (name.Length > 200) Error("name", $"商机名称最长 200 个字符(现为 {name.Length} 个)。");
            var accountText = Text("account");
            Guid? account = null;
            Guid? accountOwner = null;
            if (accountText is null) Error("account", "不能为空(源文件没有客户时可在映射中给出默认客户)。");
            else if (accounts.Find(accountText) is { } found) (account, accountOwner) = (found.Id, found.OwnerId);
            else Error("account", AccountLookup.NotFound(accountText));
            Guid? owner = accountOwner;
            if (Text("owner") is { } ot)
            {
                (owner, var problem, _) = people.Find(ot);
                if (owner is null) Error("owner", problem!);
                else if (owner != accountOwner && !RecordOwners.Allows(viewer, owner.Value, people.TeamOf(owner.Value))) Error("owner", RecordOwners.Refusal(viewer, "商机"));
            }
            var stageText = Text("stage");
            var stage = stageText is null ? stages.OrderBy(s => s.Order).First() : stages.FirstOrDefault(s => string.Equals(s.Code, stageText, StringComparison.OrdinalIgnoreCase) || s.Name == stageText || string.Equals(s.NameEn, stageText, StringComparison.OrdinalIgnoreCase));
            if (stage is null) Error("stage", $"未知阶段 '{stageText}';可用: {string.Join("、", stages.Select(s => s.Name))}(源系统自己的阶段名可在映射的值映射中对应)。");

            var created = run.Day(row, "created_on");
            var expected = run.Day(row, "expected_close");
            var closed = run.Day(row, "closed_on");
            var entered = run.Day(row, "stage_entered_on");
            var isClosed = stage is not null && stage.Outcome != StageOutcome.Open;
            if (isClosed) closed ??= expected;
            if (created is null && Text("created_on") is null) Error("created_on", "不能为空:商机的创建日期决定周期和转化的期间(源文件没有时可在映射中给出默认值)。");
            if (isClosed && closed is null && Text("closed_on") is null && Text("expected_close") is null) Error("closed_on", "已赢单或输单的商机需要成交日期(或预计成交日)。");
            if (created is { } cr && cr > today) Error("created_on", $"创建日期 {cr:yyyy-MM-dd} 晚于今天 {today:yyyy-MM-dd}。");
            if (closed is { } cl && cl > today && isClosed) Error("closed_on", $"成交日期 {cl:yyyy-MM-dd} 晚于今天 {today:yyyy-MM-dd}。");
            if (closed is { } cl2 && created is { } cr2 && cl2 < cr2) Error("closed_on", $"成交日期 {cl2:yyyy-MM-dd} 早于创建日期 {cr2:yyyy-MM-dd}。");
            if (entered is { } en && created is { } cr3 && (en < cr3 || en > today)) Error("stage_entered_on", $"进入阶段日期 {en:yyyy-MM-dd} 应在创建日期与今天之间。");
            // A date per stage: in the pipeline's order, after the creation, not after the close or today; none for a stage the deal has not reached.
            Dictionary<string, DateOnly> enteredBy = [];
            var previous = (Day: created, Field: "created_on");
            foreach (var s in passable)
            {
                var field = EnteredPrefix + s.Code.ToLowerInvariant();
                if (run.Day(row, field) is not { } day) continue;
                if (stage is not null && stage.Outcome == StageOutcome.Open && s.Order > stage.Order)
                    Error(field, $"商机在“{stage.Name}”阶段,还没有进入“{s.Name}”,不能有进入日期 {day:yyyy-MM-dd}。");
                else if (previous.Day is { } p && day < p) Error(field, $"进入“{s.Name}”的日期 {day:yyyy-MM-dd} 早于 {previous.Field} 的 {p:yyyy-MM-dd}(阶段日期应按流程先后)。");
                else if (day > today) Error(field, $"进入“{s.Name}”的日期 {day:yyyy-MM-dd} 晚于今天 {today:yyyy-MM-dd}。");
                else if (isClosed && closed is { } c && day > c) Error(field, $"进入“{s.Name}”的日期 {day:yyyy-MM-dd} 晚于成交日期 {c:yyyy-MM-dd}。");
                else if (stage?.Code == s.Code && entered is { } given && given != day) Error(field, $"与进入阶段日期 {given:yyyy-MM-dd} 不同。");
                enteredBy[s.Code] = day;
                previous = (day, field);
            }
            if (!isClosed && expected is null && Text("expected_close") is null)
            {
                expected = quarterEnd;
                if (undated++ == 0) undatedFirst = row.Number;
            }

            OpportunityLine? line = null;
            var amount = run.Money(row, "amount", min: 0m);
            if (Text("product") is { } pt)
            {
                var product = products.GetValueOrDefault(pt);
                if (product is null && aliases.TryGetValue((AliasKind.Product, ImportAlias.Key(pt)), out var pid)) product = productsById.GetValueOrDefault(pid);
                if (product is null) Error("product", $"找不到产品 '{pt}'(按编码、名称或别名)。");
                var quantity = run.Number(row, "quantity", 0.0001m, 1_000_000_000m) ?? 1m;
                var discount = 0m;
                if (Text("discount") is { } dt)
                {
                    var percent = dt.EndsWith('%');
                    if (!decimal.TryParse(dt.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out discount)) Error("discount", $"'{dt}' 不是折扣(如 0.15 或 15%)。");
                    if (percent) discount /= 100m;
                    if (decimal.Round(discount, 4) != discount) Error("discount", $"折扣 '{dt}' 最多精确到 0.01%。");
                }
                // An amount that did not read (its error is reported) leaves the deal without a line rather than at list price.
                var amountGiven = Text("amount") is not null;
                if (product is not null && amount is { } value)
                {
                    // The deal's value as the source has it (above list price too): the unit price follows from it.
                    var unit = decimal.Round(value / quantity, 4);
                    line = new OpportunityLine(product.Id, quantity, unit, 0m);
                    if (line.Amount != value) Error("amount", $"金额 {value} 不能由数量 {quantity} 乘以精确到 0.0001 的单价得出;请去掉数量列或改用单价。");
                }
                else if (product is not null && !amountGiven) line = new OpportunityLine(product.Id, quantity, product.ListPrice, discount);
                if (line?.Problem() is { } problem) Error("discount", problem);
            }
            else if (amount is not null) Error("product", "有金额时需要产品(金额记在产品明细上);可在映射中给出默认产品。");
            var lostReason = Text("lost_reason");
            if (stage?.Outcome == StageOutcome.Lost && lostReason is null) Error("lost_reason", "输单需要填写原因(源文件没有时可在映射中给出默认值)。");
            if (lostReason is { Length: > 400 }) Error("lost_reason", "输单原因最长 400 个字符。");
            if (stage?.Outcome == StageOutcome.Won && line is null && Text("product") is null) Error("product", "赢单需要产品明细(金额)。");
            else if (stage?.Outcome == StageOutcome.Won && line is { Amount: <= 0m }) Error("amount", "赢单需要大于 0 的金额。");
            Guid? channelId = null;
            if (Text("channel") is { } ch)
            {
                if (channels.TryGetValue(ch, out var cid) || aliases.TryGetValue((AliasKind.Channel, ImportAlias.Key(ch)), out cid)) channelId = cid;
                else Error("channel", $"找不到渠道 '{ch}'(按编码、名称或别名)。");
            }
            if (run.Count > before) continue;
            batch.Add(new Row(row.Number, external, name!, account!.Value, owner, stage!, created!.Value, expected ?? closed!.Value, isClosed ? closed : null, entered, line, lostReason, channelId, enteredBy));
            if (batch.Count == Batch) await Flush();
        }
        run.Settle();
        await Flush();
        if (rows == 0) run.Error(2, "", "文件中没有数据行。");
        if (undated > 0) run.Notes.Add($"{undated:N0} 个未结商机没有预计成交日(从第 {undatedFirst} 行起),已设为本季度末 {quarterEnd:yyyy-MM-dd}。");
        var applied = !dryRun && run.Count == 0;
        if (applied)
        {
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, viewer.UserName, "import", Guid.NewGuid(), "import.opportunities", null, $"{fileName}: {written} created, {updated} updated"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await BulkImport.Analyze(db, written, ct, "exe_opportunities", "exe_opportunity_moves", "exe_opportunity_lines");
        }
        else await tx.RollbackAsync(ct);
        return run.Result(applied, rows, written + updated, null, updated);
    }

    static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
