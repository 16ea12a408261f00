using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

[Collection(BrowserGroup.Name)]
public class OrganisationTests(BrowserFixture browser)
{
    [Fact]
    public async Task Organisation_FromTheNavigation_ShowsTeamsWithPlannedAndActualHeadcount()
    {
        var page = await browser.NewPage();
        var login = new LoginPage(page);
        await login.Open();
        await login.LogIn("director");
        await login.WaitForInteractive();

        await page.GetByRole(AriaRole.Link, new() { Name = "组织与产能" }).First.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "组织与产能" })).ToBeVisibleAsync();
        var teams = page.GetByTestId("teams-table");
        await Expect(teams.GetByRole(AriaRole.Row, new() { Name = "KA 战略客户部" })).ToContainTextAsync("负责A类客户");
        await Expect(teams.Locator("tr.total")).ToHaveTextAsync("合计2828");
        await BrowserFixture.Screenshot(page, "organisation");

        await page.GetByRole(AriaRole.Tab, new() { Name = "人员 (29)" }).ClickAsync();
        var people = page.GetByTestId("people-table");
        await Expect(people.GetByRole(AriaRole.Row, new() { Name = "王建国" })).ToContainTextAsync("销售总监");
        await Expect(people.GetByRole(AriaRole.Row, new() { Name = "张伟" })).ToContainTextAsync("战略客户部");
        await page.Context.CloseAsync();
    }
}
