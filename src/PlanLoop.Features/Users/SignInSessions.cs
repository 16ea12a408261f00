using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Users;

/// <summary>
/// A browser's sign-in kept on the server: the cookie holds only <see cref="Id"/>, so logging out deletes the
/// session and a copy of the cookie replayed afterwards opens nothing. <see cref="Ticket"/> is the web host's
/// serialized authentication ticket (opaque here).
/// </summary>
public sealed class SignInSession
{
    public const int IdLength = 32;

    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required byte[] Ticket { get; set; }
    /// <summary>UTC; a session past it is gone even if nobody removed it.</summary>
    public DateTime ExpiresAt { get; set; }
}

sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> e)
    {
        e.ToTable("auth_sessions");
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).HasMaxLength(SignInSession.IdLength);
        e.Property(s => s.UserId).HasMaxLength(450);
        e.HasIndex(s => s.UserId);
        e.HasIndex(s => s.ExpiresAt);
    }
}

/// <summary>
/// Stores, finds and ends browser sessions (see <see cref="SignInSession"/>). Every request with the cookie asks
/// <see cref="Find"/>, so a found session is remembered for <see cref="Remember"/> (bounded to 10,000 sessions);
/// ending a session here forgets it at once.
/// </summary>
public sealed class SignInSessions(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(30);

    readonly MemoryCache found = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public void Dispose() => found.Dispose();

    /// <summary>Saves a new session and returns its key; expired sessions are swept on the way.</summary>
    public async Task<string> Add(string userId, byte[] ticket, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Set<SignInSession>().Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var session = new SignInSession
        {
            Id = Guid.NewGuid().ToString("N"),
            UserId = userId,
            Ticket = ticket,
            ExpiresAt = (expiresAt ?? clock.GetUtcNow().AddDays(1)).UtcDateTime,
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    public async Task Renew(string id, byte[] ticket, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var until = (expiresAt ?? clock.GetUtcNow().AddDays(1)).UtcDateTime;
        await db.Set<SignInSession>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, ticket).SetProperty(s => s.ExpiresAt, until), ct);
        found.Remove(id);
    }

    /// <summary>The session's ticket, or null when it ended (logged out, expired, never existed).</summary>
    public async Task<byte[]?> Find(string id, CancellationToken ct)
    {
        if (id.Length != SignInSession.IdLength) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (found.TryGetValue(id, out (byte[] Ticket, DateTime ExpiresAt) known) && known.ExpiresAt > now) return known.Ticket;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var session = await db.Set<SignInSession>().AsNoTracking().Where(s => s.Id == id && s.ExpiresAt > now)
            .Select(s => new { s.Ticket, s.ExpiresAt }).SingleOrDefaultAsync(ct);
        if (session is null) return null;
        found.Set(id, (session.Ticket, session.ExpiresAt), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Remember });
        return session.Ticket;
    }

    public async Task Remove(string id, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Set<SignInSession>().Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        found.Remove(id);
    }

    /// <summary>Ends every browser session of a login (disabling it).</summary>
    public async Task<int> RemoveAll(string userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ids = await db.Set<SignInSession>().Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in ids) found.Remove(id);
        return await db.Set<SignInSession>().Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
    }
}
