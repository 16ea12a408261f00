using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

[Collection(BrowserGroup.Name)]
public class OptimizationTests(BrowserFixture browser)
{
    [Fact]
    public async Task SalesOps_ReallocatesTheRestOfTheYear_SeesWhatHoldsIt_AndSavesItAsADraft()
    {
        var page = await browser.LoggedIn("salesops", "/optimize/reallocate");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "目标再分配" })).ToBeVisibleAsync();
        // By region at 130% of each region's forecast, no region can carry more: the smallest shortfall and every capacity binding.
        await Expect(page.GetByTestId("opt-verdict")).ToContainTextAsync("无论怎样分配都还差");
        var rows = page.GetByTestId("opt-units").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync("华东区");
        await Expect(rows.First.Locator("td").Last).ToHaveTextAsync("产能上限");
        await Expect(page.GetByTestId("opt-prices")).ToContainTextAsync("华东区的产能上限每放宽 1 万,缺口减少 1 万。");
        await Expect(page.GetByTestId("opt-lp")).ToHaveAttributeAsync("href", "api/optimize/reallocate/model?format=lp&by=region&capacityFactor=1.3&maxAbove=0.2");

        // By product line at 150% of each line's forecast the target can be carried: the new targets add up to the annual target.
        await BrowserFixture.Choose(page, page.GetByTestId("opt-by"), "产品线", () => Expect(rows).ToHaveCountAsync(4));
        await page.GetByTestId("opt-capacity").FillAsync("150");
        await page.GetByTestId("opt-capacity").PressAsync("Tab");
        await Expect(page.GetByTestId("opt-verdict")).ToContainTextAsync("年度目标可以完成");
        await Expect(page.GetByTestId("opt-new-total")).ToContainTextAsync("1.5亿");
        await Expect(page.GetByTestId("opt-shortfall")).ToContainTextAsync("0");
        await Expect(rows).ToHaveCountAsync(4);
        await BrowserFixture.Screenshot(page, "reallocate");

        // A floor no product line can reach with its capacity: the conflicting rules are named, nothing else is proposed.
        await page.GetByTestId("opt-below").FillAsync("0");
        await page.GetByTestId("opt-below").PressAsync("Tab");
        await Expect(page.GetByTestId("opt-conflicts")).ToContainTextAsync("的下调下限");
        await Expect(page.GetByTestId("opt-conflicts")).ToContainTextAsync("的产能上限");
        await Expect(page.GetByTestId("opt-units")).ToHaveCountAsync(0);
        await page.GetByTestId("opt-below").FillAsync("");
        await page.GetByTestId("opt-below").PressAsync("Tab");
        await Expect(page.GetByTestId("opt-verdict")).ToContainTextAsync("年度目标可以完成");

        await page.GetByTestId("opt-draft-name").FillAsync("浏览器再分配");
        await page.GetByTestId("opt-save").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/plans/versions/"));
        await Expect(page.GetByText("浏览器再分配").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ARep_HasNoReallocationInTheMenu()
    {
        var page = await browser.LoggedIn("rep", "/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "计划" }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "目标再分配" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}

[Collection(BrowserGroup.Name)]
public class BudgetPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheDirector_AllocatesTheSampleBudget_WithWholeHeads_AndSeesRevenueAgainstBudget()
    {
        var page = await browser.LoggedIn("director", "/optimize/budget");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "销售预算分配" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("bud-status")).ToContainTextAsync("已证明最优");
        await Expect(page.GetByTestId("bud-spent")).ToContainTextAsync("1800万");
        var rows = page.GetByTestId("bud-lines").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(11);
        await Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync("直销团队");
        await Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync("华东区");
        await Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync("人员");
        await Expect(rows.First.Locator("td").Nth(4)).ToHaveTextAsync("9");   // 360万 at 40万 a head
        await Expect(page.GetByTestId("bud-curve")).ToContainTextAsync("收入随预算总额的变化");
        await BrowserFixture.Screenshot(page, "budget");

        // For the most contribution the money moves to the lines with the better margin: a little less revenue (1.48亿 → 1.4764亿), more contribution (2822.7万 → 2847.66万).
        await Expect(page.GetByTestId("bud-contribution").Locator("h5")).ToHaveTextAsync("2822.7万");
        await BrowserFixture.Choose(page, page.GetByTestId("bud-goal"), "毛利贡献最大", () => Expect(page.GetByTestId("bud-contribution").Locator("h5")).ToHaveTextAsync("2847.66万"));
        await page.Context.CloseAsync();
    }
}
