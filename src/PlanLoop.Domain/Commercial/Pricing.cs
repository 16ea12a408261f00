using PlanLoop.Domain.Customers;

namespace PlanLoop.Domain.Commercial;

/// <summary>The pricing policy of a customer tier (seed §4.3): A value pricing, B the market's price, C penetration pricing.</summary>
public enum PricingMethod
{
    /// <summary>价值定价: list × (1 + premium), the seed's +15%.</summary>
    Value,

    /// <summary>竞争定价: level with the market average — the product's entered reference price (list without one).</summary>
    Market,

    /// <summary>渗透定价: list × (1 − discount), never under the product's floor.</summary>
    Penetration,
}

/// <summary>A tier's rule in a price book; <see cref="Rate"/> is the premium (Value) or the discount (Penetration) as a fraction, unused for Market.</summary>
public sealed record TierPricing(CustomerTier Tier, PricingMethod Method, decimal Rate = 0m);

/// <summary>From <see cref="MinQuantity"/> units on a line, the unit price is <see cref="Discount"/> lower (a fraction).</summary>
public sealed record VolumeBreak(decimal MinQuantity, decimal Discount);

/// <summary>A product in a price book: list price, the market's reference price, the floor no price goes under, volume breaks.</summary>
public sealed record PriceEntry(string ProductCode, decimal ListPrice, decimal? ReferencePrice, decimal? FloorPrice, IReadOnlyList<VolumeBreak> Breaks);

/// <summary>One step of a price: what was done (list, value, market, penetration, volume, floor), the rate it applied and the unit price after it.</summary>
public sealed record PriceStep(string Step, decimal? Rate, decimal UnitPrice);

/// <summary>A unit price with the chain that made it; <see cref="AtFloor"/> when the floor held it up.</summary>
public sealed record PricedUnit(string ProductCode, decimal UnitPrice, IReadOnlyList<PriceStep> Steps, bool AtFloor)
{
    /// <summary>The chain as a person reads it: "list 10,000.00 → value +15% → 11,500.00 → volume −5% → 10,925.00".</summary>
    public string Explain() => string.Join(" → ", Steps.Select((s, i) => i == 0
        ? $"list {s.UnitPrice.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)}"
        : $"{s.Step}{(s.Rate is { } r ? " " + r.ToString("+0.##%;-0.##%", System.Globalization.CultureInfo.InvariantCulture) : "")} → {s.UnitPrice.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// The unit price of a product for an account's tier and a line's quantity, one documented chain: list → the tier's
/// rule → the highest volume break the quantity reaches → the floor. Each step is rounded to the fen (half away from
/// zero) before the next applies, so the explanation's figures are the figures charged.
/// </summary>
public static class Pricing
{
    public const decimal MaxPrice = 1_000_000_000m;

    public static PricedUnit Price(PriceEntry entry, TierPricing rule, decimal quantity)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        static decimal Fen(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
        var steps = new List<PriceStep> { new("list", null, Fen(entry.ListPrice)) };
        var price = steps[0].UnitPrice;
        switch (rule.Method)
        {
            case PricingMethod.Value:
                price = Fen(price * (1m + rule.Rate));
                steps.Add(new("value", rule.Rate, price));
                break;
            case PricingMethod.Market when entry.ReferencePrice is { } market:
                steps.Add(new("market", price == 0m ? null : Math.Round((market / price) - 1m, 4, MidpointRounding.AwayFromZero), price = Fen(market)));
                break;
            case PricingMethod.Penetration:
                price = Fen(price * (1m - rule.Rate));
                steps.Add(new("penetration", -rule.Rate, price));
                break;
        }
        if (entry.Breaks.Where(b => quantity >= b.MinQuantity).MaxBy(b => b.MinQuantity) is { } step)
        {
            price = Fen(price * (1m - step.Discount));
            steps.Add(new("volume", -step.Discount, price));
        }
        var atFloor = entry.FloorPrice is { } floor && price < floor;
        if (atFloor)
        {
            price = Fen(entry.FloorPrice!.Value);
            steps.Add(new("floor", null, price));
        }
        return new PricedUnit(entry.ProductCode, price, steps, atFloor);
    }

    /// <summary>What is wrong with an entry, by field: negative or absurd prices, a floor above list, discounts outside 0–100%, breaks that do not rise.</summary>
    public static Dictionary<string, string[]> Errors(PriceEntry entry, string at = "")
    {
        ArgumentNullException.ThrowIfNull(entry);
        var errors = new Dictionary<string, string[]>();
        void Check(string field, decimal? value)
        {
            if (value is < 0m or > MaxPrice) errors[$"{at}{field}"] = [$"{entry.ProductCode}: a price is between 0 and {MaxPrice:#,0}."];
        }
        Check("listPrice", entry.ListPrice);
        Check("referencePrice", entry.ReferencePrice);
        Check("floorPrice", entry.FloorPrice);
        if (entry.FloorPrice is { } f && f > entry.ListPrice && !errors.ContainsKey($"{at}floorPrice")) errors[$"{at}floorPrice"] = [$"{entry.ProductCode}: the floor ({f:0.00}) is above the list price ({entry.ListPrice:0.00})."];
        for (var i = 0; i < entry.Breaks.Count; i++)
        {
            var b = entry.Breaks[i];
            if (b.Discount is < 0m or >= 1m) errors[$"{at}breaks[{i}].discount"] = [$"{entry.ProductCode}: a volume discount is at least 0% and under 100%."];
            if (b.MinQuantity <= 0m) errors[$"{at}breaks[{i}].minQuantity"] = [$"{entry.ProductCode}: a volume break starts above 0 units."];
            else if (i > 0 && (b.MinQuantity <= entry.Breaks[i - 1].MinQuantity || b.Discount <= entry.Breaks[i - 1].Discount))
                errors[$"{at}breaks[{i}]"] = [$"{entry.ProductCode}: each volume break starts at more units and gives more discount than the one before."];
        }
        return errors;
    }

    /// <summary>What is wrong with a tier's rule: a premium or a discount outside 0–100%.</summary>
    public static Dictionary<string, string[]> Errors(TierPricing rule, string at = "")
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new Dictionary<string, string[]>();
        if (rule.Method != PricingMethod.Market && rule.Rate is < 0m or >= 1m) errors[$"{at}rate"] = [$"Tier {rule.Tier}: a premium or a discount is at least 0% and under 100%."];
        return errors;
    }
}

/// <summary>
/// A price book: for a channel (null: every channel without its own book) from a day to a day (null: open), the rule of
/// each customer tier and each product's entry. Books of the same channel never overlap in time.
/// </summary>
public sealed record PriceBook(string Name, string? Channel, DateOnly From, DateOnly? To, IReadOnlyList<TierPricing> Tiers, IReadOnlyList<PriceEntry> Entries)
{
    public bool Covers(DateOnly day) => day >= From && (To is null || day <= To);
}

/// <summary>Which book prices a sale, and the checks that keep books consistent.</summary>
public static class PriceBooks
{
    /// <summary>
    /// The price of a product for an account's tier and channel on a day: the channel's own book in force that day, else
    /// the book for every channel; null with the reason when no book, no entry or no tier rule applies.
    /// </summary>
    public static PricedUnit? Price(IReadOnlyList<PriceBook> books, string productCode, CustomerTier tier, string? channel, DateOnly day, decimal quantity, out string? missing)
    {
        ArgumentNullException.ThrowIfNull(books);
        var book = books.FirstOrDefault(b => b.Channel is not null && b.Channel == channel && b.Covers(day)) ?? books.FirstOrDefault(b => b.Channel is null && b.Covers(day));
        missing = book is null ? $"no price book in force on {day:yyyy-MM-dd}"
            : book.Entries.All(e => e.ProductCode != productCode) ? $"{productCode} is not in the price book {book.Name}"
            : book.Tiers.All(t => t.Tier != tier) ? $"the price book {book.Name} has no rule for tier {tier}"
            : null;
        return missing is null ? Pricing.Price(book!.Entries.First(e => e.ProductCode == productCode), book.Tiers.First(t => t.Tier == tier), quantity) : null;
    }

    /// <summary>Every problem of a set of books by field (books[1].to, books[0].entries[3].listPrice …): dates, overlaps, duplicate products or tiers, bad entries.</summary>
    public static Dictionary<string, string[]> Errors(IReadOnlyList<PriceBook> books)
    {
        ArgumentNullException.ThrowIfNull(books);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < books.Count; i++)
        {
            var b = books[i];
            var at = $"books[{i}]";
            if (string.IsNullOrWhiteSpace(b.Name)) errors[$"{at}.name"] = ["A price book needs a name."];
            if (b.To is { } to && to < b.From) errors[$"{at}.to"] = [$"{b.Name}: ends ({to:yyyy-MM-dd}) before it starts ({b.From:yyyy-MM-dd})."];
            for (var j = 0; j < i; j++)
            {
                var o = books[j];
                if (o.Channel == b.Channel && b.From <= (o.To ?? DateOnly.MaxValue) && o.From <= (b.To ?? DateOnly.MaxValue))
                    errors[$"{at}.from"] = [$"{b.Name} overlaps {o.Name} for {(b.Channel ?? "every channel")} ({Span(o)} and {Span(b)})."];
            }
            foreach (var dup in b.Tiers.GroupBy(t => t.Tier).Where(g => g.Count() > 1)) errors[$"{at}.tiers"] = [$"{b.Name}: tier {dup.Key} has two rules."];
            for (var k = 0; k < b.Tiers.Count; k++)
                foreach (var (field, messages) in Pricing.Errors(b.Tiers[k], $"{at}.tiers[{k}].")) errors[field] = messages;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < b.Entries.Count; k++)
            {
                if (!seen.Add(b.Entries[k].ProductCode)) errors[$"{at}.entries[{k}].productCode"] = [$"{b.Name}: {b.Entries[k].ProductCode} is in the book twice."];
                foreach (var (field, messages) in Pricing.Errors(b.Entries[k], $"{at}.entries[{k}].")) errors[field] = messages;
            }
        }
        return errors;
    }

    static string Span(PriceBook b) => $"{b.From:yyyy-MM-dd}–{(b.To is { } t ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "open")}";
}
