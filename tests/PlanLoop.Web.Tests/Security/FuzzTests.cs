using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Data;

namespace PlanLoop.Web.Tests.Security;

/// <summary>
/// Malformed and hostile input on every write route of the OpenAPI document, and on every import: generated from the
/// document's own schemas, so a new route or field is fuzzed the day it is added. What each run tried and got is
/// written to the test output (fuzz-*.txt) and its figures to bench/results/security.md by hand.
/// </summary>
public sealed class FuzzTests(PlanLoopFactory app) : IClassFixture<PlanLoopFactory>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bodies no reader can take — broken JSON, the wrong JSON type for a field, an id that is no id, a number too large for
    /// any figure, an enum name that does not exist: each is a 400 (or 413/415) that names what is wrong, never a 500 or
    /// a hang, and not one row of any table changes.
    /// </summary>
    [Fact]
    public async Task MalformedBodies_OnEveryWriteRoute_Are4xx_AndChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (surface, callers, ids) = await Prepare(ct);
        var before = await Counts(ct);
        var log = new StringBuilder();
        var failures = new List<string>();
        var tried = 0;
        var named = 0;
        foreach (var op in surface.Operations.Where(o => o.JsonBody is not null && o.Path != "/api/auth/token" && o.Path != "/api/auth/refresh"))
        {
            var body = op.JsonBody!.Value;
            var sample = surface.Sample(body);
            var payloads = new List<(string What, string Json)>
            {
                ("unterminated object", "{"), ("missing value", "{\"a\":}"), ("unterminated array", "[1,"), ("bare word", "nul"),
                ("trailing comma", "{\"x\":1,}"), ("nesting 1,000 deep", new string('[', 1000) + new string(']', 1000)),
                ("two documents", "{\"x\":1}{\"y\":2}"), ("single quotes", "{'x':1}"), ("unquoted name", "{x:1}"), ("a comment", "// note\n{}"),
                ("NaN", "{\"x\":NaN}"), ("hexadecimal", "{\"x\":0x10}"), ("no body", ""), ("only spaces", "   "),
            };
            if (sample is JsonObject)
            {
                payloads.Add(("an array for the object", "[]"));
                payloads.Add(("a number for the object", "42"));
                foreach (var (name, schema) in surface.Properties(body))
                    foreach (var (what, value) in WrongValues(schema))
                    {
                        var copy = (JsonObject)sample.DeepClone();
                        copy[name] = value;
                        payloads.Add(($"{name}: {what}", copy.ToJsonString()));
                    }
            }
            foreach (var (what, json) in payloads)
            {
                var (status, text, took) = await Send(callers, op, ids, json, ct);
                tried++;
                log.AppendLine(CultureInfo.InvariantCulture, $"{(int)status} {took.TotalMilliseconds,6:0} ms  {op}  [{what}]");
                if ((int)status is < 400 or >= 500 || took > Patience)
                    failures.Add($"{op} [{what}] {json[..Math.Min(json.Length, 120)]} → {(int)status} in {took.TotalSeconds:0.0} s: {text[..Math.Min(text.Length, 300)]}");
                else if (what.Contains(':', StringComparison.Ordinal) && text.Contains($"\"{what.Split(':')[0]}", StringComparison.OrdinalIgnoreCase)) named++;
            }
        }
        await SuiteOutput.Write("fuzz-bodies.txt", log.ToString(), ct);
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} malformed bodies were not refused cleanly:\n{string.Join('\n', failures)}");
        Assert.InRange(tried, 1000, 100_000);
        Assert.Equal(before, await Counts(ct));
        TestContext.Current.SendDiagnosticMessage($"malformed bodies: {tried} tried, 0 × 2xx, 0 × 5xx, {named} answers named the field");
    }

    /// <summary>
    /// Values that parse but may be out of range — null, empty, 10,000 characters, negative, 7.9 × 10²⁷, nine decimals — on
    /// every field of every write route: whatever the answer, never a 500 or a hang.
    /// </summary>
    [Fact]
    public async Task OutOfRangeValues_OnEveryField_NeverAnswer500()
    {
        var ct = TestContext.Current.CancellationToken;
        var (surface, callers, ids) = await Prepare(ct);
        var log = new StringBuilder();
        var failures = new List<string>();
        int tried = 0, accepted = 0;
        foreach (var op in surface.Operations.Where(o => o.JsonBody is not null && o.Path != "/api/auth/token" && o.Path != "/api/auth/refresh"))
        {
            var body = op.JsonBody!.Value;
            if (surface.Sample(body) is not JsonObject sample) continue;
            foreach (var (name, schema) in surface.Properties(body))
                foreach (var (what, value) in EdgeValues(schema))
                {
                    var copy = (JsonObject)sample.DeepClone();
                    copy[name] = value;
                    var json = copy.ToJsonString();
                    var (status, text, took) = await Send(callers, op, ids, json, ct);
                    tried++;
                    if ((int)status < 300) accepted++;
                    log.AppendLine(CultureInfo.InvariantCulture, $"{(int)status} {took.TotalMilliseconds,6:0} ms  {op}  [{name}: {what}]");
                    if ((int)status >= 500 || took > Patience)
                        failures.Add($"{op} [{name}: {what}] → {(int)status} in {took.TotalSeconds:0.0} s: {text[..Math.Min(text.Length, 300)]}");
                }
        }
        await SuiteOutput.Write("fuzz-ranges.txt", log.ToString(), ct);
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} edge values failed:\n{string.Join('\n', failures)}");
        Assert.InRange(tried, 500, 100_000);
        TestContext.Current.SendDiagnosticMessage($"edge values: {tried} tried, {accepted} accepted, 0 × 5xx");
    }

    /// <summary>
    /// Broken and hostile files on every import: empty, random bytes, half an .xlsx, a zip bomb, 20,000 columns, binary
    /// noise, UTF-16, a wrong extension — each refused with a 400/413/415 in bounded time, nothing imported, and the
    /// server's managed memory back near where it was.
    /// </summary>
    [Fact]
    public async Task MalformedFiles_OnEveryImport_AreRefused_AndChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, callers, _) = await Prepare(ct);
        var template = await (await callers[0].Client.GetAsync("/api/plans/template.xlsx", ct)).Content.ReadAsByteArrayAsync(ct);
        var before = await Counts(ct);
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        string[] routes =
        [
            "/api/imports/accounts?dryRun=false", "/api/imports/contacts?dryRun=false", "/api/imports/surveys?dryRun=false",
            "/api/imports/orders", "/api/imports/payments", "/api/imports/leads", "/api/imports/opportunities", "/api/imports/activities",
            "/api/imports/people", "/api/plans/import", "/api/master-data/import",
        ];
        var files = new List<(string What, string Name, byte[] Bytes)>
        {
            ("empty", "empty.xlsx", []),
            ("random bytes", "noise.xlsx", RandomBytes(64 * 1024)),
            ("half an .xlsx", "half.xlsx", template[..(template.Length / 2)]),
            ("zip bomb", "bomb.xlsx", Bomb()),
            ("20,000 columns", "wide.csv", Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(1, 20_000).Select(i => $"c{i}")) + "\n1,2,3\n")),
            ("binary noise as .csv", "noise.csv", RandomBytes(64 * 1024)),
            ("UTF-16 without its byte-order mark", "utf16.csv", Encoding.Unicode.GetBytes("名称,地区\n甲,华东\n")),
            ("a 40,000-character cell", "long.csv", Encoding.UTF8.GetBytes("name,region\n" + new string('长', 40_000) + ",华东\n")),
            ("a program", "setup.exe", [0x4D, 0x5A, 0x90, 0x00, .. RandomBytes(4096)]),
        };
        var log = new StringBuilder();
        var failures = new List<string>();
        var tried = 0;
        foreach (var route in routes)
            foreach (var (what, name, bytes) in files)
            {
                var clock = Stopwatch.StartNew();
                HttpResponseMessage? response = null;
                foreach (var (_, client) in callers)
                {
                    using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
                    response = await client.PostAsync(route, form, ct);
                    if (response.StatusCode != HttpStatusCode.Forbidden) break;
                }
                tried++;
                var status = (int)response!.StatusCode;
                var text = await response.Content.ReadAsStringAsync(ct);
                log.AppendLine(CultureInfo.InvariantCulture, $"{status} {clock.ElapsedMilliseconds,6} ms  {route}  [{what}]  {text[..Math.Min(text.Length, 160)]}");
                if (status is < 400 or >= 500 || clock.Elapsed > Patience)
                    failures.Add($"{route} [{what}] → {status} in {clock.Elapsed.TotalSeconds:0.0} s: {text[..Math.Min(text.Length, 300)]}");
            }
        GC.Collect();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        log.AppendLine(CultureInfo.InvariantCulture, $"managed heap of the test host (server and client): {heapBefore / 1048576.0:0.0} MB before, {heapAfter / 1048576.0:0.0} MB after");
        await SuiteOutput.Write("fuzz-files.txt", log.ToString(), ct);
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} files were not refused cleanly:\n{string.Join('\n', failures)}");
        Assert.Equal(routes.Length * files.Count, tried);
        Assert.Equal(before, await Counts(ct));
        Assert.InRange(heapAfter - heapBefore, long.MinValue, 64L * 1024 * 1024);
        TestContext.Current.SendDiagnosticMessage($"malformed files: {tried} tried, 0 imported, 0 × 5xx, managed heap {heapBefore / 1048576} → {heapAfter / 1048576} MB");
    }

    /// <summary>Values of the wrong kind for a field: no reader takes them.</summary>
    static IEnumerable<(string What, JsonNode? Value)> WrongValues(JsonElement schema)
    {
        var types = ApiSurface.Types(schema);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (schema.TryGetProperty("enum", out _)) { yield return ("an undefined name", "NoSuchValue"); yield return ("an undefined number", 999); yield break; }
        if (format == "uuid") { yield return ("no uuid", "not-a-guid"); yield return ("a number for a uuid", 12345); yield break; }
        if (format == "date") { yield return ("month 13", "2024-13-45"); yield return ("a boolean for a date", true); yield break; }
        if (types.Contains("integer")) { yield return ("a word", "abc"); yield return ("a fraction", 1.5m); yield return ("1e400", JsonNode.Parse("1e400")); yield break; }
        if (types.Contains("number")) { yield return ("a word", "abc"); yield return ("1e400", JsonNode.Parse("1e400")); yield return ("an object", new JsonObject()); yield break; }
        if (types.Contains("boolean")) { yield return ("a word", "yes"); yield return ("a number", 2); yield break; }
        if (types.Contains("array")) { yield return ("an object for a list", new JsonObject()); yield return ("a word for a list", "x"); yield break; }
        if (types.Contains("object")) { yield return ("a list for an object", new JsonArray()); yield return ("a number for an object", 5); yield break; }
        if (types.Contains("string"))
        {
            yield return ("an object for a text", new JsonObject()); yield return ("a list for a text", new JsonArray(1));
            yield return ("40,000 characters", new string('字', 40_000));
        }
    }

    /// <summary>Values that parse but sit at or past the edge of what a field may hold.</summary>
    static IEnumerable<(string What, JsonNode? Value)> EdgeValues(JsonElement schema)
    {
        var types = ApiSurface.Types(schema);
        yield return ("null", null);
        if (schema.TryGetProperty("enum", out _) || schema.TryGetProperty("format", out _) && !types.Contains("number") && !types.Contains("integer")) yield break;
        if (types.Contains("integer")) { yield return ("-1", -1); yield return ("2147483647", int.MaxValue); yield break; }
        if (types.Contains("number"))
        {
            yield return ("-1", -1); yield return ("-1e20", JsonNode.Parse("-1e20")); yield return ("7.9e27", JsonNode.Parse("7.9e27"));
            yield return ("nine decimals", 0.123456789m); yield break;
        }
        if (types.Contains("string"))
        {
            yield return ("empty", ""); yield return ("10,000 characters", new string('字', 10_000));
            yield return ("a lone surrogate", "\ud800"); yield return ("control characters", "a\u0000\u0001b");
        }
        if (types.Contains("array")) yield return ("10,000 items", new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode?)JsonValue.Create(i))]));
    }

    static async Task<(HttpStatusCode Status, string Text, TimeSpan Took)> Send(IReadOnlyList<(string Role, HttpClient Client)> callers, ApiOperation op,
        IReadOnlyDictionary<string, string> ids, string json, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Patience * 2);
        HttpResponseMessage response = null!;
        foreach (var (_, client) in callers)
        {
            using var request = new HttpRequestMessage(new HttpMethod(op.Method), op.Fill(ids)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            response = await client.SendAsync(request, timeout.Token);
            if (response.StatusCode != HttpStatusCode.Forbidden) break;
        }
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct), clock.Elapsed);
    }

    async Task<(ApiSurface Surface, IReadOnlyList<(string Role, HttpClient Client)> Callers, IReadOnlyDictionary<string, string> Ids)> Prepare(CancellationToken ct)
    {
        var callers = new List<(string, HttpClient)>();
        foreach (var role in new[] { "admin", "director", "finance" })
        {
            callers.Add((role, await app.As(role)));
        }
        var surface = await ApiSurface.Read(callers[0].Item2, ct);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanLoopDbContext>>().CreateDbContextAsync(ct);
        var account = await db.Contacts.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.AccountId, c.Id }).FirstAsync(ct);
        var ids = new Dictionary<string, string>
        {
            ["accounts.id"] = account.AccountId.ToString(),
            ["accounts.contactId"] = account.Id.ToString(),
            ["leads.id"] = (await db.Leads.AsNoTracking().OrderBy(l => l.Id).Select(l => l.Id).FirstAsync(ct)).ToString(),
            ["opportunities.id"] = (await db.Opportunities.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct)).ToString(),
            ["contracts.id"] = (await db.Contracts.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(ct)).ToString(),
            ["people.id"] = (await db.People.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(ct)).ToString(),
            ["plan-versions.id"] = (await db.PlanVersions.AsNoTracking().OrderBy(v => v.Id).Select(v => v.Id).FirstAsync(ct)).ToString(),
        };
        return (surface, callers, ids);
    }

    /// <summary>Rows of every table a write can touch, the audit log included.</summary>
    async Task<string> Counts(CancellationToken ct)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlanLoopDbContext>>().CreateDbContextAsync(ct);
        var counts = new[]
        {
            await db.Accounts.CountAsync(ct), await db.Contacts.CountAsync(ct), await db.Activities.CountAsync(ct), await db.SurveyAnswers.CountAsync(ct),
            await db.Leads.CountAsync(ct), await db.Opportunities.CountAsync(ct), await db.Contracts.CountAsync(ct), await db.Payments.CountAsync(ct),
            await db.Invoices.CountAsync(ct), await db.People.CountAsync(ct), await db.PlanVersions.CountAsync(ct), await db.AuditEntries.CountAsync(ct),
            await db.ImportMappings.CountAsync(ct), await db.SavedViews.CountAsync(ct), await db.CalendarDays.CountAsync(ct), await db.ImportAliases.CountAsync(ct),
            await db.SalesSettings.CountAsync(ct), await db.TierPolicies.CountAsync(ct), await db.HealthModels.CountAsync(ct), await db.IcpProfiles.CountAsync(ct),
            await db.Users.CountAsync(ct), await db.OrderLines.CountAsync(ct), await db.Regions.CountAsync(ct),
        };
        return string.Join(',', counts);
    }

    static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    /// <summary>An .xlsx whose one worksheet is 300 KB packed and 300 MB unpacked (one cell of a single repeated letter).</summary>
    static byte[] Bomb()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(xml);
            }
            Part("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Part("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open());
            sheet.Write("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
            var chunk = new string('A', 1024 * 1024);
            for (var i = 0; i < 300; i++) sheet.Write(chunk);
            sheet.Write("</t></is></c></row></sheetData></worksheet>");
        }
        return memory.ToArray();
    }
}
