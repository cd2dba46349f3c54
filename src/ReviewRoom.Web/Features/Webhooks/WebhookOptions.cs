using System.ComponentModel.DataAnnotations;

namespace ReviewRoom.Web.Features.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The wait before the first retry; each later one waits four times longer (10 s, 40 s, 160 s, ...).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a receiver has to answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Host names (as written in receiver URLs) that may be on internal addresses, for an on-premises
    /// pipeline, e.g. "render-farm.studio.lan". Every other receiver must be on a public address.
    /// </summary>
    public string[] AllowedInternalHosts { get; set; } = [];
}
