using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PlanLoop.Features.Execution.Data;

public enum AliasKind
{
    Account,
    Product,
    Channel,
    Person,
}

/// <summary>
/// A name an external system (an ERP, a bank export) uses for one of our records: imports read the
/// alias as the record. Saved once, it maps every later file too.
/// </summary>
public sealed class ImportAlias
{
    ImportAlias() { Alias = CreatedBy = ""; }

    public ImportAlias(AliasKind kind, string alias, Guid targetId, string createdBy, DateTime createdAt) : this()
        => (Id, Kind, Alias, TargetId, CreatedBy, CreatedAt) = (Guid.NewGuid(), kind, Key(alias), targetId, createdBy, createdAt);

    public Guid Id { get; private set; }
    public AliasKind Kind { get; private set; }
    public string Alias { get; private set; }
    public Guid TargetId { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public void Retarget(Guid targetId) => TargetId = targetId;

    /// <summary>How an alias is compared: NFKC (full-width → half-width), trimmed, upper case.</summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Normalize(NormalizationForm.FormKC).Trim().ToUpperInvariant();
    }
}

sealed class ImportAliasConfiguration : IEntityTypeConfiguration<ImportAlias>
{
    public void Configure(EntityTypeBuilder<ImportAlias> b)
    {
        b.ToTable("imp_aliases");
        b.HasKey(x => x.Id);
        b.Property(x => x.Alias).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Kind, x.Alias }).IsUnique();
    }
}
