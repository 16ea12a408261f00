using System.Globalization;
using PlanLoop.Domain.Amounts;

namespace PlanLoop.Domain.Formatting;

/// <summary>The one place figures become text: amounts (万/亿 or full), percentages and points.</summary>
public static class Figures
{
    const decimal Wan = 10_000m;
    const decimal Yi = 100_000_000m;

    /// <summary>
    /// 150,000,000 → "1.5亿"; 30,000,000 → "3000万"; 136,000 → "13.6万"; 3,810.22 → "0.38万" (from 1,000 on, so a
    /// column of amounts does not mix "3810.22" with "4.26万"); below 1,000 in full. At most two decimals, trailing
    /// zeros dropped, rounded half away from zero. In English the short style counts in K / M / B.
    /// </summary>
    public static string Amount(decimal amount, AmountStyle style, IFormatProvider culture)
    {

        if (style == AmountStyle.Full)
        {
            var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
            return rounded.ToString(rounded == decimal.Truncate(rounded) ? "#,0" : "#,0.00", culture);
        }

        if (culture is CultureInfo { TwoLetterISOLanguageName: "en" }) return Compact(amount, culture);
        var abs = Math.Abs(amount);
        var (value, unit) = abs >= Yi ? (amount / Yi, "亿") : abs >= 1_000m ? (amount / Wan, "万") : (amount, "");
        var shown = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        // 9999.996万 rounds up to 10000万: show it as 1亿 instead.
        if (unit == "万" && Math.Abs(shown) >= 10_000m)
            (shown, unit) = (Math.Round(amount / Yi, 2, MidpointRounding.AwayFromZero), "亿");
        if (unit == "" && Math.Abs(shown) >= 1_000m)
            (shown, unit) = (Math.Round(amount / Wan, 2, MidpointRounding.AwayFromZero), "万");
        return shown.ToString("0.##", culture) + unit;
    }

    /// <summary>The short style as an English reader counts, by thousands: 1.5亿 → "150M", 13.6万 → "136K", 1.2e9 → "1.2B", 3810.22 → "3.81K".</summary>
    static string Compact(decimal amount, IFormatProvider culture)
    {
        const decimal Thousand = 1_000m, Million = 1_000_000m, Billion = 1_000_000_000m;
        var abs = Math.Abs(Math.Round(amount, 2, MidpointRounding.AwayFromZero));
        var (divisor, unit) = abs >= Billion ? (Billion, "B") : abs >= Million ? (Million, "M") : abs >= Thousand ? (Thousand, "K") : (1m, "");
        var shown = Math.Round(amount / divisor, 2, MidpointRounding.AwayFromZero);
        // 999,999.99 rounds to 1000K: show it as 1M instead.
        if (unit != "B" && Math.Abs(shown) >= Thousand)
            (shown, unit) = (Math.Round(amount / (divisor * Thousand), 2, MidpointRounding.AwayFromZero), unit == "" ? "K" : unit == "K" ? "M" : "B");
        return shown.ToString("#,0.##", culture) + unit;
    }

    public static string Amount(Money money, AmountStyle style, IFormatProvider culture) =>
        Amount(money.Amount, style, culture);

    /// <summary>0.25 → "25%", 0.035 → "3.5%", −0.0355 → "-3.55%".</summary>
    public static string Percent(Percent value, IFormatProvider culture) =>
        Math.Round(value.Points, 2, MidpointRounding.AwayFromZero).ToString("0.##", culture) + "%";

    /// <summary>A difference of two rates or scores in points: 7 → "7pt", −3.5 → "-3.5pt".</summary>
    public static string Points(decimal points, IFormatProvider culture) =>
        Math.Round(points, 2, MidpointRounding.AwayFromZero).ToString("0.##", culture) + "pt";
}
