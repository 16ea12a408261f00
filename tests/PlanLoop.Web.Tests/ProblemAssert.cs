using System.Net;
using System.Text.Json;

namespace PlanLoop.Web.Tests;

static class ProblemAssert
{
    /// <summary>Asserts the status and that the body is RFC 9457 problem details; returns the body.</summary>
    public static async Task<JsonElement> IsProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(body.TryGetProperty("exception", out _));
        return body;
    }

    /// <summary>Asserts a 400 validation problem that names <paramref name="field"/>; returns its messages.</summary>
    public static async Task<string[]> NamesField(HttpResponseMessage response, string field)
    {
        var body = await IsProblem(response, HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors has no '{field}': {errors}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }
}
