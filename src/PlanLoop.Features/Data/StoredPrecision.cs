using System.Collections;
using System.Reflection;
using PlanLoop.Domain.Amounts;

namespace PlanLoop.Features.Data;

/// <summary>
/// The one check that a number typed into a page, sent to the API or read by an import can be stored exactly: every
/// stored decimal has four places and lies within ±<see cref="MinorUnits.Largest"/>. A feature runs it on its input
/// before anything else and answers a field error (<c>lines[0].discount</c>) instead of failing in SaveChanges. It reads
/// the settable decimal properties of the input, of the records it holds and of the items of its lists; computed
/// properties (a total, a derived ratio) are the feature's own and are not input.
/// </summary>
public static class StoredPrecision
{
    public const string Message = "最多保存四位小数(百分比最多两位),且不超过 ±922,337,203,685,477。";

    /// <summary>The fields of <paramref name="input"/> that cannot be stored exactly, by their API path (camelCase).</summary>
    /// <param name="input">A feature's input: a record, a domain object being saved, or a list of them.</param>
    /// <param name="prefix">The path of <paramref name="input"/> itself (<c>lines</c> for a list of lines).</param>
    public static Dictionary<string, string[]> Problems(object? input, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        Walk(input, prefix, errors, 0);
        return errors;
    }

    static void Walk(object? value, string path, Dictionary<string, string[]> errors, int depth)
    {
        switch (value)
        {
            case null or string or Enum or DateOnly or DateTime or Guid or bool or int or long:
                return;
            case decimal d:
                if (MinorUnits.Problem(d) is not null) errors[path] = [Message];
                return;
            case IDictionary:
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items) Walk(item, $"{path}[{i++}]", errors, depth + 1);
                return;
        }
        var type = value.GetType();
        if (depth > 4 || !(type.Namespace ?? "").StartsWith("PlanLoop.", StringComparison.Ordinal)) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null || property.GetIndexParameters().Length > 0) continue;
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            Walk(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", errors, depth + 1);
        }
    }
}
