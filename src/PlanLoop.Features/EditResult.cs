namespace PlanLoop.Features;

/// <summary>How a change ended. A broken business rule is not an outcome but a <see cref="Domain.RuleException"/> (422, one handler).</summary>
public enum EditOutcome
{
    Saved,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>
/// The one shape every change answers with: saved (with the record's id), invalid (errors by field, nothing saved), not
/// found (or outside the caller's scope), or a conflict (someone saved in between). The web maps it in one place
/// (EditAnswers): 2xx, 400 ValidationProblem, 404, 409 ProblemDetails. See docs/decisions/0019-results-and-errors.md.
/// </summary>
public sealed record EditResult(EditOutcome Outcome, Guid? Id = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Outcome == EditOutcome.Saved;

    /// <summary>The errors by field; empty unless invalid (what a form shows under its fields).</summary>
    public IReadOnlyDictionary<string, string[]> Problems => Errors ?? NoErrors;

    public static EditResult Saved(Guid? id = null) => new(EditOutcome.Saved, id);

    /// <summary>Saved when there are no errors, else invalid with them.</summary>
    /// <param name="errors">The errors by field.</param>
    /// <param name="id">The saved record's id, when it has one.</param>
    public static EditResult From(IReadOnlyDictionary<string, string[]> errors, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count > 0 ? Invalid(errors) : Saved(id);
    }

    public static EditResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(EditOutcome.Invalid, null, errors);
    public static readonly EditResult NotFound = new(EditOutcome.NotFound);
    public static readonly EditResult Conflict = new(EditOutcome.Conflict);

    static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();
}

/// <summary>The same outcomes for a change that answers with what it saved (a plan version, a model's new version) rather than an id.</summary>
/// <typeparam name="T">What the change produced.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "EditResult<PlanVersionView>.Saved(view) says what it makes; the type argument is never inferred away.")]
public sealed record EditResult<T>(EditOutcome Outcome, T? Value = null, IReadOnlyDictionary<string, string[]>? Errors = null) where T : class
{
    public bool Succeeded => Outcome == EditOutcome.Saved;

    public static EditResult<T> Saved(T value) => new(EditOutcome.Saved, value);

    /// <summary>Saved when there are no errors, else invalid with them.</summary>
    /// <param name="errors">The errors by field.</param>
    /// <param name="value">What is saved when there are none.</param>
    public static EditResult<T> From(IReadOnlyDictionary<string, string[]> errors, Func<T> value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(value);
        return errors.Count > 0 ? Invalid(errors) : Saved(value());
    }

    public static EditResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(EditOutcome.Invalid, null, errors);
    public static readonly EditResult<T> NotFound = new(EditOutcome.NotFound);
    public static readonly EditResult<T> Conflict = new(EditOutcome.Conflict);
}
