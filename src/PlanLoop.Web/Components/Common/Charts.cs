using System.Globalization;
using MudBlazor;

namespace PlanLoop.Web.Components.Common;

/// <summary>One look for every chart: a handful of readable y-axis ticks (not one every few hundred), grouped digits, month names in the page's language.</summary>
public static class Charts
{
    public static LineChartOptions Line { get; } = new() { MaxNumYAxisTicks = 6, YAxisFormat = "N0" };

    public static BarChartOptions Bar { get; } = new() { MaxNumYAxisTicks = 6, YAxisFormat = "N0" };

    /// <summary>"1月" in Chinese, "Jan" in English.</summary>
    public static string Month(int month) => new DateTime(2024, month, 1).ToString("MMM", CultureInfo.CurrentCulture);
}
