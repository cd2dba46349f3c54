using System.Text;

namespace ReviewRoom.Media;

/// <summary>
/// Says what a file really is when ffprobe cannot read it, from its first bytes rather than its name:
/// a reviewer needs "this is a text file" or "this upload was cut short", not "Invalid data".
/// </summary>
public static class ContentSniffer
{
    private const int SniffLength = 512;

    /// <summary>The reason given to people; <paramref name="toolOutput"/> only picks between reasons and is never shown (it names server paths).</summary>
    public static string ExplainUnreadable(string file, string toolOutput)
    {
        var head = ReadHead(file);
        if (head.Length == 0)
            return "The file is empty.";
        if (head.Length >= 8 && Encoding.ASCII.GetString(head, 4, 4) is "ftyp" or "mdat" or "moov" or "wide" or "free")
            return "It starts like an MP4/QuickTime video but cannot be read: its index (the moov atom) is missing or damaged, "
                + "which usually means the upload or render was cut short. Upload or render it again.";
        if (head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3)
            return "It starts like a WebM/Matroska video but cannot be read; the file is damaged or cut short.";
        if (StillImageKind(head) is { } still)
            return $"It is a still image ({still}), not a video.";
        if (StartsWith(head, "RIFF") && head.Length >= 12 && Encoding.ASCII.GetString(head, 8, 4) == "WAVE" || StartsWith(head, "ID3") || StartsWith(head, "fLaC"))
            return "It is an audio file: it has sound but no picture.";
        if (LooksLikeText(head))
        {
            var start = Encoding.UTF8.GetString(head).Split('\n')[0].Trim();
            if (start.Length > 60)
                start = start[..60] + "…";
            return $"It is a text file, not a video, whatever its name says (it begins \"{start}\").";
        }
        return toolOutput.Contains("not on whitelist", StringComparison.Ordinal)
            ? $"It is not a kind of video this server opens (it accepts {AcceptedContainers})."
            : $"It is not a video ReviewRoom can read: the file is damaged or not a video (it accepts {AcceptedContainers}).";
    }

    private const string AcceptedContainers = "MP4, QuickTime, Matroska/WebM, AVI, MXF and MPEG-TS";

    private static string? StillImageKind(byte[] head)
    {
        if (head.Length >= 4 && head[0] == 0x89 && StartsWith(head[1..], "PNG"))
            return "PNG";
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
            return "JPEG";
        if (StartsWith(head, "GIF8"))
            return "GIF";
        if (StartsWith(head, "RIFF") && head.Length >= 12 && Encoding.ASCII.GetString(head, 8, 4) == "WEBP")
            return "WebP";
        return null;
    }

    private static bool StartsWith(byte[] head, string ascii) =>
        head.Length >= ascii.Length && Encoding.ASCII.GetString(head, 0, ascii.Length) == ascii;

    private static byte[] ReadHead(string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[SniffLength];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return buffer[..read];
    }

    private static bool LooksLikeText(byte[] head)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(head.Length == SniffLength ? head[..^4] : head);
            return text.All(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
