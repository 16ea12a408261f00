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
        Assert.DoesNotContain("M", z.Model.Replace("Damped", "", StringComparison.Ordinal).Replace("Theta", "", StringComparison.Ordinal), StringComparison.Ordinal);   // nothing multiplicative with zeros
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
}
