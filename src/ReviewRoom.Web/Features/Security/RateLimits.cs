using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReviewRoom.Core;

namespace ReviewRoom.Web.Features.Security;

/// <summary>
/// The budgets every entry point draws from (System.Threading.RateLimiting, the limiter ASP.NET Core's
/// middleware is built on): sign-in, commands and uploads per caller, hub messages per connection.
/// One place, so a page, the hub and the API cannot give one caller three budgets.
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _signInPerAccount;
    private readonly PartitionedRateLimiter<string> _signInPerAddress;
    private readonly PartitionedRateLimiter<string> _commands;
    private readonly PartitionedRateLimiter<string> _uploads;
    private readonly PartitionedRateLimiter<string> _guestLinks;
    private readonly RateLimitOptions _options;

    public RateLimits(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        _signInPerAccount = Window(_options.SignInPerAccountAndAddress, _options.SignInWindow);
        _signInPerAddress = Window(_options.SignInPerAddress, _options.SignInWindow);
        _commands = Window(_options.CommandsPerMinute, TimeSpan.FromMinutes(1));
        _uploads = Window(_options.UploadsPerMinute, TimeSpan.FromMinutes(1));
        _guestLinks = Window(_options.GuestChangesPerLinkPerMinute, TimeSpan.FromMinutes(1));
    }

    public RateLimitOptions Options => _options;

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait. Unknown and known emails count alike.</summary>
    public TimeSpan? TrySignIn(string email, string address)
    {
        var account = $"{email.Trim().ToUpperInvariant()}|{address}";
        return Acquire(_signInPerAddress, address) ?? Acquire(_signInPerAccount, account);
    }

    /// <summary>Throws <see cref="RateLimitedException"/> when <paramref name="callerKey"/> has made too many changes this minute.</summary>
    public void RequireCommand(string callerKey)
    {
        if (Acquire(_commands, callerKey) is { } wait)
            throw new RateLimitedException($"You are making changes faster than this server allows ({_options.CommandsPerMinute} a minute). Try again in {Describe(wait)}.", wait);
    }

    /// <summary>Throws <see cref="RateLimitedException"/> when the guests of one review link together have done too much this minute.</summary>
    public void RequireGuestChange(Guid linkId)
    {
        if (Acquire(_guestLinks, linkId.ToString("N")) is { } wait)
            throw new RateLimitedException($"This review link's guests are making changes faster than this server allows ({_options.GuestChangesPerLinkPerMinute} a minute). Try again in {Describe(wait)}.", wait);
    }

    public TimeSpan? TryUpload(string callerKey) => Acquire(_uploads, callerKey);

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

    private static TimeSpan? Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    private static PartitionedRateLimiter<string> Window(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose()
    {
        _signInPerAccount.Dispose();
        _signInPerAddress.Dispose();
        _commands.Dispose();
        _uploads.Dispose();
        _guestLinks.Dispose();
    }
}
