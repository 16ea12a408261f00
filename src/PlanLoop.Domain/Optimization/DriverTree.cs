namespace PlanLoop.Domain.Optimization;

/// <summary>The drivers of the revenue tree, in the order a person reads them (funnel, deal, customers, policy, money, people).</summary>
public enum Driver
{
    /// <summary>Leads a year (a count).</summary>
    Leads,

    /// <summary>线索合格率: qualified leads ÷ leads worked.</summary>
    QualifiedRate,

    /// <summary>Opportunities opened ÷ qualified leads.</summary>
    OpportunityRate,

    /// <summary>赢单率: won ÷ (won + lost).</summary>
    WinRate,

    /// <summary>New business per won deal (yuan).</summary>
    AverageDeal,

    /// <summary>Existing customers who buy again in the year (a count).</summary>
    RetainedCustomers,

    /// <summary>What an existing customer buys in a year (yuan).</summary>
    RevenuePerRetained,

    /// <summary>New customers per won deal.</summary>
    NewCustomerShare,

    /// <summary>捆绑销售: the lift of every deal's size (fraction, the seed's +12%).</summary>
    BundleUplift,

    /// <summary>返点: rebates as a fraction of gross revenue.</summary>
    RebateRate,

    /// <summary>A product line's price (a factor on the line's share of each deal; 1 = today's price).</summary>
    Price,

    /// <summary>毛利率: gross margin of revenue at today's prices.</summary>
    GrossMargin,

    /// <summary>回款率: cash collected ÷ revenue.</summary>
    CollectionRate,

    /// <summary>Days from opportunity to won: a deal opened later than a cycle before the year's end closes next year.</summary>
    CycleDays,

    /// <summary>Sellers working the leads of a direct segment (leads follow the sellers).</summary>
    Heads,
}

/// <summary>How a change moves a driver: by a percentage of its value (0.1 = +10%), or to a value.</summary>
public enum ChangeKind
{
    Percent,
    Set,
}

/// <summary>
/// One change of a scenario: a driver moved by a percentage or set to a value, in every segment or only a channel's, a
/// region's or one segment's; a price change names its product line (Set 0.05 = 5% above today's price).
/// </summary>
public sealed record DriverChange(Driver Driver, ChangeKind Kind, decimal Value, string? Channel = null, string? Region = null, string? ProductLine = null);

/// <summary>
/// A segment (channel × region) as its drivers: the tree reproduces its revenue, customers and collection exactly at
/// the measured values. <see cref="Mix"/> is the revenue share of each product line, <see cref="Prices"/> each line's
/// price factor (1 = today).
/// </summary>
public sealed record SegmentDrivers(string Channel, string Region, decimal Leads, decimal QualifiedRate, decimal OpportunityRate, decimal WinRate, decimal AverageDeal,
    decimal RetainedCustomers, decimal RevenuePerRetained, decimal NewCustomerShare, decimal BundleUplift, decimal RebateRate, decimal GrossMargin, decimal CollectionRate,
    decimal CycleDays, decimal Heads, IReadOnlyDictionary<string, decimal> Mix, IReadOnlyDictionary<string, decimal> Prices)
{
    public string Key => $"{Channel}·{Region}";

    public decimal Get(Driver driver) => driver switch
    {
        Driver.Leads => Leads,
        Driver.QualifiedRate => QualifiedRate,
        Driver.OpportunityRate => OpportunityRate,
        Driver.WinRate => WinRate,
        Driver.AverageDeal => AverageDeal,
        Driver.RetainedCustomers => RetainedCustomers,
        Driver.RevenuePerRetained => RevenuePerRetained,
        Driver.NewCustomerShare => NewCustomerShare,
        Driver.BundleUplift => BundleUplift,
        Driver.RebateRate => RebateRate,
        Driver.GrossMargin => GrossMargin,
        Driver.CollectionRate => CollectionRate,
        Driver.CycleDays => CycleDays,
        Driver.Heads => Heads,
        _ => throw new ArgumentOutOfRangeException(nameof(driver), driver, "A price belongs to a product line."),
    };

    public SegmentDrivers With(Driver driver, decimal value) => driver switch
    {
        Driver.Leads => this with { Leads = value },
        Driver.QualifiedRate => this with { QualifiedRate = value },
        Driver.OpportunityRate => this with { OpportunityRate = value },
        Driver.WinRate => this with { WinRate = value },
        Driver.AverageDeal => this with { AverageDeal = value },
        Driver.RetainedCustomers => this with { RetainedCustomers = value },
        Driver.RevenuePerRetained => this with { RevenuePerRetained = value },
        Driver.NewCustomerShare => this with { NewCustomerShare = value },
        Driver.BundleUplift => this with { BundleUplift = value },
        Driver.RebateRate => this with { RebateRate = value },
        Driver.GrossMargin => this with { GrossMargin = value },
        Driver.CollectionRate => this with { CollectionRate = value },
        Driver.CycleDays => this with { CycleDays = value },
        Driver.Heads => this with { Heads = value },
        _ => throw new ArgumentOutOfRangeException(nameof(driver), driver, "A price belongs to a product line."),
    };

    public SegmentDrivers WithPrice(string line, decimal factor) => this with { Prices = new Dictionary<string, decimal>(Prices) { [line] = factor } };

    /// <summary>Takes one driver (every line's price for <see cref="Driver.Price"/>) from another state of the same segment.</summary>
    public SegmentDrivers Take(Driver driver, SegmentDrivers from)
    {
        ArgumentNullException.ThrowIfNull(from);
        return driver == Driver.Price ? this with { Prices = from.Prices } : With(driver, from.Get(driver));
    }

    /// <summary>The deal-size factor of the prices: 1 + Σ share × (factor − 1).</summary>
    public decimal PriceFactor => 1m + Mix.Sum(m => m.Value * (Prices.GetValueOrDefault(m.Key, 1m) - 1m));
}

/// <summary>What a segment comes to: won deals, gross revenue, rebates, revenue net of rebates, margin after rebates, cash collected, customers.</summary>
public sealed record SegmentOutcome(string Channel, string Region, decimal Wins, decimal Gross, decimal Rebates, decimal Revenue, decimal Margin, decimal Collection, decimal Customers);

/// <summary>The year as the tree sees it: the sums of the segments (money to the fen, counts to two decimals).</summary>
public sealed record TreeOutcome(decimal Gross, decimal Rebates, decimal Revenue, decimal Margin, decimal Collection, decimal Customers, decimal Wins, IReadOnlyList<SegmentOutcome> Segments)
{
    public decimal? MarginRate => Revenue == 0m ? null : Margin / Revenue;

    public decimal? CollectionRate => Revenue == 0m ? null : Collection / Revenue;

    public static TreeOutcome Of(IReadOnlyList<SegmentOutcome> segments) => new(segments.Sum(s => s.Gross), segments.Sum(s => s.Rebates), segments.Sum(s => s.Revenue),
        segments.Sum(s => s.Margin), segments.Sum(s => s.Collection), segments.Sum(s => s.Customers), segments.Sum(s => s.Wins), segments);
}

/// <summary>A driver's share of the difference between the scenario and the base in each measure (Shapley: the shares add up to the difference exactly).</summary>
public sealed record Contribution(Driver Driver, decimal Revenue, decimal Margin, decimal Collection, decimal Customers);

/// <summary>Revenue with one driver moved down and up by the step from the scenario, every other driver held.</summary>
public sealed record TornadoBar(Driver Driver, decimal Low, decimal High)
{
    public decimal Span => Math.Abs(High - Low);
}

public sealed record ScenarioResult(TreeOutcome Base, TreeOutcome Scenario, IReadOnlyList<Contribution> Contributions, IReadOnlyList<TornadoBar> Tornado, decimal Step,
    IReadOnlyList<SegmentDrivers> Drivers);

/// <summary>
/// Revenue, margin, collection and customers as a tree of drivers per segment (channel × region):
/// new wins = leads × (heads ÷ base heads) × qualified rate × opportunity rate × win rate × (in-year share at the cycle ÷ at the base cycle);
/// volume = (new wins × average deal + retained customers × revenue per retained) × (1 + bundle uplift);
/// gross = volume × price factor; rebates = gross × rebate rate; revenue = gross − rebates;
/// margin = revenue − volume × (1 − gross margin) (a price rise is all margin); collection = revenue × collection rate;
/// customers = retained + new wins × new customers per win.
/// A scenario is a list of changes; each changed driver's contribution to the difference is its Shapley value (the average
/// of what it adds over every order of switching the changed drivers on), so the contributions add up to the difference.
/// </summary>
public static class DriverTree
{
    public const int MaxChanges = 100;
    public const int MaxPlayers = 15;
    const decimal YearDays = 365m;

    /// <summary>Rates held as fractions between 0 and 1.</summary>
    public static bool IsRate(Driver d) => d is Driver.QualifiedRate or Driver.OpportunityRate or Driver.WinRate or Driver.RebateRate or Driver.GrossMargin or Driver.CollectionRate;

    /// <summary>The highest value a driver may take.</summary>
    public static decimal Ceiling(Driver d) => d switch
    {
        _ when IsRate(d) => 1m,
        Driver.CycleDays => 3650m,
        Driver.BundleUplift => 10m,
        Driver.Price => 10m,
        Driver.NewCustomerShare => 100m,
        Driver.Leads or Driver.RetainedCustomers or Driver.Heads => 1_000_000_000m,
        _ => 1_000_000_000_000m,
    };

    /// <summary>The scenario's drivers, or the errors by change (changes[2].value …) and nothing else.</summary>
    public static IReadOnlyList<SegmentDrivers> Apply(IReadOnlyList<SegmentDrivers> segments, IReadOnlyList<DriverChange> changes, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(errors);
        if (changes.Count > MaxChanges) errors["changes"] = [$"At most {MaxChanges} changes in a scenario."];
        var result = segments.ToList();
        for (var i = 0; i < changes.Count && i < MaxChanges; i++)
        {
            var c = changes[i];
            var at = $"changes[{i}]";
            if (!Enum.IsDefined(c.Driver)) { errors[$"{at}.driver"] = ["Not a driver of the tree."]; continue; }
            if (decimal.Round(c.Value, 4) != c.Value) { errors[$"{at}.value"] = ["A change has at most four decimals (0.1234)."]; continue; }
            if (c.Kind == ChangeKind.Percent && c.Value is < -1m or > 10m) { errors[$"{at}.value"] = ["A change by percent is between −100% and +1000% (−1 to 10)."]; continue; }
            if (c.Kind == ChangeKind.Set && (c.Driver == Driver.Price ? c.Value is < -1m or > 9m : c.Value < 0m || c.Value > Ceiling(c.Driver)))
            {
                errors[$"{at}.value"] = [c.Driver == Driver.Price ? "A price change is between −100% and +900% (−1 to 9)."
                    : $"{c.Driver} is between 0 and {Ceiling(c.Driver):#,0.##}{(IsRate(c.Driver) ? " (a fraction: 0.4 = 40%)" : "")}."];
                continue;
            }
            if (c.Channel is not null && segments.All(s => s.Channel != c.Channel)) { errors[$"{at}.channel"] = [$"No segment of channel '{c.Channel}'."]; continue; }
            if (c.Region is not null && segments.All(s => s.Region != c.Region)) { errors[$"{at}.region"] = [$"No segment of region '{c.Region}'."]; continue; }
            if (c.Driver == Driver.Price)
            {
                if (c.ProductLine is null) { errors[$"{at}.productLine"] = ["A price change names its product line."]; continue; }
                if (segments.All(s => !s.Mix.ContainsKey(c.ProductLine))) { errors[$"{at}.productLine"] = [$"No revenue of product line '{c.ProductLine}' to price."]; continue; }
            }
            else if (c.ProductLine is not null) { errors[$"{at}.productLine"] = ["Only a price change names a product line."]; continue; }
            var touched = false;
            for (var s = 0; s < result.Count; s++)
            {
                var seg = result[s];
                if ((c.Channel is not null && seg.Channel != c.Channel) || (c.Region is not null && seg.Region != c.Region)) continue;
                touched = true;
                if (c.Driver == Driver.Price)
                {
                    var now = seg.Prices.GetValueOrDefault(c.ProductLine!, 1m);
                    result[s] = seg.WithPrice(c.ProductLine!, c.Kind == ChangeKind.Percent ? now * (1m + c.Value) : 1m + c.Value);
                    continue;
                }
                var value = c.Kind == ChangeKind.Percent ? seg.Get(c.Driver) * (1m + c.Value) : c.Value;
                if (value > Ceiling(c.Driver))
                {
                    errors[$"{at}.value"] = [$"{c.Driver} of {seg.Key} would be {value:0.####}, above {Ceiling(c.Driver):#,0.##}."];
                    break;
                }
                result[s] = seg.With(c.Driver, value);
            }
            if (!touched) errors[$"{at}"] = ["The change reaches no segment (no segment of that channel in that region)."];
        }
        return errors.Count > 0 ? segments : result;
    }

    /// <summary>The share of a year's opened deals that close within it when a deal takes <paramref name="days"/>.</summary>
    public static decimal InYear(decimal days) => Math.Max(0m, 1m - (days / YearDays));

    public static SegmentOutcome Evaluate(SegmentDrivers origin, SegmentDrivers now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(now);
        var heads = origin.Heads > 0m ? now.Heads / origin.Heads : 1m;
        var cycle = InYear(origin.CycleDays) is var b and > 0m ? InYear(now.CycleDays) / b : 1m;
        var wins = now.Leads * heads * now.QualifiedRate * now.OpportunityRate * now.WinRate * cycle;
        var volume = ((wins * now.AverageDeal) + (now.RetainedCustomers * now.RevenuePerRetained)) * (1m + now.BundleUplift);
        var gross = Math.Round(volume * now.PriceFactor, 2, MidpointRounding.AwayFromZero);
        var rebates = Math.Round(gross * now.RebateRate, 2, MidpointRounding.AwayFromZero);
        var revenue = gross - rebates;
        var cost = Math.Round(volume * (1m - now.GrossMargin), 2, MidpointRounding.AwayFromZero);
        return new SegmentOutcome(now.Channel, now.Region, Math.Round(wins, 2, MidpointRounding.AwayFromZero), gross, rebates, revenue, revenue - cost,
            Math.Round(revenue * now.CollectionRate, 2, MidpointRounding.AwayFromZero),
            Math.Round(now.RetainedCustomers + (wins * now.NewCustomerShare), 2, MidpointRounding.AwayFromZero));
    }

    public static TreeOutcome Evaluate(IReadOnlyList<SegmentDrivers> origin, IReadOnlyList<SegmentDrivers> now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(now);
        return TreeOutcome.Of([.. origin.Zip(now, Evaluate)]);
    }

    /// <summary>The drivers that differ between the base and the scenario in any segment.</summary>
    public static IReadOnlyList<Driver> Changed(IReadOnlyList<SegmentDrivers> origin, IReadOnlyList<SegmentDrivers> now) =>
        [.. Enum.GetValues<Driver>().Where(d => origin.Zip(now).Any(p => d == Driver.Price
            ? p.First.Mix.Keys.Concat(p.Second.Prices.Keys).Any(l => p.First.Prices.GetValueOrDefault(l, 1m) != p.Second.Prices.GetValueOrDefault(l, 1m))
            : p.First.Get(d) != p.Second.Get(d)))];

    /// <summary>
    /// Each changed driver's Shapley value in each measure: Σ over the subsets S of the other changed drivers of
    /// |S|!(n−|S|−1)!/n! × (v(S ∪ {d}) − v(S)), v evaluated with the drivers of S at the scenario's values. Rounded to the
    /// fen (customers to 0.01) with the rounding left on the largest share, so the shares add up to the difference exactly.
    /// </summary>
    public static IReadOnlyList<Contribution> Contributions(IReadOnlyList<SegmentDrivers> origin, IReadOnlyList<SegmentDrivers> now)
    {
        var players = Changed(origin, now);
        var n = players.Count;
        if (n == 0) return [];
        if (n > MaxPlayers) throw new ArgumentException($"At most {MaxPlayers} drivers change in a scenario.", nameof(now));
        var values = new TreeOutcome[1 << n];
        for (var mask = 0; mask < values.Length; mask++)
        {
            var m = mask;
            var mixed = origin.Select((seg, i) =>
            {
                for (var p = 0; p < n; p++) if ((m & (1 << p)) != 0) seg = seg.Take(players[p], now[i]);
                return seg;
            }).ToList();
            values[mask] = Evaluate(origin, mixed);
        }
        var factorial = new decimal[n + 1];
        factorial[0] = 1m;
        for (var i = 1; i <= n; i++) factorial[i] = factorial[i - 1] * i;
        var raw = new decimal[n, 4];
        for (var p = 0; p < n; p++)
            for (var mask = 0; mask < values.Length; mask++)
            {
                if ((mask & (1 << p)) != 0) continue;
                var size = System.Numerics.BitOperations.PopCount((uint)mask);
                var weight = factorial[size] * factorial[n - size - 1] / factorial[n];
                var with = values[mask | (1 << p)];
                var without = values[mask];
                raw[p, 0] += weight * (with.Revenue - without.Revenue);
                raw[p, 1] += weight * (with.Margin - without.Margin);
                raw[p, 2] += weight * (with.Collection - without.Collection);
                raw[p, 3] += weight * (with.Customers - without.Customers);
            }
        var all = values[^1];
        var none = values[0];
        decimal[] totals = [all.Revenue - none.Revenue, all.Margin - none.Margin, all.Collection - none.Collection, all.Customers - none.Customers];
        var rounded = new decimal[n, 4];
        for (var k = 0; k < 4; k++)
        {
            var largest = 0;
            for (var p = 0; p < n; p++)
            {
                rounded[p, k] = Math.Round(raw[p, k], 2, MidpointRounding.AwayFromZero);
                if (Math.Abs(raw[p, k]) > Math.Abs(raw[largest, k])) largest = p;
            }
            var sum = 0m;
            for (var p = 0; p < n; p++) sum += rounded[p, k];
            rounded[largest, k] += totals[k] - sum;
        }
        return [.. players.Select((d, p) => new Contribution(d, rounded[p, 0], rounded[p, 1], rounded[p, 2], rounded[p, 3]))
            .OrderByDescending(c => Math.Abs(c.Revenue)).ThenBy(c => c.Driver)];
    }

    /// <summary>
    /// Revenue with each driver (every segment's, every line's price) moved by ∓ <paramref name="step"/> of its value in the
    /// scenario, one at a time (rates no higher than 1), widest first; drivers that are zero everywhere move nothing and are left out.
    /// </summary>
    public static IReadOnlyList<TornadoBar> Tornado(IReadOnlyList<SegmentDrivers> origin, IReadOnlyList<SegmentDrivers> now, decimal step)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(now);
        List<SegmentDrivers> Moved(Driver d, decimal by) => [.. now.Select(s => d == Driver.Price
            ? s with { Prices = s.Mix.Keys.ToDictionary(l => l, l => s.Prices.GetValueOrDefault(l, 1m) * (1m + by)) }
            : s.With(d, Math.Min(Ceiling(d), s.Get(d) * (1m + by))))];
        return [.. Enum.GetValues<Driver>()
            .Where(d => d == Driver.Price ? now.Any(s => s.Mix.Count > 0) : now.Any(s => s.Get(d) != 0m))
            .Select(d => new TornadoBar(d, Evaluate(origin, Moved(d, -step)).Revenue, Evaluate(origin, Moved(d, step)).Revenue))
            .Where(b => b.Span > 0m)
            .OrderByDescending(b => b.Span).ThenBy(b => b.Driver)];
    }

    /// <summary>
    /// A change written as text: <c>DRIVER[@CHANNEL|*][/REGION][:PRODUCTLINE]=+10%</c> moves the driver by a percentage,
    /// <c>=0.45</c> sets it (a price: <c>price:CORE-A=+5%</c>). Null with the reason when the text is not a change.
    /// </summary>
    public static DriverChange? ParseChange(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) { error = "a change is DRIVER[@CHANNEL][/REGION][:LINE]=+10% or =VALUE"; return null; }
        var (left, right) = (text[..eq].Trim(), text[(eq + 1)..].Trim());
        string? line = null, channel = null, region = null;
        if (left.IndexOf(':', StringComparison.Ordinal) is var colon and > 0) (left, line) = (left[..colon], left[(colon + 1)..]);
        if (left.IndexOf('/', StringComparison.Ordinal) is var slash and > 0) (left, region) = (left[..slash], left[(slash + 1)..]);
        if (left.IndexOf('@', StringComparison.Ordinal) is var at and > 0) (left, channel) = (left[..at], left[(at + 1)..]);
        if (channel == "*") channel = null;
        if (!Enum.TryParse<Driver>(left, true, out var driver) || int.TryParse(left, out _)) { error = $"'{left}' is not a driver ({string.Join(", ", Enum.GetNames<Driver>())})"; return null; }
        var percent = right.EndsWith('%');
        if (!decimal.TryParse(percent ? right[..^1] : right, System.Globalization.NumberStyles.Number | System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out var value)) { error = $"'{right}' is not a number or a percentage"; return null; }
        return new DriverChange(driver, percent ? ChangeKind.Percent : ChangeKind.Set, percent ? value / 100m : value, Blank(channel), Blank(region), Blank(line));
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The scenario against the base: both outcomes, each changed driver's contribution and the tornado; or the errors.</summary>
    public static ScenarioResult? Run(IReadOnlyList<SegmentDrivers> origin, IReadOnlyList<DriverChange> changes, decimal step, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (step is <= 0m or > 0.5m) errors["step"] = ["The tornado's step is above 0 and at most 0.5 (0.1 = ±10%)."];
        var now = Apply(origin, changes, errors);
        if (errors.Count > 0) return null;
        if (Changed(origin, now).Count > MaxPlayers) { errors["changes"] = [$"At most {MaxPlayers} different drivers change in a scenario."]; return null; }
        return new ScenarioResult(Evaluate(origin, origin), Evaluate(origin, now), Contributions(origin, now), Tornado(origin, now, step), step, now);
    }
}
