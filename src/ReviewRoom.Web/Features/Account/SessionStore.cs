using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReviewRoom.Data;
using ReviewRoom.Data.Identity;
using ReviewRoom.Data.Rooms;

namespace ReviewRoom.Web.Features.Account;

/// <summary>
/// Sign-in sessions kept on the server: the cookie holds a random key, the ticket lives in the database.
/// Signing out deletes the row, so a copied or stolen cookie stops working at once. Lookups are cached
/// briefly because every media range request carries the cookie.
/// </summary>
public sealed class SessionStore(IDbContextFactory<ReviewRoomDbContext> contextFactory, RoomWriter writer, IMemoryCache cache, TimeProvider clock) : ITicketStore
{
    /// <summary>The claim that names the session a principal came from, so circuits and hub connections can check it is still open.</summary>
    public const string SessionClaim = "reviewroom:session";

    /// <summary>How stale a cached lookup may be: the longest a session ended elsewhere stays usable.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(20);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        if (ticket.Principal.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim(SessionClaim, key));
        var userId = UserClaims.GetUserId(ticket.Principal) ?? throw new InvalidOperationException("A session needs a signed-in person.");
        var session = new UserSession(key, userId, TicketSerializer.Default.Serialize(ticket), clock.GetUtcNow().UtcDateTime, ticket.Properties.ExpiresUtc?.UtcDateTime);
        await writer.WriteQuietlyAsync((db, _) =>
        {
            db.UserSessions.Add(session);
            return Task.CompletedTask;
        });
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        cache.Remove(CacheKey(key));
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            if (await db.UserSessions.FindAsync([key], ct) is { } session)
                session.Renew(TicketSerializer.Default.Serialize(ticket), clock.GetUtcNow().UtcDateTime, ticket.Properties.ExpiresUtc?.UtcDateTime);
        });
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (cache.TryGetValue(CacheKey(key), out AuthenticationTicket? cached))
            return cached;
        await using var db = await contextFactory.CreateDbContextAsync();
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == key);
        var ticket = session is null || session.ExpiresAt < clock.GetUtcNow().UtcDateTime ? null : TicketSerializer.Default.Deserialize(session.Ticket);
        cache.Set(CacheKey(key), ticket, CacheFor);
        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        cache.Remove(CacheKey(key));
        await writer.WriteQuietlyAsync(async (db, ct) => await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync(ct));
    }

    /// <summary>Whether the session a principal came from is still open (signed-out sessions are gone).</summary>
    public async Task<bool> IsOpenAsync(ClaimsPrincipal principal) =>
        principal.FindFirstValue(SessionClaim) is { } key && await RetrieveAsync(key) is not null;

    /// <summary>Ends every session of a person, e.g. when an administrator disables the account.</summary>
    public async Task EndAllAsync(Guid userId)
    {
        var keys = new List<string>();
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            keys = await db.UserSessions.Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync(ct);
            await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        });
        foreach (var key in keys)
            cache.Remove(CacheKey(key));
    }

    private static string CacheKey(string key) => "session:" + key;
}

/// <summary>
/// Whether a signed-in principal may go on: its session is open, its person still exists, is not
/// disabled, and has not had their security stamp changed (a password reset ends other sessions).
/// Circuits and hub connections ask this every <see cref="Interval"/>.
/// </summary>
public sealed class SessionValidator(IDbContextFactory<ReviewRoomDbContext> contextFactory, SessionStore sessions, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> identity)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Principals with the same key get the same answer from <see cref="IsValidAsync"/>: it reads nothing else of them.</summary>
    public string SameAnswerKey(ClaimsPrincipal principal) => string.Join('|',
        principal.GetUserId()?.ToString("N"), principal.FindFirstValue(SessionStore.SessionClaim),
        principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType), principal.GetGuestLinkId()?.ToString("N"));

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.GetUserId() is not { } userId || !await sessions.IsOpenAsync(principal))
            return false;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd }).SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.LockoutEnd > clock.GetUtcNow())
            return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (stamp is not null && stamp != user.SecurityStamp)
            return false;
        // A guest's session lasts only as long as their review link.
        var now = clock.GetUtcNow().UtcDateTime;
        return principal.GetGuestLinkId() is not { } linkId
            || await db.ReviewLinks.AnyAsync(l => l.Id == linkId && l.RevokedAt == null && l.ExpiresAt > now, cancellationToken);
    }
}
