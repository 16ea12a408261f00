using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

[Collection(BrowserGroup.Name)]
public class CustomerTests(BrowserFixture browser)
{
    [Fact]
    public async Task AccountList_FilterTierA_ThenOpenAnAccount_ShowsItsHealthExplained()
    {
        var page = await browser.LoggedIn("director", "/customers");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "客户", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("业务日期 2024-09-30");

        await BrowserFixture.Choose(page, page.GetByTestId("filter-tier"), "A 类",
            () => Expect(page).ToHaveURLAsync(new Regex("tier=A"), new() { Timeout = 15_000 }));
        var rows = page.GetByTestId("account-row");
        await Expect(rows).Not.ToHaveCountAsync(50);
        var count = await rows.CountAsync();
        Assert.InRange(count, 1, 20);
        for (var i = 0; i < count; i++) await Expect(rows.Nth(i).GetByTestId("tier")).ToHaveTextAsync("A 类");
        await BrowserFixture.Screenshot(page, "customers");

        var name = await rows.First.GetByRole(AriaRole.Link).InnerTextAsync();
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync(name);
        var components = page.GetByTestId("health-component");
        await Expect(components).ToHaveCountAsync(4);
        await Expect(components.Nth(0)).ToContainTextAsync("活跃度");
        await Expect(components.Nth(3)).ToContainTextAsync("未跟踪应收,不计入");
        await Expect(page.GetByTestId("tier-panel")).ToContainTextAsync("VIP 1对1顾问制");
        await Expect(page.GetByTestId("tier-history")).ToContainTextAsync("年采购额");
        await BrowserFixture.Screenshot(page, "account");

        // Group it under another account: the parent is searched by name as one types.
        await page.GotoAsync("/customers?tier=B");
        var parentName = await page.GetByTestId("account-row").First.GetByRole(AriaRole.Link).InnerTextAsync();
        await page.GotoAsync("/customers?tier=A");
        // The list's circuit is connected before the link is followed (a click while it connects can leave the list on screen under the account's address).
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync(name);
        await page.GetByTestId("edit-account").ClickAsync();
        await page.GetByTestId("f-parent").FillAsync(parentName[..4]);
        await page.GetByRole(AriaRole.Option, new() { Name = parentName }).ClickAsync();
        await page.GetByTestId("f-save").ClickAsync();
        await Expect(page.GetByText($"上级客户: {parentName}")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AccountDetail_ARepLogsAnActivity_AndAnOutOfRangeNpsIsRefusedOnTheField()
    {
        var page = await browser.LoggedIn("rep", "/customers");
        var rows = page.GetByTestId("account-row");
        await Expect(rows.First).ToBeVisibleAsync();
        Assert.InRange(await rows.CountAsync(), 1, 50);
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("health-panel")).ToBeVisibleAsync();

        var tab = page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^活动 \\(\\d+\\)$") });
        var before = int.Parse(System.Text.RegularExpressions.Regex.Match(await tab.InnerTextAsync(), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        await tab.ClickAsync();
        await page.GetByTestId("a-subject").FillAsync("浏览器测试:季度回访");
        await page.GetByTestId("a-add").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = $"活动 ({before + 1})" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("activities-table").Locator("tbody tr").First).ToContainTextAsync("浏览器测试:季度回访");

        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^NPS\\/满意度") }).ClickAsync();
        await page.GetByTestId("s-score").FillAsync("11");
        await page.GetByTestId("s-add").ClickAsync();
        await Expect(page.GetByText("NPS 评分应在 0 到 10 之间,实际为 11。")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Import_ABadRowIsNamedByRowAndColumn_TheFixedFileIsPreviewedThenImported()
    {
        var page = await browser.LoggedIn("salesops", "/customers/import");
        var name = $"浏览器导入{Guid.NewGuid():N}"[..12] + "有限公司";
        var uploads = 0;
        async Task Choose(string csv)
        {
            // MudFileUpload may re-render its input just after the page turns interactive, and adds a fresh one after
            // each upload; a file set on an input that is being replaced is lost, so set it again until the page shows it.
            var file = $"accounts{++uploads}.csv";
            for (var attempt = 1; ; attempt++)
            {
                await page.GetByTestId("import-file").Last.SetInputFilesAsync(new FilePayload { Name = file, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
                try
                {
                    await Expect(page.GetByTestId("file-name")).ToHaveTextAsync(file, new() { Timeout = 4000 });
                    return;
                }
                catch (PlaywrightException) when (attempt < 3)
                {
                }
            }
        }

        await Choose($"名称,区域,负责人\n{name},火星,张伟\n");
        await page.GetByTestId("dry-run").ClickAsync();
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("accounts1.csv,第 2 行,区域 列: 找不到区域 '火星'(按编码或名称)。");

        await Choose($"名称,区域,负责人\n{name},华东区,张伟\n");
        await page.GetByTestId("dry-run").ClickAsync();
        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("预演(未写入):将新建 1,更新 0,未变 0。");
        await page.GetByTestId("apply").ClickAsync();
        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("已导入:新建 1,更新 0,未变 0。");
        await BrowserFixture.Screenshot(page, "customer-import");

        await page.GotoAsync($"/customers?search={Uri.EscapeDataString(name)}");
        await Expect(page.GetByTestId("account-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("account-row")).ToContainTextAsync("张伟");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HealthPage_ShowsAtRiskAccounts_AdvisorCapacity_AndNpsAgainstThePlan()
    {
        var page = await browser.LoggedIn("director", "/customers/health");
        await Expect(page.GetByTestId("at-risk-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("at-risk-summary")).ToContainTextAsync("家客户处于风险");

        await page.GetByRole(AriaRole.Tab, new() { Name = "顾问容量" }).ClickAsync();
        await Expect(page.GetByTestId("capacity-summary")).ToContainTextAsync("现有 5 名(分层规则 v1)");
        await Expect(page.GetByTestId("capacity-tiers")).ToContainTextAsync("VIP 1对1顾问制");

        await page.GetByRole(AriaRole.Tab, new() { Name = "NPS 与满意度" }).ClickAsync();
        await Expect(page.GetByTestId("nps-card")).ToContainTextAsync("目标 45");
        await Expect(page.GetByTestId("csat-card")).ToContainTextAsync("目标 85 · 基线 78");
        // The demo's 2024 survey ran in Q2: one quarter and the total.
        await Expect(page.GetByTestId("nps-table").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("nps-table").Locator("tbody tr").First).ToContainTextAsync("2024Q2");
        await BrowserFixture.Screenshot(page, "customer-health");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Settings_ABadTierRuleIsShownOnItsField_AndTheJobRunsWithProgress()
    {
        var page = await browser.LoggedIn("salesops", "/customers/settings");
        await page.GetByTestId("a-min").FillAsync("500000");
        await page.GetByTestId("save-tiers").ClickAsync();
        await Expect(page.GetByText("A 类下限不能低于 C 类上限。")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "计算任务" }).ClickAsync();
        await page.GetByTestId("run-job").ClickAsync();
        await Expect(page.GetByTestId("job-result")).ToContainTextAsync("层级变更 0");
        await Expect(page.GetByTestId("job-runs").Locator("tbody tr").First).ToContainTextAsync("user:salesops");
        await page.Context.CloseAsync();
    }
}
