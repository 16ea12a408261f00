namespace PlanLoop.Domain.Forecasting;

/// <summary>
/// What a method said, on the day it said it, about one month of the company's revenue: kept for good (never changed)
/// so that once the month has closed its error can be computed against what was booked — the methods' record for
/// this company, beside the rolling-origin backtest that replays them on today's data.
/// </summary>
public sealed class KeptForecast
{
    KeptForecast() { Model = ""; }

    public KeptForecast(DateOnly madeOn, ForecastMethod method, string model, DateOnly month, decimal forecast, decimal lower80, decimal upper80, DateTime recordedAt) : this()
    {
        if (month.Day != 1) throw new ArgumentException("A month is named by its first day.", nameof(month));
        if (month <= madeOn) throw new ArgumentException("A kept forecast is of a month that had not begun when it was made.", nameof(month));
        (Id, MadeOn, Method, Model, Month, Forecast, Lower80, Upper80, RecordedAt) =
            (Guid.NewGuid(), madeOn, method, model.Length > MaximumModel ? model[..MaximumModel] : model, month, forecast, lower80, upper80, recordedAt);
    }

    public const int MaximumModel = 200;

    public Guid Id { get; private set; }
    /// <summary>The business day the forecast was made on: the last day of a closed month.</summary>
    public DateOnly MadeOn { get; private set; }
    public ForecastMethod Method { get; private set; }
    public string Model { get; private set; }
    /// <summary>The month forecast (its first day).</summary>
    public DateOnly Month { get; private set; }
    public decimal Forecast { get; private set; }
    public decimal Lower80 { get; private set; }
    public decimal Upper80 { get; private set; }
    public DateTime RecordedAt { get; private set; }

    /// <summary>How many months after it was made a forecast is of (1 = the month right after).</summary>
    public int Ahead => (Month.Year - MadeOn.Year) * 12 + Month.Month - MadeOn.Month;
}
