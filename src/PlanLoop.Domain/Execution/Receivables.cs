namespace PlanLoop.Domain.Execution;

/// <summary>A node of a contract's payment plan: an amount due on a day.</summary>
public sealed record PaymentNode(Guid Id, DateOnly Due, decimal Amount);

/// <summary>Money received against a node (partial payments allowed).</summary>
public sealed record Receipt(Guid NodeId, DateOnly ReceivedOn, decimal Amount);

public enum AgeingBucket
{
    NotDue,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

public sealed record CollectionFigures(decimal Due, decimal Received)
{
    /// <summary>Received ÷ due, null when nothing fell due.</summary>
    public decimal? Rate => Due == 0m ? null : Received / Due;
}

/// <summary>
/// Collection (回款): the rate over the nodes that fell due in a period (received by the period's end,
/// never more than each node's amount, ÷ their amounts), and the outstanding amounts by age on a day.
/// </summary>
public static class Receivables
{
    public static CollectionFigures Rate(IEnumerable<PaymentNode> nodes, IEnumerable<Receipt> receipts, DateOnly first, DateOnly last)
    {
        var due = nodes.Where(n => n.Due >= first && n.Due <= last).ToList();
        var byNode = Received(receipts, last);
        return new CollectionFigures(due.Sum(n => n.Amount), due.Sum(n => Math.Min(n.Amount, byNode.GetValueOrDefault(n.Id))));
    }

    /// <summary>What is still owed on <paramref name="asOf"/>, by how many days past due (due today is not yet overdue).</summary>
    public static IReadOnlyDictionary<AgeingBucket, decimal> Ageing(IEnumerable<PaymentNode> nodes, IEnumerable<Receipt> receipts, DateOnly asOf)
    {
        var byNode = Received(receipts, asOf);
        var buckets = Enum.GetValues<AgeingBucket>().ToDictionary(b => b, _ => 0m);
        foreach (var node in nodes)
        {
            var open = node.Amount - Math.Min(node.Amount, byNode.GetValueOrDefault(node.Id));
            if (open <= 0m) continue;
            buckets[Bucket(asOf.DayNumber - node.Due.DayNumber)] += open;
        }
        return buckets;
    }

    public static AgeingBucket Bucket(int daysPastDue) => daysPastDue switch
    {
        <= 0 => AgeingBucket.NotDue,
        <= 30 => AgeingBucket.Days1To30,
        <= 60 => AgeingBucket.Days31To60,
        <= 90 => AgeingBucket.Days61To90,
        _ => AgeingBucket.Over90,
    };

    static Dictionary<Guid, decimal> Received(IEnumerable<Receipt> receipts, DateOnly by) =>
        receipts.Where(r => r.ReceivedOn <= by).GroupBy(r => r.NodeId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
}
