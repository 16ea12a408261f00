using PlanLoop.Domain.Planning;

namespace PlanLoop.Domain.Organisation;

/// <summary>
/// A product of a product line, placed in the pyramid (seed §4.2: 塔尖 custom solution, 塔身 standard
/// package, 塔基 SaaS tool) with its gross margin and list price. The pyramid level and the margin may
/// be unknown (a product imported from another system's price list): nothing is invented for them.
/// </summary>
public sealed class Product
{
    Product() { Code = Name = NameEn = ""; }

    public Product(string code, string name, string nameEn, Guid productLineId, PyramidTier? tier, decimal? grossMargin, decimal listPrice)
    {
        Id = Guid.NewGuid();
        Code = MasterRecord.Require(code, nameof(code));
        Name = NameEn = "";
        ProductLineId = productLineId;
        Update(name, nameEn, tier, grossMargin, listPrice);
        IsActive = true;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public string NameEn { get; private set; }
    public Guid ProductLineId { get; private set; }
    public PyramidTier? Tier { get; private set; }

    /// <summary>Gross margin as a fraction (0.35 for 35%); null when not known.</summary>
    public decimal? GrossMargin { get; private set; }

    /// <summary>List price in yuan.</summary>
    public decimal ListPrice { get; private set; }

    public bool IsActive { get; private set; }

    public void Update(string name, string nameEn, PyramidTier? tier, decimal? grossMargin, decimal listPrice)
    {
        if (grossMargin is < -1m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(grossMargin), grossMargin, "A gross margin is a fraction between -1 and 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(listPrice);
        Name = MasterRecord.Require(name, nameof(name));
        NameEn = MasterRecord.Require(nameEn, nameof(nameEn));
        Tier = tier;
        GrossMargin = grossMargin;
        ListPrice = listPrice;
    }

    public void MoveTo(Guid productLineId) => ProductLineId = productLineId;

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
