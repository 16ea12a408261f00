using PlanLoop.Features.Execution.Data;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features;

/// <summary>
/// What an import of rows did — or, on a dry run, would do. Every row import answers with it (accounts, contacts,
/// survey answers, orders, payments, leads, deals, activities, people; the API, the pages and the command line
/// show the same report): rows read, rows written (0 unless applied; all or nothing), the first problems by row
/// and column and how many there were in all, the values no record matched (worth an alias), the columns used.
/// An import that builds one record from a workbook (a plan, the master data) answers with
/// <see cref="WorkbookImport{T}"/> instead. See docs/decisions/0019-results-and-errors.md.
/// </summary>
public sealed record ImportReport(string Kind, string File, bool DryRun, bool Applied, int Rows, int Written, IReadOnlyList<WorkbookError> Errors, int ErrorCount,
    IReadOnlyList<UnknownValue> Unknown, IReadOnlyDictionary<string, string> Mapping, TimeSpan Elapsed)
{
    public bool Succeeded => ErrorCount == 0;

    /// <summary>Of the rows written, how many updated a record imported before (same key) rather than creating one.</summary>
    public int Updated { get; init; }

    /// <summary>Row by row, what each would do (dry run) or did, with the fields it changes — for imports that compare with what is stored.</summary>
    public IReadOnlyList<ImportRowChange> Changes { get; init; } = [];

    /// <summary>What the import did besides writing rows: defaults applied, amounts rounded.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Total change made by rounding amounts to the fen (rounded − as given); 0 when nothing was rounded.</summary>
    public decimal RoundingDifference { get; init; }

    /// <summary>How many of <see cref="Changes"/> do <paramref name="action"/>.</summary>
    public int Count(RowAction action) => Changes.Count(c => c.Action == action);

    /// <summary>A file refused before any row was read (unreadable, a column missing): nothing written.</summary>
    /// <param name="kind">What was imported.</param>
    /// <param name="file">The file's name.</param>
    /// <param name="dryRun">Whether it was a dry run.</param>
    /// <param name="errors">Why, by sheet, row and column.</param>
    /// <param name="mapping">The columns used, as far as they were found.</param>
    public static ImportReport Refused(string kind, string file, bool dryRun, IReadOnlyList<WorkbookError> errors, IReadOnlyDictionary<string, string>? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(kind, file, dryRun, false, 0, 0, errors, errors.Count, [], mapping ?? new Dictionary<string, string>(), TimeSpan.Zero);
    }
}

/// <summary>What an import that builds one record from a workbook saved (null when refused), or why not, by sheet, row and column.</summary>
/// <typeparam name="T">What it saved.</typeparam>
public sealed record WorkbookImport<T>(T? Saved, IReadOnlyList<WorkbookError> Errors) where T : class
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Saved))]
    public bool Succeeded => Saved is not null && Errors.Count == 0;
}

public enum RowAction
{
    Create,
    Update,
    Unchanged,
}

/// <summary>What one row would do (dry run) or did: create, update (with field changes) or nothing.</summary>
public sealed record ImportRowChange(int Row, string Key, RowAction Action, IReadOnlyList<string> Changes);

/// <summary>A value a file used that matched no record (nor alias): how many rows, the first of them.</summary>
public sealed record UnknownValue(AliasKind Kind, string Value, int Rows, int FirstRow);
