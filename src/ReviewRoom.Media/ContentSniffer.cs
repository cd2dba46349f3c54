using System.Text;

namespace ReviewRoom.Media;

/// <summary>
/// Says what a file really is when ffprobe cannot read it, from its first bytes rather than its name:
/// a reviewer needs "this is a text file" or "this upload was cut short", not "Invalid data".
/// </summary>
public static class ContentSniffer
{
    private const int SniffLength = 512;

    public static string ExplainUnreadable(string file, string toolMessage)
    {
        var head = ReadHead(file);
        if (head.Length == 0)
            return "The file is empty.";
        if (head.Length >= 8 && Encoding.ASCII.GetString(head, 4, 4) is "ftyp" or "mdat" or "moov" or "wide" or "free")
            return "It starts like an MP4/QuickTime video but cannot be read: its index (the moov atom) is missing or damaged, "
                + "which usually means the upload or render was cut short. Upload or render it again.";
        if (head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3)
            return "It starts like a WebM/Matroska video but cannot be read; the file is damaged or cut short.";
        if (LooksLikeText(head))
        {
            var start = Encoding.UTF8.GetString(head).Split('\n')[0].Trim();
            if (start.Length > 60)
                start = start[..60] + "…";
            return $"It is a text file, not a video, whatever its name says (it begins \"{start}\").";
        }
        var reason = toolMessage.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? toolMessage;
        return $"It is not a video format ReviewRoom can read ({reason}).";
    }

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
