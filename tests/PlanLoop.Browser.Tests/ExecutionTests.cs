using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

[Collection(BrowserGroup.Name)]
public class ExecutionTests(BrowserFixture browser)
{
    [Fact]
    public async Task Calendar_ShowsTheOfficialHolidays_AndSalesOpsAddsACompanyDayOff()
    {
        var page = await browser.LoggedIn("salesops", "/calendar");
        await Expect(page.GetByTestId("working-days")).ToHaveTextAsync("2024 年共 251 个工作日");
        await Expect(page.GetByTestId("calendar-day").Filter(new() { HasText = "2024-09-29" })).ToContainTextAsync("调休上班");

        await page.GetByTestId("year-2026").ClickAsync();
        await Expect(page.GetByTestId("working-days")).ToHaveTextAsync("2026 年共 248 个工作日");
        await page.GetByTestId("new-date").FillAsync("2026-12-31");
        await page.GetByTestId("new-date").PressAsync("Tab");
        await page.GetByTestId("new-name").FillAsync("公司年会");
        await page.GetByTestId("save-day").ClickAsync();
        await Expect(page.GetByTestId("working-days")).ToHaveTextAsync("2026 年共 247 个工作日");
        await Expect(page.GetByTestId("calendar-day").Filter(new() { HasText = "2026-12-31" })).ToContainTextAsync("公司年会");
        await page.Context.CloseAsync();
    }
}
