namespace ReviewRoom.Web.Features.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Origins besides ReviewRoom's own address that may make signed-in changes and open hub connections,
    /// e.g. "https://review.studio.example" when a proxy in front rewrites the Host header.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
