namespace PlanLoop.Domain.Customers;

public enum ActivityKind
{
    Call,
    Visit,
    Meeting,
    Email,
    /// <summary>售前免费诊断 (seed §4.5).</summary>
    Diagnostic,
}

/// <summary>A call, visit, meeting, e-mail or diagnostic report with an account (and maybe a contact).</summary>
public sealed class Activity
{
    Activity() { Subject = ""; }

    public Activity(Guid accountId, Guid? contactId, ActivityKind kind, Guid? ownerId, DateTime occurredAt, string subject, string? notes = null)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw new ArgumentException("An activity needs a subject.", nameof(subject));
        Id = Guid.NewGuid();
        AccountId = accountId;
        ContactId = contactId;
        Kind = kind;
        OwnerId = ownerId;
        OccurredAt = occurredAt;
        Subject = subject.Trim();
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid? ContactId { get; private set; }
    public ActivityKind Kind { get; private set; }
    public Guid? OwnerId { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public string Subject { get; private set; }
    public string? Notes { get; private set; }
}

public enum SurveyKind
{
    /// <summary>"How likely are you to recommend us?" 0–10.</summary>
    Nps,
    /// <summary>Satisfaction score 0–100.</summary>
    Csat,
}

/// <summary>One NPS or satisfaction answer of an account (and maybe a contact).</summary>
public sealed class SurveyAnswer
{
    SurveyAnswer() { }

    public SurveyAnswer(Guid accountId, Guid? contactId, SurveyKind kind, int score, DateOnly answeredOn, string? comment = null)
    {
        if (Problem(kind, score) is { } p) throw new ArgumentOutOfRangeException(nameof(score), score, p);
        Id = Guid.NewGuid();
        AccountId = accountId;
        ContactId = contactId;
        Kind = kind;
        Score = score;
        AnsweredOn = answeredOn;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid? ContactId { get; private set; }
    public SurveyKind Kind { get; private set; }
    public int Score { get; private set; }
    public DateOnly AnsweredOn { get; private set; }
    public string? Comment { get; private set; }

    public static string? Problem(SurveyKind kind, int score) => kind switch
    {
        SurveyKind.Nps when score is < 0 or > 10 => $"NPS 评分应在 0 到 10 之间,实际为 {score}。",
        SurveyKind.Csat when score is < 0 or > 100 => $"满意度评分应在 0 到 100 之间,实际为 {score}。",
        _ => null,
    };
}
