using System.Globalization;
using System.Text;
using System.Xml;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Handoff;

/// <summary>
/// FCPXML 1.10 (read by Final Cut Pro 10.6 and later and by DaVinci Resolve 18 and later): the circled takes as clips in
/// shot order on one sequence that starts at 01:00:00:00, and each note thread as a marker at its frame, a to-do marker
/// while open and a completed one once resolved. Every time is an exact fraction of a second ("1001/24000s"), so each
/// marker lands on its frame at any rate.
/// </summary>
public static class FcpxmlWriter
{
    public const string Version = "1.10";
    private const int MaxMarkerLength = 1000;

    public static byte[] Write(HandoffCut cut)
    {
        var formats = new Dictionary<(FrameRate, int, int), string>();
        var assets = new Dictionary<Guid, string>();
        var nextId = 1;
        string FormatOf(FrameRate rate, int width, int height)
        {
            if (!formats.TryGetValue((rate, width, height), out var id))
                formats[(rate, width, height)] = id = $"r{nextId++}";
            return id;
        }

        var first = cut.Clips.Count > 0 ? cut.Clips[0].Take : null;
        var sequenceFormat = FormatOf(cut.Rate, first?.Width ?? 1920, first?.Height ?? 1080);
        foreach (var clip in cut.Clips)
        {
            FormatOf(clip.Take.Rate, clip.Take.Width, clip.Take.Height);
            if (!assets.ContainsKey(clip.Take.TakeId))
                assets[clip.Take.TakeId] = $"r{nextId++}";
        }

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteDocType("fcpxml", null, null, null);
            xml.WriteStartElement("fcpxml");
            xml.WriteAttributeString("version", Version);

            xml.WriteStartElement("resources");
            foreach (var ((rate, width, height), id) in formats)
            {
                xml.WriteStartElement("format");
                xml.WriteAttributeString("id", id);
                xml.WriteAttributeString("frameDuration", ExactTime.OfFrames(1, rate).ToFcpxml());
                xml.WriteAttributeString("width", width.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("height", height.ToString(CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }
            foreach (var take in cut.Clips.Select(c => c.Take).DistinctBy(t => t.TakeId))
            {
                xml.WriteStartElement("asset");
                xml.WriteAttributeString("id", assets[take.TakeId]);
                xml.WriteAttributeString("name", HandoffText.OneLine(take.FileName, 200));
                xml.WriteAttributeString("uid", take.TakeId.ToString("N").ToUpperInvariant());
                xml.WriteAttributeString("start", "0s");
                xml.WriteAttributeString("duration", ExactTime.OfFrames(take.DurationFrames, take.Rate).ToFcpxml());
                xml.WriteAttributeString("hasVideo", "1");
                xml.WriteAttributeString("format", FormatOf(take.Rate, take.Width, take.Height));
                xml.WriteAttributeString("videoSources", "1");
                if (take.HasAudio)
                {
                    xml.WriteAttributeString("hasAudio", "1");
                    xml.WriteAttributeString("audioSources", "1");
                }
                xml.WriteStartElement("media-rep");
                xml.WriteAttributeString("kind", "original-media");
                xml.WriteAttributeString("src", take.MediaUrl);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("library");
            xml.WriteStartElement("event");
            xml.WriteAttributeString("name", HandoffText.OneLine(cut.ProjectName, 200));
            xml.WriteStartElement("project");
            xml.WriteAttributeString("name", HandoffText.OneLine($"{cut.ProjectName} - circled takes", 200));
            xml.WriteStartElement("sequence");
            xml.WriteAttributeString("format", sequenceFormat);
            xml.WriteAttributeString("duration", ExactTime.OfFrames(cut.DurationFrames, cut.Rate).ToFcpxml());
            xml.WriteAttributeString("tcStart", ExactTime.OfFrames(cut.StartFrame, cut.Rate).ToFcpxml());
            xml.WriteAttributeString("tcFormat", TcFormat(cut.Rate));
            xml.WriteStartElement("spine");
            foreach (var clip in cut.Clips)
            {
                var take = clip.Take;
                xml.WriteStartElement("asset-clip");
                xml.WriteAttributeString("ref", assets[take.TakeId]);
                xml.WriteAttributeString("offset", ExactTime.OfFrames(clip.RecordIn, cut.Rate).ToFcpxml());
                xml.WriteAttributeString("name", take.Name);
                xml.WriteAttributeString("start", "0s");
                xml.WriteAttributeString("duration", ExactTime.OfFrames(clip.RecordDuration, cut.Rate).ToFcpxml());
                xml.WriteAttributeString("format", FormatOf(take.Rate, take.Width, take.Height));
                xml.WriteAttributeString("tcFormat", TcFormat(take.Rate));
                foreach (var (head, replies) in take.Threads())
                {
                    xml.WriteStartElement("marker");
                    xml.WriteAttributeString("start", ExactTime.OfFrames(head.FrameIn, take.Rate).ToFcpxml());
                    xml.WriteAttributeString("duration", ExactTime.OfFrames(head.FrameCount, take.Rate).ToFcpxml());
                    xml.WriteAttributeString("value", HandoffText.OneLine(HandoffText.MarkerText(head, replies.Count), MaxMarkerLength));
                    xml.WriteAttributeString("completed", head.Resolved ? "1" : "0");
                    xml.WriteAttributeString("note", head.Link);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static string TcFormat(FrameRate rate) => rate.SupportsDropFrame ? "DF" : "NDF";
}
