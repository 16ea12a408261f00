using Microsoft.Extensions.Configuration;

namespace PlanLoop.Features.Customers;

/// <summary>
/// The day business figures are computed for ("as of"): <c>PlanLoop:AsOf</c> when set, the demo's
/// day (the end of Q3 of the 2024 plan year) in demo mode, otherwise today. See docs/decisions/0008.
/// </summary>
public sealed class BusinessDay(IConfiguration configuration, TimeProvider clock)
{
    public DateOnly Today()
    {
        if (DateOnly.TryParse(configuration["PlanLoop:AsOf"], System.Globalization.CultureInfo.InvariantCulture, out var configured)) return configured;
        if (PlanLoopServices.IsDemo(configuration)) return Demo.DemoCustomers.AsOf;
        return DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    }
}
