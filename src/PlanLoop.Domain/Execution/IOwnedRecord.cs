namespace PlanLoop.Domain.Execution;

/// <summary>A record a salesperson owns (a lead, an opportunity, a contract): data scope follows the owner.</summary>
public interface IOwnedRecord
{
    Guid? OwnerId { get; }
}
