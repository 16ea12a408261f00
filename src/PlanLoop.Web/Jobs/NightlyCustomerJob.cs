using System.Globalization;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Forecasting;

namespace PlanLoop.Web.Jobs;

/// <summary>
/// Runs the customer job (tiers, health, ICP fit, follow-ups) and keeps the month's forecasts (<see cref="KeepForecasts"/>) every night at
/// <c>PlanLoop:Customers:NightlyAt</c> (server local time, default 02:00); off when
/// <c>PlanLoop:Customers:Nightly</c> is false. A failed night is logged and retried the next night;
/// the job itself is safe to interrupt and to run twice.
/// </summary>
public sealed partial class NightlyCustomerJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<NightlyCustomerJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bool.TryParse(configuration["PlanLoop:Customers:Nightly"], out var on) && !on) return;
        var at = TimeOnly.TryParse(configuration["PlanLoop:Customers:NightlyAt"], CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(2, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetLocalNow();
            var next = new DateTimeOffset(DateOnly.FromDateTime(now.DateTime).ToDateTime(at), now.Offset);
            if (next <= now) next = next.AddDays(1);
            LogScheduled(log, next);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<RefreshAccounts>().Handle("nightly", null, null, stoppingToken);
                // The first night after a month closes, each method's forecast of the next three months is kept (later nights add nothing).
                await scope.ServiceProvider.GetRequiredService<KeepForecasts>().Handle(null, stoppingToken);
                LogDone(log, result.Accounts, result.TierChanges, result.FollowUps);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed night must not stop the nights after it
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(log, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly customer job scheduled for {Next}")]
    static partial void LogScheduled(ILogger logger, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly customer job: {Accounts} accounts, {TierChanges} tier changes, {FollowUps} follow-ups")]
    static partial void LogDone(ILogger logger, int accounts, int tierChanges, int followUps);

    [LoggerMessage(Level = LogLevel.Error, Message = "Nightly customer job failed; it runs again tomorrow")]
    static partial void LogFailed(ILogger logger, Exception e);
}
