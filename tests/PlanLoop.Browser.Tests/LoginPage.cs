using Microsoft.Playwright;

namespace PlanLoop.Browser.Tests;

/// <summary>The login form and the app shell around every page, as a person sees them.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task Open(string path = "/")
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
    }

    public async Task LogIn(string user, string password = Features.Demo.DemoUsers.Password)
    {
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
    }

    /// <summary>Waits until Blazor's circuit is up, so clicks reach the components.</summary>
    public Task WaitForInteractive() => page.Locator("[data-interactive=yes]").WaitForAsync();

    public async Task OpenUserMenu()
    {
        await WaitForInteractive();
        await page.GetByTestId("user-menu").ClickAsync();
    }
}
