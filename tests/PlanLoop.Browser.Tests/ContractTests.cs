using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

[Collection(BrowserGroup.Name)]
public class ContractTests(BrowserFixture browser)
{
    [Fact]
    public async Task ADealIsWon_ItsContractIsApprovedByManagerAndDirector_Signed_AndFinanceRecordsAPayment()
    {
        // The rep wins a deal on one of their A-tier accounts: two core-A packages (list 15万) at 30% off = 21万.
        var page = await browser.LoggedIn("rep", "/customers?tier=A");
        await page.GetByTestId("account-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("new-opportunity").ClickAsync();
        var name = $"合同商机{Guid.NewGuid():N}"[..10];
        await page.GetByTestId("o-name").FillAsync(name);
        await page.GetByTestId("o-save").ClickAsync();
        var panel = page.GetByTestId("opp-panel");
        await Expect(panel).ToContainTextAsync(name);
        foreach (var criterion in new[] { "Budget", "Authority", "Need", "Timeline" })
        {
            await panel.GetByTestId($"bant-{criterion}").ClickAsync();
            await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "(25)" }).ClickAsync();
        }
        await panel.GetByTestId("save-bant").ClickAsync();
        var card = page.GetByTestId("opp-card").Filter(new() { HasText = name });
        await Expect(card).ToContainTextAsync("BANT 100");
        await panel.GetByTestId("line-product").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "核心产品A 标准产品包" }).ClickAsync();
        await panel.GetByTestId("line-quantity").FillAsync("2");
        await panel.GetByTestId("line-discount").FillAsync("30");
        await panel.GetByTestId("add-line").ClickAsync();
        await panel.GetByTestId("save-lines").ClickAsync();
        await Expect(card).ToContainTextAsync("21万");
        foreach (var (stage, code) in new[] { ("方案设计", "PROPOSAL"), ("商务谈判", "NEGOTIATION"), ("赢单", "WON") })
        {
            await panel.GetByTestId("move-to").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = stage }).ClickAsync();
            await panel.GetByTestId("move").ClickAsync();
            await Expect(page.GetByTestId($"column-{code}").GetByTestId("opp-card").Filter(new() { HasText = name })).ToHaveCountAsync(1);
        }

        // The contract, on the key-account template (A tier): 30% off needs the manager and the director.
        await panel.GetByTestId("make-contract").ClickAsync();
        await Expect(page.GetByTestId("contract-status")).ToHaveTextAsync("草稿");
        await Expect(page.GetByTestId("contract-amount")).ToContainTextAsync("21万");
        await Expect(page.GetByTestId("route")).ToContainTextAsync("审批链: 销售经理(折扣 30% > 10%) → 销售总监(折扣 30% > 20%)");
        await Expect(page.GetByTestId("nodes").GetByTestId("node-row")).ToHaveCountAsync(3);
        await Expect(page.GetByText("战略客户框架合同 (KA v1)")).ToBeVisibleAsync();
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("waiting-for")).ToHaveTextAsync("待销售经理审批");
        var contractUrl = new Uri(page.Url).AbsolutePath;
        var number = (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!.Trim();
        await page.Context.CloseAsync();

        // The manager finds it in the approval inbox and approves; the director approves too.
        var manager = await browser.LoggedIn("manager", "/approvals");
        await manager.GetByTestId("inbox-row").Filter(new() { HasText = number }).GetByRole(AriaRole.Link).ClickAsync();
        await manager.GetByTestId("approve").ClickAsync();
        await Expect(manager.GetByTestId("waiting-for")).ToHaveTextAsync("待销售总监审批");
        await manager.Context.CloseAsync();
        var director = await browser.LoggedIn("director", contractUrl);
        await director.GetByTestId("decision-comment").FillAsync("同意,注意回款");
        await director.GetByTestId("approve").ClickAsync();
        await Expect(director.GetByTestId("contract-status")).ToHaveTextAsync("已批准");
        await Expect(director.GetByTestId("approvals")).ToContainTextAsync("同意,注意回款");
        await director.Context.CloseAsync();

        // The rep signs; Finance records part of the advance payment (20% of 21万 = 4.2万).
        var rep = await browser.LoggedIn("rep", contractUrl);
        await rep.GetByTestId("sign").ClickAsync();
        await Expect(rep.GetByTestId("contract-status")).ToHaveTextAsync("已签署");
        await rep.Context.CloseAsync();
        var finance = await browser.LoggedIn("finance", contractUrl);
        await finance.GetByTestId("payment-node").ClickAsync();
        await finance.GetByRole(AriaRole.Option).Filter(new() { HasText = "预付款" }).ClickAsync();
        await finance.GetByTestId("payment-amount").FillAsync("70000");
        await finance.GetByTestId("payment-reference").FillAsync("回单 0930-77");
        await finance.GetByTestId("save-payment").ClickAsync();
        await Expect(finance.GetByTestId("contract-message")).ToHaveTextAsync("回款 70000.00 超过节点“预付款”未收金额 42000.00。");
        await finance.GetByTestId("payment-amount").FillAsync("30000");
        await finance.GetByTestId("save-payment").ClickAsync();
        await Expect(finance.GetByTestId("contract-received")).ToContainTextAsync("3万");
        await Expect(finance.GetByTestId("node-row").First).ToContainTextAsync("1.2万");
        await Expect(finance.GetByTestId("payments")).ToContainTextAsync("回单 0930-77");
        await BrowserFixture.Screenshot(finance, "contract");
        await finance.Context.CloseAsync();
    }

    [Fact]
    public async Task Collection_ShowsTheRateAgainstThePlansTarget_TheAgeing_AndTheOverdueNodes()
    {
        var page = await browser.LoggedIn("finance", "/collection");
        await Expect(page.GetByTestId("collection-rate")).ToContainTextAsync("目标 92.0%(去年 85.0%)");
        await Expect(page.GetByTestId("ageing")).ToContainTextAsync("逾期 90 天以上");
        await Expect(page.GetByTestId("overdue").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.GetByTestId("collection-by").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "区域" }).ClickAsync();
        await Expect(page.GetByTestId("collection-rows")).ToContainTextAsync("华东区");
        await BrowserFixture.Screenshot(page, "collection");
        await page.Context.CloseAsync();
    }
}
