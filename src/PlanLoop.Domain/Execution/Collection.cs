namespace PlanLoop.Domain.Execution;

/// <summary>
/// A node of a signed contract's payment plan (付款节点): an amount due on a day, optionally when a
/// delivery milestone is reached. Payments against it may come in parts but never exceed it.
/// </summary>
public sealed class Instalment
{
    Instalment() { Name = ""; }

    public Instalment(Guid contractId, int seq, string name, DateOnly dueOn, decimal amount, Guid? milestoneId = null) : this()
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A payment node needs a name.", nameof(name));
        if (amount <= 0m) throw new ArgumentOutOfRangeException(nameof(amount), amount, "A payment node's amount must be positive.");
        (Id, ContractId, Seq, Name, DueOn, Amount, MilestoneId) = (Guid.NewGuid(), contractId, seq, name.Trim(), dueOn, amount, milestoneId);
    }

    public Guid Id { get; private set; }
    public Guid ContractId { get; private set; }
    public int Seq { get; private set; }
    public string Name { get; private set; }
    public DateOnly DueOn { get; private set; }
    public decimal Amount { get; private set; }
    public Guid? MilestoneId { get; private set; }

    /// <summary>Refuses a payment that is not positive or more than what is still open on the node.</summary>
    public void CheckPayment(decimal amount, decimal alreadyPaid)
    {
        if (amount <= 0m) throw new RuleException("payment-not-positive");
        var open = Amount - alreadyPaid;
        if (amount > open)
            throw new RuleException("payment-exceeds-node", amount, Name, open);
    }
}

/// <summary>Money received against a payment node, recorded by Finance.</summary>
public sealed class Payment
{
    Payment() { RecordedBy = ""; }

    public Payment(Guid contractId, Guid instalmentId, DateOnly receivedOn, decimal amount, string? reference, string recordedBy, DateTime recordedAt) : this()
    {
        (Id, ContractId, InstalmentId, ReceivedOn, Amount) = (Guid.NewGuid(), contractId, instalmentId, receivedOn, amount);
        (Reference, RecordedBy, RecordedAt) = (string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(), recordedBy, recordedAt);
    }

    public Guid Id { get; private set; }
    public Guid ContractId { get; private set; }
    public Guid InstalmentId { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public decimal Amount { get; private set; }
    public string? Reference { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }
}

/// <summary>An invoice issued for a payment node (开票), recorded by Finance.</summary>
public sealed class Invoice
{
    Invoice() { Number = RecordedBy = ""; }

    public Invoice(Guid contractId, Guid instalmentId, string number, DateOnly issuedOn, decimal amount, string recordedBy, DateTime recordedAt) : this()
    {
        if (string.IsNullOrWhiteSpace(number)) throw new RuleException("invoice-number-required");
        if (amount <= 0m) throw new RuleException("invoice-not-positive");
        (Id, ContractId, InstalmentId, Number, IssuedOn, Amount, RecordedBy, RecordedAt) = (Guid.NewGuid(), contractId, instalmentId, number.Trim(), issuedOn, amount, recordedBy, recordedAt);
    }

    public Guid Id { get; private set; }
    public Guid ContractId { get; private set; }
    public Guid InstalmentId { get; private set; }
    public string Number { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public decimal Amount { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }
}
