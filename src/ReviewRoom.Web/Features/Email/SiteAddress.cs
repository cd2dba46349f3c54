namespace ReviewRoom.Web.Features.Email;

/// <summary>
/// The address people reach ReviewRoom at, for links made away from a request (mail digests, the command
/// line): Site:PublicUrl, or else the first address the server listens on.
/// </summary>
public static class SiteAddress
{
    public static string BaseUrl(IConfiguration configuration) =>
        (configuration["Site:PublicUrl"] is { Length: > 0 } configured ? configured
            : (configuration["Urls"] is { Length: > 0 } urls ? urls : "http://localhost:5180").Split(';')[0]).TrimEnd('/');
}
