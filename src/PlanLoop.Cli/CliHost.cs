using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanLoop.Features;

namespace PlanLoop.Cli;

/// <summary>Builds the same services as the web app (AddPlanLoop) for one command run.</summary>
static class CliHost
{
    /// <summary>How every command writes JSON: indented, Chinese kept readable, enums by name.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static readonly Option<string?> DbOption = new("--db")
    {
        Description = "Connection string, or for SQLite a file path (default: data/planloop.db, or ConnectionStrings__PlanLoop).",
        Recursive = true,
    };

    public static readonly Option<string?> ProviderOption = new("--provider")
    {
        Description = "Database provider: sqlite or postgres (default: sqlite, or PlanLoop__Database__Provider).",
        Recursive = true,
    };

    static CliHost() => ProviderOption.AcceptOnlyFromAmong("sqlite", "postgres");

    public static IHost Build(ParseResult parse) => Build(parse, new Dictionary<string, string?>());

    /// <summary>The host, with settings that win over the command line's (the benchmark's own database and business day).</summary>
    public static IHost Build(ParseResult parse, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        // A command runs reports and benchmarks on a million rows and nobody is waiting on a page: ten minutes a statement
        // (the web app keeps 30 s); an environment variable still wins.
        var overrides = new Dictionary<string, string?>
        {
            ["PlanLoop:Database:CommandTimeoutSeconds"] = Environment.GetEnvironmentVariable("PlanLoop__Database__CommandTimeoutSeconds") ?? "600",
        };
        var provider = parse.GetValue(ProviderOption);
        if (provider is not null) overrides["PlanLoop:Database:Provider"] = provider;
        var db = parse.GetValue(DbOption);
        if (db is not null)
            overrides["ConnectionStrings:PlanLoop"] = db.Contains('=', StringComparison.Ordinal) ? db : $"Data Source={db}";
        foreach (var (key, value) in settings) overrides[key] = value;
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPlanLoop(builder.Configuration);
        return builder.Build();
    }
}
