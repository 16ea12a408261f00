using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Data;

namespace PlanLoop.Cli;

static class DbCommands
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply the database migrations (creates the SQLite file if missing).");
        migrate.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            var db = host.Services.GetRequiredService<DatabaseOptions>();
            var applied = await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            Console.WriteLine($"{db.Describe()}: {applied.Count} migration(s) applied{(applied.Count > 0 ? ": " + string.Join(", ", applied) : "; the schema is up to date")}.");
            return CliHost.Ok;
        });
        var command = new Command("db", "Database administration.");
        command.Subcommands.Add(migrate);
        return command;
    }
}
