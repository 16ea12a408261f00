using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PlanLoop.Browser.Tests;

[Collection(BrowserGroup.Name)]
public class ShellTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("admin", "系统管理员", "系统管理员")]
    [InlineData("director", "销售总监", "王建国")]
    [InlineData("salesops", "销售运营", "冯晓")]
    [InlineData("manager", "销售经理", "李志强")]
    [InlineData("rep", "销售代表", "张伟")]
    [InlineData("finance", "财务", "钱芳")]
    [InlineData("cs", "客户成功", "孔悦")]
    public async Task LogIn_EachDemoRole_SeesTheHomePageInChinese(string user, string roleName, string displayName)
    {
        var page = await browser.NewPage();
        var login = new LoginPage(page);
        await login.Open();

        await login.LogIn(user);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"欢迎,{displayName}" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("roles")).ToHaveTextAsync(roleName);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "组织与产能" }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("regions")).ToContainTextAsync("华东区 · 华南区 · 华北区 · 西南区");
        await Expect(page.GetByTestId("teams")).ToContainTextAsync("在岗 34 人,计划编制 28 人");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        await login.WaitForInteractive();
        await BrowserFixture.Screenshot(page, $"home-{user}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LogIn_WrongPassword_ShowsTheErrorAndStaysOnTheLoginPage()
    {
        var page = await browser.NewPage();
        var login = new LoginPage(page);
        await login.Open();

        await login.LogIn("director", "not-the-password");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误,或该登录已停用。");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await BrowserFixture.Screenshot(page, "login-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SwitchLanguage_ToEnglishAndBack_TheWholeShellFollows()
    {
        var page = await browser.NewPage();
        var login = new LoginPage(page);
        await login.Open();
        await login.LogIn("manager");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "欢迎,李志强" })).ToBeVisibleAsync();

        await login.OpenUserMenu();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "English" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, 李志强" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Organisation & capacity" }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("roles")).ToHaveTextAsync("Sales manager");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await BrowserFixture.Screenshot(page, "home-english");

        // The choice is the person's: a new browser that logs in as them starts in English.
        var other = await browser.NewPage();
        var otherLogin = new LoginPage(other);
        await otherLogin.Open();
        await otherLogin.LogIn("manager");
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Welcome, 李志强" })).ToBeVisibleAsync();
        await other.Context.CloseAsync();

        await login.OpenUserMenu();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "中文" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "欢迎,李志强" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LogOut_FromTheUserMenu_BackToTheLoginPage_AndACopyOfTheCookieOpensNothingAfterwards()
    {
        var page = await browser.NewPage();
        var login = new LoginPage(page);
        await login.Open();
        await login.LogIn("finance");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "欢迎,钱芳" })).ToBeVisibleAsync();
        var copied = (await page.Context.CookiesAsync()).Single(c => c.Name == "planloop.auth");
        Assert.Equal(200, await StatusWith(copied));   // the copy works while the session lives

        // Under load the menu can re-render while it opens and swallow the click: open it and click again until we are out.
        for (var attempt = 1; ; attempt++)
        {
            await login.OpenUserMenu();
            await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 7000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录 PlanLoop" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
        // The session ended on the server: the cookie copied before the logout is refused.
        Assert.Equal(401, await StatusWith(copied));
    }

    /// <summary>What /api/me answers a fresh browser that holds only the given cookie.</summary>
    async Task<int> StatusWith(BrowserContextCookiesResult cookie)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl });
        await context.AddCookiesAsync([new Cookie { Name = cookie.Name, Value = cookie.Value, Domain = cookie.Domain, Path = cookie.Path }]);
        var status = (await context.APIRequest.GetAsync("/api/me")).Status;
        await context.CloseAsync();
        return status;
    }

    [Fact]
    public async Task DeepLink_WithoutLogin_ReturnsToThePageAfterLogin()
    {
        var page = await browser.NewPage();
        var login = new LoginPage(page);
        await login.Open("/organisation");

        await login.LogIn("salesops");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "组织与产能" })).ToBeVisibleAsync();
        Assert.EndsWith("/organisation", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
