using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

/// <summary>The small things a person notices: what only an admin needs, focus boxes, boards that count a page as the whole, endless closed columns.</summary>
[Collection(BrowserGroup.Name)]
public partial class ScreenDetailsTests(BrowserFixture browser)
{
    [Fact]
    public async Task DatabaseForAdminsOnly_NoFocusBox_BoardsCountWholeColumns_ClosedDealsRecentOnly()
    {
        var director = await browser.LoggedIn("director");
        await Expect(director.GetByTestId("dashboard-basis")).ToBeVisibleAsync();
        // Where the data lives is for the person who runs the server.
        await Expect(director.GetByTestId("database")).ToHaveCountAsync(0);
        // The title takes the focus on navigation (for screen readers) without drawing a box around it.
        Assert.Equal("none", await director.Locator("h1").First.EvaluateAsync<string>("e => { e.focus(); return getComputedStyle(e).outlineStyle; }"));

        // The leads board shows a page of cards, but each column counts its status over the whole list.
        await director.GotoAsync("/leads");
        await new LoginPage(director).WaitForInteractive();
        await Expect(director.GetByTestId("lead-row").First).ToBeVisibleAsync();
        await director.GetByRole(AriaRole.Tab, new() { Name = "看板" }).ClickAsync();
        await Expect(director.GetByTestId("lead-column-count")).ToHaveCountAsync(4);
        await Expect(director.GetByTestId("lead-card")).ToHaveCountAsync(50);
        var counts = await director.GetByTestId("lead-column-count").AllInnerTextsAsync();
        var columns = counts.Sum(c => int.Parse(Count().Match(c).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        // The hint says "当前页的 50 条线索(共 N 条)": the columns add up to N, not to the page (other tests may add leads).
        var total = int.Parse(Total().Match(await director.GetByTestId("board-hint").InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 1800, $"{total} leads");
        Assert.Equal(total, columns);

        // Won and lost deals: the ten most recent, with how many there are and a way to see them all.
        await director.GotoAsync("/opportunities");
        await new LoginPage(director).WaitForInteractive();
        var won = director.GetByTestId("column-WON").GetByTestId("opp-card");
        await Expect(won).ToHaveCountAsync(10);
        await Expect(director.GetByTestId("more-WON")).ToContainTextAsync("显示最近 10 个");
        await director.GetByTestId("more-WON").ClickAsync();
        await Expect(director.GetByTestId("more-WON")).ToHaveTextAsync("只显示最近的");
        Assert.True(await won.CountAsync() > 10);
        await director.Context.CloseAsync();

        var admin = await browser.LoggedIn("admin");
        await Expect(admin.GetByTestId("database")).ToContainTextAsync("SQLite");
        await admin.Context.CloseAsync();
    }

    [GeneratedRegex(@"· (\d+)$")]
    private static partial Regex Count();

    [GeneratedRegex(@"共 (\d+) 条")]
    private static partial Regex Total();
}
