using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

[Collection(BrowserGroup.Name)]
public partial class PlanTests(BrowserFixture browser)
{
    async Task<(IPage Page, LoginPage Login)> LoggedIn(string user)
    {
        var page = await browser.NewPage();
        var login = new LoginPage(page);
        await login.Open();
        await login.LogIn(user);
        await login.WaitForInteractive();
        return (page, login);
    }

    static async Task OpenDemoPlan(IPage page, string version = "V1.0")
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "销售计划" }).First.ClickAsync();
        await page.GetByTestId("versions-table").GetByRole(AriaRole.Link, new() { Name = version, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"2024年度销售计划 · {version}" })).ToBeVisibleAsync();
    }

    /// <summary>Opens V1.0 of the demo plan, copies it as a new draft version and waits until the copy is interactive.</summary>
    static async Task CopyDemoPlan(IPage page, string name)
    {
        await OpenDemoPlan(page);
        await page.GetByLabel("名称").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "复制为新版本" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"2024年度销售计划 · {name}" })).ToBeVisibleAsync();
        await new LoginPage(page).WaitForInteractive();
    }

    [Fact]
    public async Task PlanPage_SeedPlan_ShowsTargetsDerivedDealSizeAndTheFindingsThatLinkToTheirFigures()
    {
        var (page, login) = await LoggedIn("director");
        await OpenDemoPlan(page);
        await login.WaitForInteractive();

        var revenue = page.GetByTestId("kpi-Revenue");
        await Expect(revenue.GetByTestId("kpi-target")).ToHaveTextAsync("1.5亿");
        await Expect(revenue.GetByTestId("kpi-baseline")).ToHaveTextAsync("1.2亿");
        await Expect(revenue.GetByTestId("kpi-growth")).ToHaveTextAsync("+25%");
        var deal = page.GetByTestId("kpi-AverageDealSize");
        await Expect(deal).ToContainTextAsync("计算得出");
        await Expect(deal.GetByTestId("kpi-target")).ToHaveTextAsync("13.64万");
        await Expect(page.GetByTestId("kpi-CollectionRate").GetByTestId("kpi-growth")).ToHaveTextAsync("+7pt");
        await Expect(page.GetByTestId("findings-summary")).ToHaveTextAsync("3 个错误,5 个警告,3 条提示");
        Assert.Equal(["合计", "96%", "1.44亿", "96%"], await page.GetByTestId("breakdown-Quarter").Locator("tr.total td").AllInnerTextsAsync());
        await Expect(page.GetByTestId("blended-margin")).ToHaveTextAsync("34.25%");
        var cube = page.GetByTestId("cube");
        await Expect(cube.GetByTestId("cube-status")).ToContainTextAsync("立方体无法同时满足所有边际");
        await Expect(cube.GetByTestId("cube-table").Locator("thead th").Nth(1)).ToHaveTextAsync("Q1");
        await Expect(cube.GetByTestId("cube-table").Locator("tbody tr").First.Locator("th")).ToHaveTextAsync("华东区");
        await BrowserFixture.Screenshot(page, "plan");

        var partsSum = page.Locator("[data-code=PARTS_SUM]");
        await Expect(partsSum).ToContainTextAsync("按季度分解合计 1.44亿,与年度目标 1.5亿 相差 -600万。");
        await partsSum.GetByRole(AriaRole.Link, new() { Name = "查看 →" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(QuarterAnchor());
        await Expect(page.Locator("#f-breakdowns-Revenue-Quarter")).ToBeInViewportAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Approval_SalesOpsSubmitsACopy_DirectorMustGiveAReasonBecauseOfErrors()
    {
        var (ops, _) = await LoggedIn("salesops");
        await CopyDemoPlan(ops, "V2.0 浏览器");
        await ops.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Expect(ops.GetByTestId("status").First).ToHaveTextAsync("已提交");
        await Expect(ops.GetByRole(AriaRole.Button, new() { Name = "批准" })).ToHaveCountAsync(0);   // not a Director
        await ops.Context.CloseAsync();

        var (director, login) = await LoggedIn("director");
        await OpenDemoPlan(director, "V2.0 浏览器");
        await login.WaitForInteractive();
        await director.GetByRole(AriaRole.Button, new() { Name = "批准", Exact = true }).ClickAsync();
        await Expect(director.GetByText("计划检查仍有 3 个错误:请先修正,或填写批准理由后再批准。")).ToBeVisibleAsync();
        await Expect(director.GetByTestId("status").First).ToHaveTextAsync("已提交");

        await director.GetByLabel("批准理由(计划检查有错误时必填)").FillAsync("季度缺口将在 V3 修正");
        await director.GetByRole(AriaRole.Button, new() { Name = "批准", Exact = true }).ClickAsync();

        await Expect(director.GetByTestId("status").First).ToHaveTextAsync("已批准");
        await Expect(director.GetByTestId("override")).ToHaveTextAsync("带错误批准,理由:季度缺口将在 V3 修正");
        await Expect(director.GetByRole(AriaRole.Button, new() { Name = "提交审批" })).ToHaveCountAsync(0);
        await BrowserFixture.Screenshot(director, "plan-approved");
        await director.Context.CloseAsync();
    }

    [Fact]
    public async Task AmountStyle_FullDigits_ShowsEveryDigitThenBack()
    {
        var (page, login) = await LoggedIn("rep");
        await OpenDemoPlan(page);

        await login.OpenUserMenu();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "完整数字(150,000,000)" }).ClickAsync();
        await Expect(page.GetByTestId("kpi-Revenue").GetByTestId("kpi-target")).ToHaveTextAsync("150,000,000");
        await Expect(page.GetByTestId("kpi-AverageDealSize").GetByTestId("kpi-target")).ToHaveTextAsync("136,363.64");

        await login.OpenUserMenu();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "万/亿(1.5亿)" }).ClickAsync();
        await Expect(page.GetByTestId("kpi-Revenue").GetByTestId("kpi-target")).ToHaveTextAsync("1.5亿");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Editor_FixTheQuarterSharesAndAddATeamBreakdown_TheErrorsGo()
    {
        var (page, login) = await LoggedIn("salesops");
        await CopyDemoPlan(page, "V1.1 编辑");
        await Expect(page.GetByTestId("findings-summary")).ToHaveTextAsync("3 个错误,5 个警告,3 条提示");

        await page.GetByRole(AriaRole.Button, new() { Name = "编辑 按季度" }).ClickAsync();
        var editor = page.GetByTestId("editor-Quarter");
        var q4 = editor.Locator("tbody tr").Nth(3).Locator("input");
        await q4.FillAsync("150");
        await q4.PressAsync("Tab");
        await Expect(editor.GetByTestId("editor-share-sum")).ToHaveTextAsync("222%");
        await editor.GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();
        await Expect(editor.GetByText("占比应在 0% 到 100% 之间,当前为 150%。")).ToBeVisibleAsync();

        await q4.FillAsync("28");
        await q4.PressAsync("Tab");
        await Expect(editor.GetByTestId("editor-share-sum")).ToHaveTextAsync("100%");
        await editor.GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();

        await Expect(page.GetByTestId("findings-summary")).ToHaveTextAsync("0 个错误,5 个警告,3 条提示");
        Assert.Equal(["合计", "100%", "1.5亿", "100%"], await page.GetByTestId("breakdown-Quarter").Locator("tr.total td").AllInnerTextsAsync());

        await page.GetByTestId("add-dimension").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "按团队" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "新增分解" }).ClickAsync();
        await page.GetByTestId("editor-Team").GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();

        var teams = page.GetByTestId("breakdown-Team");
        await Expect(teams.GetByRole(AriaRole.Row, new() { Name = "战略客户部" })).ToContainTextAsync("5000万");
        Assert.Equal(["合计", "", "1.5亿", "100%"], await teams.Locator("tr.total td").AllInnerTextsAsync());
        await page.GetByTestId("add-dimension").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "按销售" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "新增分解" }).ClickAsync();
        await page.GetByTestId("editor-Rep").GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();
        var reps = page.GetByTestId("breakdown-Rep");
        await Expect(reps.GetByRole(AriaRole.Row, new() { Name = "张伟" })).ToContainTextAsync("681.82万");   // 1.5亿 ÷ 22 sellers
        await Expect(reps.GetByRole(AriaRole.Row, new() { Name = "张伟" }).GetByTestId("quota-load")).ToHaveTextAsync("136.36%");
        await Expect(page.GetByTestId("findings-summary")).ToHaveTextAsync("0 个错误,27 个警告,3 条提示");
        await BrowserFixture.Screenshot(page, "plan-edited");

        // The audit trail names each figure and method in words, not by its stored path.
        await page.GetByTestId("audit").GetByText("修改记录").ClickAsync();
        var audit = page.GetByTestId("audit-table");
        await Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "销售额 · 按季度 · Q4" })).ToContainTextAsync("salesops");
        await Expect(audit).Not.ToContainTextAsync("breakdowns/");

        await page.GetByRole(AriaRole.Link, new() { Name = "与其他版本比较" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "比较版本" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("compare-table").GetByRole(AriaRole.Row, new() { Name = "销售额 · 按季度 · Q4 金额" })).ToContainTextAsync("600万");
        await Expect(page.GetByTestId("compare-count")).ToHaveTextAsync("27 个数值不同");
        await BrowserFixture.Screenshot(page, "compare");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Import_BrokenThenGoodWorkbook_ErrorsListedThenTheNewPlanOpens()
    {
        var (page, _) = await LoggedIn("salesops");
        await page.GetByRole(AriaRole.Link, new() { Name = "销售计划" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "销售计划", Exact = true })).ToBeVisibleAsync();
        var input = page.GetByTestId("import").Last;   // MudFileUpload adds a fresh input after each upload

        await input.SetInputFilesAsync(new FilePayload { Name = "template.xlsx", MimeType = "application/octet-stream", Buffer = Features.Planning.PlanWorkbook.Template() });
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("文件有 2 处错误,未导入任何内容:");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("计划,第 2 行,B 列: 不能为空。");

        var good = Features.Planning.PlanWorkbook.Write(new Features.Planning.PlanFile("2025年度销售计划(导入)", 2025, "草案", Features.Demo.DemoPlan.Kpis,
            Features.Demo.DemoPlan.Breakdowns, Features.Demo.DemoPlan.Levers, Features.Demo.DemoPlan.Pyramid, Features.Demo.DemoPlan.Goals));
        await input.SetInputFilesAsync(new FilePayload { Name = "plan.xlsx", MimeType = "application/octet-stream", Buffer = good });

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2025年度销售计划(导入) · 草案" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("findings-summary")).ToHaveTextAsync("3 个错误,5 个警告,3 条提示");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task KpiEditor_RaiseTheRevenueTarget_TheDerivedDealSizeFollows()
    {
        var (page, login) = await LoggedIn("director");
        await CopyDemoPlan(page, "V1.2 目标");

        await page.GetByRole(AriaRole.Button, new() { Name = "编辑指标 销售额" }).ClickAsync();
        var editor = page.GetByTestId("kpi-editor-Revenue");
        await editor.GetByLabel("目标(万元)").FillAsync("16500");
        await editor.GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();

        await Expect(page.GetByTestId("kpi-Revenue").GetByTestId("kpi-target")).ToHaveTextAsync("1.65亿");
        await Expect(page.GetByTestId("kpi-Revenue").GetByTestId("kpi-growth")).ToHaveTextAsync("+37.5%");
        await Expect(page.GetByTestId("kpi-AverageDealSize").GetByTestId("kpi-target")).ToHaveTextAsync("15万");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "编辑指标 客单价" })).ToHaveCountAsync(0);   // derived: never typed
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Editor_MonthsBySeasonality_FollowLastYearsShapeToTheFen()
    {
        var (page, login) = await LoggedIn("salesops");
        await CopyDemoPlan(page, "V1.3 月度");

        await page.GetByTestId("add-dimension").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "按月" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "新增分解" }).ClickAsync();
        var editor = page.GetByTestId("editor-Month");
        await editor.GetByTestId("editor-method").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "按历史季节性" }).ClickAsync();
        var inputs = editor.Locator("tbody input");
        for (var m = 0; m < 12; m++) await inputs.Nth(m).FillAsync(m == 11 ? "400" : "100");   // last year: flat, December four times a month
        await editor.GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();

        var months = page.GetByTestId("breakdown-Month");
        await Expect(months.GetByRole(AriaRole.Row, new() { Name = "M01" })).ToContainTextAsync("1000万");
        await Expect(months.GetByRole(AriaRole.Row, new() { Name = "M12" })).ToContainTextAsync("4000万");
        Assert.Equal(["合计", "", "1.5亿", "100%"], await months.Locator("tr.total td").AllInnerTextsAsync());
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("#f-breakdowns-Revenue-Quarter$")]
    private static partial Regex QuarterAnchor();
}
