using System.Globalization;
using PlanLoop.Domain.Formatting;
using PlanLoop.Domain.Amounts;

namespace PlanLoop.Domain.Tests.Formatting;

public class FiguresTests
{
    [Theory]
    [InlineData("150000000", "1.5亿")]
    [InlineData("120000000", "1.2亿")]
    [InlineData("30000000", "3000万")]
    [InlineData("75000000", "7500万")]
    [InlineData("22500000", "2250万")]
    [InlineData("136000", "13.6万")]
    [InlineData("141000", "14.1万")]
    [InlineData("5000000", "500万")]
    [InlineData("10000", "1万")]
    [InlineData("9999", "1万")]
    [InlineData("3810.22", "0.38万")]
    [InlineData("1000", "0.1万")]
    [InlineData("999.99", "999.99")]
    [InlineData("999.996", "0.1万")]
    [InlineData("9999.995", "1万")]
    [InlineData("99999999", "1亿")]
    [InlineData("123456789012", "1234.57亿")]
    [InlineData("12.5", "12.5")]
    [InlineData("0", "0")]
    [InlineData("-136000", "-13.6万")]
    [InlineData("-150000000", "-1.5亿")]
    [InlineData("-0.004", "0")]
    public void Amount_WanYi(string amount, string expected)
    {
        Assert.Equal(expected, Figures.Amount(decimal.Parse(amount, CultureInfo.InvariantCulture), AmountStyle.WanYi, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("150000000", "150,000,000")]
    [InlineData("136000", "136,000")]
    [InlineData("1234.5", "1,234.50")]
    [InlineData("0", "0")]
    [InlineData("-30000000", "-30,000,000")]
    [InlineData("0.005", "0.01")]
    public void Amount_Full(string amount, string expected)
    {
        Assert.Equal(expected, Figures.Amount(decimal.Parse(amount, CultureInfo.InvariantCulture), AmountStyle.Full, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("150000000", "150M")]
    [InlineData("136000", "136K")]
    [InlineData("1200000000", "1.2B")]
    [InlineData("3810.22", "3.81K")]
    [InlineData("999.5", "999.5")]
    [InlineData("999999.999", "1M")]
    [InlineData("-44789100", "-44.79M")]
    public void Amount_ShortStyleInEnglish_CountsInThousands(string amount, string expected)
    {
        Assert.Equal(expected, Figures.Amount(decimal.Parse(amount, CultureInfo.InvariantCulture), AmountStyle.WanYi, CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void Amount_Money_UsesItsAmount()
    {
        Assert.Equal("1.5亿", Figures.Amount(Money.Cny(150_000_000m), AmountStyle.WanYi, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("7", "7pt")]
    [InlineData("-3.5", "-3.5pt")]
    [InlineData("0", "0pt")]
    [InlineData("6.666", "6.67pt")]
    public void Points(string points, string expected)
    {
        Assert.Equal(expected, Figures.Points(decimal.Parse(points, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0.25", "25%")]
    [InlineData("-0.035", "-3.5%")]
    [InlineData("0.0355", "3.55%")]
    [InlineData("0.92", "92%")]
    [InlineData("0", "0%")]
    public void Percent(string fraction, string expected)
    {
        Assert.Equal(expected, Figures.Percent(new Percent(decimal.Parse(fraction, CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
    }
}
