using PlanLoop.Web;
using PlanLoop.Web.Components;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
// MudBlazor's _content/… assets must be served when the app runs from build output (dotnet run).
builder.WebHost.UseStaticWebAssets();
builder.Services.AddSerilog((services, log) => log
    .ReadFrom.Configuration(builder.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

builder.Services.AddPlanLoop(builder.Configuration);
builder.Services.AddPlanLoopWeb(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();

app.UsePlanLoopPipeline();
app.MapPlanLoopEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'");   // as SecurityHeaders' policy: no page is framed

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
