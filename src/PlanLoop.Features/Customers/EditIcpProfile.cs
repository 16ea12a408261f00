using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Customers.Data;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Customers;

public sealed record IcpProfileView(int Version, IReadOnlyList<IcpCriterion> Criteria, string? CreatedBy, DateTime? CreatedAt)
{
    public IcpProfile? Profile => Criteria.Count == 0 ? null : new IcpProfile(Criteria);
}

/// <summary>
/// The ideal customer profile: weighted criteria on account fields (industry, region, employees,
/// revenue, products, tier, status). Saved as versions; no profile means no fit scores.
/// </summary>
public sealed class EditIcpProfile(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static string Serialize(IReadOnlyList<IcpCriterion> criteria) => JsonSerializer.Serialize(criteria, Json);

    public async Task<IcpProfileView> Current(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Current(db, ct);
    }

    internal static async Task<IcpProfileView> Current(PlanLoopDbContext db, CancellationToken ct)
    {
        var saved = await db.IcpProfiles.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        return saved is null
            ? new IcpProfileView(0, [], null, null)
            : new IcpProfileView(saved.Version, JsonSerializer.Deserialize<List<IcpCriterion>>(saved.CriteriaJson, Json) ?? [], saved.CreatedBy, saved.CreatedAt);
    }

    public static IReadOnlyDictionary<string, string[]> Problems(IReadOnlyList<IcpCriterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var errors = new Dictionary<string, string[]>();
        if (criteria.Count == 0) errors["criteria"] = ["至少需要一个条件。"];
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            var problems = new List<string>();
            if (!AccountFacts.IcpFieldNames.Contains(c.Field)) problems.Add($"未知字段 '{c.Field}';可用: {string.Join(", ", AccountFacts.IcpFieldNames)}。");
            if (c.Weight < 0m) problems.Add("权重不能为负。");
            var hasList = c.AnyOf is { Count: > 0 };
            if (!hasList && c.Min is null && c.Max is null) problems.Add("需要取值列表,或最小值/最大值。");
            if (c.Min is { } min && c.Max is { } max && min > max) problems.Add("最小值不能大于最大值。");
            if (problems.Count > 0) errors[$"criteria[{i}]"] = [.. problems];
        }
        if (criteria.Count > 0 && criteria.Sum(c => c.Weight) <= 0m) errors["criteria"] = ["至少一个条件的权重大于 0。"];
        return errors;
    }

    public async Task<EditResult<IcpProfileView>> Save(IReadOnlyList<IcpCriterion> criteria, string user, CancellationToken ct)
    {
        var errors = Problems(criteria);
        if (errors.Count > 0) return EditResult<IcpProfileView>.Invalid(errors);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var next = (await db.IcpProfiles.MaxAsync(p => (int?)p.Version, ct) ?? 0) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        db.IcpProfiles.Add(new IcpProfileVersion(next, Serialize(criteria), user, now));
        await db.SaveChangesAsync(ct);
        return EditResult<IcpProfileView>.Saved(new IcpProfileView(next, criteria, user, now));
    }
}
