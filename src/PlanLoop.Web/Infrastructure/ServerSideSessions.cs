using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Infrastructure;

/// <summary>
/// The login cookie holds a session key, not the ticket: the ticket lives in the database
/// (<see cref="SignInSessions"/>), so logging out ends the session on the server and a copy of the cookie taken
/// before it opens nothing afterwards; disabling a login ends all its browser sessions at once.
/// </summary>
sealed class ServerSideSessions(SignInSessions sessions) : ITicketStore
{
    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        sessions.Add(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc, cancellationToken);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        sessions.Renew(key, TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc, cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        await sessions.Find(key, cancellationToken) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => sessions.Remove(key, cancellationToken);
}

static class ServerSideSessionSetup
{
    /// <summary>Gives the login cookie its server-side store (the options are built after the container, so the store is resolved lazily).</summary>
    public static IServiceCollection AddServerSideSessions(this IServiceCollection services)
    {
        services.AddSingleton<ServerSideSessions>();
        services.AddOptions<CookieAuthenticationOptions>(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .Configure<ServerSideSessions>((o, store) => o.SessionStore = store);
        return services;
    }
}
