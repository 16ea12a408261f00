using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using Spectre.Console;

namespace PlanLoop.Cli;

static class UserCommands
{
    public static Command Create()
    {
        var name = new Argument<string>("username") { Description = "The login name." };
        var roles = new Option<string[]>("--role")
        {
            Description = $"Role(s) of the user: {string.Join(", ", Roles.All)}. Repeat for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var password = new Option<string?>("--password")
        {
            Description = "The password (at least 8 characters). Without it, PLANLOOP_PASSWORD is used, or it is asked for.",
        };
        var display = new Option<string?>("--display-name") { Description = "The name shown in the UI." };
        var person = new Option<string?>("--person") { Description = "The person the login belongs to (name, e-mail or external id): their data scope follows from it." };

        var add = new Command("add", "Create a login, for example the first admin: planloop users add alice --role Admin");
        add.Arguments.Add(name);
        add.Options.Add(roles);
        add.Options.Add(password);
        add.Options.Add(display);
        add.Options.Add(person);
        add.SetAction(async (parse, ct) =>
        {
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("PLANLOOP_PASSWORD");
            if (secret is null)
            {
                if (Console.IsInputRedirected)
                {
                    Console.Error.WriteLine("No password: pass --password, set PLANLOOP_PASSWORD, or run interactively.");
                    return CliHost.Usage;
                }
                secret = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
            }
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AddUser>()
                .Handle(new AddUserInput(parse.GetValue(name)!, secret, parse.GetValue(roles) ?? [], parse.GetValue(display), Person: parse.GetValue(person)), ct);
            if (!result.Succeeded)
            {
                foreach (var (field, messages) in result.Errors)
                    foreach (var m in messages)
                        Console.Error.WriteLine($"{field}: {m}");
                return CliHost.Failed;
            }
            Console.WriteLine($"User {parse.GetValue(name)} created on {host.Services.GetRequiredService<DatabaseOptions>().Describe()} with role(s) {string.Join(", ", parse.GetValue(roles)!)}.");
            return CliHost.Ok;
        });
        var command = new Command("users", "Logins and roles.");
        command.Subcommands.Add(add);
        command.Subcommands.Add(List());
        command.Subcommands.Add(Switch("disable", "Disable a login: it can no longer sign in and its sessions end.", disable: true));
        command.Subcommands.Add(Switch("enable", "Enable a disabled (or locked-out) login again.", disable: false));
        return command;
    }

    static Command List()
    {
        var list = new Command("list", "The logins with their roles, person and state.");
        list.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            await using var scope = host.Services.CreateAsyncScope();
            // One line per login (plain columns, so a script can read them).
            foreach (var u in await scope.ServiceProvider.GetRequiredService<ManageUsers>().List(ct))
            {
                var state = u.Disabled ? $"disabled {u.DisabledAt:yyyy-MM-dd}" : u.LockedOut ? "locked out" : "active";
                Console.WriteLine($"{u.UserName,-24} {state,-20} {string.Join(",", u.Roles),-24} {u.PersonName ?? "-"}");
            }
            return CliHost.Ok;
        });
        return list;
    }

    static Command Switch(string verb, string description, bool disable)
    {
        var name = new Argument<string>("username") { Description = "The login name." };
        var command = new Command(verb, description);
        command.Arguments.Add(name);
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse);
            await host.Services.GetRequiredService<MigrateDatabase>().Handle(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<ManageUsers>();
            var user = parse.GetValue(name)!;
            try
            {
                if (!await (disable ? users.Disable(user, "cli", ct) : users.Enable(user, "cli", ct)))
                {
                    Console.Error.WriteLine($"No login named '{user}'.");
                    return CliHost.Failed;
                }
            }
            catch (PlanLoop.Domain.RuleException e)
            {
                Console.Error.WriteLine(PlanLoop.Features.Rules.RuleTexts.Text(e, System.Globalization.CultureInfo.GetCultureInfo("en")));
                return CliHost.Failed;
            }
            Console.WriteLine($"User {user} {verb}d.");
            return CliHost.Ok;
        });
        return command;
    }
}
