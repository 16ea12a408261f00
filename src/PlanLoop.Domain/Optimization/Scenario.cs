namespace PlanLoop.Domain.Optimization;

/// <summary>
/// A saved what-if: its name, the year it is measured on and its changes to the driver tree. The figures are never
/// stored: they are computed again from the year's measured drivers, so a scenario follows the actuals as they come in.
/// </summary>
public sealed class Scenario
{
    public const int MaxName = 100;
    public const int MaxNote = 1000;

    Scenario() => (Name, CreatedBy) = ("", "");

    public Scenario(string name, int year, IEnumerable<DriverChange> changes, string? note, string createdBy, DateTime createdAt)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxName) throw new ArgumentException($"A scenario's name is 1 to {MaxName} characters.", nameof(name));
        Id = Guid.NewGuid();
        Name = name.Trim();
        Year = year;
        Changes = [.. changes];
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public int Year { get; private set; }
    public List<DriverChange> Changes { get; private set; } = [];
    public string? Note { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
}
