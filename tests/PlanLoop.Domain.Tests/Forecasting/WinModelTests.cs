using PlanLoop.Domain.Forecasting;

namespace PlanLoop.Domain.Tests.Forecasting;

public class WinModelTests
{
    static readonly (string Stage, double Default)[] Stages = [("QUALIFY", 0.1), ("PROPOSAL", 0.3), ("NEGOTIATION", 0.6)];

    /// <summary>
    /// Deals whose true chance follows a known rule the stage defaults do not see: a high BANT and tier A raise it,
    /// long stays in a stage lower it. One passage per deal, closing one a day from 2023-01-01.
    /// </summary>
    static List<(Guid, DealOutcome)> Deals(int count, int seed)
    {
        var r = new Random(seed);
        var list = new List<(Guid, DealOutcome)>();
        for (var i = 0; i < count; i++)
        {
            var (stage, prior) = Stages[r.Next(Stages.Length)];
            var bant = 20 + r.Next(0, 81);
            var tier = "ABC"[r.Next(3)].ToString();
            var days = r.Next(1, 90);
            var eta = Math.Log(prior / (1 - prior)) + 0.04 * (bant - 60) + (tier == "A" ? 0.8 : tier == "C" ? -0.5 : 0) - 0.6 * (Math.Log(1 + days) - 3.5);
            var won = r.NextDouble() < 1 / (1 + Math.Exp(-eta));
            var facts = new DealFacts(stage, prior, 10_000 * (1 + r.Next(10)), bant, days, r.Next(20), Attributes(tier, r.Next(2) == 0 ? "DIRECT" : "PARTNER"));
            list.Add((Guid.NewGuid(), new DealOutcome(facts, won, new DateOnly(2023, 1, 1).AddDays(i))));
        }
        return list;
    }

    static Dictionary<string, string?> Attributes(string tier, string channel) => new() { ["tier"] = tier, ["channel"] = channel };

    [Fact]
    public void Scorecard_IsTheBrierScoreAndLogLoss_WithAFiveBinCalibrationTable()
    {
        var card = WinModel.Scorecard([true, false, true, false], [0.9, 0.1, 0.5, 0.5]);

        Assert.Equal((0.01 + 0.01 + 0.25 + 0.25) / 4, card.Brier, 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.9) + Math.Log(0.5) + Math.Log(0.5)) / 4, card.LogLoss, 12);
        Assert.Equal([(0.0, 1, 0.1, 0.0), (0.4, 2, 0.5, 0.5), (0.8, 1, 0.9, 1.0)],
            card.Calibration.Select(b => (b.From, b.Count, Math.Round(b.MeanPredicted, 12), b.Observed)));
        // A default of 0 or 100% that turns out wrong costs a bounded log loss, not infinity.
        Assert.Equal(-Math.Log(0.001), WinModel.Scorecard([true], [0.0]).LogLoss, 12);
    }

    [Fact]
    public void WithFewDeals_TheProbabilitiesStayNearTheStageDefaults()
    {
        var model = WinModel.Fit([.. Deals(12, 1).Select(d => d.Item2)], 12);
        var score = model.Score(new DealFacts("PROPOSAL", 0.3, 50_000, 60, 20, 5, Attributes("B", "DIRECT")));

        Assert.Equal(12, model.Deals);
        Assert.InRange(score.Probability, 0.2, 0.4);
        Assert.Equal(0.3, score.StageDefault);
    }

    [Fact]
    public void WithEnoughDeals_TheModelLearnsTheRule_AndExplainsEachDeal()
    {
        var model = WinModel.Fit([.. Deals(3000, 2).Select(d => d.Item2)], 3000);
        var w = model.Weights;

        // The signs of the rule are found; channel, amount and activities, which play no part in it, stay near zero.
        Assert.True(w["bant"] > 0.5, $"bant {w["bant"]}");
        Assert.True(w["days"] < -0.2, $"days {w["days"]}");
        Assert.True(w["tier:A"] > w["tier:B"] && w["tier:B"] > w["tier:C"]);
        Assert.InRange(w["amount"], -0.15, 0.15);
        Assert.InRange(w["activities"], -0.15, 0.15);
        Assert.InRange(w["channel:PARTNER"] - w["channel:DIRECT"], -0.3, 0.3);

        var strong = model.Score(new DealFacts("PROPOSAL", 0.3, 50_000, 100, 2, 5, Attributes("A", "DIRECT")));
        var weak = model.Score(new DealFacts("PROPOSAL", 0.3, 50_000, 20, 80, 5, Attributes("C", "DIRECT")));
        Assert.True(strong.Probability > 0.7 && weak.Probability < 0.05, $"{strong.Probability} {weak.Probability}");
        Assert.Equal("bant", strong.Reasons[0].Factor);
        Assert.True(strong.Reasons.Single(r => r.Factor == "bant").Effect > 0.1);
        Assert.True(weak.Reasons.Single(r => r.Factor == "tier").Effect < 0);
        Assert.Equal("C", weak.Reasons.Single(r => r.Factor == "tier").Value);
    }

    [Fact]
    public void HoldOut_TrainsOnTheEarlierDeals_AndTheModelShipsOnlyWhereItBeatsTheDefaults()
    {
        var evaluation = WinModel.Evaluate(Deals(600, 3))!;

        Assert.Equal(new DateOnly(2023, 1, 1).AddDays(420), evaluation.Cutoff);   // 70% of 600 closed before it
        Assert.Equal((420, 180, 180), (evaluation.TrainDeals, evaluation.TestDeals, evaluation.TestExamples));
        Assert.True(evaluation.Model.Brier < evaluation.Defaults.Brier && evaluation.Model.LogLoss < evaluation.Defaults.LogLoss);
        Assert.True(evaluation.ModelWins);
        Assert.Null(evaluation.Why);
        Assert.Equal(180, evaluation.Model.Calibration.Sum(b => b.Count));

        // Outcomes that follow the defaults exactly leave nothing to learn: the defaults stay in use.
        var r = new Random(4);
        var honest = Deals(600, 5).Select(d => (d.Item1, d.Item2 with { Won = r.NextDouble() < d.Item2.Facts.StageDefault })).ToList();
        var fair = WinModel.Evaluate(honest)!;
        Assert.False(fair.ModelWins);
        Assert.Equal("defaults-better", fair.Why);

        // Too few deals after the cutoff to judge: the defaults stay, and the reason says so.
        Assert.Equal("too-few-deals", WinModel.Evaluate(Deals(40, 6))!.Why);
        Assert.Null(WinModel.Evaluate(Deals(1, 7)));
    }

    [Fact]
    public void Tune_TrustsTheDataAsFarAsTheLaterDealsSupport()
    {
        // A strong rule: a wide prior lets the model follow it. Outcomes that follow the defaults: a narrow one keeps it near them.
        var strong = WinModel.Tune(Deals(800, 8));
        var r = new Random(9);
        var noise = WinModel.Tune([.. Deals(800, 10).Select(d => (d.Item1, d.Item2 with { Won = r.NextDouble() < d.Item2.Facts.StageDefault }))]);

        Assert.True(strong.PriorSd > noise.PriorSd, $"strong {strong.PriorSd} noise {noise.PriorSd}");
        Assert.Equal(0.1, noise.PriorSd);   // the narrowest on offer
        Assert.True(noise.CategoryPriorSd <= noise.PriorSd);
        Assert.Equal((800, 800), (strong.Deals, strong.Examples));
        // Too few deals to split keeps the default prior.
        Assert.Equal(WinModel.DefaultPriorSd, WinModel.Tune(Deals(30, 11)).PriorSd);
    }
}
