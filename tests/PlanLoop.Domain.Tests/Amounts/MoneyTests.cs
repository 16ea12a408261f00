using PlanLoop.Domain.Amounts;

namespace PlanLoop.Domain.Tests.Amounts;

public class MoneyTests
{
    [Fact]
    public void Add_SameCurrency_IsExactDecimal()
    {
        Assert.Equal(Money.Cny(0.3m), Money.Cny(0.1m) + Money.Cny(0.2m));
    }

    [Fact]
    public void Add_DifferentCurrencies_Throws()
    {
        var usd = new Money(1m, Currency.FromCode("USD"));
        var e = Assert.Throws<CurrencyMismatchException>(() => Money.Cny(1m) + usd);
        Assert.Equal("CNY", e.Left.Code);
        Assert.Equal("USD", e.Right.Code);
    }

    [Fact]
    public void Compare_DifferentCurrencies_Throws()
    {
        Assert.Throws<CurrencyMismatchException>(() => Money.Cny(1m) < new Money(2m, Currency.FromCode("EUR")));
    }

    [Theory]
    [InlineData(2.345, 2.34)]
    [InlineData(2.355, 2.36)]
    [InlineData(-2.345, -2.34)]
    public void RoundToMinor_UsesBankersRounding(double amount, double expected)
    {
        Assert.Equal((decimal)expected, Money.Cny((decimal)amount).RoundToMinor().Amount);
    }

    [Theory]
    [InlineData("cny")]
    [InlineData("CN")]
    [InlineData("XXX1")]
    public void Currency_BadCode_Throws(string code)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Currency(code, 2));
    }

    [Theory]
    [InlineData(150_000_000, 1_500_000_000_000L)]
    [InlineData(0.0001, 1L)]
    [InlineData(-13.6, -136_000L)]
    public void MinorUnits_RoundTrip(double amount, long stored)
    {
        Assert.Equal(stored, MinorUnits.ToStored((decimal)amount));
        Assert.Equal((decimal)amount, MinorUnits.FromStored(stored));
    }

    [Fact]
    public void MinorUnits_FiveDecimals_CannotBeStoredExactly()
    {
        Assert.Throws<ArgumentException>(() => MinorUnits.ToStored(0.00001m));
    }
}
