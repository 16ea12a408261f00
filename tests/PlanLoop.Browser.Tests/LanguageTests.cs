using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace PlanLoop.Browser.Tests;

/// <summary>
/// Every page in one language at a time: no label of the other language (a text equal to one of its
/// resource strings), no region, product line, channel or team under its other-language name, in English
/// no 万/亿 amounts or Chinese months, and in either no raw master-data code where the code has a name.
/// Company, person and plan names are data and stay as they were entered. Every chart legend item has a label.
/// </summary>
[Collection(BrowserGroup.Name)]
public partial class LanguageTests(BrowserFixture browser)
{
    static readonly string[] Pages =
    [
        "/", "/monitoring", "/forecast", "/forecast/deals", "/forecast/calls", "/forecast/accuracy", "/reports/weekly", "/plans", "/customers", "/customers/health", "/customers/settings", "/leads",
        "/opportunities", "/alerts", "/contracts", "/approvals", "/collection", "/calendar", "/settings/sales", "/organisation",
    ];

    /// <summary>The demo's master-data codes that have names (regions, channels, product lines, products).</summary>
    static readonly string[] Codes =
    [
        "EAST", "SOUTH", "NORTH", "SOUTHWEST", "DIRECT", "AGENT", "ONLINE", "PARTNER", "CORE-A", "GROWTH-B", "EMERGING-C",
        "A-CUSTOM", "A-PACK", "A-SAAS", "B-CUSTOM", "B-PACK", "B-SAAS", "C-CUSTOM", "C-PACK", "C-SAAS",
    ];

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task EveryPage_SpeaksOneLanguage_AndShowsNamesNotCodes(string culture)
    {
        var english = culture == "en";
        var labels = Labels(english ? "SharedResource.resx" : "SharedResource.en.resx", chinese: english);
        var page = await browser.LoggedIn("director");
        await page.GotoAsync($"/account/culture?culture={culture}&returnUrl=/");
        // Master data in the other language: a name a person reads must be in theirs.
        var org = await (await page.APIRequest.GetAsync("/api/organisation")).JsonAsync();
        var names = new[] { "regions", "productLines", "channels", "teams" }.SelectMany(k => org!.Value.GetProperty(k).EnumerateArray())
            .Select(i => i.GetProperty(english ? "name" : "nameEn").GetString()!).ToList();
        var problems = new List<string>();
        await page.GotoAsync("/plans");
        var plan = await page.Locator("a[href^='plans/versions/']").First.GetAttributeAsync("href");
        await page.GotoAsync("/customers?tier=A");
        var account = await page.GetByTestId("account-row").First.GetByRole(AriaRole.Link).First.GetAttributeAsync("href");
        foreach (var path in Pages.Append("/" + plan).Append("/" + account))
        {
            await page.GotoAsync(path);
            await page.Locator("[data-interactive=yes]").WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.WaitForTimeoutAsync(300);
            // The texts of the elements that hold text directly: a label is a whole leaf, data is rarely equal to one.
            var leaves = await page.EvaluateAsync<string[]>(@"() => Array.from(document.querySelectorAll('.mud-main-content *'))
                .filter(e => Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
                .map(e => Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join(' ').trim())");
            var text = await page.Locator(".mud-main-content").InnerTextAsync();
            problems.AddRange(leaves.Where(t => labels.Any(l => l.IsMatch(t))).Select(t => $"{path}: label '{t}'"));
            problems.AddRange(names.Where(n => text.Contains(n, StringComparison.Ordinal)).Select(n => $"{path}: name '{n}'"));
            if (english)
                problems.AddRange(ChineseAmount().Matches(text).Select(m => $"{path}: amount '{m.Value}'"));
            // Every chart's legend says what its series is.
            if (await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('.mud-chart-legend-item')).filter(e => !e.textContent.trim()).length") is > 0 and var blank)
                problems.Add($"{path}: {blank} chart legend item(s) without a label");
            problems.AddRange(Codes.Where(c => Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(c)}(?![\w-])")).Select(c => $"{path}: code {c}"));
        }
        await BrowserFixture.Screenshot(page, $"language-{culture}");
        await page.GotoAsync("/account/culture?culture=zh-CN&returnUrl=/");
        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    /// <summary>
    /// The other language's resource strings as whole-text patterns (a placeholder matches anything), those that
    /// are words of that language: two or more Chinese characters, or a Latin word with lower-case letters (NPS, ICP
    /// and SMB are said in Chinese too).
    /// </summary>
    static List<Regex> Labels(string file, bool chinese)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PlanLoop.slnx"))) folder = folder.Parent;
        var path = Path.Combine(folder!.FullName, "src", "PlanLoop.Web", "Resources", file);
        return XDocument.Load(path).Root!.Elements("data").Select(d => ((string?)d.Element("value") ?? "").Trim())
            .Where(v => (chinese ? ChineseRun() : EnglishWord()).IsMatch(Placeholder().Replace(v, "")))
            .Distinct()
            .Select(v => new Regex("^" + string.Join(".+", Placeholder().Split(v).Select(Regex.Escape)) + "$", RegexOptions.Singleline))
            .ToList();
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\u4e00-\u9fff]{2,}")]
    private static partial Regex ChineseRun();

    [GeneratedRegex(@"[A-Za-z]*[a-z]{2,}")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"\d[\d.,]*\s?[万亿]|\d{1,2}月")]
    private static partial Regex ChineseAmount();
}
