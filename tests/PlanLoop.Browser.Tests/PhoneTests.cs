using Microsoft.Playwright;

namespace PlanLoop.Browser.Tests;

/// <summary>
/// A rep checks their pipeline and logs a visit from a phone: at 390 px the main pages do not scroll sideways
/// (wide tables scroll inside their own box) and page titles are not squeezed beside their buttons.
/// </summary>
[Collection(BrowserGroup.Name)]
public class PhoneTests(BrowserFixture browser)
{
    [Fact]
    public async Task MainPages_AtPhoneWidth_NeitherScrollSidewaysNorSqueezeTheTitle()
    {
        var page = await browser.LoggedIn("director");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/customers");
        var account = await page.GetByTestId("account-row").First.GetByRole(AriaRole.Link).First.GetAttributeAsync("href");
        var problems = new List<string>();
        foreach (var path in new[] { "/", "/customers", "/" + account, "/opportunities", "/leads", "/alerts" })
        {
            await page.GotoAsync(path);
            await page.Locator("[data-interactive=yes]").WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390) problems.Add($"{path}: the page is {width} px wide");
            // A title squeezed beside its buttons wrapped one character a line; it gets a line of its own.
            var title = await page.Locator("h1").First.BoundingBoxAsync();
            if (title is { Width: < 200, Height: > 60 }) problems.Add($"{path}: the title is squeezed to {title.Width} px and wraps ({title.Height} px high)");
        }
        await BrowserFixture.Screenshot(page, "phone-leads");
        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
