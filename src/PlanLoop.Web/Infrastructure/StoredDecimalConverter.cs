using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PlanLoop.Domain.Amounts;

namespace PlanLoop.Web.Infrastructure;

/// <summary>
/// Every figure in a request body is one the database can hold exactly: at most four decimals and within
/// ±922,337,203,685,477 (a 64-bit count of 1/10,000; docs/decisions/0003). Anything else is a 400 naming the field where
/// it enters, instead of a 500 when it is saved (the pen-test's 7.9e27 prices and 12.345% discounts).
/// </summary>
public sealed class StoredDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        decimal value;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDecimal(out value)) throw new JsonException("The number is too large for a figure.");
        }
        else if (reader.TokenType == JsonTokenType.String
                 && (options.NumberHandling & JsonNumberHandling.AllowReadingFromString) != 0
                 && decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
        }
        else
        {
            throw new JsonException("A number is expected.");
        }
        return MinorUnits.Problem(value) is { } problem ? throw new JsonException(problem) : value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
