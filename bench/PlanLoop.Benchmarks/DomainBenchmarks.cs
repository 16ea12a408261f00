using BenchmarkDotNet.Attributes;
using PlanLoop.Domain.Amounts;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Monitoring;
using PlanLoop.Domain.Planning;

namespace PlanLoop.Benchmarks;

/// <summary>Splitting money to the fen: a year's target over 12 months, and over a thousand accounts.</summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    readonly Money year = Money.Cny(150_000_000m);
    decimal[] months = [];
    decimal[] accounts = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        months = [.. Enumerable.Range(0, 12).Select(_ => (decimal)random.Next(50, 150))];
        accounts = [.. Enumerable.Range(0, 1_000).Select(_ => (decimal)random.Next(1, 10_000))];
    }

    [Benchmark]
    public IReadOnlyList<Money> TwelveMonths() => year.Allocate(months);

    [Benchmark]
    public IReadOnlyList<Money> ThousandAccounts() => year.Allocate(accounts);

    [Benchmark]
    public VarianceEffects PriceVolumeMixOfTenSegments() => PriceVolumeMix.Decompose(
        [.. Enumerable.Range(0, 10).Select(i => new Segment($"S{i}", 1_000_000m + (i * 10_000m), 100m + i, 1_100_000m - (i * 7_000m), 90 + (i * 2)))]);
}

/// <summary>Iterative proportional fitting of the target cube (regions × months × product lines × channels).</summary>
[MemoryDiagnoser]
public class IpfBenchmarks
{
    List<CubeAxis> axes = [];
    double[] prior = [];

    [Params("4x12x10x4", "8x12x30x4")]
    public string Shape { get; set; } = "4x12x10x4";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var dims = Shape.Split('x').Select(int.Parse).ToArray();
        axes = [.. dims.Select((n, i) => new CubeAxis((Dimension)(i % 7), [.. Enumerable.Range(0, n).Select(m => $"m{m}")],
            [.. Money.Cny(150_000_000m).Allocate([.. Enumerable.Range(0, n).Select(_ => (decimal)random.Next(1, 100))]).Select(m => m.Amount)]))];
        prior = [.. Enumerable.Range(0, dims.Aggregate(1, (a, b) => a * b)).Select(_ => 0.05 + random.NextDouble())];
    }

    [Benchmark]
    public CubeFit Fit() => TargetCube.Fit(axes, prior: prior, tolerance: 1e-9);
}

/// <summary>Scoring a customer's health from its facts (what the nightly job does per account).</summary>
[MemoryDiagnoser]
public class HealthBenchmarks
{
    HealthFacts[] facts = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        facts = [.. Enumerable.Range(0, 1_000).Select(_ => new HealthFacts(random.Next(0, 30), 12, random.Next(0, 2_000_000), random.Next(0, 2_000_000),
            random.Next(2) == 0 ? null : random.Next(60, 100), random.Next(3) == 0 ? null : random.Next(0, 11), random.Next(0, 500_000), random.Next(0, 100_000)))];
    }

    [Benchmark(OperationsPerInvoke = 1_000)]
    public decimal ThousandAccounts()
    {
        var sum = 0m;
        foreach (var f in facts) sum += HealthScore.Of(f, HealthModel.Default).Score;
        return sum;
    }
}

/// <summary>Working-day arithmetic on the official 2024–2026 calendar (SLA clocks, approval cycles).</summary>
[MemoryDiagnoser]
public class WorkingDayBenchmarks
{
    readonly WorkingCalendar calendar = new(ChinaHolidays.Official2024To2026);

    [Benchmark]
    public DateOnly AddFifteenWorkingDays() => calendar.AddWorkingDays(new DateOnly(2024, 9, 27), 15);

    [Benchmark]
    public int WorkingDaysInAYear() => calendar.WorkingDaysBetween(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
}
