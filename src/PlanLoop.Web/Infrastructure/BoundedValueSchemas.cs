using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PlanLoop.Web.Infrastructure;

/// <summary>
/// The OpenAPI document cannot see through our own converters (<see cref="BoundedStringConverter"/>,
/// <see cref="StoredDecimalConverter"/>) and would describe those values as "anything": say what they are, with
/// their limits, so clients and the security suite read the same schema as before plus the bounds.
/// </summary>
static class BoundedValueSchemas
{
    public static Task Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var nullable = context.JsonPropertyInfo is { } property ? property.IsSetNullable || Nullable.GetUnderlyingType(type) is not null : Nullable.GetUnderlyingType(type) is not null;
        if (type == typeof(string))
        {
            schema.Type = JsonSchemaType.String | (nullable ? JsonSchemaType.Null : 0);
            schema.MaxLength ??= Features.Workbooks.UploadLimits.MaxCellChars;
        }
        else if (type == typeof(decimal) || type == typeof(decimal?))
        {
            schema.Type = JsonSchemaType.Number | JsonSchemaType.String | (nullable ? JsonSchemaType.Null : 0);
            schema.Format = "double";
            schema.Pattern = @"^-?(?:0|[1-9]\d*)(?:\.\d{1,4})?$";
            schema.Maximum = Domain.Amounts.MinorUnits.Largest.ToString(System.Globalization.CultureInfo.InvariantCulture);
            schema.Minimum = (-Domain.Amounts.MinorUnits.Largest).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Task.CompletedTask;
    }
}
