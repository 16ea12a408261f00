namespace PlanLoop.Domain.Amounts;

/// <summary>A share or rate, held as a fraction (0.25 is 25%). Differences of rates are in points (pt).</summary>
public readonly record struct Percent(decimal Fraction) : IComparable<Percent>
{
    public static readonly Percent Zero = new(0m);
    public static readonly Percent Hundred = new(1m);

    public static Percent FromPoints(decimal points) => new(points / 100m);

    /// <summary>The rate in percent points: 25 for 25%.</summary>
    public decimal Points => Fraction * 100m;

    /// <summary>(value − baseline) ÷ baseline, or null when the baseline is zero.</summary>
    public static Percent? Growth(decimal baseline, decimal value) => baseline == 0m ? null : new((value - baseline) / baseline);

    /// <summary>part ÷ whole, or null when the whole is zero.</summary>
    public static Percent? Of(decimal part, decimal whole) => whole == 0m ? null : new(part / whole);

    public Money Of(Money amount) => amount * Fraction;

    public static decimal operator -(Percent a, Percent b) => (a.Fraction - b.Fraction) * 100m;
    public static bool operator <(Percent a, Percent b) => a.Fraction < b.Fraction;
    public static bool operator >(Percent a, Percent b) => a.Fraction > b.Fraction;
    public static bool operator <=(Percent a, Percent b) => a.Fraction <= b.Fraction;
    public static bool operator >=(Percent a, Percent b) => a.Fraction >= b.Fraction;

    public int CompareTo(Percent other) => Fraction.CompareTo(other.Fraction);

    public override string ToString() => Formatting.Figures.Percent(this, System.Globalization.CultureInfo.InvariantCulture);
}
