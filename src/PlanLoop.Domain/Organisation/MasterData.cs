namespace PlanLoop.Domain.Organisation;

/// <summary>A sales region (华东, 华南 …).</summary>
public sealed class Region : MasterRecord
{
    Region() { }

    public Region(string code, string name, string nameEn, int sortOrder) : base(code, name, nameEn, sortOrder) { }
}

/// <summary>A product line (核心产品A …): what targets are decomposed over by product.</summary>
public sealed class ProductLine : MasterRecord
{
    ProductLine() { }

    public ProductLine(string code, string name, string nameEn, int sortOrder) : base(code, name, nameEn, sortOrder) { }
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

public sealed class Channel : MasterRecord
{
    Channel() { }

    public Channel(string code, string name, string nameEn, ChannelKind kind, int sortOrder) : base(code, name, nameEn, sortOrder) => Kind = kind;

    public ChannelKind Kind { get; private set; }

    public void Update(string name, string nameEn, ChannelKind kind)
    {
        Rename(name, nameEn);
        Kind = kind;
    }
}
