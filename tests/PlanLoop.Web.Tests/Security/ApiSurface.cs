using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlanLoop.Web.Tests.Security;

/// <summary>One operation of the OpenAPI document: its method, route template, path parameters and JSON body schema (if any).</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<(string Name, string Format)> PathParameters, JsonElement? JsonBody, bool Multipart)
{
    public bool Mutates => Method != "GET";

    public override string ToString() => $"{Method} {Path}";

    /// <summary>
    /// The route with each parameter filled: a known record where <paramref name="ids"/> has one for "area.parameter"
    /// (accounts.id …), else a value of the parameter's kind (a made-up id: authorization comes before the lookup).
    /// </summary>
    public string Fill(IReadOnlyDictionary<string, string>? ids = null)
    {
        var path = Path;
        var area = path.Split('/')[2];
        foreach (var (name, format) in PathParameters)
        {
            var value = ids is not null && ids.TryGetValue($"{area}.{name}", out var known) ? known : format switch
            {
                "uuid" => Guid.NewGuid().ToString(),
                "date" => "2024-05-06",
                "int32" => "2024",
                _ => name switch
                {
                    "kind" when area == "imports" => "accounts",
                    "kind" => "region",
                    "page" => "accounts",
                    "stage" => "PROPOSAL",
                    "kpi" => "revenue",
                    "dimension" => "region",
                    _ => "x",
                },
            };
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        return path;
    }
}

/// <summary>Where the security tests leave their full logs, for the next probe to compare with.</summary>
public static class SuiteOutput
{
    public static string Folder => Environment.GetEnvironmentVariable("PLANLOOP_TEST_OUTPUT") ?? System.IO.Path.GetTempPath();

    public static async Task Write(string name, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(System.IO.Path.Combine(Folder, name), text, ct);
    }
}

/// <summary>The API as its OpenAPI document describes it: the list the security suite walks, so a new route is covered the day it is added.</summary>
public sealed class ApiSurface
{
    readonly JsonElement components;

    ApiSurface(JsonElement document, IReadOnlyList<ApiOperation> operations)
    {
        components = document.GetProperty("components").GetProperty("schemas");
        Operations = operations;
    }

    public IReadOnlyList<ApiOperation> Operations { get; }

    public static async Task<ApiSurface> Read(HttpClient signedIn, CancellationToken ct)
    {
        var document = await signedIn.GetFromJsonAsync<JsonElement>("/api/openapi/v1.json", ct);
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                if (op.Name is not ("get" or "post" or "put" or "delete" or "patch")) continue;
                var parameters = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path")
                        .Select(p => (p.GetProperty("name").GetString()!, p.TryGetProperty("schema", out var s) && s.TryGetProperty("format", out var f) ? f.GetString()! : "")).ToList()
                    : [];
                JsonElement? json = null;
                var multipart = false;
                if (op.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                {
                    if (content.TryGetProperty("application/json", out var j)) json = j.GetProperty("schema");
                    multipart = content.TryGetProperty("multipart/form-data", out _);
                }
                operations.Add(new ApiOperation(op.Name.ToUpperInvariant(), path.Name, parameters, json, multipart));
            }
        }
        return new ApiSurface(document, operations);
    }

    /// <summary>The schema itself, with a $ref (or a nullable oneOf around one) resolved.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var r)) return Resolve(components.GetProperty(r.GetString()!.Split('/')[^1]));
        if (schema.TryGetProperty("oneOf", out var one) || schema.TryGetProperty("anyOf", out one))
            foreach (var option in one.EnumerateArray())
                if (!(option.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")) return Resolve(option);
        return schema;
    }

    /// <summary>The JSON types a schema allows (without "null").</summary>
    public static IReadOnlyList<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var t) ? (schema.TryGetProperty("properties", out _) ? ["object"] : schema.TryGetProperty("enum", out _) ? ["string"] : [])
        : t.ValueKind == JsonValueKind.String ? [t.GetString()!]
        : [.. t.EnumerateArray().Select(x => x.GetString()!).Where(x => x != "null")];

    /// <summary>A plausible value for a schema: what a well-meaning client would send.</summary>
    public JsonNode? Sample(JsonElement schema, int depth = 0)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("enum", out var values)) return JsonNode.Parse(values.EnumerateArray().First(v => v.ValueKind != JsonValueKind.Null).GetRawText());
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var types = Types(schema);
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            var o = new JsonObject();
            if (depth < 4 && schema.TryGetProperty("properties", out var props))
                foreach (var p in props.EnumerateObject()) o[p.Name] = Sample(p.Value, depth + 1);
            return o;
        }
        if (types.Contains("array")) return depth < 4 && schema.TryGetProperty("items", out var items) ? new JsonArray(Sample(items, depth + 1)) : new JsonArray();
        if (types.Contains("integer")) return 1;
        if (types.Contains("number")) return 1.5m;
        if (types.Contains("boolean")) return true;
        return format switch
        {
            "uuid" => Guid.NewGuid().ToString(),
            "date" => "2024-05-06",
            "date-time" => "2024-05-06T08:00:00Z",
            _ => "x",
        };
    }

    /// <summary>The properties of an object schema, by name.</summary>
    public IReadOnlyList<(string Name, JsonElement Schema)> Properties(JsonElement schema)
    {
        schema = Resolve(schema);
        return schema.TryGetProperty("properties", out var props) ? [.. props.EnumerateObject().Select(p => (p.Name, Resolve(p.Value)))] : [];
    }
}
