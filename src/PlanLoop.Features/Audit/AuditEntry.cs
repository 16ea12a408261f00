using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PlanLoop.Features.Audit;

/// <summary>One audited change: who, when, what (entity and the path of the figure), before → after.</summary>
public sealed class AuditEntry
{
    AuditEntry() { User = Entity = Path = ""; }

    public AuditEntry(DateTime at, string user, string entity, Guid entityId, string path, string? before, string? after, string? note = null)
    {
        At = at;
        User = user;
        Entity = entity;
        EntityId = entityId;
        Path = path;
        Before = before;
        After = after;
        Note = note;
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public string User { get; private set; }
    public string Entity { get; private set; }
    public Guid EntityId { get; private set; }
    public string Path { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Note { get; private set; }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(x => x.Id);
        b.Property(x => x.User).HasMaxLength(100);
        b.Property(x => x.Entity).HasMaxLength(60);
        b.Property(x => x.Path).HasMaxLength(200);
        b.Property(x => x.Before).HasMaxLength(400);
        b.Property(x => x.After).HasMaxLength(400);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => new { x.Entity, x.EntityId, x.At });
    }
}
