using PlanLoop.Domain.Customers;

namespace PlanLoop.Features.Customers.Data;

/// <summary>One saved version of the health model's weights, bands and activity norms (edited by SalesOps).</summary>
public sealed class HealthModelVersion
{
    HealthModelVersion() { CreatedBy = ""; }

    public HealthModelVersion(int version, HealthModel model, string createdBy, DateTime createdAt)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        Id = Guid.NewGuid();
        Version = version;
        (ActivityWeight, PurchaseWeight, SatisfactionWeight, PaymentWeight) = (model.ActivityWeight, model.PurchaseWeight, model.SatisfactionWeight, model.PaymentWeight);
        (HealthyFrom, WatchFrom) = (model.HealthyFrom, model.WatchFrom);
        (ActivityNormA, ActivityNormB, ActivityNormC) = (model.ActivityNormA, model.ActivityNormB, model.ActivityNormC);
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public int Version { get; private set; }
    public decimal ActivityWeight { get; private set; }
    public decimal PurchaseWeight { get; private set; }
    public decimal SatisfactionWeight { get; private set; }
    public decimal PaymentWeight { get; private set; }
    public decimal HealthyFrom { get; private set; }
    public decimal WatchFrom { get; private set; }
    public int ActivityNormA { get; private set; }
    public int ActivityNormB { get; private set; }
    public int ActivityNormC { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public HealthModel Model => new(ActivityWeight, PurchaseWeight, SatisfactionWeight, PaymentWeight, HealthyFrom, WatchFrom, ActivityNormA, ActivityNormB, ActivityNormC);
}

/// <summary>One saved version of the ideal customer profile; the criteria are kept as JSON.</summary>
public sealed class IcpProfileVersion
{
    IcpProfileVersion() { CriteriaJson = CreatedBy = ""; }

    public IcpProfileVersion(int version, string criteriaJson, string createdBy, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        Version = version;
        CriteriaJson = criteriaJson;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public int Version { get; private set; }
    public string CriteriaJson { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
}

public enum JobStatus
{
    Running,
    Completed,
    Failed,
}

/// <summary>One run of the customer job (reclassify tiers, recompute health): when, for which day, how far it got.</summary>
public sealed class CustomerJobRun
{
    CustomerJobRun() { Trigger = ""; }

    public CustomerJobRun(DateOnly asOf, string trigger, int accounts, DateTime startedAt)
    {
        Id = Guid.NewGuid();
        AsOf = asOf;
        Trigger = trigger;
        Accounts = accounts;
        StartedAt = startedAt;
        Status = JobStatus.Running;
    }

    public Guid Id { get; private set; }
    public DateOnly AsOf { get; private set; }
    public string Trigger { get; private set; }
    public JobStatus Status { get; private set; }
    public int Accounts { get; private set; }
    public int Processed { get; private set; }
    public int TierChanges { get; private set; }
    public int FollowUps { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public string? Error { get; private set; }

    public void Progress(int processed, int tierChanges, int followUps)
    {
        Processed = processed;
        TierChanges = tierChanges;
        FollowUps = followUps;
    }

    public void Finish(DateTime at, string? error = null)
    {
        FinishedAt = at;
        Error = error;
        Status = error is null ? JobStatus.Completed : JobStatus.Failed;
    }
}

/// <summary>A named filter of a list page, saved by one user.</summary>
public sealed class SavedView
{
    SavedView() { UserName = Page = Name = Query = ""; }

    public SavedView(string userName, string page, string name, string query)
    {
        Id = Guid.NewGuid();
        (UserName, Page, Name, Query) = (userName, page, name.Trim(), query);
    }

    public Guid Id { get; private set; }
    public string UserName { get; private set; }
    public string Page { get; private set; }
    public string Name { get; private set; }
    public string Query { get; private set; }

    public void Replace(string query) => Query = query;
}

/// <summary>A saved column mapping for an import: PlanLoop field → the file's column header, as JSON.</summary>
public sealed class ImportMapping
{
    ImportMapping() { Kind = Name = MappingJson = CreatedBy = ""; }

    public ImportMapping(string kind, string name, string mappingJson, string createdBy)
    {
        Id = Guid.NewGuid();
        (Kind, Name, MappingJson, CreatedBy) = (kind, name.Trim(), mappingJson, createdBy);
    }

    public Guid Id { get; private set; }
    public string Kind { get; private set; }
    public string Name { get; private set; }
    public string MappingJson { get; private set; }
    public string CreatedBy { get; private set; }

    public void Replace(string mappingJson) => MappingJson = mappingJson;
}
