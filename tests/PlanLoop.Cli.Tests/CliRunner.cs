using System.Diagnostics;

namespace PlanLoop.Cli.Tests;

/// <summary>Runs the real planloop program (the built planloop.dll) against a temporary SQLite file.</summary>
public sealed class CliRunner : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "planloop-tests", $"cli-{Guid.NewGuid():N}");

    public CliRunner() => Directory.CreateDirectory(folder);

    public string Database => Path.Combine(folder, "planloop.db");

    public async Task<(int ExitCode, string Out, string Error)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = folder,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "planloop.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(Database);
        start.Environment["COLUMNS"] = "200";
        start.Environment.Remove("PLANLOOP_PASSWORD");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
