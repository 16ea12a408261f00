using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Planning;
using PlanLoop.Features.Workbooks;
using Spectre.Console;

namespace PlanLoop.Cli;

static class PlanCommands
{
    public static Command Create()
    {
        var plan = new Option<string?>("--plan") { Description = "Plan name or id, or a version id (default: the newest plan's approved or latest version)." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var file = new Option<FileInfo?>("--file") { Description = "Check a plan workbook (.xlsx) instead of a plan in the database; nothing is imported." };
        var check = new Command("check", "Run the plan checks and print the findings. Exit code 0: no error finding; 1: errors; 2: bad usage, unreadable input or no such plan.");
        check.Options.Add(plan);
        check.Options.Add(file);
        check.Options.Add(format);
        check.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            var json = parse.GetValue(format) == "json";
            if (parse.GetValue(file) is { } xlsx)
            {
                if (!xlsx.Exists) { Console.Error.WriteLine($"{xlsx.FullName}: no such file."); return CliHost.Usage; }
                await using var stream = xlsx.OpenRead();
                await host.Services.GetRequiredService<PlanLoop.Features.Data.MigrateDatabase>().Handle(ct);
                var (planFile, errors, findings) = await host.Services.GetRequiredService<PlanFiles>().Check(stream, ct);
                if (planFile is null) return WorkbookErrors(errors);
                return Report(new { name = planFile.PlanName, fiscalYear = planFile.FiscalYear, version = planFile.VersionName, file = xlsx.Name },
                    $"{planFile.PlanName} {planFile.VersionName} ({xlsx.Name})", findings, json);
            }
            var feature = host.Services.GetRequiredService<GetPlanVersion>();
            var name = parse.GetValue(plan);
            var id = await feature.Resolve(name, ct);
            if (id is null || await feature.Handle(id.Value, ct) is not { } view)
            {
                Console.Error.WriteLine(name is null ? "There is no plan yet." : $"No plan or version '{name}'.");
                return CliHost.Usage;
            }
            return Report(new { id = view.PlanId, name = view.PlanName, fiscalYear = view.FiscalYear, versionId = view.Version.Id, version = view.Version.Name, status = view.Version.Status },
                $"{view.PlanName} {view.Version.Name} ({view.Version.Status})", view.Findings, json);
        });

        var output = new Option<FileInfo>("--out") { Description = "The .xlsx file to write.", Required = true };
        var export = new Command("export", "Write a plan version to .xlsx (the same layout the import reads).");
        export.Options.Add(plan);
        export.Options.Add(output);
        export.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            var id = await host.Services.GetRequiredService<GetPlanVersion>().Resolve(parse.GetValue(plan), ct);
            if (id is null || await host.Services.GetRequiredService<PlanFiles>().Export(id.Value, ct) is not { } exported)
            {
                Console.Error.WriteLine($"No plan or version '{parse.GetValue(plan)}'.");
                return CliHost.Usage;
            }
            var target = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(target.FullName, exported.Content, ct);
            Console.WriteLine($"Wrote {target.FullName} ({exported.Content.Length:N0} bytes).");
            return CliHost.Ok;
        });

        var input = new Argument<FileInfo>("file") { Description = "The plan workbook (.xlsx)." };
        var import = new Command("import", "Import a plan workbook as a new draft version (a new plan if the name is new). All or nothing: any error and nothing is written.");
        import.Arguments.Add(input);
        import.SetAction(async (parse, ct) =>
        {
            var source = parse.GetValue(input)!;
            if (!source.Exists) { Console.Error.WriteLine($"{source.FullName}: no such file."); return CliHost.Usage; }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<PlanLoop.Features.Data.MigrateDatabase>().Handle(ct);
            await using var stream = source.OpenRead();
            var result = await host.Services.GetRequiredService<PlanFiles>().Import(stream, Environment.UserName, ct);
            if (!result.Succeeded) return WorkbookErrors(result.Errors);
            var v = result.Saved;
            Console.WriteLine($"Imported {v.PlanName} {v.Version.Name} as version {v.Version.Number} ({v.Version.Id}): {v.Errors} error(s), {v.Warnings} warning(s).");
            return CliHost.Ok;
        });

        var command = new Command("plan", "Sales plans: checks, import and export.");
        command.Subcommands.Add(check);
        command.Subcommands.Add(export);
        command.Subcommands.Add(import);
        return command;
    }

    static int WorkbookErrors(IReadOnlyList<WorkbookError> errors)
    {
        Console.Error.WriteLine($"The workbook has {errors.Count} error(s); nothing was read into the plan:");
        foreach (var e in errors) Console.Error.WriteLine($"  {e}");
        return CliHost.Usage;
    }

    static int Report(object plan, string title, IReadOnlyList<Finding> findings, bool json)
    {
        var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                plan,
                findings = findings.Select(f => new { f.Code, f.Severity, f.Message, f.MessageEn, f.Figures, f.Path }),
            }, CliHost.Json));
        }
        else
        {
            var warnings = findings.Count(f => f.Severity == FindingSeverity.Warning);
            Console.WriteLine($"{title}: {errors} error(s), {warnings} warning(s), {findings.Count - errors - warnings} info");
            var table = new Table().AddColumns("severity", "code", "path", "finding");
            foreach (var f in findings)
            {
                var colour = f.Severity switch { FindingSeverity.Error => "red", FindingSeverity.Warning => "yellow", _ => "grey" };
                table.AddRow(new Markup($"[{colour}]{f.Severity}[/]"), new Text(f.Code), new Text(f.Path), new Text(f.Message));
            }
            AnsiConsole.Write(table);
        }
        return errors > 0 ? CliHost.Failed : CliHost.Ok;
    }
}
