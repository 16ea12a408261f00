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
        await Expect(page.GetByTestId("fc-model")).ToContainTextAsync("组合(ETS + Theta + 阻尼趋势)");
        // 21 months of demo history (January 2023 to September 2024): too short for a seasonal model, and the page says so.
        await Expect(page.GetByTestId("fc-model")).ToContainTextAsync("基于 21 个月的历史");
        await Expect(page.GetByTestId("fc-note")).ToContainTextAsync("历史不足两年,未按季节建模。");
        var months = page.GetByTestId("fc-months").Locator("tbody tr");
        await Expect(months).ToHaveCountAsync(12);
        await Expect(months.Nth(9).Locator("td").Nth(1)).ToHaveTextAsync("");   // October: nothing booked yet, only forecast
        await Expect(months.Nth(9).Locator("td").Nth(2)).Not.ToHaveTextAsync("");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("seasonally");
        var whole = await page.GetByTestId("fc-booked").InnerTextAsync();
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
}
