using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SQLitePCL;

namespace PlanLoop.Features.Data;

/// <summary>
/// Every statement has an end. PostgreSQL (Npgsql) already honours a cancelled token and the command timeout (30 s);
/// SQLite does neither (<c>SqliteCommand.Cancel</c> does nothing, its timeout only bounds waiting for a lock), so a
/// report the client has left, or a statement gone wrong, would pin a core until it finished and keep the host from
/// stopping. This interceptor installs SQLite's progress handler on each connection: every few thousand virtual-machine
/// steps it asks whether the statement's token is cancelled or the statement has worked longer than its command
/// timeout, and if so SQLite stops the statement with SQLITE_INTERRUPT (which <see cref="QueryLimits.Reason"/> reads).
/// The time counted is the time SQLite spends working: a streamed export whose client reads slowly is not cut off
/// for the waiting, only for the work.
/// </summary>
public sealed class SqliteQueryLimits : DbConnectionInterceptor, IDbCommandInterceptor
{
    /// <summary>Steps between checks: about a millisecond of work, so the check costs nothing measurable.</summary>
    const int StepsPerCheck = 20_000;
    /// <summary>A gap between two checks longer than this is time spent outside SQLite (the reader paused).</summary>
    static readonly long PauseTicks = Stopwatch.Frequency / 5;

    static readonly ConditionalWeakTable<SqliteConnection, Budget> Budgets = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Install(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Install(connection);
        return Task.CompletedTask;
    }

    static void Install(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || sqlite.Handle is not { } handle) return;
        var budget = Budgets.GetValue(sqlite, _ => new Budget());
        raw.sqlite3_progress_handler(handle, StepsPerCheck, static state => ((Budget)state).Spent() ? 1 : 0, budget);
    }

    static void Start(DbCommand command, CancellationToken token)
    {
        if (command.Connection is SqliteConnection sqlite && Budgets.TryGetValue(sqlite, out var budget))
            budget.Start(command.CommandTimeout, token);
    }

    InterceptionResult<DbDataReader> IDbCommandInterceptor.ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Start(command, default);
        return result;
    }

    ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
    {
        Start(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    InterceptionResult<int> IDbCommandInterceptor.NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Start(command, default);
        return result;
    }

    ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        Start(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    InterceptionResult<object> IDbCommandInterceptor.ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Start(command, default);
        return result;
    }

    ValueTask<InterceptionResult<object>> IDbCommandInterceptor.ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken)
    {
        Start(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    // The budget ends with the statement: a command the code runs on the connection itself (the bench's hand-written SQL,
    // a bulk writer's prepared inserts) is not EF's and must not inherit a spent budget or an old token.
    static void Stop(DbCommand command)
    {
        if (command.Connection is SqliteConnection sqlite && Budgets.TryGetValue(sqlite, out var budget)) budget.Stop();
    }

    InterceptionResult IDbCommandInterceptor.DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Stop(command);
        return result;
    }

    ValueTask<InterceptionResult> IDbCommandInterceptor.DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Stop(command);
        return ValueTask.FromResult(result);
    }

    InterceptionResult IDbCommandInterceptor.DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Stop(command);
        return result;
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Stop(command);
        return result;
    }

    ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        Stop(command);
        return ValueTask.FromResult(result);
    }

    object? IDbCommandInterceptor.ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Stop(command);
        return result;
    }

    ValueTask<object?> IDbCommandInterceptor.ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken)
    {
        Stop(command);
        return ValueTask.FromResult(result);
    }

    void IDbCommandInterceptor.CommandFailed(DbCommand command, CommandErrorEventData eventData) => Stop(command);

    Task IDbCommandInterceptor.CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken)
    {
        Stop(command);
        return Task.CompletedTask;
    }

    /// <summary>What the statement running on one connection may still spend.</summary>
    sealed class Budget
    {
        CancellationToken token;
        long allowed = long.MaxValue, used, last;

        public void Start(int timeoutSeconds, CancellationToken token)
        {
            this.token = token;
            allowed = timeoutSeconds > 0 ? timeoutSeconds * Stopwatch.Frequency : long.MaxValue;
            used = 0;
            last = Stopwatch.GetTimestamp();
        }

        /// <summary>No EF statement is running: whatever runs next on the connection is not limited here.</summary>
        public void Stop()
        {
            token = default;
            allowed = long.MaxValue;
        }

        public bool Spent()
        {
            var now = Stopwatch.GetTimestamp();
            var gap = now - last;
            last = now;
            if (gap < PauseTicks) used += gap;
            return token.IsCancellationRequested || used > allowed;
        }
    }
}

/// <summary>Why a statement was stopped before its end, whichever database ran it.</summary>
public static class QueryLimits
{
    public const string Cancelled = "cancelled";
    public const string TimedOut = "timed-out";

    /// <summary><see cref="Cancelled"/>, <see cref="TimedOut"/> or null for any other failure.</summary>
    /// <param name="exception">What the database call threw.</param>
    /// <param name="token">The token the caller passed: cancelled means the caller left, not that the statement ran too long.</param>
    public static string? Reason(Exception exception, CancellationToken token = default)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: raw.SQLITE_INTERRUPT }:
                    return token.IsCancellationRequested ? Cancelled : TimedOut;
                case OperationCanceledException:
                    return Cancelled;
                case NpgsqlException { InnerException: TimeoutException }:
                case TimeoutException:
                    return TimedOut;
                case PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }:
                    return token.IsCancellationRequested ? Cancelled : TimedOut;
            }
        }
        return null;
    }
}
