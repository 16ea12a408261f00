namespace PlanLoop.Domain.Execution;

/// <summary>
/// One line of booked revenue: what an account bought, when, along the plan's dimensions. These
/// are the actuals that purchases, tiers and plan-vs-actual are computed from.
/// </summary>
public sealed class OrderLine : IOwnedRecord
{
    OrderLine() { OrderNumber = ""; }

    public OrderLine(string orderNumber, Guid accountId, DateOnly bookedOn, decimal amount, Guid? productLineId = null, Guid? productId = null,
        Guid? regionId = null, Guid? channelId = null, Guid? ownerId = null, Guid? contractId = null)
    {
        if (string.IsNullOrWhiteSpace(orderNumber)) throw new ArgumentException("An order needs a number.", nameof(orderNumber));
        Id = Guid.NewGuid();
        OrderNumber = orderNumber.Trim();
        AccountId = accountId;
        BookedOn = bookedOn;
        Amount = amount;
        ProductLineId = productLineId;
        ProductId = productId;
        RegionId = regionId;
        ChannelId = channelId;
        OwnerId = ownerId;
        ContractId = contractId;
    }

    public Guid Id { get; private set; }
    public string OrderNumber { get; private set; }
    public Guid AccountId { get; private set; }
    public DateOnly BookedOn { get; private set; }
    public decimal Amount { get; private set; }
    public Guid? ProductLineId { get; private set; }
    public Guid? ProductId { get; private set; }
    public Guid? RegionId { get; private set; }
    public Guid? ChannelId { get; private set; }
    public Guid? OwnerId { get; private set; }

    /// <summary>The signed contract that booked the line; null for lines imported from an ERP.</summary>
    public Guid? ContractId { get; private set; }
}
