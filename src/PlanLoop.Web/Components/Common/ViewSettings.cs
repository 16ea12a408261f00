using System.Globalization;
using PlanLoop.Domain.Formatting;

namespace PlanLoop.Web.Components.Common;

/// <summary>How the signed-in person wants figures shown; loaded once per circuit by the main layout.</summary>
public sealed class ViewSettings
{
    public AmountStyle AmountStyle { get; set; } = AmountStyle.WanYi;

    public string Amount(decimal value) => Figures.Amount(value, AmountStyle, CultureInfo.CurrentCulture);
}
