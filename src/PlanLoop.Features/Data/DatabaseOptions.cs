using Microsoft.Extensions.Configuration;

namespace PlanLoop.Features.Data;

public enum DbProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database PlanLoop uses: <c>PlanLoop:Database:Provider</c> (Sqlite | Postgres) and the
/// connection string <c>ConnectionStrings:PlanLoop</c>; both can come from environment variables
/// (<c>PlanLoop__Database__Provider</c>, <c>ConnectionStrings__PlanLoop</c>).
/// </summary>
public sealed record DatabaseOptions(DbProvider Provider, string ConnectionString)
{
    /// <summary>
    /// How long one statement may work before it is stopped (<c>PlanLoop:Database:CommandTimeoutSeconds</c>): 30 s for the
    /// web app, where a person waits; the command line sets 600 (its reports and benchmarks run on a million rows).
    /// </summary>
    public int CommandTimeoutSeconds { get; init; } = 30;

    public const string DefaultSqlite = "Data Source=data/planloop.db";

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var providerText = configuration["PlanLoop:Database:Provider"];
        var provider = DbProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
            throw new InvalidOperationException(
                $"PlanLoop:Database:Provider is '{providerText}'; it must be Sqlite or Postgres.");
        var connection = configuration.GetConnectionString("PlanLoop");
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = provider == DbProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("ConnectionStrings:PlanLoop is required for PostgreSQL.");
        }
        var timeout = configuration["PlanLoop:Database:CommandTimeoutSeconds"];
        return new DatabaseOptions(provider, connection)
        {
            CommandTimeoutSeconds = string.IsNullOrWhiteSpace(timeout) ? 30
                : int.TryParse(timeout, out var seconds) && seconds is >= 1 and <= 86_400 ? seconds
                : throw new InvalidOperationException($"PlanLoop:Database:CommandTimeoutSeconds is '{timeout}'; it must be a whole number of seconds from 1 to 86400."),
        };
    }

    /// <summary>A description without the password, for logs and the console.</summary>
    public string Describe()
    {
        if (Provider == DbProvider.Sqlite)
            return $"SQLite {Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource)}";
        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }
}
