using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Planning;
using Spectre.Console;

namespace PlanLoop.Cli;

static class PlanCommands
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // keep Chinese readable
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create()
    {
        var plan = new Option<string?>("--plan") { Description = "Plan name or id, or a version id (default: the newest plan's approved or latest version)." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var check = new Command("check", "Run the plan checks and print the findings. Exit code 0: no error finding; 1: errors; 2: bad usage or no such plan.");
        check.Options.Add(plan);
        check.Options.Add(format);
        check.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            var feature = host.Services.GetRequiredService<GetPlanVersion>();
            var name = parse.GetValue(plan);
            var id = await feature.Resolve(name, ct);
            if (id is null || await feature.Handle(id.Value, ct) is not { } view)
            {
                Console.Error.WriteLine(name is null ? "There is no plan yet." : $"No plan or version '{name}'.");
                return CliHost.Usage;
            }
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    plan = new { id = view.PlanId, name = view.PlanName, fiscalYear = view.FiscalYear, versionId = view.Version.Id, version = view.Version.Name, status = view.Version.Status },
                    findings = view.Findings.Select(f => new { f.Code, f.Severity, f.Message, f.MessageEn, f.Figures, f.Path }),
                }, Json));
            }
            else
            {
                Print(view);
            }
            return view.Errors > 0 ? CliHost.Failed : CliHost.Ok;
        });

        var command = new Command("plan", "Sales plans: checks, import and export.");
        command.Subcommands.Add(check);
        return command;
    }

    static void Print(PlanVersionView view)
    {
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture,
            $"[bold]{view.PlanName}[/] {view.Version.Name} ({view.Version.Status}): {view.Errors} error(s), {view.Warnings} warning(s), {view.Findings.Count - view.Errors - view.Warnings} info");
        var table = new Table().AddColumns("severity", "code", "path", "finding");
        foreach (var f in view.Findings)
        {
            var colour = f.Severity switch { FindingSeverity.Error => "red", FindingSeverity.Warning => "yellow", _ => "grey" };
            table.AddRow(new Markup($"[{colour}]{f.Severity}[/]"), new Text(f.Code), new Text(f.Path), new Text(f.Message));
        }
        AnsiConsole.Write(table);
    }
}
