using PlanLoop.Domain.Forecasting;

namespace PlanLoop.Domain.Tests.Forecasting;

public class ForecasterTests
{
    /// <summary>Three years of a trending, seasonal monthly series (December high, February low).</summary>
    static double[] Seasonal(int years = 3, double start = 100, double slope = 0.3)
    {
        double[] shape = [0.9, 0.8, 1.0, 1.0, 1.05, 1.0, 0.95, 0.95, 1.0, 1.05, 1.1, 1.2];
        return [.. Enumerable.Range(0, years * 12).Select(t => Math.Round((start + slope * t) * shape[t % 12], 2))];
    }

    [Fact]
    public void Accuracy_SMapeAndMase_AreTheCompetitionsDefinitions()
    {
        double[] actual = [100, 200, 0];
        double[] forecast = [110, 180, 0];

        Assert.Equal((200 * 10 / 210.0 + 200 * 20 / 380.0 + 0) / 3, Accuracy.SMape(actual, forecast), 12);
        // Training part 1..14 by ones with a season of 12: every seasonal difference is 12, the errors 10, 20 and 0.
        double[] train = [.. Enumerable.Range(1, 14).Select(i => (double)i)];
        Assert.Equal(10.0 / 12, Accuracy.Mase(train, actual, forecast, 12), 12);
        Assert.True(double.IsNaN(Accuracy.Mase([5, 5, 5], actual, forecast, 1)));   // a flat history has no scale
    }

    [Fact]
    public void Seasonality_FindsTheShape_AndTheAdjustedSeriesIsTheTrend()
    {
        var y = Seasonal(years: 4);

        var (adjusted, indexes) = Seasonality.Adjust(y, 12);

        Assert.NotNull(indexes);
        Assert.Equal(12, indexes.Length);
        Assert.Equal(1.0, indexes.Average(), 12);
        Assert.True(indexes[11] > 1.15 && indexes[1] < 0.85, string.Join(", ", indexes));
        Assert.InRange(adjusted[30] - adjusted[29], 0.2, 0.4);   // what is left rises by 0.3 a month
        Assert.False(Seasonality.IsSeasonal([.. Enumerable.Range(0, 48).Select(t => 100.0 + t)], 12));
    }

    [Fact]
    public void Ets_OnAStraightLine_TheAdditiveTrendContinuesIt()
    {
        double[] y = [.. Enumerable.Range(0, 40).Select(t => 50.0 + 3 * t)];

        var fit = Ets.Fit(y, 1, new EtsForm(EtsError.Additive, EtsTrend.Additive, EtsSeason.None))!;
        var forecast = fit.Forecast(3);

        Assert.Equal(170, forecast[0], 0.5);
        Assert.Equal(176, forecast[2], 0.5);
        Assert.Equal("ETS(A,A,N)", fit.Form.Name);
    }

    [Fact]
    public void Ets_Auto_OnASeasonalSeries_ChoosesASeasonalForm_WithIntervalsThatNest()
    {
        var y = Seasonal();

        var model = Ets.Auto(y, 12)!;
        var mean = model.Forecast(12);
        var bounds = model.Intervals(12, [0.8, 0.95]);
        var again = model.Intervals(12, [0.8, 0.95]);

        Assert.NotEqual(EtsSeason.None, model.Form.Season);
        for (var i = 0; i < 12; i++)
        {
            Assert.InRange(mean[i], bounds[0].Lower[i], bounds[0].Upper[i]);
            Assert.True(bounds[1].Lower[i] <= bounds[0].Lower[i] && bounds[1].Upper[i] >= bounds[0].Upper[i]);
        }
        Assert.Equal(bounds[1].Upper, again[1].Upper);   // a fixed seed: the same data give the same bounds
        Assert.True(mean[11] > mean[1], "December is forecast above February");
    }

    [Theory]
    [InlineData(ForecastMethod.SeasonalNaive)]
    [InlineData(ForecastMethod.Ets)]
    [InlineData(ForecastMethod.Theta)]
    [InlineData(ForecastMethod.Damped)]
    [InlineData(ForecastMethod.Arima)]
    [InlineData(ForecastMethod.Combination)]
    public void EveryMethod_OnShortZeroAndNegativeSeries_GivesFiniteForecasts_AndSaysWhatItCouldNotDo(ForecastMethod method)
    {
        double[] shortSeries = [120, 80, 95, 130, 110, 90, 100, 140, 150, 120, 115, 160, 130, 100];   // 14 months: not two seasons
        double[] withZerosAndNegatives = [.. Seasonal().Select((v, t) => t % 7 == 0 ? 0 : t % 11 == 0 ? -v / 10 : v)];

        var s = Forecaster.Run(shortSeries, 12, 18, method);
        var z = Forecaster.Run(withZerosAndNegatives, 12, 18, method);

        Assert.Contains("short-for-season", s.Notes);
        foreach (var f in new[] { s, z })
        {
            Assert.Equal(18, f.Mean.Length);
            Assert.All(f.Mean.Concat(f.Lower95).Concat(f.Upper95), v => Assert.True(double.IsFinite(v)));
        }
        // Nothing multiplicative and no logarithms with zeros and negatives.
        Assert.DoesNotContain("ETS(M", z.Model, StringComparison.Ordinal);
        Assert.DoesNotContain(",M)", z.Model, StringComparison.Ordinal);
        Assert.DoesNotContain("log ", z.Model, StringComparison.Ordinal);
        Assert.DoesNotContain("seasonally adjusted", z.Model, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortPositiveSeries_IsNotTakenToLogarithms_SoOneSmallFirstMonthDoesNotBlowUpTheBounds()
    {
        // Nine months of collection whose first month was small (a company's first payments): on logarithms the first step
        // alone would make the variance, and the upper bounds, many times the level.
        double[] y = [200_000, 2_800_000, 3_100_000, 3_900_000, 2_600_000, 3_400_000, 3_900_000, 3_400_000, 4_500_000];

        var arima = Forecaster.Run(y, 12, 3, ForecastMethod.Arima);
        var combination = Forecaster.Run(y, 12, 3, ForecastMethod.Combination);

        Assert.DoesNotContain("log ", arima.Model, StringComparison.Ordinal);
        Assert.All(combination.Upper80, u => Assert.InRange(u, combination.Mean.Max(), 2 * combination.Mean.Max()));
    }

    [Fact]
    public void Forecaster_ConstantOrTinySeries_RepeatTheLastValue_AndEmptyOrMissingValuesAreRefused()
    {
        Assert.Equal([7.0, 7.0, 7.0], Forecaster.Run([7, 7, 7, 7, 7, 7], 12, 3, ForecastMethod.Combination).Mean);
        Assert.Equal(["short-for-season", "too-short"], Forecaster.Run([3, 4], 12, 2, ForecastMethod.Ets).Notes);
        Assert.Equal("There is nothing to forecast from: the series is empty. (Parameter 'y')", Assert.Throws<ArgumentException>(() => Forecaster.Run([], 12, 3, ForecastMethod.Ets)).Message);
        Assert.Throws<ArgumentException>(() => Forecaster.Run([1, double.NaN, 3, 4, 5], 12, 3, ForecastMethod.Theta));
    }
}

public class OutlookTests
{
    [Fact]
    public void TheYearTotal_IsCentredOnTheForecast_AndTheTargetsChanceFollowsIt()
    {
        // A level series with noise: ETS(A,N,N) simulated sums have the forecast's sum as their expectation.
        var random = new Random(7);
        double[] history = [.. Enumerable.Range(0, 36).Select(_ => 1000 + 50 * (random.NextDouble() - 0.5))];
        var rest = Forecaster.Run(history, 12, 3, ForecastMethod.Ets);
        var expected = 9_000 + rest.Mean.Sum();

        var atMean = Outlook.Total(history, 12, 9_000, rest, expected);
        var far = Outlook.Total(history, 12, 9_000, rest, expected * 2);
        var reached = Outlook.Total(history, 12, 9_000, rest, 8_000);
        var none = Outlook.Total(history, 12, 9_000, rest with { Mean = [], Lower95 = [], Upper95 = [] }, 9_500);

        Assert.Equal(expected, atMean.Mean, 6);
        Assert.Equal(expected, atMean.P50, expected * 0.002);
        Assert.InRange(atMean.ProbabilityOfTarget!.Value, 0.45, 0.55);
        Assert.True(atMean.P10 < atMean.P50 && atMean.P50 < atMean.P90);
        Assert.Equal(0, far.ProbabilityOfTarget);
        Assert.Equal(1, reached.ProbabilityOfTarget);
        Assert.Equal((9_000, 9_000, 0.0, 500), (none.P10, none.P90, none.ProbabilityOfTarget!.Value, none.GapAtP50!.Value));   // nothing left to come
    }

    [Fact]
    public void WithAPipeline_TheSimulatedMeanIsTheClosedFormExpectation_AndTheForecastKeepsOnlyWhatThePipelineDoesNotCover()
    {
        var random = new Random(11);
        double[] history = [.. Enumerable.Range(0, 36).Select(_ => 1000 + 50 * (random.NextDouble() - 0.5))];
        var rest = Forecaster.Run(history, 12, 3, ForecastMethod.Ets);
        var today = new DateOnly(2024, 10, 1);
        var end = new DateOnly(2024, 12, 31);
        // Three deals: one certain on time, one even chance that slips past the year half the time (slips 0 or 120 days), one already overdue.
        OpenDeal[] deals = [new(400, 1.0, new DateOnly(2024, 11, 1)), new(800, 0.5, new DateOnly(2024, 12, 1)), new(200, 0.25, new DateOnly(2024, 6, 30))];
        var pipeline = new PipelineOutlook(deals, today, end, [0, 120]);

        // Closed form: 400·1·½ (a 120-day slip takes it to March) + 800·½·½ + 200·¼·½ (from today, a 120-day slip leaves the year).
        Assert.Equal(200 + 200 + 25, pipeline.Expected, 9);
        var outlook = Outlook.Total(history, 12, 9_000, rest, null, pipeline, paths: 40_000);
        var forecast = rest.Mean.Sum();
        Assert.Equal(425, outlook.PipelineExpected, 9);
        Assert.Equal(forecast - 425, outlook.BeyondPipeline, 6);
        Assert.Equal(9_000 + forecast, outlook.Mean, 6);   // the pipeline replaces part of the forecast, it does not add to it
        Assert.Equal((400 * 1.0 + 800 * 0.5 + 200 * 0.25) / 1400, outlook.PipelineWinRate!.Value, 12);
        // The simulated median sits close to the expectation (the draws are symmetric enough here: within 1%).
        Assert.Equal(outlook.Mean, outlook.P50, outlook.Mean * 0.01);

        // The fan: one point per month still forecast, ending on the year's P10 / P50 / P90, its median rising month by month.
        Assert.Equal(3, outlook.Fan.Count);
        Assert.Equal((outlook.P10, outlook.P50, outlook.P90), (outlook.Fan[^1].P10, outlook.Fan[^1].P50, outlook.Fan[^1].P90));
        Assert.True(outlook.Fan[0].P50 > 9_000 && outlook.Fan[0].P50 < outlook.Fan[1].P50 && outlook.Fan[1].P50 < outlook.Fan[2].P50);
        Assert.All(outlook.Fan, f => Assert.True(f.P10 < f.P50 && f.P50 < f.P90));

        // No forecast left (the year is over) and a sure deal closing in time: exactly booked + the deal.
        var over = Outlook.Total(history, 12, 9_000, rest with { Mean = [], Lower95 = [], Upper95 = [] }, 10_000,
            new PipelineOutlook([new OpenDeal(1_000, 1.0, end)], end, end, []));
        Assert.Equal((10_000, 10_000, 1.0), (over.P10, over.P90, over.ProbabilityOfTarget!.Value));
        Assert.Empty(over.Fan);
        Assert.Null(over.PipelineNeeded);

        // A gap at P50 needs that gap divided by the pipeline's win rate in new pipeline.
        var short_ = Outlook.Total(history, 12, 9_000, rest, 20_000, pipeline);
        Assert.Equal(short_.GapAtP50!.Value / short_.PipelineWinRate!.Value, short_.PipelineNeeded!.Value, 9);
    }

    [Fact]
    public void TheSimulatedPipelineMean_MatchesTheClosedForm()
    {
        var random = new Random(3);
        var deals = Enumerable.Range(0, 40).Select(i => new OpenDeal(1000 + 100 * i, random.NextDouble(), new DateOnly(2024, 10, 1).AddDays(random.Next(0, 120)))).ToList();
        var pipeline = new PipelineOutlook(deals, new DateOnly(2024, 10, 1), new DateOnly(2024, 12, 31), [0, 0, 10, 30, 60, 90]);
        double[] none = [];
        var outlook = Outlook.Total([1, 2, 3, 4, 5], 12, 0, new SeriesForecast(ForecastMethod.Ets, "", none, none, none, none, none, []), null, pipeline, paths: 50_000);

        // The closed form is the outlook's mean; the 50,000 paths' mean lands within a standard error of it, their spread on the closed-form one.
        var sd = Math.Sqrt(deals.Sum(d => d.Amount * d.Amount * d.Probability * pipeline.InTime(d) * (1 - d.Probability * pipeline.InTime(d))));
        Assert.Equal(pipeline.Expected, outlook.Mean, 9);
        Assert.InRange(outlook.SimulatedMean, pipeline.Expected - 3 * sd / Math.Sqrt(50_000), pipeline.Expected + 3 * sd / Math.Sqrt(50_000));
        Assert.InRange(outlook.P50, pipeline.Expected - 0.1 * sd, pipeline.Expected + 0.1 * sd);
        Assert.InRange(outlook.P90 - outlook.P10, 2 * 1.2816 * sd * 0.95, 2 * 1.2816 * sd * 1.05);
    }
}
