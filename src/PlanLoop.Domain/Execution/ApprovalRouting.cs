namespace PlanLoop.Domain.Execution;

public enum ApproverRole
{
    Manager,
    Director,
    Finance,
}

/// <summary>What the approval rules look at in a contract.</summary>
public sealed record ContractFacts(decimal Amount, decimal ListAmount, bool NonStandardTerms)
{
    /// <summary>1 − amount ÷ list amount; 0 without a list amount.</summary>
    public decimal Discount => ListAmount <= 0m ? 0m : Math.Max(0m, 1m - (Amount / ListAmount));
}

public sealed record ApprovalStep(ApproverRole Role, IReadOnlyList<string> Reasons);

/// <summary>
/// Which approvals a contract needs: a discount above <see cref="ManagerDiscountAbove"/> → the
/// Manager; above <see cref="DirectorDiscountAbove"/> or an amount above <see cref="DirectorAmountAbove"/>
/// → the Director too; non-standard terms → Manager, Director and Finance. The chain always runs
/// Manager → Director → Finance; a contract that trips nothing needs no approval.
/// </summary>
public sealed record ApprovalPolicy(decimal ManagerDiscountAbove, decimal DirectorDiscountAbove, decimal DirectorAmountAbove)
{
    public static ApprovalPolicy Default { get; } = new(0.10m, 0.20m, 1_000_000m);

    public IReadOnlyList<ApprovalStep> Route(ContractFacts contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var reasons = Enum.GetValues<ApproverRole>().ToDictionary(r => r, _ => new List<string>());
        static string Pct(decimal v) => (v * 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
        static string Yuan(decimal v) => Formatting.Figures.Amount(v, Formatting.AmountStyle.Full, System.Globalization.CultureInfo.InvariantCulture);
        var discount = contract.Discount;
        if (discount > ManagerDiscountAbove) reasons[ApproverRole.Manager].Add($"折扣 {Pct(discount)} > {Pct(ManagerDiscountAbove)}");
        if (discount > DirectorDiscountAbove) reasons[ApproverRole.Director].Add($"折扣 {Pct(discount)} > {Pct(DirectorDiscountAbove)}");
        if (contract.Amount > DirectorAmountAbove)
        {
            reasons[ApproverRole.Manager].Add($"金额 {Yuan(contract.Amount)} > {Yuan(DirectorAmountAbove)}");
            reasons[ApproverRole.Director].Add($"金额 {Yuan(contract.Amount)} > {Yuan(DirectorAmountAbove)}");
        }
        if (contract.NonStandardTerms)
            foreach (var role in Enum.GetValues<ApproverRole>()) reasons[role].Add("非标准条款");
        // A Director's approval always follows the Manager's.
        if (reasons[ApproverRole.Director].Count > 0 && reasons[ApproverRole.Manager].Count == 0)
            reasons[ApproverRole.Manager].AddRange(reasons[ApproverRole.Director]);
        return reasons.Where(r => r.Value.Count > 0).OrderBy(r => r.Key).Select(r => new ApprovalStep(r.Key, r.Value)).ToList();
    }
}
