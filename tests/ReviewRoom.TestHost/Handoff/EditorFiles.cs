using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ReviewRoom.TestHost.Handoff;

/// <summary>A marker as an editor's reader finds it: its first frame and length on its clip's own frames, and its text.</summary>
public sealed record EditorMarker(long Frame, long Length, string Text, string? Color = null);

/// <summary>A clip on the record timeline: frames counted from the timeline's start at the timeline's rate.</summary>
public sealed record EditorClip(string Name, long RecordIn, long RecordLength, long SourceLength, IReadOnlyList<EditorMarker> Markers);

public sealed record EditorTimeline(bool DropFrame, long StartFrame, IReadOnlyList<EditorClip> Clips);

/// <summary>
/// Readers of EDL, FCPXML and OTIO written for the tests from the formats' own rules, sharing nothing with the writers
/// in ReviewRoom.Core (not even its timecode maths), so a mistake in one cannot hide in the other.
/// </summary>
public static partial class EditorFiles
{
    /// <summary>Frames from a SMPTE timecode at a nominal rate (24, 25, 30, 60), drop-frame by the NTSC rule.</summary>
    public static long TimecodeToFrame(string timecode, int nominal, bool dropFrame)
    {
        var parts = timecode.Split(':', ';');
        if (parts.Length != 4)
            throw new FormatException($"'{timecode}' is not a timecode");
        var (h, m, s, f) = (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
        if (f >= nominal || s > 59 || m > 59)
            throw new FormatException($"'{timecode}' is out of range at {nominal}");
        var labels = ((h * 60 + m) * 60 + s) * nominal + f;
        if (!dropFrame)
            return labels;
        var perMinute = nominal / 15;
        var minutes = h * 60 + m;
        if (s == 0 && f < perMinute && m % 10 != 0)
            throw new FormatException($"'{timecode}' names a label drop-frame skips");
        return labels - perMinute * (minutes - minutes / 10);
    }

    public static EditorTimeline ReadEdl(string text, int nominal)
    {
        var dropFrame = false;
        var sawFcm = false;
        var clips = new List<(string Reel, long SrcIn, long SrcOut, long RecIn, long RecOut, string? Name, List<(long Record, string Color, string Text)> Locators, string? Comment)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("FCM:", StringComparison.Ordinal))
            {
                dropFrame = line.Contains("DROP FRAME", StringComparison.Ordinal) && !line.Contains("NON-DROP", StringComparison.Ordinal);
                sawFcm = true;
            }
            else if (EventLine().Match(line) is { Success: true } ev)
            {
                if (!sawFcm)
                    throw new FormatException("An event came before the FCM line");
                long Tc(string group) => TimecodeToFrame(ev.Groups[group].Value, nominal, dropFrame);
                if (ev.Groups["si"].Value.Contains(';', StringComparison.Ordinal) != dropFrame && nominal % 30 == 0)
                    throw new FormatException($"Timecode separator disagrees with FCM in: {line}");
                clips.Add((ev.Groups["reel"].Value, Tc("si"), Tc("so"), Tc("ri"), Tc("ro"), null, [], null));
            }
            else if (line.StartsWith("* FROM CLIP NAME:", StringComparison.Ordinal))
                clips[^1] = clips[^1] with { Name = line["* FROM CLIP NAME:".Length..].Trim() };
            else if (LocatorLine().Match(line) is { Success: true } loc)
                clips[^1].Locators.Add((TimecodeToFrame(loc.Groups["tc"].Value, nominal, dropFrame), loc.Groups["color"].Value, loc.Groups["text"].Value));
            else if (line.StartsWith(" |C:", StringComparison.Ordinal))
                clips[^1] = clips[^1] with { Comment = line };
            else if (line.Length > 0 && !line.StartsWith("TITLE:", StringComparison.Ordinal))
                throw new FormatException($"Unexpected EDL line: {line}");
        }

        var start = TimecodeToFrame(dropFrame ? "01:00:00;00" : "01:00:00:00", nominal, dropFrame);
        return new EditorTimeline(dropFrame, start, clips.Select(c =>
        {
            var markers = c.Locators.Select(l => new EditorMarker(l.Record - c.RecIn, 1, l.Text.Trim(), l.Color)).ToList();
            if (c.Comment is { } comment && ResolveComment().Match(comment) is { Success: true } resolve)
                markers.Add(new EditorMarker(c.RecIn - start, long.Parse(resolve.Groups["length"].Value, CultureInfo.InvariantCulture), resolve.Groups["text"].Value.Trim(), resolve.Groups["color"].Value));
            return new EditorClip(c.Name ?? c.Reel, c.RecIn - start, c.RecOut - c.RecIn, c.SrcOut - c.SrcIn, markers);
        }).ToList());
    }

    /// <summary>Seconds as FCPXML writes them ("0s", "3600s", "1001/24000s") turned into whole frames of a frame duration.</summary>
    public static long FcpxmlFrames(string time, (BigInteger Num, BigInteger Den) frameDuration)
    {
        var (num, den) = FcpxmlSeconds(time);
        // frames = (num/den) / (fdNum/fdDen)
        var top = num * frameDuration.Den;
        var bottom = den * frameDuration.Num;
        if (top % bottom != 0)
            throw new FormatException($"{time} is not a whole number of frames of {frameDuration.Num}/{frameDuration.Den}s");
        return (long)(top / bottom);
    }

    private static (BigInteger Num, BigInteger Den) FcpxmlSeconds(string time)
    {
        if (!time.EndsWith('s'))
            throw new FormatException($"'{time}' has no 's'");
        var body = time[..^1];
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (BigInteger.Parse(body, CultureInfo.InvariantCulture), BigInteger.One)
            : (BigInteger.Parse(body[..slash], CultureInfo.InvariantCulture), BigInteger.Parse(body[(slash + 1)..], CultureInfo.InvariantCulture));
    }

    public static EditorTimeline ReadFcpxml(byte[] bytes)
    {
        var doc = XDocument.Load(new MemoryStream(bytes));
        var root = doc.Root ?? throw new FormatException("No root");
        if (root.Name != "fcpxml" || root.Attribute("version")?.Value is not ("1.9" or "1.10" or "1.11"))
            throw new FormatException("Not an FCPXML 1.9-1.11 document");
        var formats = root.Element("resources")!.Elements("format").ToDictionary(f => f.Attribute("id")!.Value, f => FcpxmlSeconds(f.Attribute("frameDuration")!.Value));
        var assets = root.Element("resources")!.Elements("asset").ToDictionary(a => a.Attribute("id")!.Value);
        var sequence = root.Descendants("sequence").Single();
        var sequenceFrame = formats[sequence.Attribute("format")!.Value];
        var start = FcpxmlFrames(sequence.Attribute("tcStart")!.Value, sequenceFrame);
        var clips = new List<EditorClip>();
        foreach (var clip in sequence.Element("spine")!.Elements("asset-clip"))
        {
            var asset = assets[clip.Attribute("ref")!.Value];
            var clipFrame = formats[asset.Attribute("format")!.Value];
            var markers = clip.Elements("marker").Select(m => new EditorMarker(
                FcpxmlFrames(m.Attribute("start")!.Value, clipFrame) - FcpxmlFrames(clip.Attribute("start")!.Value, clipFrame),
                FcpxmlFrames(m.Attribute("duration")!.Value, clipFrame),
                m.Attribute("value")!.Value,
                m.Attribute("completed")?.Value)).ToList();
            clips.Add(new EditorClip(clip.Attribute("name")!.Value, FcpxmlFrames(clip.Attribute("offset")!.Value, sequenceFrame) - start,
                FcpxmlFrames(clip.Attribute("duration")!.Value, sequenceFrame), FcpxmlFrames(asset.Attribute("duration")!.Value, clipFrame), markers));
        }
        var dropFrame = sequence.Attribute("tcFormat")?.Value == "DF";
        return new EditorTimeline(dropFrame, start, clips);
    }

    /// <summary>OTIO: clips follow one another on the track, so each one's place is the sum of the durations before it.</summary>
    public static EditorTimeline ReadOtio(byte[] bytes, double timelineRate)
    {
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        if (root.GetProperty("OTIO_SCHEMA").GetString() != "Timeline.1")
            throw new FormatException("Not an OTIO timeline");
        var start = Frames(root.GetProperty("global_start_time"), timelineRate);
        var track = root.GetProperty("tracks").GetProperty("children").EnumerateArray().Single(t => t.GetProperty("OTIO_SCHEMA").GetString() == "Track.1");
        var clips = new List<EditorClip>();
        var seconds = 0.0;
        foreach (var clip in track.GetProperty("children").EnumerateArray())
        {
            if (clip.GetProperty("OTIO_SCHEMA").GetString() != "Clip.2")
                throw new FormatException("Only clips expected on the track");
            var range = clip.GetProperty("source_range");
            var rate = range.GetProperty("duration").GetProperty("rate").GetDouble();
            var length = Frames(range.GetProperty("duration"), rate);
            var media = clip.GetProperty("media_references").GetProperty(clip.GetProperty("active_media_reference_key").GetString()!);
            if (string.IsNullOrEmpty(media.GetProperty("target_url").GetString()))
                throw new FormatException("A clip without media");
            var markers = clip.GetProperty("markers").EnumerateArray().Select(m =>
            {
                var marked = m.GetProperty("marked_range");
                return new EditorMarker(Frames(marked.GetProperty("start_time"), rate), Frames(marked.GetProperty("duration"), rate),
                    m.GetProperty("name").GetString()!, m.GetProperty("color").GetString());
            }).ToList();
            var recordIn = (long)Math.Round(seconds * timelineRate);
            seconds += length / rate;
            clips.Add(new EditorClip(clip.GetProperty("name").GetString()!, recordIn, (long)Math.Round(seconds * timelineRate) - recordIn, length, markers));
        }
        return new EditorTimeline(false, start, clips);
    }

    private static long Frames(JsonElement rationalTime, double rate)
    {
        if (rationalTime.GetProperty("OTIO_SCHEMA").GetString() != "RationalTime.1")
            throw new FormatException("Not a RationalTime");
        var value = rationalTime.GetProperty("value").GetDouble();
        var ownRate = rationalTime.GetProperty("rate").GetDouble();
        var frames = value * rate / ownRate;
        if (Math.Abs(frames - Math.Round(frames)) > 1e-6)
            throw new FormatException($"{value}@{ownRate} is not a whole frame at {rate}");
        return (long)Math.Round(frames);
    }

    [GeneratedRegex(@"^\d{3,}\s+(?<reel>\S+)\s+(V|A|B|AA)\s+(C|D\s+\d+)\s+(?<si>\d\d[:;]\d\d[:;]\d\d[:;]\d\d)\s+(?<so>\d\d[:;]\d\d[:;]\d\d[:;]\d\d)\s+(?<ri>\d\d[:;]\d\d[:;]\d\d[:;]\d\d)\s+(?<ro>\d\d[:;]\d\d[:;]\d\d[:;]\d\d)\s*$", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex EventLine();

    [GeneratedRegex(@"^\* LOC: (?<tc>\d\d[:;]\d\d[:;]\d\d[:;]\d\d) (?<color>\S+)\s+(?<text>.*)$", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex LocatorLine();

    [GeneratedRegex(@"^ \|C:(?<color>\S+) \|M:(?<text>.*) \|D:(?<length>\d+)$", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex ResolveComment();
}
