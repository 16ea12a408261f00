using System.CommandLine;
using PlanLoop.Cli;

var root = new RootCommand("PlanLoop: sales planning and strategy optimization from the command line.");
root.Options.Add(CliHost.DbOption);
root.Options.Add(CliHost.ProviderOption);
root.Subcommands.Add(DbCommands.Create());
root.Subcommands.Add(DemoCommands.Create());
root.Subcommands.Add(UserCommands.Create());
root.Subcommands.Add(PlanCommands.Create());
root.Subcommands.Add(CustomerCommands.Import());
root.Subcommands.Add(CustomerCommands.Export());
root.Subcommands.Add(CustomerCommands.Health());
root.Subcommands.Add(ReportCommands.Create());
root.Subcommands.Add(BenchCommands.Create());
root.Subcommands.Add(ForecastCommands.Create());
root.Subcommands.Add(OptimizeCommands.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // Bad usage is exit code 2, so scripts can tell it from a failed operation (1).
    foreach (var error in parse.Errors)
        Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("Run 'planloop --help' for usage.");
    return CliHost.Usage;
}
return await parse.InvokeAsync();
