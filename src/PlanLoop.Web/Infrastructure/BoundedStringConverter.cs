using System.Text.Json;
using System.Text.Json.Serialization;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Web.Infrastructure;

/// <summary>
/// No text in a request body is longer than a cell of a workbook may be (32,767 characters, Excel's limit and the
/// imports' <see cref="UploadLimits.MaxCellChars"/>): one rule for every field, files and requests alike, under the
/// features' own shorter limits (a name 200, a subject 200 …). Longer is a 400 naming the field.
/// </summary>
public sealed class BoundedStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A text is expected.");
        // Each character takes at least one byte, so a value this short in bytes needs no counting.
        if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > UploadLimits.MaxCellChars)
        {
            var text = reader.GetString()!;
            if (text.Length > UploadLimits.MaxCellChars)
                throw new JsonException($"A text is at most {UploadLimits.MaxCellChars:#,0} characters (this one has {text.Length:#,0}).");
            return text;
        }
        return reader.GetString();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
