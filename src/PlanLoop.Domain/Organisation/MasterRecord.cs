namespace PlanLoop.Domain.Organisation;

/// <summary>
/// What every piece of master data has: a unique code, a Chinese and an English name, a place in
/// lists, and whether it is in use. Master data is deactivated, never deleted, so history keeps
/// pointing at it.
/// </summary>
public abstract class MasterRecord
{
    protected MasterRecord() { Code = Name = NameEn = ""; }

    protected MasterRecord(string code, string name, string nameEn, int sortOrder)
    {
        Id = Guid.NewGuid();
        Code = Require(code, nameof(code));
        Name = Require(name, nameof(name));
        NameEn = Require(nameEn, nameof(nameEn));
        SortOrder = sortOrder;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public string NameEn { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public void Rename(string name, string nameEn)
    {
        Name = Require(name, nameof(name));
        NameEn = Require(nameEn, nameof(nameEn));
    }

    internal static string Require(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{field} is required.", field) : value.Trim();
}
