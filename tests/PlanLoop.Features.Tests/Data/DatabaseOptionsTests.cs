using Microsoft.Extensions.Configuration;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Tests.Data;

public class DatabaseOptionsTests
{
    static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void From_Nothing_IsTheEmbeddedSqliteFile()
    {
        Assert.Equal(new DatabaseOptions(DbProvider.Sqlite, "Data Source=data/planloop.db"), DatabaseOptions.From(Config()));
    }

    [Fact]
    public void From_Postgres_TakesTheConnectionString()
    {
        var options = DatabaseOptions.From(Config(("PlanLoop:Database:Provider", "postgres"), ("ConnectionStrings:PlanLoop", "Host=db;Port=5433;Database=planloop;Password=secret")));
        Assert.Equal(DbProvider.Postgres, options.Provider);
        Assert.Equal("PostgreSQL db:5433/planloop", options.Describe());
    }

    [Fact]
    public void From_PostgresWithoutConnectionString_SaysWhatIsMissing()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.From(Config(("PlanLoop:Database:Provider", "Postgres"))));
        Assert.Contains("ConnectionStrings:PlanLoop", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_UnknownProvider_NamesTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.From(Config(("PlanLoop:Database:Provider", "mysql"))));
        Assert.Contains("PlanLoop:Database:Provider", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("Postgres", null, false)]
    [InlineData("Postgres", "true", true)]
    [InlineData(null, "false", false)]
    public void IsDemo_DefaultsToOnForSqliteOnly(string? provider, string? demo, bool expected)
    {
        var config = Config(("PlanLoop:Database:Provider", provider), ("PlanLoop:Demo", demo), ("ConnectionStrings:PlanLoop", provider is null ? null : "Host=x"));
        Assert.Equal(expected, PlanLoopServices.IsDemo(config));
    }
}
