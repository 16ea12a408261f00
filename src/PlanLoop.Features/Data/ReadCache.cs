using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace PlanLoop.Features.Data;

/// <summary>
/// A counter of this process's writes: bumped after every SaveChanges, every committed transaction
/// (the bulk importers' COPY and prepared inserts commit through EF) and every non-query command
/// (ExecuteUpdate, ExecuteDelete, raw SQL). Anything computed from the database under one value of it
/// is still true while the value stands.
/// </summary>
public sealed class DataVersion
{
    long value;

    public long Current => Interlocked.Read(ref value);

    public void Bump() => Interlocked.Increment(ref value);
}

sealed class DataVersionInterceptor(DataVersion version) : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0) version.Bump();
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (result > 0) version.Bump();
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => version.Bump();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        version.Bump();
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        version.Bump();
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        version.Bump();
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// Caches read views (the monitoring views, the account list and account page, who a user is) for as long as nothing is
/// written: the key holds the view, its arguments, who asks (their scope), the business day and the
/// <see cref="DataVersion"/>, so a write in this process makes every entry unreachable at once. A
/// write by another process (the CLI importing into the same database) shows after at most
/// <see cref="Lifetime"/>. Results are immutable records, shared between readers.
/// </summary>
public sealed class ReadCache(DataVersion version) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 1_000 });

    public void Dispose() => cache.Dispose();

    readonly System.Collections.Concurrent.ConcurrentDictionary<object, Lazy<Task<object?>>> running = new();

    /// <summary>A view as <paramref name="viewer"/> sees it on <paramref name="asOf"/>.</summary>
    public Task<T> Get<T>(string view, string arguments, Users.Viewer viewer, DateOnly asOf, Func<Task<T>> compute, CancellationToken ct)
        where T : class?
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return Get((view, arguments, viewer.UserName, string.Join(",", viewer.Roles), viewer.PersonId, viewer.TeamId, asOf), compute, ct);
    }

    /// <summary>Data that is the same for every viewer (who a user is, the current rule sets).</summary>
    public Task<T> Get<T>(string view, string arguments, Func<Task<T>> compute, CancellationToken ct)
        where T : class? => Get((view, arguments), compute, ct);

    /// <summary>
    /// <paramref name="compute"/> runs under its caller's token. Readers asking for the same view at once share one
    /// computation (a cold dashboard under sixteen connections otherwise ran sixteen times over, and none finished in
    /// ten seconds); each waits only as long as its own request lives, and when the request that started the
    /// computation goes away, the next reader computes it again under its own token instead of failing with it.
    /// </summary>
    async Task<T> Get<T>(object what, Func<Task<T>> compute, CancellationToken ct)
        where T : class?
    {
        ArgumentNullException.ThrowIfNull(compute);
        var stamp = version.Current;
        var key = (what, stamp);
        if (cache.TryGetValue(key, out T? hit) && hit is not null) return hit;
        for (var attempt = 1; ; attempt++)
        {
            var flight = running.GetOrAdd(key, _ => new Lazy<Task<object?>>(async () => await compute()));
            try
            {
                var value = (T?)await flight.Value.WaitAsync(ct);
                // Only kept when nothing was written while it was computed (an absent result — a view that does not apply — is not kept).
                if (value is not null && version.Current == stamp) cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
                return value!;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && attempt == 1)
            {
                // Another reader's request was cancelled while computing; run it again for this one.
            }
            finally
            {
                if (flight.IsValueCreated && flight.Value.IsCompleted) running.TryRemove(new KeyValuePair<object, Lazy<Task<object?>>>(key, flight));
            }
        }
    }
}
