namespace ReviewRoom.Media;

/// <summary>
/// The media types ReviewRoom serves, decided by what ffprobe found inside a file (or by what ReviewRoom
/// made itself), never by a name an uploader chose: a video called "lookdev.html" must not reach a
/// browser as a page.
/// </summary>
public static class MediaTypes
{
    public const string Mp4 = "video/mp4";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Unknown = "application/octet-stream";

    /// <summary>The type for an original whose demuxer ffprobe named <paramref name="container"/> (e.g. "mov,mp4,m4a,3gp,3g2,mj2").</summary>
    public static string ForContainer(string? container)
    {
        var names = (container ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Contains("mp4") || names.Contains("mov"))
            return Mp4;
        if (names.Contains("matroska") || names.Contains("webm"))
            return "video/x-matroska";
        if (names.Contains("avi"))
            return "video/x-msvideo";
        if (names.Contains("mxf"))
            return "application/mxf";
        if (names.Contains("mpegts"))
            return "video/mp2t";
        return Unknown;
    }

    private static readonly Dictionary<string, string[]> Extensions = new()
    {
        [Mp4] = [".mp4", ".mov", ".m4v", ".3gp"],
        ["video/x-matroska"] = [".mkv", ".webm"],
        ["video/x-msvideo"] = [".avi"],
        ["application/mxf"] = [".mxf"],
        ["video/mp2t"] = [".ts", ".m2ts"],
    };

    /// <summary>
    /// The name a downloaded original is saved under: the uploader's name, with an extension that fits
    /// what the file is, so a saved "lookdev.html" opens in a player and not in a browser.
    /// </summary>
    public static string DownloadName(string fileName, string mediaType)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var fitting = Extensions.GetValueOrDefault(mediaType, [".bin"]);
        return fitting.Contains(extension) ? fileName : Path.GetFileNameWithoutExtension(fileName) + fitting[0];
    }
}
