using System.Globalization;
using System.Text;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Handoff;

/// <summary>Which editor an EDL's notes are written for.</summary>
public enum EdlForm
{
    /// <summary>The takes as events, each note a "* LOC:" locator under its take (Avid Media Composer; also read by OpenTimelineIO).</summary>
    Locators,

    /// <summary>One event per note with a "|C: |M: |D:" comment (DaVinci Resolve's Import > Timeline Markers from EDL).</summary>
    Markers,
}

/// <summary>
/// CMX 3600 edit decision lists of the cut (or one take) with its notes. Timecode is drop-frame, and the list says
/// "FCM: DROP FRAME", when the cut runs at 29.97 or 59.94; record times start at 01:00:00:00 on the cut's timeline,
/// source times at 00:00:00:00 on each take's own. Only thread heads become locators or markers; their text says how
/// many replies follow.
/// </summary>
public static class EdlWriter
{
    public const int MaxTitleLength = 70;
    public const int MaxCommentLength = 200;

    public static string Write(HandoffCut cut, EdlForm form)
    {
        var edl = new StringBuilder();
        edl.Append("TITLE: ").Append(HandoffText.AsciiLine(cut.ProjectName, MaxTitleLength)).Append("\r\n");
        edl.Append(cut.Rate.SupportsDropFrame ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME").Append("\r\n\r\n");
        var events = 0;
        foreach (var clip in cut.Clips)
        {
            var take = clip.Take;
            if (form == EdlForm.Locators)
            {
                Event(edl, ++events, "AX", Tc(0, take.Rate), Tc(take.DurationFrames, take.Rate), Tc(clip.RecordIn, cut.Rate), Tc(clip.RecordOut, cut.Rate));
                edl.Append("* FROM CLIP NAME: ").Append(HandoffText.AsciiLine(take.FileName, MaxCommentLength)).Append("\r\n");
                foreach (var (head, replies) in take.Threads())
                    edl.Append(CultureInfo.InvariantCulture, $"* LOC: {Tc(clip.RecordFrameOf(head.FrameIn, cut.Rate), cut.Rate)} {(head.Resolved ? "GREEN" : "RED"),-7} ")
                        .Append(HandoffText.AsciiLine(HandoffText.MarkerText(head, replies.Count), MaxCommentLength)).Append("\r\n");
                continue;
            }
            foreach (var (head, replies) in take.Threads())
            {
                var at = clip.RecordFrameOf(head.FrameIn, cut.Rate);
                var until = Math.Max(at + 1, clip.RecordFrameOf(head.FrameOut + 1, cut.Rate));
                Event(edl, ++events, "001", Tc(at, cut.Rate), Tc(until, cut.Rate), Tc(at, cut.Rate), Tc(until, cut.Rate));
                edl.Append(CultureInfo.InvariantCulture, $" |C:{(head.Resolved ? "ResolveColorGreen" : "ResolveColorRed")} |M:")
                    .Append(HandoffText.AsciiLine(HandoffText.MarkerText(head, replies.Count), MaxCommentLength).Replace('|', '/'))
                    .Append(CultureInfo.InvariantCulture, $" |D:{until - at}\r\n");
            }
        }
        return edl.ToString();
    }

    private static void Event(StringBuilder edl, int number, string reel, string sourceIn, string sourceOut, string recordIn, string recordOut) =>
        edl.Append(CultureInfo.InvariantCulture, $"{number:000}  {reel,-8} {"V",-5} {"C",-8} {sourceIn} {sourceOut} {recordIn} {recordOut}\r\n");

    private static string Tc(long frame, FrameRate rate) => Timecode.FromFrame(frame, rate).ToString();
}
