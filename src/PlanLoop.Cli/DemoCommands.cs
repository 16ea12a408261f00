using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using Spectre.Console;

namespace PlanLoop.Cli;

static class DemoCommands
{
    public static Command Create()
    {
        var load = new Command("load", "Load the built-in demo (the seed plan's organisation, one login per role, the 2024 plan and its customers). Safe to run again.");
        load.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var r = await scope.ServiceProvider.GetRequiredService<LoadDemoData>().Handle(ct);
            var table = new Table().AddColumns("", "added");
            table.AddRow("regions", r.Regions.ToString(Culture));
            table.AddRow("product lines", r.ProductLines.ToString(Culture));
            table.AddRow("products", r.Products.ToString(Culture));
            table.AddRow("channels", r.Channels.ToString(Culture));
            table.AddRow("teams", r.Teams.ToString(Culture));
            table.AddRow("people", r.People.ToString(Culture));
            table.AddRow("users", r.Users.ToString(Culture));
            table.AddRow("plans", r.Plans.ToString(Culture));
            table.AddRow("accounts", r.Accounts.ToString(Culture));
            table.AddRow("contacts, orders, activities, answers", r.CustomerRecords.ToString(Culture));
            AnsiConsole.Write(table);
            Console.WriteLine($"Demo data on {host.Services.GetRequiredService<DatabaseOptions>().Describe()}: {r.Total} record(s) added. Demo password: {DemoUsers.Password}");
            return CliHost.Ok;
        });
        var command = new Command("demo", "The built-in demo data.");
        command.Subcommands.Add(load);
        return command;
    }

    static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.InvariantCulture;
}
