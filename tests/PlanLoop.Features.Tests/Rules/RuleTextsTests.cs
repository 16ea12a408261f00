using System.Globalization;
using System.Text.RegularExpressions;
using PlanLoop.Domain;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Rules;

namespace PlanLoop.Features.Tests.Rules;

public partial class RuleTextsTests
{
    static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh"), English = CultureInfo.GetCultureInfo("en");

    /// <summary>Every rule code thrown anywhere in src, read from the source (a new code without both texts fails here).</summary>
    static List<string> ThrownCodes()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PlanLoop.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        return [.. Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => Thrown().Matches(File.ReadAllText(f)))
            .SelectMany(m => Code().Matches(m.Groups[1].Value).Select(c => c.Groups[1].Value))
            .Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The arguments of a <c>new RuleException(…)</c> or <c>new PlanningRuleException(…)</c>: the code may be chosen by a condition.</summary>
    [GeneratedRegex(@"new (?:Planning)?RuleException\(([^;]*)\);")]
    private static partial Regex Thrown();

    [GeneratedRegex("\"([a-z0-9]+(?:-[a-z0-9]+)*)\"")]
    private static partial Regex Code();

    [Fact]
    public void EveryThrownRule_HasAChineseAndAnEnglishText_WithTheSamePlaceholders()
    {
        var codes = ThrownCodes();
        Assert.True(codes.Count >= 45, $"only {codes.Count} rule codes found in src: is the scan still reading the throws?");
        Assert.Contains("payment-exceeds-node", codes);
        Assert.Contains("errors-block-approval", codes);   // PlanningRuleException too
        foreach (var code in codes)
        {
            var zh = RuleTexts.Entry(code, Chinese);
            var en = RuleTexts.Entry(code, English);
            Assert.True(zh is not null && en is not null && zh != en, $"The rule '{code}' needs a Chinese and an English text in Features/Rules/RuleTexts(.en).resx.");
            Assert.True(Cjk().IsMatch(zh), $"'{code}': the Chinese text has no Chinese: {zh}");
            Assert.False(Cjk().IsMatch(en), $"'{code}': the English text has Chinese in it: {en}");
            Assert.Equal(Placeholders(zh), Placeholders(en));
        }
    }

    [Fact]
    public void EveryEnumValueARuleQuotes_HasItsNameInBothLanguages()
    {
        foreach (var value in Enum.GetValues<LeadStatus>().Cast<Enum>().Concat(Enum.GetValues<ContractStatus>().Cast<Enum>()).Concat(Enum.GetValues<ApproverRole>().Cast<Enum>()))
        {
            Assert.NotEqual(value.ToString(), RuleTexts.Name(value, Chinese));
            Assert.True(Cjk().IsMatch(RuleTexts.Name(value, Chinese)), $"{value.GetType().Name}.{value}");
            Assert.False(Cjk().IsMatch(RuleTexts.Name(value, English)), $"{value.GetType().Name}.{value}");
        }
    }

    [Fact]
    public void AText_QuotesItsValues_DatesAmountsAndEnumNamesInThePersonsLanguage()
    {
        var dates = new RuleException("sign-before-approval", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 5));
        Assert.Equal("签署日 2024-03-01 早于审批通过日 2024-03-05。", RuleTexts.Text(dates, Chinese));
        Assert.Equal("The signing date 2024-03-01 is before the approval date 2024-03-05.", RuleTexts.Text(dates, English));

        var status = new RuleException("contract-not-draft", ContractStatus.InApproval);
        Assert.Equal("合同当前状态为“审批中”,只有草稿可以修改或提交审批。", RuleTexts.Text(status, Chinese));
        Assert.Equal("The contract is in approval; only a draft can be changed or submitted.", RuleTexts.Text(status, English));

        var step = new RuleException("not-your-step", ApproverRole.Finance);
        Assert.Equal("当前审批节点需要“财务”审批。", RuleTexts.Text(step, Chinese));

        var amount = new RuleException("payment-exceeds-node", 1_234_567.5m, "预付款", 0.01m);
        Assert.Equal("回款 1234567.50 超过节点“预付款”未收金额 0.01。", RuleTexts.Text(amount, Chinese));
    }

    [Fact]
    public void ACodeOutsideTheCatalogue_IsADefectThatNamesTheCode()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RuleTexts.Text(new RuleException("no-such-rule"), Chinese));
        Assert.Contains("'no-such-rule'", error.Message, StringComparison.Ordinal);
        Assert.Equal("Rule 'no-such-rule' forbids this.", new RuleException("no-such-rule").Message);   // the log's words: the code, never display text
    }

    static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}
