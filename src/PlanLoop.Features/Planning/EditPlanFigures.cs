using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Amounts;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Planning;

/// <summary>
/// A part as the planner enters it. Which fields count depends on the method: Shares reads Share
/// (a fraction), Amounts reads Amount, Seasonality reads History (last year's actual), Capacity reads
/// Units × OutputPerUnit, Even reads only the member.
/// </summary>
public sealed record PartInput(string Member, decimal? Share = null, decimal? Amount = null, decimal? History = null, decimal? Units = null, decimal? OutputPerUnit = null);

public sealed record BreakdownInput(Kpi Kpi, Dimension Dimension, SplitMethod Method, IReadOnlyList<PartInput> Parts);

public sealed record KpiInput(Kpi Kpi, decimal? Baseline, decimal? Target, decimal? StatedGrowth);

/// <summary>
/// Changes the figures of a draft version: one breakdown (decomposed by the chosen method) or one KPI.
/// Every changed figure is audited (before → after). The caller passes the revision it read;
/// if someone saved in between, the save fails with a conflict instead of overwriting.
/// </summary>
public sealed class EditPlanFigures(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public async Task<EditResult<PlanVersionView>> SetBreakdown(Guid versionId, int revision, BreakdownInput input, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var version = await db.PlanVersions.SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return EditResult<PlanVersionView>.NotFound;
        var errors = Validate(input);
        if (errors.Count == 0) await CheckMembers(db, input, errors, ct);
        var whole = version.Kpis.FirstOrDefault(k => k.Kpi == input.Kpi)?.Target;
        if (whole is null && input.Method is SplitMethod.Shares or SplitMethod.Even or SplitMethod.Seasonality)
            errors["method"] = [$"The {input.Kpi} target is not set, so it cannot be split by {input.Method}; enter amounts or capacity instead."];
        if (errors.Count > 0) return EditResult<PlanVersionView>.Invalid(errors);   // by field ("parts[2].share"), nothing saved

        var target = Money.Cny(Math.Round(whole ?? 0m, 2));
        var parts = input.Parts;
        var breakdown = input.Method switch
        {
            SplitMethod.Shares => Decomposition.ByShares(input.Kpi, input.Dimension, target, [.. parts.Select(p => (p.Member.Trim(), p.Share!.Value))]),
            SplitMethod.Amounts => Decomposition.ByAmounts(input.Kpi, input.Dimension, [.. parts.Select(p => (p.Member.Trim(), p.Amount!.Value))]),
            SplitMethod.Even => Decomposition.Even(input.Kpi, input.Dimension, target, [.. parts.Select(p => p.Member.Trim())]),
            SplitMethod.Seasonality => Decomposition.BySeasonality(input.Kpi, input.Dimension, target, [.. parts.Select(p => (p.Member.Trim(), p.History!.Value))]),
            SplitMethod.Capacity => Decomposition.ByCapacity(input.Kpi, input.Dimension, [.. parts.Select(p => (p.Member.Trim(), p.Units!.Value, p.OutputPerUnit!.Value))]),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };

        var before = version.Breakdowns.FirstOrDefault(b => b.Kpi == input.Kpi && b.Dimension == input.Dimension)?.ToBreakdown();
        db.Entry(version).Property(v => v.Revision).OriginalValue = revision;
        version.SetBreakdown(breakdown);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (path, old, @new) in Changes(before, breakdown))
            db.AuditEntries.Add(new AuditEntry(now, user, nameof(PlanVersion), version.Id, path, old, @new, $"method {breakdown.Method}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditResult<PlanVersionView>.Conflict;   // saved by someone else since the caller read it
        }
        return EditResult<PlanVersionView>.Saved(await View(db, version, ct));
    }

    public async Task<EditResult<PlanVersionView>> SetKpi(Guid versionId, int revision, KpiInput input, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var version = await db.PlanVersions.SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return EditResult<PlanVersionView>.NotFound;
        var errors = new Dictionary<string, string[]>();
        if (KpiCatalog.IsDerived(input.Kpi) && (input.Baseline is not null || input.Target is not null))
            errors["kpi"] = [$"{input.Kpi} is derived from other KPIs and is never typed."];
        var unit = KpiCatalog.Unit(input.Kpi);
        foreach (var (field, value) in new[] { ("baseline", input.Baseline), ("target", input.Target) })
        {
            if (value is not { } v) continue;
            if (v < 0m && input.Kpi != Kpi.Nps) errors[field] = [$"The {field} cannot be negative."];
            else if (unit == KpiUnit.Percent && v > 1m) errors[field] = [$"The {field} is a rate between 0 and 1 (0.92 for 92%)."];
            else if (input.Kpi == Kpi.Nps && v is < -100m or > 100m) errors[field] = ["NPS is between -100 and 100."];
        }
        if (errors.Count > 0) return EditResult<PlanVersionView>.Invalid(errors);   // by field ("parts[2].share"), nothing saved

        var old = version.Kpis.FirstOrDefault(k => k.Kpi == input.Kpi);
        db.Entry(version).Property(v => v.Revision).OriginalValue = revision;
        version.SetKpi(new KpiFigure(input.Kpi, input.Baseline, input.Target, input.StatedGrowth));
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditEntries.Add(new AuditEntry(now, user, nameof(PlanVersion), version.Id, $"kpis/{input.Kpi}",
            old is null ? null : Describe(old), Describe(new KpiFigure(input.Kpi, input.Baseline, input.Target, input.StatedGrowth))));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditResult<PlanVersionView>.Conflict;   // saved by someone else since the caller read it
        }
        return EditResult<PlanVersionView>.Saved(await View(db, version, ct));
    }

    /// <summary>
    /// Every member is one the rest of PlanLoop can match: Q1–Q4, M01–M12, a region, product line, channel or team code,
    /// a person's name (how plan vs actual finds a part). A member nothing matches would be a target no actual ever meets.
    /// </summary>
    static async Task CheckMembers(PlanLoopDbContext db, BreakdownInput input, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var (known, what) = input.Dimension switch
        {
            Dimension.Quarter => ((IReadOnlyCollection<string>)["Q1", "Q2", "Q3", "Q4"], "a quarter (Q1–Q4)"),
            Dimension.Month => ([.. Enumerable.Range(1, 12).Select(m => $"M{m:00}")], "a month (M01–M12)"),
            Dimension.Region => (await db.Regions.Select(r => r.Code).ToListAsync(ct), "a region code"),
            Dimension.ProductLine => (await db.ProductLines.Select(r => r.Code).ToListAsync(ct), "a product line code"),
            Dimension.Channel => (await db.Channels.Select(r => r.Code).ToListAsync(ct), "a channel code"),
            Dimension.Team => (await db.Teams.Select(r => r.Code).ToListAsync(ct), "a team code"),
            Dimension.Rep => (await db.People.Select(p => p.Name).ToListAsync(ct), "a person's name"),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };
        var set = known.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < input.Parts.Count; i++)
            if (!set.Contains(input.Parts[i].Member.Trim()))
                errors[$"parts[{i}].member"] = [$"'{input.Parts[i].Member.Trim()}' is not {what}{(set.Count is > 0 and <= 12 ? $": {string.Join(", ", known.Order(StringComparer.Ordinal))}" : "")}."];
    }

    /// <summary>More parts than any breakdown of a sales organisation has (months, regions, product lines, reps).</summary>
    public const int MaxParts = 1_000;

    static Dictionary<string, string[]> Validate(BreakdownInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Parts.Count == 0)
        {
            errors["parts"] = ["A breakdown needs at least one part."];
            return errors;
        }
        if (input.Parts.Count > MaxParts)
        {
            errors["parts"] = [$"A breakdown has at most {MaxParts} parts; got {input.Parts.Count}."];
            return errors;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < input.Parts.Count; i++)
        {
            var p = input.Parts[i];
            var at = $"parts[{i}]";
            if (string.IsNullOrWhiteSpace(p.Member)) errors[$"{at}.member"] = ["The part needs a member (a quarter, region, product line …)."];
            else if (p.Member.Trim().Length > 100) errors[$"{at}.member"] = ["A member is at most 100 characters (a code or a name)."];
            else if (!seen.Add(p.Member.Trim())) errors[$"{at}.member"] = [$"'{p.Member.Trim()}' appears twice."];
            switch (input.Method)
            {
                case SplitMethod.Shares when p.Share is not { } s:
                    errors[$"{at}.share"] = ["A share is required."];
                    break;
                case SplitMethod.Shares when p.Share is < 0m or > 1m:
                    errors[$"{at}.share"] = [$"A share is between 0 and 1 (0.2 for 20%); got {p.Share.Value.ToString(CultureInfo.InvariantCulture)}."];
                    break;
                case SplitMethod.Amounts when p.Amount is not { } a:
                    errors[$"{at}.amount"] = ["An amount is required."];
                    break;
                case SplitMethod.Amounts when p.Amount < 0m:
                    errors[$"{at}.amount"] = ["An amount cannot be negative."];
                    break;
                case SplitMethod.Amounts when decimal.Round(p.Amount!.Value, 2) != p.Amount:
                    errors[$"{at}.amount"] = ["An amount has at most two decimals (fen)."];
                    break;
                case SplitMethod.Seasonality when p.History is not { } h || h < 0m:
                    errors[$"{at}.history"] = ["Last year's actual is required and cannot be negative."];
                    break;
                case SplitMethod.Capacity when p.Units is not { } u || u < 0m:
                    errors[$"{at}.units"] = ["The number of units (people, agents, partners) is required and cannot be negative."];
                    break;
                case SplitMethod.Capacity when p.OutputPerUnit is not { } o || o < 0m:
                    errors[$"{at}.outputPerUnit"] = ["The output per unit is required and cannot be negative."];
                    break;
            }
        }
        if (input.Method == SplitMethod.Seasonality && errors.Count == 0 && input.Parts.Sum(p => p.History!.Value) == 0m)
            errors["parts"] = ["Last year's actuals sum to zero: there is no seasonality to follow."];
        return errors;
    }

    static IEnumerable<(string Path, string? Before, string? After)> Changes(Breakdown? before, Breakdown after)
    {
        var path = $"breakdowns/{after.Kpi}/{after.Dimension}";
        var old = before?.Parts.ToDictionary(p => p.Member) ?? [];
        foreach (var part in after.Parts)
        {
            old.TryGetValue(part.Member, out var was);
            if (was is null || was.Amount != part.Amount || was.Share != part.Share)
                yield return ($"{path}/{part.Member}", was is null ? null : Describe(was), Describe(part));
            old.Remove(part.Member);
        }
        foreach (var removed in old.Values)
            yield return ($"{path}/{removed.Member}", Describe(removed), null);
    }

    static string Describe(BreakdownPart p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Amount:0.##}{(p.Share is { } s ? $" ({s:0.####})" : "")}");

    static string Describe(KpiFigure k) =>
        string.Create(CultureInfo.InvariantCulture, $"{k.Baseline:0.####} → {k.Target:0.####}{(k.StatedGrowth is { } g ? $" ({g:0.####})" : "")}");

    static async Task<PlanVersionView> View(PlanLoopDbContext db, PlanVersion version, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == version.PlanId, ct);
        return GetPlanVersion.View(plan, version, await GetPlanVersion.DirectSellers(db, ct));
    }
}
