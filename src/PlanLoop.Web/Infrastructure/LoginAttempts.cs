using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Infrastructure;

public enum LoginOutcome
{
    SignedIn,
    /// <summary>Wrong name or password, or a disabled login: one answer, so that nobody learns which names exist.</summary>
    Refused,
    /// <summary>Too many failures from this address (for this name, or at all) lately.</summary>
    Throttled,
}

/// <summary>
/// Signing in with a name and password, for the login page and the token API alike. Guessing is
/// slowed per address rather than per login — at most <see cref="LoginThrottle.PerNameAndAddress"/>
/// failures for one name and <see cref="LoginThrottle.PerAddress"/> in all from one address within
/// <see cref="LoginThrottle.Window"/> — so nobody can lock someone else out by typing their name
/// wrong on purpose (Identity's lockout is not used). An unknown name costs the same password hash
/// as a known one, and every refusal reads the same.
/// </summary>
public sealed class LoginAttempts(SignInManager<PlanLoopUser> signIn, UserManager<PlanLoopUser> users, LoginThrottle throttle)
{
    static readonly Lazy<string> Decoy = new(() => new PasswordHasher<PlanLoopUser>().HashPassword(new PlanLoopUser(), Guid.NewGuid().ToString()));

    public async Task<(LoginOutcome Outcome, PlanLoopUser? User)> SignIn(string userName, string password, string? address, bool persistent, string? scheme = null)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var name = userName.Trim();
        address ??= "";
        if (throttle.Throttled(name, address)) return (LoginOutcome.Throttled, null);
        var user = await users.FindByNameAsync(name);
        var signedIn = false;
        if (user is not null)
        {
            if (scheme is not null) signIn.AuthenticationScheme = scheme;
            var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: false);
            signedIn = result.Succeeded;
            // A disabled (locked) login is refused before its password is checked: hash anyway, so it takes as long.
            if (result.IsLockedOut) users.PasswordHasher.VerifyHashedPassword(user, Decoy.Value, password);
        }
        else users.PasswordHasher.VerifyHashedPassword(new PlanLoopUser(), Decoy.Value, password);
        if (signedIn) throttle.Succeeded(name, address);
        else throttle.Failed(name, address);
        return (signedIn ? LoginOutcome.SignedIn : LoginOutcome.Refused, signedIn ? user : null);
    }
}

/// <summary>Failed sign-ins by (name, address) and by address within a sliding window; bounded in memory.</summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int PerNameAndAddress = 5;
    public const int PerAddress = 30;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    const int MaxTracked = 100_000;

    readonly ConcurrentDictionary<string, (int Count, DateTimeOffset Since)> failures = new(StringComparer.Ordinal);

    public bool Throttled(string name, string address) =>
        Count(Key(name, address)) >= PerNameAndAddress || Count("@" + address) >= PerAddress;

    public void Failed(string name, string address)
    {
        if (failures.Count > MaxTracked) failures.Clear();
        var now = clock.GetUtcNow();
        foreach (var key in new[] { Key(name, address), "@" + address })
            failures.AddOrUpdate(key, (1, now), (_, f) => now - f.Since > Window ? (1, now) : (f.Count + 1, f.Since));
    }

    public void Succeeded(string name, string address) => failures.TryRemove(Key(name, address), out _);

    int Count(string key) => failures.TryGetValue(key, out var f) && clock.GetUtcNow() - f.Since <= Window ? f.Count : 0;

    static string Key(string name, string address) => name.ToUpperInvariant() + "@" + address;
}
