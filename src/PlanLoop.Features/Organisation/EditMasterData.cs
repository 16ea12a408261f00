using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Organisation;

/// <summary>The kinds of master data a plan is decomposed over.</summary>
public enum MasterDataKind
{
    Region,
    ProductLine,
    Product,
    Channel,
    Team,
}

/// <summary>
/// One record of master data, identified by its code. Which of the optional fields are needed
/// depends on the kind: a channel has a ChannelKind, a team a TeamKind and planned headcount, a
/// product its product line, pyramid tier, gross margin (fraction) and list price (yuan).
/// </summary>
public sealed record MasterDataInput(
    string Code,
    string Name,
    string NameEn,
    ChannelKind? ChannelKind = null,
    TeamKind? TeamKind = null,
    int? PlannedHeadcount = null,
    string? Responsibility = null,
    string? ProductLine = null,
    PyramidTier? Tier = null,
    decimal? GrossMargin = null,
    decimal? ListPrice = null);

/// <summary>
/// Creates or updates master data by code, and deactivates or reactivates it (nothing is deleted:
/// plans and history keep pointing at it). Errors name the field; every change is audited.
/// </summary>
public sealed class EditMasterData(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    /// <summary>Saves one record; the errors by field, empty when it was saved.</summary>
    public async Task<EditResult> Save(MasterDataKind kind, MasterDataInput input, string user, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var errors = await Apply(db, kind, input, user, "", ct);
        if (errors.Count == 0) await db.SaveChangesAsync(ct);
        return EditResult.From(errors);
    }

    /// <summary>Deactivates or reactivates; null when there is no record with that code.</summary>
    public async Task<bool?> SetActive(MasterDataKind kind, string code, bool active, string user, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        code = code.Trim().ToUpperInvariant();
        if (kind == MasterDataKind.Product)
        {
            if (await db.Products.SingleOrDefaultAsync(x => x.Code == code, ct) is not { } product) return null;
            if (active) product.Activate();
            else product.Deactivate();
        }
        else
        {
            MasterRecord? record = kind switch
            {
                MasterDataKind.Region => await Find(db.Regions, code, ct),
                MasterDataKind.ProductLine => await Find(db.ProductLines, code, ct),
                MasterDataKind.Channel => await Find(db.Channels, code, ct),
                MasterDataKind.Team => await Find(db.Teams, code, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
            if (record is null) return null;
            if (active) record.Activate();
            else record.Deactivate();
        }
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, user, kind.ToString(), Guid.Empty, $"{kind}/{code}/active", (!active).ToString(), active.ToString()));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Validates and applies one record to the context without saving; <paramref name="at"/> prefixes error keys (e.g. "产品!C4").</summary>
    internal async Task<Dictionary<string, string[]>> Apply(PlanLoopDbContext db, MasterDataKind kind, MasterDataInput input, string user, string at, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[at + field] = [message];
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (code.Length is < 2 or > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            Error("code", "A code is 2 to 40 letters, digits or dashes.");
        if (string.IsNullOrWhiteSpace(input.Name)) Error("name", "The Chinese name is required.");
        if (string.IsNullOrWhiteSpace(input.NameEn)) Error("nameEn", "The English name is required.");

        var now = clock.GetUtcNow().UtcDateTime;
        void Audit(string? before, string after) =>
            db.AuditEntries.Add(new AuditEntry(now, user, kind.ToString(), Guid.Empty, $"{kind}/{code}", before, after));

        switch (kind)
        {
            case MasterDataKind.Region:
                if (errors.Count == 0)
                    await UpsertNamed(db.Regions, code, input, order => new Region(code, input.Name, input.NameEn, order), Audit, ct);
                break;
            case MasterDataKind.ProductLine:
                if (errors.Count == 0)
                    await UpsertNamed(db.ProductLines, code, input, order => new ProductLine(code, input.Name, input.NameEn, order), Audit, ct);
                break;
            case MasterDataKind.Channel:
                {
                    if (input.ChannelKind is null) Error("channelKind", $"The channel kind is required: {string.Join(", ", Enum.GetNames<ChannelKind>())}.");
                    if (errors.Count > 0) break;
                    var channel = await Find(db.Channels, code, ct);
                    var before = channel is null ? null : $"{channel.Name} / {channel.NameEn} / {channel.Kind}";
                    if (channel is null) db.Channels.Add(new Channel(code, input.Name, input.NameEn, input.ChannelKind!.Value, await NextOrder(db.Channels.Select(r => r.SortOrder), ct)));
                    else channel.Update(input.Name, input.NameEn, input.ChannelKind!.Value);
                    Audit(before, $"{input.Name.Trim()} / {input.NameEn.Trim()} / {input.ChannelKind}");
                    break;
                }
            case MasterDataKind.Team:
                {
                    if (input.TeamKind is null) Error("teamKind", $"The team kind is required: {string.Join(", ", Enum.GetNames<TeamKind>())}.");
                    if (input.PlannedHeadcount is not { } hc || hc < 0) Error("plannedHeadcount", "The planned headcount is required and cannot be negative.");
                    if (errors.Count > 0) break;
                    var team = await Find(db.Teams, code, ct);
                    var before = team is null ? null : $"{team.Name} / {team.Kind} / {team.PlannedHeadcount}";
                    if (team is null) db.Teams.Add(new Team(code, input.Name, input.NameEn, input.TeamKind!.Value, input.PlannedHeadcount!.Value, input.Responsibility ?? "", await NextOrder(db.Teams.Select(r => r.SortOrder), ct)));
                    else team.Update(input.Name, input.NameEn, input.TeamKind!.Value, input.PlannedHeadcount!.Value, input.Responsibility ?? team.Responsibility);
                    Audit(before, $"{input.Name.Trim()} / {input.TeamKind} / {input.PlannedHeadcount}");
                    break;
                }
            case MasterDataKind.Product:
                {
                    var lineCode = input.ProductLine?.Trim().ToUpperInvariant();
                    var line = lineCode is null ? null
                        : await Find(db.ProductLines, lineCode, ct);
                    if (line is null) Error("productLine", lineCode is null ? "The product line is required." : $"There is no product line '{lineCode}'.");
                    // The pyramid level and the margin are optional (not every source has them), and checked when given.
                    if (input.Tier is { } t && !Enum.IsDefined(t)) Error("tier", $"The pyramid tier is one of {string.Join(", ", Enum.GetNames<PyramidTier>())}.");
                    if (input.GrossMargin is { } gm && (gm < -1m || gm > 1m || decimal.Round(gm, 4) != gm)) Error("grossMargin", "The gross margin is a fraction between -1 and 1 (0.35 for 35%).");
                    if (input.ListPrice is not { } lp || lp < 0m || decimal.Round(lp, 2) != lp) Error("listPrice", "The list price is required, in yuan, not negative, with at most two decimals.");
                    if (errors.Count > 0) break;
                    var product = db.Products.Local.FirstOrDefault(x => x.Code == code) ?? await db.Products.SingleOrDefaultAsync(x => x.Code == code, ct);
                    var before = product is null ? null : $"{product.Name} / {product.Tier} / {product.GrossMargin} / {product.ListPrice}";
                    if (product is null)
                    {
                        db.Products.Add(new Product(code, input.Name, input.NameEn, line!.Id, input.Tier, input.GrossMargin, input.ListPrice!.Value));
                    }
                    else
                    {
                        product.Update(input.Name, input.NameEn, input.Tier, input.GrossMargin, input.ListPrice!.Value);
                        product.MoveTo(line!.Id);
                    }
                    Audit(before, $"{input.Name.Trim()} / {input.Tier} / {input.GrossMargin} / {input.ListPrice}");
                    break;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
        return errors;
    }

    /// <summary>The record with that code: one added in this unit of work (an import adds lines before their products), or one in the database.</summary>
    static async Task<T?> Find<T>(DbSet<T> set, string code, CancellationToken ct) where T : MasterRecord =>
        set.Local.FirstOrDefault(x => x.Code == code) ?? await set.SingleOrDefaultAsync(x => x.Code == code, ct);

    static async Task UpsertNamed<T>(DbSet<T> set, string code, MasterDataInput input, Func<int, T> create, Action<string?, string> audit, CancellationToken ct)
        where T : MasterRecord
    {
        var record = await Find(set, code, ct);
        var before = record is null ? null : $"{record.Name} / {record.NameEn}";
        if (record is null) set.Add(create(await NextOrder(set.Select(r => r.SortOrder), ct)));
        else record.Rename(input.Name, input.NameEn);
        audit(before, $"{input.Name.Trim()} / {input.NameEn.Trim()}");
    }

    static async Task<int> NextOrder(IQueryable<int> orders, CancellationToken ct) => (await orders.Select(o => (int?)o).MaxAsync(ct) ?? 0) + 1;
}
