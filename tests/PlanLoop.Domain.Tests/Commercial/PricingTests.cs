using PlanLoop.Domain.Commercial;
using PlanLoop.Domain.Customers;

namespace PlanLoop.Domain.Tests.Commercial;

/// <summary>The pricing chain by hand: list → tier rule → volume break → floor, each step to the fen.</summary>
public sealed class PricingTests
{
    static readonly IReadOnlyList<VolumeBreak> Breaks = [new(10m, 0.05m), new(50m, 0.10m)];
    static readonly PriceEntry Product = new("B-STD", 10_000m, 9_800m, 8_500m, Breaks);
    static readonly TierPricing A = new(CustomerTier.A, PricingMethod.Value, 0.15m);
    static readonly TierPricing B = new(CustomerTier.B, PricingMethod.Market);
    static readonly TierPricing C = new(CustomerTier.C, PricingMethod.Penetration, 0.20m);

    [Fact]
    public void AnATierAccountBuyingTen_PaysValuePricingLessTheVolumeBreak_AndTheChainSaysSo()
    {
        var priced = Pricing.Price(Product, A, 10m);
        Assert.Equal(10_925m, priced.UnitPrice);
        Assert.Equal("list 10,000.00 → value +15% → 11,500.00 → volume -5% → 10,925.00", priced.Explain());
        Assert.False(priced.AtFloor);
    }

    [Fact]
    public void EachStep_IsRoundedToTheFenBeforeTheNext()
    {
        // 10,000.04 × 1.15 = 11,500.046 → 11,500.05; × 0.95 = 10,925.0475 → 10,925.05 — unrounded between steps it would be 10,925.04.
        var priced = Pricing.Price(Product with { ListPrice = 10_000.04m }, A, 10m);
        Assert.Equal([10_000.04m, 11_500.05m, 10_925.05m], priced.Steps.Select(s => s.UnitPrice));
    }

    [Theory]
    [InlineData(9.99, 9_800)]       // under the first break
    [InlineData(10, 9_310)]         // at it: 9,800 × 0.95
    [InlineData(49.5, 9_310)]
    [InlineData(50, 8_820)]         // the highest break reached: 9,800 × 0.90
    public void ABTierAccount_PaysTheMarketPrice_AndTheBreakItReaches(double quantity, int price) =>
        Assert.Equal(price, Pricing.Price(Product, B, (decimal)quantity).UnitPrice);

    [Fact]
    public void WithoutAMarketPrice_BTierPaysList()
    {
        var priced = Pricing.Price(Product with { ReferencePrice = null }, B, 1m);
        Assert.Equal((10_000m, "list 10,000.00"), (priced.UnitPrice, priced.Explain()));
    }

    [Fact]
    public void PenetrationPricing_StopsAtTheFloor()
    {
        var small = Pricing.Price(Product, C, 1m);       // 10,000 × 0.8 = 8,000 < 8,500
        Assert.Equal((8_500m, true), (small.UnitPrice, small.AtFloor));
        Assert.Equal("list 10,000.00 → penetration -20% → 8,000.00 → floor → 8,500.00", small.Explain());
        var noFloor = Pricing.Price(Product with { FloorPrice = null }, C, 50m);   // 8,000 × 0.9
        Assert.Equal((7_200m, false), (noFloor.UnitPrice, noFloor.AtFloor));
    }

    [Fact]
    public void BadEntriesAndRules_AreNamedByField()
    {
        var bad = new PriceEntry("X", -1m, null, 5m, [new(10m, 1m), new(5m, 0.2m)]);
        Assert.Equal(["listPrice", "floorPrice", "breaks[0].discount", "breaks[1]"], Pricing.Errors(bad).Keys);
        Assert.Equal("X: the floor (5.00) is above the list price (-1.00).", Pricing.Errors(bad)["floorPrice"][0]);
        Assert.Empty(Pricing.Errors(Product));
        Assert.Equal(["rate"], Pricing.Errors(A with { Rate = 1.2m }).Keys);
        Assert.Empty(Pricing.Errors(B with { Rate = 5m }));
    }
}

/// <summary>Which book prices a sale on a day, and the checks that keep books from overlapping.</summary>
public sealed class PriceBookTests
{
    static readonly TierPricing[] SeedTiers = [new(CustomerTier.A, PricingMethod.Value, 0.15m), new(CustomerTier.B, PricingMethod.Market), new(CustomerTier.C, PricingMethod.Penetration, 0.1m)];
    static readonly PriceBook Everyone2024 = new("2024 标准价", null, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), SeedTiers, [new("B-STD", 10_000m, 9_800m, 8_500m, [])]);
    static readonly PriceBook AgentsH2 = new("2024 下半年渠道价", "AGENT", new DateOnly(2024, 7, 1), null, SeedTiers, [new("B-STD", 9_000m, null, 8_000m, [])]);

    [Fact]
    public void TheChannelsOwnBook_WinsWhileInForce_ElseTheBookForEveryChannel()
    {
        PriceBook[] books = [Everyone2024, AgentsH2];
        Assert.Equal(11_500m, PriceBooks.Price(books, "B-STD", CustomerTier.A, "AGENT", new DateOnly(2024, 6, 30), 1m, out _)!.UnitPrice);
        Assert.Equal(10_350m, PriceBooks.Price(books, "B-STD", CustomerTier.A, "AGENT", new DateOnly(2024, 7, 1), 1m, out _)!.UnitPrice);
        Assert.Equal(11_500m, PriceBooks.Price(books, "B-STD", CustomerTier.A, "DIRECT", new DateOnly(2024, 7, 1), 1m, out _)!.UnitPrice);
        Assert.Null(PriceBooks.Price(books, "B-STD", CustomerTier.A, "DIRECT", new DateOnly(2025, 1, 1), 1m, out var none));
        Assert.Equal("no price book in force on 2025-01-01", none);
        Assert.Null(PriceBooks.Price(books, "A-CUSTOM", CustomerTier.A, null, new DateOnly(2024, 3, 1), 1m, out var notIn));
        Assert.Equal("A-CUSTOM is not in the price book 2024 标准价", notIn);
    }

    [Fact]
    public void OverlappingBooks_AndBadEntries_AreNamedByField()
    {
        var overlapping = Everyone2024 with { Name = "2024 新价", From = new DateOnly(2024, 12, 31), To = null };
        var backwards = AgentsH2 with { Channel = "ONLINE", From = new DateOnly(2024, 5, 1), To = new DateOnly(2024, 4, 1) };
        var twice = AgentsH2 with { Channel = "PARTNER", Entries = [new("B-STD", 1m, null, null, []), new("B-STD", -2m, null, null, [])] };
        var errors = PriceBooks.Errors([Everyone2024, AgentsH2, overlapping, backwards, twice]);
        Assert.Equal(["books[2].from", "books[3].to", "books[4].entries[1].productCode", "books[4].entries[1].listPrice"], errors.Keys);
        Assert.Equal("2024 新价 overlaps 2024 标准价 for every channel (2024-01-01–2024-12-31 and 2024-12-31–open).", errors["books[2].from"][0]);
        Assert.Empty(PriceBooks.Errors([Everyone2024, AgentsH2]));
    }
}
