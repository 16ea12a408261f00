using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution.Data;

namespace PlanLoop.Features.Execution;

/// <summary>Finding what an order row names: accounts, products, lines, regions, channels and people.</summary>
public sealed partial class ImportOrders
{
    /// <summary>Everything a row may name, loaded once: by code, name, e-mail or saved alias.</summary>
    sealed class Lookups
    {
        readonly Dictionary<string, (Guid Id, Guid? RegionId, Guid? OwnerId)> accountsByCode = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<string, (Guid Id, Guid? RegionId, Guid? OwnerId)?> accountsByName = new(StringComparer.Ordinal);
        readonly Dictionary<Guid, (Guid Id, Guid? RegionId, Guid? OwnerId)> accountsById = [];
        readonly Dictionary<string, (Guid Id, Guid LineId)> products = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<Guid, (Guid Id, Guid LineId)> productsById = [];
        readonly Dictionary<string, Guid> lines = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<string, Guid> regions = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<string, Guid> channels = new(StringComparer.OrdinalIgnoreCase);
        PeopleLookup people = null!;
        readonly Dictionary<(AliasKind, string), Guid> aliases = [];
        readonly Dictionary<(AliasKind, string), (int Rows, int First)> unknown = [];

        public static async Task<Lookups> Load(PlanLoopDbContext db, CancellationToken ct)
        {
            var l = new Lookups();
            await foreach (var a in db.Accounts.AsNoTracking().Select(a => new { a.Id, a.CreditCode, a.ExternalId, a.NormalizedName, a.RegionId, a.OwnerId }).AsAsyncEnumerable().WithCancellation(ct))
            {
                var value = (a.Id, a.RegionId, a.OwnerId);
                l.accountsById[a.Id] = value;
                if (a.CreditCode is not null) l.accountsByCode[a.CreditCode] = value;
                if (a.ExternalId is not null) l.accountsByCode[a.ExternalId] = value;
                // Two accounts with one normalised name: the name alone cannot say which (null marks it ambiguous).
                l.accountsByName[a.NormalizedName] = l.accountsByName.ContainsKey(a.NormalizedName) ? null : value;
            }
            foreach (var p in await db.Products.AsNoTracking().ToListAsync(ct))
            {
                l.productsById[p.Id] = (p.Id, p.ProductLineId);
                l.products[p.Code] = l.products[p.Name] = l.products[p.NameEn] = (p.Id, p.ProductLineId);
            }
            foreach (var x in await db.ProductLines.AsNoTracking().ToListAsync(ct)) l.lines[x.Code] = l.lines[x.Name] = l.lines[x.NameEn] = x.Id;
            foreach (var x in await db.Regions.AsNoTracking().ToListAsync(ct)) l.regions[x.Code] = l.regions[x.Name] = l.regions[x.NameEn] = x.Id;
            foreach (var x in await db.Channels.AsNoTracking().ToListAsync(ct)) l.channels[x.Code] = l.channels[x.Name] = l.channels[x.NameEn] = x.Id;
            l.people = await PeopleLookup.Load(db, ct);
            foreach (var a in await db.ImportAliases.AsNoTracking().ToListAsync(ct)) l.aliases[(a.Kind, a.Alias)] = a.TargetId;
            return l;
        }

        Guid? Alias(AliasKind kind, string text) => aliases.TryGetValue((kind, ImportAlias.Key(text)), out var id) ? id : null;

        void Unknown(AliasKind kind, string text, int row)
        {
            var key = (kind, text);
            unknown[key] = unknown.TryGetValue(key, out var u) ? (u.Rows + 1, u.First) : (1, row);
        }

        public List<UnknownValue> UnknownValues() =>
            unknown.OrderByDescending(u => u.Value.Rows).ThenBy(u => u.Value.First).Take(200).Select(u => new UnknownValue(u.Key.Item1, u.Key.Item2, u.Value.Rows, u.Value.First)).ToList();

        public (Guid Id, Guid? RegionId, Guid? OwnerId)? Account(string? text, int row, Action<string> error)
        {
            if (text is null) { error("不能为空。"); return null; }
            if (accountsByCode.TryGetValue(text, out var byCode)) return byCode;
            if (Alias(AliasKind.Account, text) is { } id && accountsById.TryGetValue(id, out var aliased)) return aliased;
            if (accountsByName.TryGetValue(CompanyName.Normalize(text), out var byName))
            {
                if (byName is null) error($"有多个客户的名称与 '{text}' 相同;请改用统一社会信用代码,或保存别名。");
                return byName;
            }
            Unknown(AliasKind.Account, text, row);
            error($"找不到客户 '{text}'(按外部编号、统一社会信用代码、名称或别名);可把它保存为某个已有客户的别名。");
            return null;
        }

        public (Guid Id, Guid LineId)? Product(string? text, int row, Action<string> error)
        {
            if (text is null) return null;
            if (products.TryGetValue(text, out var p)) return p;
            if (Alias(AliasKind.Product, text) is { } id && productsById.TryGetValue(id, out var aliased)) return aliased;
            Unknown(AliasKind.Product, text, row);
            error($"找不到产品 '{text}'(按编码、名称或别名)。");
            return null;
        }

        public Guid? Line(string? text, Action<string> error)
        {
            if (text is null) return null;
            if (lines.TryGetValue(text, out var id)) return id;
            error($"找不到产品线 '{text}'。");
            return null;
        }

        public Guid? Region(string? text, Action<string> error)
        {
            if (text is null) return null;
            if (regions.TryGetValue(text, out var id)) return id;
            error($"找不到区域 '{text}'。");
            return null;
        }

        public Guid? Channel(string? text, int row, Action<string> error)
        {
            if (text is null) return null;
            if (channels.TryGetValue(text, out var id)) return id;
            if (Alias(AliasKind.Channel, text) is { } aliased) return aliased;
            Unknown(AliasKind.Channel, text, row);
            error($"找不到渠道 '{text}'(按编码、名称或别名)。");
            return null;
        }

        public Guid? Person(string? text, int row, Action<string> error)
        {
            if (text is null) return null;
            var (id, problem, unknown) = people.Find(text);
            if (id is not null) return id;
            if (unknown) Unknown(AliasKind.Person, text, row);
            error(problem!);
            return null;
        }
    }
}
