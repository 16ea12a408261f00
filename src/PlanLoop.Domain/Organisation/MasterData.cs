namespace PlanLoop.Domain.Organisation;

/// <summary>A sales region (华东, 华南 …). Names are kept in Chinese and English.</summary>
public sealed class Region
{
    Region() { Code = Name = NameEn = ""; }

    public Region(string code, string name, string nameEn, int sortOrder)
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

/// <summary>A product line (核心产品A …): what targets are decomposed over by product.</summary>
public sealed class ProductLine
{
    ProductLine() { Code = Name = NameEn = ""; }

    public ProductLine(string code, string name, string nameEn, int sortOrder)
    {
        Id = Guid.NewGuid();
        Code = Region.Require(code, nameof(code));
        Name = Region.Require(name, nameof(name));
        NameEn = Region.Require(nameEn, nameof(nameEn));
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
        Name = Region.Require(name, nameof(name));
        NameEn = Region.Require(nameEn, nameof(nameEn));
    }
}

/// <summary>How a channel sells, which decides the lever its capacity is planned with.</summary>
public enum ChannelKind
{
    /// <summary>直销: headcount × productivity per head.</summary>
    Direct,

    /// <summary>渠道代理: number of agents × average output.</summary>
    Agent,

    /// <summary>线上: self-service orders.</summary>
    Online,

    /// <summary>战略合作伙伴: number of partners (ISVs).</summary>
    Partner,
}

public sealed class Channel
{
    Channel() { Code = Name = NameEn = ""; }

    public Channel(string code, string name, string nameEn, ChannelKind kind, int sortOrder)
    {
        Id = Guid.NewGuid();
        Code = Region.Require(code, nameof(code));
        Name = Region.Require(name, nameof(name));
        NameEn = Region.Require(nameEn, nameof(nameEn));
        Kind = kind;
        SortOrder = sortOrder;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public string NameEn { get; private set; }
    public ChannelKind Kind { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public void Update(string name, string nameEn, ChannelKind kind)
    {
        Name = Region.Require(name, nameof(name));
        NameEn = Region.Require(nameEn, nameof(nameEn));
        Kind = kind;
    }
}
