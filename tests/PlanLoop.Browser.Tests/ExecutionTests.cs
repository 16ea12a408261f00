using Microsoft.Playwright;
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

    [Fact]
    public async Task Leads_ARepAddsALead_QualifiesIt_AndConvertsItIntoAnAccount()
    {
        var page = await browser.LoggedIn("rep", "/leads");
        await page.GetByRole(AriaRole.Tab, new() { Name = "线索合格率" }).ClickAsync();
        await Expect(page.GetByTestId("funnel-summary")).ToContainTextAsync("(目标 40.0%)");
        await page.GetByRole(AriaRole.Tab, new() { Name = "线索列表" }).ClickAsync();
        var company = $"浏览器线索{Guid.NewGuid():N}"[..11] + "有限公司";

        await page.GetByTestId("new-lead").ClickAsync();
        await page.GetByTestId("l-company").FillAsync(company);
        await page.GetByTestId("l-save").ClickAsync();
        await Expect(page.GetByText("至少填写联系人、电话或邮箱之一。")).ToBeVisibleAsync();
        await page.GetByTestId("l-contact").FillAsync("周经理");
        await page.GetByTestId("l-save").ClickAsync();

        var row = page.GetByTestId("lead-row").Filter(new() { HasText = company });
        await Expect(row).ToContainTextAsync("新线索");

        // On the board, dragging the new lead to 跟进中 starts work on it.
        await page.GetByRole(AriaRole.Tab, new() { Name = "看板" }).ClickAsync();
        var leadCard = page.GetByTestId("lead-card").Filter(new() { HasText = company });
        await Expect(page.GetByTestId("lead-column-New").GetByTestId("lead-card").Filter(new() { HasText = company })).ToHaveCountAsync(1);
        await BrowserFixture.Drag(leadCard, page.GetByTestId("lead-zone-Working"));
        await Expect(page.GetByTestId("lead-column-Working").GetByTestId("lead-card").Filter(new() { HasText = company })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Tab, new() { Name = "线索列表" }).ClickAsync();
        await Expect(row).ToContainTextAsync("跟进中");
        await row.GetByTestId("qualify").ClickAsync();
        await Expect(row).ToContainTextAsync("合格(SQL)");
        await BrowserFixture.Screenshot(page, "leads");
        await row.GetByTestId("convert").ClickAsync();

        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync(company);
        await Expect(page.GetByTestId("contacts-table")).ToContainTextAsync("周经理");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pipeline_ADealIsOpenedOnAnAccount_ScoredOnBant_AndMovedThroughTheStages()
    {
        var page = await browser.LoggedIn("director", "/customers?tier=B");
        await page.GetByTestId("account-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("new-opportunity").ClickAsync();
        var name = $"浏览器商机{Guid.NewGuid():N}"[..10];
        await page.GetByTestId("o-name").FillAsync(name);
        await page.GetByTestId("o-save").ClickAsync();

        var panel = page.GetByTestId("opp-panel");
        await Expect(panel).ToContainTextAsync(name);
        var card = page.GetByTestId("opp-card").Filter(new() { HasText = name });
        await Expect(page.GetByTestId("column-QUALIFY").GetByTestId("opp-card").Filter(new() { HasText = name })).ToHaveCountAsync(1);

        async Task MoveTo(string stage)
        {
            await panel.GetByTestId("move-to").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = stage }).ClickAsync();
            await panel.GetByTestId("move").ClickAsync();
        }
        await MoveTo("方案设计");
        await Expect(page.GetByTestId("opp-rule")).ToHaveTextAsync("尚未进行 BANT 评分,不能离开“商机评估”。");

        foreach (var criterion in new[] { "Budget", "Authority", "Need", "Timeline" })
        {
            await panel.GetByTestId($"bant-{criterion}").ClickAsync();
            await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "(25)" }).ClickAsync();
        }
        await panel.GetByTestId("save-bant").ClickAsync();
        await Expect(card).ToContainTextAsync("BANT 100");
        // The panel opens where the person is looking, and it holds the stored answers: saving it unchanged keeps the score.
        Assert.True((await panel.BoundingBoxAsync())!.Y < 800, "the deal panel opens inside the window");
        await page.GetByTestId("close-panel").ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);
        await card.ClickAsync();
        await panel.GetByTestId("save-bant").ClickAsync();
        await Expect(card).ToContainTextAsync("BANT 100");

        // Two standard packages of core product A (list 15万) at 10% off make 27万.
        await panel.GetByTestId("line-product").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "核心产品A 标准产品包" }).ClickAsync();
        // The product's choice comes back from the server before the person types on (the button waits for it).
        await Expect(panel.GetByTestId("add-line")).ToBeEnabledAsync();
        await panel.GetByTestId("line-quantity").FillAsync("2");
        await Expect(panel.GetByTestId("line-quantity")).ToHaveValueAsync("2");
        await panel.GetByTestId("line-discount").FillAsync("10");
        await Expect(panel.GetByTestId("line-discount")).ToHaveValueAsync("10");
        await panel.GetByTestId("add-line").ClickAsync();
        await Expect(panel.Locator("tbody tr").Filter(new() { HasText = "核心产品A" })).ToContainTextAsync("27万");
        await panel.GetByTestId("save-lines").ClickAsync();
        await Expect(card).ToContainTextAsync("27万");
        await MoveTo("方案设计");
        await Expect(page.GetByTestId("column-PROPOSAL").GetByTestId("opp-card").Filter(new() { HasText = name })).ToHaveCountAsync(1);
        await BrowserFixture.Screenshot(page, "pipeline");

        // Dragging the card onto 商务谈判 moves it there.
        await BrowserFixture.Drag(card, page.GetByTestId("zone-NEGOTIATION"));
        await Expect(page.GetByTestId("column-NEGOTIATION").GetByTestId("opp-card").Filter(new() { HasText = name })).ToHaveCountAsync(1);

        await MoveTo("输单");
        await Expect(page.GetByTestId("opp-rule")).ToHaveTextAsync("输单需要填写原因。");
        await panel.GetByTestId("move-reason").FillAsync("预算冻结");
        await panel.GetByTestId("move").ClickAsync();
        await Expect(page.GetByTestId("column-LOST").GetByTestId("opp-card").Filter(new() { HasText = name })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WinRates_FromTheNavigation_ByTeamWithNamesAndATotalThatAddsUp()
    {
        var page = await browser.LoggedIn("director");
        await page.GetByRole(AriaRole.Link, new() { Name = "赢率分析" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "赢率与阶段分析" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("win-basis")).ToContainTextAsync("关闭于 2024-01-01 至 2024-09-30 的商机");
        await page.GetByTestId("win-by").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "部门" }).ClickAsync();
        var table = page.GetByTestId("win-table");
        await Expect(table.Locator("thead")).ToContainTextAsync("部门");
        await Expect(table.GetByTestId("win-row").First).ToContainTextAsync("客户部");
        // The total's won deals are the sum of the teams'.
        var rows = await table.GetByTestId("win-row").AllAsync();
        var won = 0;
        foreach (var row in rows) won += int.Parse(await row.Locator("td").Nth(5).InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        await Expect(table.GetByTestId("win-total").Locator("td").Nth(5)).ToHaveTextAsync(won.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserFixture.Screenshot(page, "win-rates");
        await page.Context.CloseAsync();
    }
}
