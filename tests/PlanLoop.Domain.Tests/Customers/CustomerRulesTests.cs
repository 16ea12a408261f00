using PlanLoop.Domain.Customers;

namespace PlanLoop.Domain.Tests.Customers;

public class TierRulesTests
{
    [Theory]
    [InlineData(5_000_000, CustomerTier.A, "年采购额 5,000,000 ≥ 5,000,000")]
    [InlineData(4_999_999.99, CustomerTier.B, "年采购额 4,999,999.99 在 1,000,000 与 5,000,000 之间")]
    [InlineData(1_000_000, CustomerTier.B, "年采购额 1,000,000 在 1,000,000 与 5,000,000 之间")]
    [InlineData(999_999.99, CustomerTier.C, "年采购额 999,999.99 < 1,000,000")]
    [InlineData(0, CustomerTier.C, "年采购额 0 < 1,000,000")]
    public void Classify_SeedThresholds_EdgesAtExactly500WanAnd100Wan(double purchase, CustomerTier tier, string reason)
    {
        var decision = TierRules.Seed.Classify(new TierFacts((decimal)purchase));
        Assert.Equal((tier, reason), (decision.Tier, decision.Reason));
    }

    [Fact]
    public void Classify_DeepDecisionChain_IsAEvenWithSmallPurchases()
    {
        var rules = TierRules.Seed with { AMinimumChainDepth = 4 };
        Assert.Equal(CustomerTier.A, rules.Classify(new TierFacts(200_000m, DecisionChainDepth: 4)).Tier);
        Assert.Equal(CustomerTier.C, rules.Classify(new TierFacts(200_000m, DecisionChainDepth: 3)).Tier);
    }

    [Fact]
    public void Validate_AThresholdBelowC_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TierRules(500_000m, 1_000_000m).Validate());
    }
}

public class NpsTests
{
    [Fact]
    public void Of_NoAnswers_HasNoScore()
    {
        Assert.Null(Nps.Of([]).Score);
    }

    [Fact]
    public void Of_AllPassives_IsZero()
    {
        Assert.Equal(0m, Nps.Of([7, 8, 7, 8]).Score);
    }

    [Fact]
    public void Of_Mixed_IsPromotersMinusDetractorsInPercent()
    {
        // 5 promoters, 3 passives, 2 detractors of 10 → 50% − 20% = 30
        var result = Nps.Of([10, 9, 9, 10, 9, 8, 7, 7, 6, 0]);
        Assert.Equal((10, 5, 3, 2, 30m), (result.Answers, result.Promoters, result.Passives, result.Detractors, result.Score));
    }

    [Fact]
    public void Of_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Of([11]));
    }
}

public class HealthScoreTests
{
    [Fact]
    public void Of_EqualWeights_AveragesTheFourComponents()
    {
        // activity 6/8 = 75; purchases 120万 vs 100万 → 60; satisfaction (80 + 9×10)/2 = 85; payment 1 − 20/100 = 80
        var result = HealthScore.Of(new HealthFacts(6, 8, 1_200_000m, 1_000_000m, 80m, 9, 100m, 20m), HealthModel.Default);

        Assert.Equal([75m, 60m, 85m, 80m], result.Components.Select(c => c.Score));
        Assert.Equal(75m, result.Score);
        Assert.Equal(HealthBand.Healthy, result.Band);
        Assert.Equal(result.Score, result.Components.Sum(c => c.Points));
    }

    [Fact]
    public void Of_WeightsAndBands_ChangeTheVerdict()
    {
        var facts = new HealthFacts(0, 8, 0m, 1_000_000m, null, 3, 100m, 100m);
        var model = new HealthModel(ActivityWeight: 1m, PurchaseWeight: 2m, SatisfactionWeight: 1m, PaymentWeight: 0m);

        var result = HealthScore.Of(facts, model);

        Assert.Equal(0.5m, result.Components[1].WeightShare);
        Assert.Equal(7.5m, result.Score);                 // (0×1 + 0×2 + 30×1 + 0×0) ÷ 4
        Assert.Equal(HealthBand.AtRisk, result.Band);
    }

    [Fact]
    public void Of_NoSurveyNoReceivables_IsNeutralAndPaysFully()
    {
        var result = HealthScore.Of(new HealthFacts(8, 8, 500_000m, 0m, null, null, 0m, 0m), HealthModel.Default);
        Assert.Equal([100m, 50m, 50m, 100m], result.Components.Select(c => c.Score));
    }

    [Fact]
    public void Of_ManyRandomAccounts_ScoreStaysWithin0To100()
    {
        var random = new Random(4);
        for (var i = 0; i < 5_000; i++)
        {
            var facts = new HealthFacts(random.Next(0, 50), random.Next(0, 20), random.Next(0, 10_000_000), random.Next(0, 10_000_000),
                random.Next(3) == 0 ? null : random.Next(0, 101), random.Next(3) == 0 ? null : random.Next(0, 11), random.Next(0, 1_000_000), 0m);
            var model = new HealthModel(random.Next(0, 5), random.Next(0, 5), random.Next(0, 5), random.Next(1, 5));
            Assert.InRange(HealthScore.Of(facts, model).Score, 0m, 100m);
        }
    }

    [Fact]
    public void Validate_NegativeWeight_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealthModel(-1m, 1m, 1m, 1m).Validate());
    }
}

public class IcpTests
{
    static readonly IcpProfile Profile = new(
    [
        new IcpCriterion("industry", 40m, AnyOf: ["制造业", "零售"]),
        new IcpCriterion("region", 20m, AnyOf: ["EAST", "SOUTH"]),
        new IcpCriterion("employees", 40m, Min: 200m, Max: 5000m),
    ]);

    [Fact]
    public void Score_ShowsEachCriterionsContribution()
    {
        var result = Profile.Score(new Dictionary<string, string?> { ["industry"] = "制造业", ["region"] = "NORTH", ["employees"] = "800" });

        Assert.Equal(80m, result.Score);
        Assert.Equal([("industry", true, 40m), ("region", false, 0m), ("employees", true, 40m)], result.Contributions.Select(c => (c.Field, c.Fits, c.Points)));
    }

    [Fact]
    public void Score_MissingFieldsAndOutOfRange_ScoreZero()
    {
        Assert.Equal(0m, Profile.Score(new Dictionary<string, string?> { ["employees"] = "50000" }).Score);
    }
}
