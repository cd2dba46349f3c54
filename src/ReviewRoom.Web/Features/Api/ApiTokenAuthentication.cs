using ReviewRoom.Web.Features.Account;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;

namespace ReviewRoom.Web.Features.Api;

/// <summary>
/// Signs a request in by "Authorization: Bearer rr_..." as the project token it names. Only the
/// pipeline API accepts this scheme; pages and the hub stay cookie-only.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<ReviewRoomDbContext> contextFactory,
    RoomWriter writer,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.SecretPrefix, StringComparison.Ordinal) || secret.Length > 200)
            return Refuse("That is not a ReviewRoom API token (they start with rr_).");

        var hash = ApiToken.HashOf(secret);
        await using var db = await contextFactory.CreateDbContextAsync(Context.RequestAborted);
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null)
            return Refuse("This API token is not known here; check that it was copied whole.");
        if (token.IsRevoked)
            return Refuse("This API token has been revoked; make a new one on the project's Integrations page.");

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
            await writer.WriteQuietlyAsync(async (context, ct) =>
            {
                if (await context.ApiTokens.FindAsync([token.Id], ct) is { } stored)
                    stored.MarkUsed(now);
            });

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, token.Name),
            new Claim(ApiTokenClaims.TokenId, token.Id.ToString()),
            new Claim(ApiTokenClaims.ProjectId, token.ProjectId.ToString()),
            new Claim(ApiTokenClaims.Scope, token.Scope.ToString()),
        ], ApiTokenClaims.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokenClaims.Scheme));
    }

    /// <summary>The reason reaches the caller in the 401's problem details.</summary>
    private AuthenticateResult Refuse(string reason)
    {
        Context.Items[RefusalKey] = reason;
        return AuthenticateResult.Fail(reason);
    }

    public const string RefusalKey = "ReviewRoom.TokenRefusal";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
