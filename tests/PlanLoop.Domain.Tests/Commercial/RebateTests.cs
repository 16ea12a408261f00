using PlanLoop.Domain.Commercial;

namespace PlanLoop.Domain.Tests.Commercial;

/// <summary>The seed's quarterly tiers (3% from 100万, 5% from 300万, 8% from 500万) at and around each threshold, retroactive and incremental.</summary>
public sealed class RebateTests
{
    static readonly RebateTier[] Seed = [new(1_000_000m, 0.03m), new(3_000_000m, 0.05m), new(5_000_000m, 0.08m)];

    [Theory]
    [InlineData("999999.99", null, "0", "0.01", "30000")]           // one fen short of the first tier: nothing yet, 3% of 100万 once it is reached
    [InlineData("1000000", 1, "30000", "2000000", "150000")]        // at the threshold the whole basis earns 3%
    [InlineData("2999999.99", 1, "90000.00", "0.01", "150000")]     // 2,999,999.99 × 3% = 89,999.9997 → 90,000.00
    [InlineData("3000000", 2, "150000", "2000000", "400000")]
    [InlineData("6000000", 3, "480000", null, null)]                // the top tier: nothing further to reach
    public void Retroactive_PaysTheReachedRateOnTheWholeBasis_AndSaysWhatTheNextTierNeeds(string basis, int? tier, string rebate, string? toNext, string? atNext)
    {
        static decimal? D(string? s) => s is null ? null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var a = Rebates.Accrue(new RebateTerms(Seed, RebateMode.Retroactive), D(basis)!.Value);
        Assert.Equal((tier, D(rebate)), (a.Tier, (decimal?)a.Rebate));
        Assert.Equal(D(toNext), a.ToNextTier);
        Assert.Equal(D(atNext), a.RebateAtNextTier);
    }

    [Fact]
    public void Incremental_PaysEachSliceAtItsOwnRate()
    {
        var terms = new RebateTerms(Seed, RebateMode.Incremental);
        // 200万 × 3% + 200万 × 5% + 100万 × 8% = 60,000 + 100,000 + 80,000.
        Assert.Equal(240_000m, Rebates.Accrue(terms, 6_000_000m).Rebate);
        Assert.Equal(0m, Rebates.Accrue(terms, 1_000_000m).Rebate);
        Assert.Equal(30_000m, Rebates.Accrue(terms, 2_000_000m).Rebate);
    }

    [Fact]
    public void ACap_HoldsTheRebate_AndIsSaid()
    {
        var a = Rebates.Accrue(new RebateTerms(Seed, RebateMode.Retroactive, Cap: 300_000m), 6_000_000m);
        Assert.Equal((300_000m, true), (a.Rebate, a.Capped));
    }

    [Fact]
    public void ATierTableThatDoesNotRise_IsRefusedByTier()
    {
        var errors = new RebateTerms([new(1_000_000m, 0.05m), new(500_000m, 0.03m), new(5_000_000m, 1.2m)], RebateMode.Retroactive, -1m).Errors();
        Assert.Equal(["tiers[1]", "tiers[2].rate", "cap"], errors.Keys);
        Assert.Empty(new RebateTerms(Seed, RebateMode.Incremental).Errors());
    }
}
