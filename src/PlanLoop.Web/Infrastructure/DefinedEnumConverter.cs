using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanLoop.Web.Infrastructure;

/// <summary>
/// Enums in request and response bodies by name; a number is accepted only when the enum defines it
/// (so <c>amountStyle: -1</c> or <c>999</c> is a 400 naming the field, never a stored value that no code expects).
/// </summary>
public sealed class DefinedEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(DefinedEnumConverter<>).MakeGenericType(typeToConvert))!;

    sealed class DefinedEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        static readonly string Names = string.Join(", ", Enum.GetNames<T>());

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                var text = reader.GetString();
                if (text is not null && !int.TryParse(text, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var named) && Enum.IsDefined(named)) return named;
                throw new JsonException($"'{text}' is not one of: {Names}.");
            }
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
            {
                var value = (T)Enum.ToObject(typeof(T), number);
                if (Enum.IsDefined(value)) return value;
                throw new JsonException($"{number} is not one of: {Names}.");
            }
            throw new JsonException($"Expected one of: {Names}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.ToString());
        }

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Enum.TryParse<T>(reader.GetString(), ignoreCase: true, out var named) && Enum.IsDefined(named) ? named : throw new JsonException($"'{reader.GetString()}' is not one of: {Names}.");

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WritePropertyName(value.ToString());
        }
    }
}
