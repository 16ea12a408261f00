using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;

namespace PlanLoop.Web.Tests;

/// <summary>The real web app in memory, on its own temporary SQLite file, in demo mode unless told otherwise.</summary>
public class PlanLoopFactory : WebApplicationFactory<Program>
{
    readonly string file = Path.Combine(Path.GetTempPath(), "planloop-tests", $"web-{Guid.NewGuid():N}.db");

    protected virtual bool Demo => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        builder.UseSetting("PlanLoop:Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:PlanLoop", $"Data Source={file};Pooling=False");
        builder.UseSetting("PlanLoop:Demo", Demo ? "true" : "false");
        builder.UseSetting("PlanLoop:Database:MigrateOnStart", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("PlanLoop:Customers:Nightly", "false");
        // One object owned by two records is tracked twice and saved twice: a defect, not a warning.
        builder.ConfigureServices(s => s.ConfigureDbContext<PlanLoopDbContext>(o =>
            o.ConfigureWarnings(w => w.Throw(CoreEventId.DuplicateDependentEntityTypeInstanceWarning))));
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client authenticated with a bearer token of the demo user <paramref name="userName"/>.</summary>
    public async Task<HttpClient> As(string userName)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoUsers.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(file);
        GC.SuppressFinalize(this);
    }
}

public sealed class ProductionFactory : PlanLoopFactory
{
    protected override bool Demo => false;
}
