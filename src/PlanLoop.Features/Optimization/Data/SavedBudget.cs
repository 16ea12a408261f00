using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Optimization;

namespace PlanLoop.Features.Optimization.Data;

/// <summary>
/// A sales budget kept under a name for a year: its lines as entered or imported. A line's response curve is kept only
/// when it was entered ("spend:revenue" points); a curve drawn from last year's spend and revenue is drawn again on load.
/// </summary>
public sealed class SavedBudget
{
    public const int MaxName = 100;

    SavedBudget() => (Name, CreatedBy) = ("", "");

    public SavedBudget(string name, int year, IEnumerable<BudgetLine> lines, string createdBy, DateTime createdAt)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Id = Guid.NewGuid();
        Name = name.Trim();
        Year = year;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Lines = [.. lines.Select((l, i) => new StoredBudgetLine(i + 1, l))];
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public int Year { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public List<StoredBudgetLine> Lines { get; private set; } = [];

    public IReadOnlyList<BudgetLine> ToLines() => [.. Lines.OrderBy(l => l.Position).Select(l => l.ToLine())];
}

/// <summary>One stored budget line; money as the database keeps every amount (scaled integers).</summary>
public sealed class StoredBudgetLine
{
    StoredBudgetLine() => (Key, Channel, Region, Category) = ("", "", "", "");

    public StoredBudgetLine(int position, BudgetLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Position = position;
        (Key, Channel, Region, Category) = (line.Key, line.Channel, line.Region, line.Category);
        (LastSpend, LastRevenue, Min, Max, MarginRate, HeadCost) = (line.LastSpend, line.LastRevenue, line.Min, line.Max, line.MarginRate, line.HeadCost);
        var drawn = line.LastSpend > 0m && line.LastRevenue >= 0m ? BudgetAllocation.FromHistory(line.LastSpend, line.LastRevenue) : null;
        Curve = drawn is not null && drawn.SequenceEqual(line.Curve) ? null
            : string.Join(' ', line.Curve.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Spend}:{p.Revenue}")));
    }

    public int Position { get; private set; }
    public string Key { get; private set; }
    public string Channel { get; private set; }
    public string Region { get; private set; }
    public string Category { get; private set; }
    public decimal LastSpend { get; private set; }
    public decimal LastRevenue { get; private set; }
    public decimal Min { get; private set; }
    public decimal Max { get; private set; }
    public decimal MarginRate { get; private set; }
    public decimal? HeadCost { get; private set; }

    /// <summary>The entered curve as "spend:revenue" points, or null for one drawn from last year.</summary>
    public string? Curve { get; private set; }

    public BudgetLine ToLine() => new(Key, Channel, Region, Category, LastSpend, LastRevenue, Min, Max,
        Curve is null ? BudgetAllocation.FromHistory(LastSpend, LastRevenue)
            : [.. Curve.Split(' ').Select(p => p.Split(':')).Select(p => new CurvePoint(decimal.Parse(p[0], CultureInfo.InvariantCulture), decimal.Parse(p[1], CultureInfo.InvariantCulture)))],
        MarginRate, HeadCost);
}

sealed class SavedBudgetConfiguration : IEntityTypeConfiguration<SavedBudget>
{
    public void Configure(EntityTypeBuilder<SavedBudget> b)
    {
        b.ToTable("opt_budgets");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(SavedBudget.MaxName);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Year, x.Name }).IsUnique();
        b.OwnsMany(x => x.Lines, l =>
        {
            l.ToTable("opt_budget_lines");
            l.WithOwner().HasForeignKey("BudgetId");
            l.Property<int>("Id");
            l.HasKey("Id");
            l.Property(x => x.Key).HasMaxLength(100);
            l.Property(x => x.Channel).HasMaxLength(40);
            l.Property(x => x.Region).HasMaxLength(40);
            l.Property(x => x.Category).HasMaxLength(40);
            l.Property(x => x.Curve).HasMaxLength(4000);
        });
        b.Navigation(x => x.Lines).AutoInclude();
    }
}
