namespace PlanLoop.Web.Infrastructure;

/// <summary>
/// Gives memory back when the server is idle. A whole export or an import's check leaves the heap tens of MB larger than
/// the server needs, and a garbage collector keeps what it once committed (measured: +40–75 MB after checking 10,000
/// accounts, still held 30 s later). Every 10 s this looks at the process: if it allocated almost nothing since the last
/// look (nobody is working) and the GC holds 32 MB more than after the last trim, one aggressive, compacting collection
/// returns the difference to the system (a few tens of ms, only when idle). See docs/decisions/0018.
/// </summary>
sealed partial class IdleMemoryTrim(ILogger<IdleMemoryTrim> log) : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    const long IdleAllocation = 1L << 20;       // under 1 MB allocated in 10 s: idle
    const long Slack = 32L << 20;               // what may be held above the last trim before it is worth a collection

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var floor = GC.GetGCMemoryInfo().TotalCommittedBytes;
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = GC.GetTotalAllocatedBytes();
            var idle = now - allocated < IdleAllocation;
            allocated = now;
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (!idle || committed < floor + Slack)
            {
                floor = Math.Min(floor, committed);
                continue;
            }
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
            LogTrimmed(log, committed >> 20, after >> 20);
            floor = after;
            allocated = GC.GetTotalAllocatedBytes();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idle: returned memory to the system (GC committed {Before} MB → {After} MB)")]
    static partial void LogTrimmed(ILogger logger, long before, long after);
}
