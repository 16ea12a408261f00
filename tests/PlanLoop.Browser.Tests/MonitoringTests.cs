using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

[Collection(BrowserGroup.Name)]
public class MonitoringTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheDirectorsHome_ShowsWhereTheYearStands_AgainstThePlan()
    {
        var page = await browser.LoggedIn("director", "/");
        var revenue = page.GetByTestId("kpi-Revenue");
        await Expect(revenue).ToContainTextAsync("目标 1.5亿");
        await Expect(revenue.GetByTestId("kpi-pace")).ToHaveTextAsync("略落后 · 应达 75.0%(按计划分月进度)");
        await Expect(page.GetByTestId("dashboard-basis")).ToContainTextAsync("截至 2024-09-30");
        // Where the year lands, in one line with the forecast page's figures (other tests book orders in the shared demo, so the figures move).
        var outlook = page.GetByTestId("dashboard-outlook");
        await Expect(outlook).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^按当前走势,全年预计 [\d.]+亿\(80% 把握在 [\d.]+亿 到 [\d.]+亿 之间\),达成目标 1\.5亿 的概率为 [\d.]+%。\s*最可能未达成的区域:\S+区\(达成概率 [\d.]+%\)。\s*查看预测$"));
        var chance = System.Text.RegularExpressions.Regex.Match(await outlook.InnerTextAsync(), @"概率为 ([\d.]+%)").Groups[1].Value;
        await Expect(page.GetByTestId("kpi-CollectionRate")).ToContainTextAsync("目标 92.0%");
        await Expect(page.GetByTestId("mix-product-line")).ToContainTextAsync("60.0%");
        // This quarter by region: a bar per region with the quarter's target drawn across it.
        await Expect(page.GetByTestId("quarter-by-region").GetByTestId("target-marker")).ToHaveCountAsync(4);
        await BrowserFixture.Screenshot(page, "dashboard");
        await outlook.GetByTestId("to-forecast").ClickAsync();
        await Expect(page.GetByTestId("fc-probability")).ToContainTextAsync(chance);   // one figure, one value
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PlanVsActual_DrillsFromARegionToItsOrders_AndSwitchesPlanVersions()
    {
        var page = await browser.LoggedIn("director", "/monitoring");
        var rows = page.GetByTestId("pva-row");
        await Expect(rows).ToHaveCountAsync(4);
        var east = rows.Filter(new() { HasText = "华东区" });
        await Expect(east).ToContainTextAsync("4500万");   // 6000万 × 75% by 30 September
        await east.ClickAsync();
        await Expect(page.GetByTestId("drill")).ToContainTextAsync("华东区");
        await Expect(page.GetByTestId("drill-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("variance-explanation")).ToContainTextAsync("销量影响");
        await BrowserFixture.Screenshot(page, "plan-vs-actual");

        // The same cut for another KPI: buyers per region against the plan's 1,100 customers.
        await page.GetByTestId("pva-kpi").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "客户数" }).ClickAsync();
        await Expect(page.GetByTestId("pva-table")).ToContainTextAsync("1,100");
        await Expect(rows).ToHaveCountAsync(4);

        // Another version of the 2024 plan (a scenario copied in the demo, or the same when there is one): the page follows it.
        await page.GetByTestId("pva-version").ClickAsync();
        var options = page.GetByRole(AriaRole.Option);
        await Expect(options.First).ToBeVisibleAsync();
        var count = await options.CountAsync();
        var chosen = (await options.Nth(count - 1).TextContentAsync() ?? "").Split(" (")[0].Trim();
        await options.Nth(count - 1).ClickAsync();
        await Expect(page.GetByTestId("pva-summary")).ToContainTextAsync(chosen);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheWeeklyReport_PutsTheDashboardTheLargestVariancesAndTheirExplanationOnOnePrintablePage()
    {
        var page = await browser.LoggedIn("director", "/reports/weekly");
        await Expect(page.GetByTestId("kpi-Revenue")).ToContainTextAsync("目标 1.5亿");
        await Expect(page.GetByTestId("weekly-changes")).ToContainTextAsync("本周变化(09-24 至 09-30)");
        await Expect(page.GetByTestId("report-variances").First).ToContainTextAsync("华东区");
        await Expect(page.GetByTestId("report-explanation").First).ToContainTextAsync("结构影响");
        await Expect(page.GetByTestId("report-findings").GetByTestId("finding").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("report-findings")).ToContainTextAsync("华北区:1716.63万 / 目标进度 2250万,达成 76.3%,落后 533.37万。");
        await Expect(page.GetByTestId("print")).ToBeVisibleAsync();
        await BrowserFixture.Screenshot(page, "weekly-report");
        await page.Context.CloseAsync();
    }
}
