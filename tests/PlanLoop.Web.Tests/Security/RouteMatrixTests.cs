using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace PlanLoop.Web.Tests.Security;

/// <summary>
/// Every route of the OpenAPI document, tried by nobody, by a disabled login's token and by each role of the demo, compared
/// cell by cell with <c>Security/route-matrix.txt</c> (what each role may reach). A request that gets past the route's
/// authorization counts as <c>ok</c> whatever it then answers (a made-up id is a 404, an empty body a 400); what the feature
/// itself refuses to a role after reading the request is the write-scope and feature tests' business. A new route, or a
/// route whose roles change, fails here until the matrix is updated on purpose; no cell may be a 500.
/// </summary>
public sealed class RouteMatrixTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    public static readonly string[] Roles = ["admin", "director", "salesops", "manager", "rep", "finance", "cs"];

    [Fact]
    public async Task EveryRoute_ForEveryRoleNobodyAndADisabledLogin_AnswersAsTheMatrixSays_AndNeverWith500()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.As("admin");
        var surface = await ApiSurface.Read(admin, ct);
        Assert.InRange(surface.Operations.Count, 100, 1000);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { userName = "gone", password = "Secret-2024", roles = new[] { "Admin" } }, ct)).StatusCode);
        var disabled = await Token("gone", "Secret-2024");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/users/gone/disable", null, ct)).StatusCode);

        var callers = new List<(string Name, HttpClient Client)> { ("anonymous", app.Anonymous()), ("disabled", disabled) };
        foreach (var role in Roles) callers.Add((role, await app.As(role)));

        var actual = new StringBuilder();
        actual.AppendLine(CultureInfo.InvariantCulture, $"# route | {string.Join(' ', callers.Select(c => c.Name))}");
        var errors = new List<string>();
        var tried = 0;
        foreach (var op in surface.Operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal))
        {
            var cells = new List<string>();
            foreach (var (name, client) in callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(op.Method), op.Fill());
                if (op.JsonBody is not null) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var response = await client.SendAsync(request, ct);
                tried++;
                if ((int)response.StatusCode >= 500) errors.Add($"{op} as {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                cells.Add(response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => "401",
                    HttpStatusCode.Forbidden => "403",
                    _ => "ok",
                });
            }
            actual.AppendLine(CultureInfo.InvariantCulture, $"{op} | {string.Join(' ', cells)}");
        }

        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Security", "route-matrix.txt"), ct);
        var wanted = Lines(expected);
        var got = Lines(actual.ToString());
        await SuiteOutput.Write("route-matrix.actual.txt", actual.ToString(), ct);
        var differences = got.Except(wanted).Select(l => "now:      " + l).Concat(wanted.Except(got).Select(l => "expected: " + l)).ToList();
        Assert.True(differences.Count == 0, $"The route matrix changed ({tried} requests; the whole table is in {SuiteOutput.Folder}/route-matrix.actual.txt):\n{string.Join('\n', differences)}");
        Assert.Empty(errors);
        // Nobody and a disabled login reach nothing but the sign-in routes.
        Assert.All(got.Where(l => !l.StartsWith("POST /api/auth/", StringComparison.Ordinal)), l => Assert.StartsWith("401 401 ", l.Split(" | ")[1], StringComparison.Ordinal));
    }

    static List<string> Lines(string text) => [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    async Task<HttpClient> Token(string user, string password)
    {
        var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accessToken").GetString());
        return client;
    }
}
