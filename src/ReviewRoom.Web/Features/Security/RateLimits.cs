using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReviewRoom.Core;

namespace ReviewRoom.Web.Features.Security;

/// <summary>
/// The budgets every entry point draws from: sign-in, commands and uploads per caller, hub messages per connection.
/// One place, so a page, the hub and the API cannot give one caller three budgets; on several nodes the budgets are
/// counted together (<see cref="IRateWindows"/>), so neither can a load balancer.
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly IRateWindow _signInPerAccount;
    private readonly IRateWindow _signInPerAddress;
    private readonly IRateWindow _commands;
    private readonly IRateWindow _uploads;
    private readonly IRateWindow _guestLinks;
    private readonly RateLimitOptions _options;

    public RateLimits(IOptions<RateLimitOptions> options, IRateWindows windows)
    {
        _options = options.Value;
        _signInPerAccount = windows.Create("sign-in-account", _options.SignInPerAccountAndAddress, _options.SignInWindow);
        _signInPerAddress = windows.Create("sign-in-address", _options.SignInPerAddress, _options.SignInWindow);
        _commands = windows.Create("commands", _options.CommandsPerMinute, TimeSpan.FromMinutes(1));
        _uploads = windows.Create("uploads", _options.UploadsPerMinute, TimeSpan.FromMinutes(1));
        _guestLinks = windows.Create("guest-link", _options.GuestChangesPerLinkPerMinute, TimeSpan.FromMinutes(1));
    }

    public RateLimitOptions Options => _options;

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait. Unknown and known emails count alike.</summary>
    public async Task<TimeSpan?> TrySignInAsync(string email, string address)
    {
        var account = $"{email.Trim().ToUpperInvariant()}|{address}";
        return await _signInPerAddress.TryAcquireAsync(address) ?? await _signInPerAccount.TryAcquireAsync(account);
    }

    /// <summary>Throws <see cref="RateLimitedException"/> when <paramref name="callerKey"/> has made too many changes this minute.</summary>
    public async Task RequireCommandAsync(string callerKey)
    {
        if (await _commands.TryAcquireAsync(callerKey) is { } wait)
            throw new RateLimitedException($"You are making changes faster than this server allows ({_options.CommandsPerMinute} a minute). Try again in {Describe(wait)}.", wait);
    }

    /// <summary>Throws <see cref="RateLimitedException"/> when the guests of one review link together have done too much this minute.</summary>
    public async Task RequireGuestChangeAsync(Guid linkId)
    {
        if (await _guestLinks.TryAcquireAsync(linkId.ToString("N")) is { } wait)
            throw new RateLimitedException($"This review link's guests are making changes faster than this server allows ({_options.GuestChangesPerLinkPerMinute} a minute). Try again in {Describe(wait)}.", wait);
    }

    public Task<TimeSpan?> TryUploadAsync(string callerKey) => _uploads.TryAcquireAsync(callerKey).AsTask();

    public string UploadRefusal(TimeSpan wait) =>
        $"Uploads are being started faster than this server allows ({_options.UploadsPerMinute} a minute). Try again in {Describe(wait)}.";

    /// <summary>A per-connection bucket for hub messages: refills every second, allows a short burst.</summary>
    public RateLimiter NewHubConnectionLimiter() => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = _options.HubMessagesPerSecond * 2,
        TokensPerPeriod = _options.HubMessagesPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    public static string Describe(TimeSpan wait) =>
        wait.TotalSeconds < 1.5 ? "a second" : wait.TotalSeconds < 90 ? $"{Math.Ceiling(wait.TotalSeconds):0} seconds" : $"{Math.Ceiling(wait.TotalMinutes):0} minutes";

    public void Dispose()
    {
        _signInPerAccount.Dispose();
        _signInPerAddress.Dispose();
        _commands.Dispose();
        _uploads.Dispose();
        _guestLinks.Dispose();
    }
}
