using System.ComponentModel.DataAnnotations;

namespace ReviewRoom.Web.Features.Email;

public enum SmtpSecurity
{
    /// <summary>TLS when the server offers it (STARTTLS on 587, TLS on 465).</summary>
    Auto = 0,
    StartTls = 1,
    SslOnConnect = 2,

    /// <summary>Plain text: only for a relay on the same machine or a test server.</summary>
    None = 3,
}

/// <summary>Outgoing mail. With no Host, ReviewRoom sends nothing and shows every link to copy instead.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    [Required]
    public string From { get; set; } = "ReviewRoom <reviewroom@localhost>";

    /// <summary>How often digests are looked for; they go out when each person's chosen wait has passed.</summary>
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsConfigured => Host.Length > 0;
}
