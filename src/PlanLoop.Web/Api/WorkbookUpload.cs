using PlanLoop.Features.Workbooks;

namespace PlanLoop.Web.Api;

/// <summary>The answers every workbook import endpoint gives: no file, or the errors by cell (sheet!A1) with nothing imported.</summary>
static class WorkbookUpload
{
    public static ValidationProblem Missing(string workbook) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"Upload the {workbook} workbook (.xlsx) in the form field 'file'."] });

    public static ValidationProblem Rejected(IReadOnlyList<WorkbookError> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Cell).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: $"The workbook has {errors.Count} error(s); nothing was imported.", extensions: new Dictionary<string, object?> { ["problems"] = Problems(errors) });

    /// <summary>
    /// The problems as a list a person and a program can both read: the file, row and column (the keys
    /// of the errors dictionary stay the machine-readable sheet!cell), where in words, and the message.
    /// </summary>
    public static IReadOnlyList<ImportProblem> Problems(IEnumerable<WorkbookError> errors) =>
        errors.Select(e => new ImportProblem(e.Sheet, e.Row, e.Column, e.Where(english: true), e.Message)).ToList();
}

public sealed record ImportProblem(string File, int Row, string Column, string Where, string Message);
