using Microsoft.Data.Sqlite;
using Npgsql;

namespace PlanLoop.Features.Data;

/// <summary>
/// The database's own word that two writes collided — a value that must be unique was taken a moment
/// ago, or concurrent transactions could not both commit — told apart from real failures, so that the
/// API answers 409 with the reason (never 500) and the person can reload and try again.
/// </summary>
public static class DatabaseConflicts
{
    public const string Duplicate = "duplicate";
    public const string Concurrent = "concurrent";

    public static string? Reason(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                case SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }:   // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY
                    return Duplicate;
                case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                case SqliteException { SqliteErrorCode: 5 or 6 }:                                       // SQLITE_BUSY / SQLITE_LOCKED
                    return Concurrent;
            }
        return null;
    }
}
