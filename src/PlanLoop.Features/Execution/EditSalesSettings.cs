using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Execution;

/// <summary>A saved version of the execution rules.</summary>
public sealed class SalesSettingsVersion
{
    SalesSettingsVersion() { Json = CreatedBy = ""; }

    public SalesSettingsVersion(int version, string json, string createdBy, DateTime createdAt) : this()
        => (Id, Version, Json, CreatedBy, CreatedAt) = (Guid.NewGuid(), version, json, createdBy, createdAt);

    public Guid Id { get; private set; }
    public int Version { get; private set; }
    public string Json { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
}

sealed class SalesSettingsVersionConfiguration : IEntityTypeConfiguration<SalesSettingsVersion>
{
    public void Configure(EntityTypeBuilder<SalesSettingsVersion> b)
    {
        b.ToTable("exe_sales_settings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Json).HasMaxLength(20_000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => x.Version).IsUnique();
    }
}

public sealed record SalesSettingsView(int Version, SalesSettings Settings, string? SavedBy, DateTime? SavedAt);

/// <summary>
/// The execution rules in force (the latest saved version, else the SOP's defaults) and their
/// history. Saving validates the whole set (errors by part), stores the next version and audits it;
/// deals keep their stage — a stage cannot be removed while open deals sit in it.
/// </summary>
public sealed class EditSalesSettings(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task<SalesSettings> Current(CancellationToken ct) => (await View(ct)).Settings;

    public async Task<SalesSettingsView> View(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var latest = await db.SalesSettings.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        return latest is null ? new SalesSettingsView(0, SalesSettings.Default, null, null) : new SalesSettingsView(latest.Version, Parse(latest.Json), latest.CreatedBy, latest.CreatedAt);
    }

    public async Task<IReadOnlyList<SalesSettingsView>> History(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var all = await db.SalesSettings.AsNoTracking().OrderByDescending(v => v.Version).ToListAsync(ct);
        return all.Select(v => new SalesSettingsView(v.Version, Parse(v.Json), v.CreatedBy, v.CreatedAt)).ToList();
    }

    public async Task<EditResult> Save(SalesSettings settings, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Problems().ToDictionary(p => p.Key, p => p.Value);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var codes = settings.Stages.Select(s => s.Code).ToList();
        var orphaned = await db.Opportunities.Where(o => o.ClosedOn == null && !codes.Contains(o.StageCode)).Select(o => o.StageCode).Distinct().ToListAsync(ct);
        if (orphaned.Count > 0) errors["stages"] = [.. errors.GetValueOrDefault("stages") ?? [], $"阶段 {string.Join(", ", orphaned)} 中还有进行中的商机,不能删除。"];
        if (errors.Count > 0) return EditResult.Invalid(errors);
        var next = (await db.SalesSettings.MaxAsync(v => (int?)v.Version, ct) ?? 0) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        db.SalesSettings.Add(new SalesSettingsVersion(next, JsonSerializer.Serialize(settings, Json), user, now));
        db.AuditEntries.Add(new AuditEntry(now, user, "sales-settings", Guid.Empty, "sales-settings.save", $"v{next - 1}", $"v{next}"));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved();
    }

    static SalesSettings Parse(string json) => JsonSerializer.Deserialize<SalesSettings>(json, Json) ?? SalesSettings.Default;
}
