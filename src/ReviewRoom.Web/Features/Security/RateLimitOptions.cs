using System.ComponentModel.DataAnnotations;

namespace ReviewRoom.Web.Features.Security;

/// <summary>How often one caller may do each thing. Each is a budget per window; a caller over it is told when to try again.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts for one email from one address, per <see cref="SignInWindow"/>. Keyed on the pair, so nobody can use it to lock a colleague out.</summary>
    [Range(1, 1_000_000)]
    public int SignInPerAccountAndAddress { get; set; } = 10;

    /// <summary>Sign-in attempts from one address for any emails, per <see cref="SignInWindow"/> (a whole studio may share one address).</summary>
    [Range(1, 1_000_000)]
    public int SignInPerAddress { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Changes one person may make per minute (notes, replies, edits, decisions, circles, votes).</summary>
    [Range(1, 1_000_000)]
    public int CommandsPerMinute { get; set; } = 120;

    /// <summary>
    /// Changes all guests of one review link may make per minute together, and people who may come in by
    /// one link per minute: a link can be forwarded, so it gets a budget of its own below a member's.
    /// </summary>
    [Range(1, 1_000_000)]
    public int GuestChangesPerLinkPerMinute { get; set; } = 30;

    /// <summary>Uploads one person or token may start per minute.</summary>
    [Range(1, 1_000_000)]
    public int UploadsPerMinute { get; set; } = 60;

    /// <summary>Messages one hub connection may send per second (presence updates included).</summary>
    [Range(1, 1_000_000)]
    public int HubMessagesPerSecond { get; set; } = 30;

    /// <summary>Hub connections one person may hold open at once.</summary>
    [Range(1, 1_000_000)]
    public int HubConnectionsPerPerson { get; set; } = 20;
}
