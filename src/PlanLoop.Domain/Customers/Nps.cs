namespace PlanLoop.Domain.Customers;

/// <summary>Net Promoter Score and its parts over a set of 0–10 answers.</summary>
public sealed record NpsResult(int Answers, int Promoters, int Passives, int Detractors)
{
    /// <summary>% promoters (9–10) − % detractors (0–6), from −100 to 100; null when nobody answered.</summary>
    public decimal? Score => Answers == 0 ? null : (Promoters - Detractors) * 100m / Answers;
}

public static class Nps
{
    public static NpsResult Of(IEnumerable<int> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        int total = 0, promoters = 0, passives = 0, detractors = 0;
        foreach (var a in answers)
        {
            if (a is < 0 or > 10) throw new ArgumentOutOfRangeException(nameof(answers), a, "An NPS answer is from 0 to 10.");
            total++;
            if (a >= 9) promoters++;
            else if (a >= 7) passives++;
            else detractors++;
        }
        return new NpsResult(total, promoters, passives, detractors);
    }
}
