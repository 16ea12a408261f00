using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

[Collection(BrowserGroup.Name)]
public class ForecastTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheDirector_SeesWhereTheYearLands_WithTheChanceOfTheTarget_AndCutsItByRegion()
    {
        var page = await browser.LoggedIn("director", "/forecast");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "收入预测:全年会落在哪里" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fc-probability")).ToContainTextAsync("达成目标 1.5亿 的概率");
        await Expect(page.GetByTestId("fc-p50")).ToContainTextAsync("80% 把握在");
        await Expect(page.GetByTestId("fc-booked")).ToContainTextAsync("已成交(截至 2024-09-30)");
        await Expect(page.GetByTestId("fc-model")).ToContainTextAsync("组合(ETS + Theta + ARIMA)");
        // 33 months of demo history (January 2022 to September 2024): enough for a seasonal model, so no note says it is too short.
        await Expect(page.GetByTestId("fc-model")).ToContainTextAsync("基于 33 个月的历史");
        await Expect(page.GetByText("历史不足两年")).ToHaveCountAsync(0);
        var months = page.GetByTestId("fc-months").Locator("tbody tr");
        await Expect(months).ToHaveCountAsync(12);
        await Expect(months.Nth(9).Locator("td").Nth(1)).ToHaveTextAsync("");   // October: nothing booked yet, only forecast
        await Expect(months.Nth(9).Locator("td").Nth(2)).Not.ToHaveTextAsync("");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("seasonally");
        var whole = await page.GetByTestId("fc-booked").InnerTextAsync();
        // The open deals in the outlook, with where their probabilities come from, and the new pipeline the gap needs.
        await Expect(page.GetByTestId("fc-pipeline")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ 个进行中商机,金额 [\d.]+万;预计年底前成交 [\d.]+万 \(赢率来自学习模型\)"));
        await Expect(page.GetByTestId("fc-needed")).ToContainTextAsync("要补上 P50 的缺口,还需新增商机");
        // Every region side by side, the least likely to reach its target first; the fan's lines in the chart's legend.
        var regions = page.GetByTestId("fc-regions").Locator("tbody tr");
        await Expect(regions).ToHaveCountAsync(4);
        var chances = await regions.Locator("td:nth-child(4)").AllInnerTextsAsync();
        Assert.Equal(chances.OrderBy(c => decimal.Parse(c.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture)), chances);
        await Expect(page.GetByText("P90", new() { Exact = true })).ToBeVisibleAsync();
        // The same comparison by product line: one row per product line of the plan.
        await BrowserFixture.Choose(page, page.GetByTestId("fc-compare-by"), "产品线", () => Expect(regions.First.Locator("td").First).Not.ToContainTextAsync("区"));
        await Expect(regions).ToHaveCountAsync(3);
        // Customers and collection by month: the last three closed months, then October to December forecast.
        var measureMonths = page.GetByTestId("fc-measure-months").Locator("tbody tr");
        await Expect(measureMonths).ToHaveCountAsync(6);
        await Expect(measureMonths.Nth(2).Locator("td").First).ToHaveTextAsync("2024年9月");
        await Expect(measureMonths.Nth(3).Locator("td").Nth(1)).ToHaveTextAsync("");
        await Expect(measureMonths.Nth(3).Locator("td").Nth(2)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d,]+$"));   // a count of customers
        await BrowserFixture.Choose(page, page.GetByTestId("fc-measure"), "回款", () => Expect(page.GetByTestId("fc-measure-year")).ToContainTextAsync("今年已回款"));
        await Expect(page.GetByTestId("fc-measure-year")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"今年已回款 [\d.,]+万,预计全年回款 [\d.,]+万"));
        // Chosen by backtest: the page says how the method was picked.
        await BrowserFixture.Choose(page, page.GetByTestId("fc-method"), "自动(按回测选择)",
            () => Expect(page.GetByTestId("fc-note").Filter(new() { HasText = "滚动回测" })).ToBeVisibleAsync());
        await BrowserFixture.Screenshot(page, "forecast");

        await page.GetByTestId("fc-by").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "区域" }).ClickAsync();
        await Expect(page.GetByText("请选择要预测的成员。")).ToBeVisibleAsync();
        await page.GetByTestId("fc-member").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "华东区" }).ClickAsync();
        await Expect(page.GetByTestId("fc-probability")).ToContainTextAsync("达成目标 6000万 的概率");
        Assert.NotEqual(whole, await page.GetByTestId("fc-booked").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EachOpenDeal_ShowsItsProbabilityAndWhy_AndThePageSaysWhichModelIsInUse()
    {
        var page = await browser.LoggedIn("director", "/forecast/deals");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "商机赢率预测" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("wp-in-use")).ToContainTextAsync("正在使用学习模型");
        await Expect(page.GetByTestId("wp-in-use")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"模型基于 \d+ 个已关闭商机"));
        await Expect(page.GetByTestId("wp-holdout")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"用 \d{4}-\d{2}-\d{2} 之前关闭的 \d+ 个商机训练"));
        var scores = page.GetByTestId("wp-scores").Locator("tbody tr");
        await Expect(scores).ToHaveCountAsync(2);
        await Expect(scores.Nth(0).Locator("td").First).ToHaveTextAsync("学习模型");
        var model = double.Parse(await scores.Nth(0).Locator("td").Nth(1).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var defaults = double.Parse(await scores.Nth(1).Locator("td").Nth(1).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(model < defaults, $"{model} {defaults}");
        // The calibration table: five ranges, the hold-out's passages counted once per way of predicting.
        await Expect(page.GetByTestId("wp-calibration").Locator("tbody tr")).ToHaveCountAsync(5);
        var first = page.GetByTestId("wp-deal").First;
        await Expect(first.GetByTestId("wp-probability")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.]+%$"));
        // Reasons in words: the factor, its value as a person reads it (a stage's name, a tier, days), and the points.
        await Expect(first.GetByTestId("wp-reasons")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"(本阶段的历史赢单率|金额|BANT 分|在本阶段的时间|客户等级|渠道|近 90 天客户活动|行业|负责人|主要产品线)\([^)]+\)[+-][\d.]+ 个百分点"));
        await Expect(page.Locator("body")).Not.ToContainTextAsync("stage-history");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("NEGOTIATION");
        await BrowserFixture.Screenshot(page, "deal-probabilities");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AManager_CallsTheTeamFromItsRollup_AnAdjustmentNeedsAReason_AndTheCallIsFiled()
    {
        var page = await browser.LoggedIn("manager-smb", "/forecast/calls");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "每周预测提交" })).ToBeVisibleAsync();
        await BrowserFixture.Choose(page, page.GetByTestId("call-period"), "Q4", () => Expect(page.GetByTestId("call-deals")).ToBeVisibleAsync());
        await Expect(page.GetByTestId("call-scope")).ToContainTextAsync("第 40 周(2024-09-30 起) · 团队:");
        await Expect(page.GetByTestId("call-below").Locator("tbody tr").First).ToBeVisibleAsync();

        // Leaving a deal out moves it to 排除 in the categories.
        var omitted = page.GetByTestId("call-categories").Locator("tbody tr").Filter(new() { HasText = "排除" }).Locator("td").Nth(1);
        var before = int.Parse(await omitted.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var firstDeal = page.GetByTestId("call-deal").First;
        await BrowserFixture.Choose(page, firstDeal.GetByTestId("call-deal-category"), "排除",
            () => Expect(omitted).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // A call below the roll-up needs a reason; with one it is filed, the roll-up beside it.
        var rollup = await page.GetByTestId("call-rollup-commit").Locator("h6").InnerTextAsync();
        await page.GetByTestId("call-commit").FillAsync("1000");
        await page.GetByTestId("call-submit").ClickAsync();
        await Expect(page.GetByText("与汇总数不同,请写明调整原因(最多 1000 个字符)。")).ToBeVisibleAsync();
        await page.GetByTestId("call-reason").FillAsync("两个大单可能推迟到明年");
        await page.GetByTestId("call-submit").ClickAsync();
        await Expect(page.GetByTestId("call-saved")).ToHaveTextAsync("已提交,已存档。");
        var filed = page.GetByTestId("call-history").Locator("tbody tr").First;
        await Expect(filed).ToContainTextAsync("2024-09-30");
        await Expect(filed).ToContainTextAsync("调整原因: 两个大单可能推迟到明年");
        await Expect(filed).ToContainTextAsync(rollup);
        await BrowserFixture.Screenshot(page, "forecast-calls");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDirector_SeesWhoseCallsCameTrue_AndWhichMethodSuitsTheHistory()
    {
        var page = await browser.LoggedIn("director", "/forecast/accuracy");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "预测准确度" })).ToBeVisibleAsync();
        var calls = page.GetByTestId("acc-calls").Locator("tbody tr");
        await Expect(calls.Filter(new() { HasText = "全公司" })).ToContainTextAsync("39");
        await Expect(calls.Filter(new() { HasText = "习惯报低" }).First).ToBeVisibleAsync();   // the demo has sellers who sandbag
        await Expect(page.GetByTestId("acc-methods").Locator("tbody tr")).ToHaveCountAsync(6);
        // The forecasts kept at each month's close of 2024, each method's 24 that have come due.
        await Expect(page.GetByTestId("acc-kept").Locator("tbody tr")).ToHaveCountAsync(6);
        await Expect(page.GetByTestId("acc-kept").Locator("tbody tr").First.Locator("td").Nth(1)).ToHaveTextAsync("24");
        await Expect(page.GetByTestId("acc-verdict")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("SeasonalNaive");
        await BrowserFixture.Screenshot(page, "forecast-accuracy");

        // The director's call board: the teams' calls and the sellers' calls rolled up by region.
        await page.GotoAsync("/forecast/calls");
        await Expect(page.GetByTestId("call-scope")).ToContainTextAsync("全公司");
        await Expect(page.GetByTestId("call-regions").Locator("tbody tr").Filter(new() { HasText = "华东区" })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
