using System.Text;
using System.Xml.Linq;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.TestHost.Handoff;

namespace ReviewRoom.UnitTests.Core.Handoff;

public class HandoffFormatsTests
{
    public static TheoryData<string> Rates => ["24000/1001", "24", "25", "30000/1001", "60000/1001"];

    /// <summary>
    /// A cut of three shots (the middle one has nothing circled): a take over two minutes long with notes on its first
    /// frame, its last, and either side of the first minute (where drop-frame skips labels), then a short take.
    /// </summary>
    private static (HandoffCut Cut, HandoffTake Long, HandoffTake Short, long Minute) Cut(string rateText)
    {
        var rate = FrameRate.Parse(rateText);
        var minute = rate.TimecodeBase * 60L;
        var length = rate.TimecodeBase * 130L;
        var longTake = Take("SH010", "v003", rate, length,
            Note(0, 0), Note(length - 1, length - 1), Note(minute - 1, minute - 1), Note(minute, minute),
            Note(minute - 5, minute + 5, resolved: true), Reply(minute - 5));
        var shortTake = Take("SH030", "v001", rate, 37, Note(0, 0), Note(10, 36));
        var cut = new HandoffCut("Night Swim", rate,
        [
            new HandoffShot(longTake.ShotId, 0, "SH010", "Pool", 12.5m, longTake),
            new HandoffShot(Guid.NewGuid(), 1, "SH020", "Pool", 3m, null),
            new HandoffShot(shortTake.ShotId, 2, "SH030", "Pool", 4m, shortTake),
        ]);
        return (cut, longTake, shortTake, minute);
    }

    private static readonly Dictionary<long, Guid> Heads = [];

    private static HandoffNote Note(long frameIn, long frameOut, bool resolved = false, string text = "Fix the flicker")
    {
        var id = Guid.NewGuid();
        Heads[frameIn] = id;
        return new HandoffNote(id, null, frameIn, frameOut, "Dana Reyes", ProjectRole.Director, text, text, resolved, DateTime.UnixEpoch, $"https://rr.example/takes/x?frame={frameIn}");
    }

    private static HandoffNote Reply(long headFrame) =>
        new(Guid.NewGuid(), Heads[headFrame], headFrame, headFrame, "Vic Moreau", ProjectRole.VfxLead, "On it", "On it", false, DateTime.UnixEpoch, "https://rr.example/x");

    private static HandoffTake Take(string shot, string version, FrameRate rate, long frames, params HandoffNote[] notes) =>
        new(Guid.NewGuid(), Guid.NewGuid(), shot, "Pool", version, rate, frames, 1920, 1080, false,
            new GenerationInfo { Model = "veo-3", Prompt = "a swimmer at night", Seed = 42, ParametersJson = """{"steps":30}""" },
            null, "Approved", $"{shot}_{version}.mp4", $"https://rr.example/media/{shot}", $"https://rr.example/takes/{shot}", notes);

    private static void ExpectMarkersOf(HandoffTake take, IReadOnlyList<EditorMarker> markers, bool lengths = true)
    {
        var heads = take.Notes.Where(n => !n.IsReply).OrderBy(n => n.FrameIn).ToList();
        Assert.Equal(heads.Select(n => n.FrameIn), markers.Select(m => m.Frame));
        if (lengths)
            Assert.Equal(heads.Select(n => n.FrameCount), markers.Select(m => m.Length));
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Edl_WithLocators_ReadsBackEveryClipAndNoteAtItsFrame(string rateText)
    {
        var (cut, longTake, shortTake, minute) = Cut(rateText);
        var edl = EdlWriter.Write(cut, EdlForm.Locators);

        var read = EditorFiles.ReadEdl(edl, cut.Rate.TimecodeBase);
        Assert.Equal(cut.Rate.SupportsDropFrame, read.DropFrame);
        Assert.Equal(2, read.Clips.Count);
        Assert.Equal((0L, longTake.DurationFrames, longTake.DurationFrames), (read.Clips[0].RecordIn, read.Clips[0].RecordLength, read.Clips[0].SourceLength));
        Assert.Equal((longTake.DurationFrames, 37L), (read.Clips[1].RecordIn, read.Clips[1].RecordLength));
        Assert.Equal("SH010_v003.mp4", read.Clips[0].Name);
        ExpectMarkersOf(longTake, read.Clips[0].Markers, lengths: false);
        ExpectMarkersOf(shortTake, read.Clips[1].Markers, lengths: false);
        Assert.Equal(["RED", "GREEN", "RED", "RED", "RED"], read.Clips[0].Markers.Select(m => m.Color));
        Assert.Equal("Dana Reyes (Director): Fix the flicker [1 reply]", read.Clips[0].Markers[1].Text);
        if (cut.Rate.SupportsDropFrame)
            Assert.Contains(cut.Rate.TimecodeBase == 30 ? "* LOC: 01:01:00;02 RED" : "* LOC: 01:01:00;04 RED", edl, StringComparison.Ordinal);
        Assert.True(minute > 0);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Edl_OfMarkers_PutsEachThreadAtItsRecordFrameWithItsLength(string rateText)
    {
        var (cut, longTake, shortTake, _) = Cut(rateText);
        var read = EditorFiles.ReadEdl(EdlWriter.Write(cut, EdlForm.Markers), cut.Rate.TimecodeBase);

        var markers = read.Clips.Select(c => c.Markers.Single()).ToList();
        var expected = longTake.Notes.Where(n => !n.IsReply).OrderBy(n => n.FrameIn).Select(n => (n.FrameIn, n.FrameCount))
            .Concat(shortTake.Notes.Select(n => (longTake.DurationFrames + n.FrameIn, n.FrameCount)));
        Assert.Equal(expected, markers.Select(m => (m.Frame, m.Length)));
        Assert.Equal(["ResolveColorRed", "ResolveColorGreen", "ResolveColorRed", "ResolveColorRed", "ResolveColorRed", "ResolveColorRed", "ResolveColorRed"],
            markers.Select(m => m.Color));
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Fcpxml_ReadsBackClipsInShotOrderAndEveryMarkerOnItsFrame(string rateText)
    {
        var (cut, longTake, shortTake, _) = Cut(rateText);
        var read = EditorFiles.ReadFcpxml(FcpxmlWriter.Write(cut));

        Assert.Equal(cut.Rate.SupportsDropFrame, read.DropFrame);
        Assert.Equal(new Timecode(1, 0, 0, 0, cut.Rate.SupportsDropFrame).ToFrame(cut.Rate), read.StartFrame);
        Assert.Equal(["SH010 v003", "SH030 v001"], read.Clips.Select(c => c.Name));
        Assert.Equal([(0L, longTake.DurationFrames), (longTake.DurationFrames, 37L)], read.Clips.Select(c => (c.RecordIn, c.RecordLength)));
        ExpectMarkersOf(longTake, read.Clips[0].Markers);
        ExpectMarkersOf(shortTake, read.Clips[1].Markers);
        Assert.Equal(["0", "1", "0", "0", "0"], read.Clips[0].Markers.Select(m => m.Color));
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Otio_ReadsBackClipsMediaMarkersAndGeneration(string rateText)
    {
        var (cut, longTake, shortTake, _) = Cut(rateText);
        var bytes = OtioWriter.Write(cut);
        var read = EditorFiles.ReadOtio(bytes, cut.Rate.FramesPerSecond);

        Assert.Equal(cut.StartFrame, read.StartFrame);
        Assert.Equal([(0L, longTake.DurationFrames), (longTake.DurationFrames, 37L)], read.Clips.Select(c => (c.RecordIn, c.RecordLength)));
        ExpectMarkersOf(longTake, read.Clips[0].Markers);
        ExpectMarkersOf(shortTake, read.Clips[1].Markers);
        using var doc = System.Text.Json.JsonDocument.Parse(bytes);
        var metadata = doc.RootElement.GetProperty("tracks").GetProperty("children")[0].GetProperty("children")[0].GetProperty("metadata").GetProperty("reviewroom");
        Assert.Equal("veo-3", metadata.GetProperty("model").GetString());
        Assert.Equal(42, metadata.GetProperty("seed").GetInt64());
        Assert.Equal(30, metadata.GetProperty("parameters").GetProperty("steps").GetInt32());
    }

    [Fact]
    public void MixedRates_EachTakeKeepsItsLengthInSeconds_AndFollowsTheLastWithoutAGap()
    {
        var a = Take("SH010", "v001", FrameRate.Fps24, 48, Note(24, 24));
        var b = Take("SH020", "v002", FrameRate.Fps25, 50);
        var c = Take("SH030", "v001", FrameRate.Fps29_97, 30);
        var cut = new HandoffCut("Mixed", FrameRate.Fps24, [new(a.ShotId, 0, "SH010", "", 0, a), new(b.ShotId, 1, "SH020", "", 0, b), new(c.ShotId, 2, "SH030", "", 0, c)]);

        // 2 s, then 2 s, then 1.001 s at 24 fps: 48, 48, and 24.024 frames, rounded where the cut's frames fall.
        Assert.Equal([(86400L, 48L), (86448L, 48L), (86496L, 24L)], cut.Clips.Select(x => (x.RecordIn, x.RecordDuration)));
        var fcp = EditorFiles.ReadFcpxml(FcpxmlWriter.Write(cut));
        Assert.Equal([0L, 48L, 96L], fcp.Clips.Select(x => x.RecordIn));
        Assert.Equal([48L, 50L, 30L], fcp.Clips.Select(x => x.SourceLength));
        Assert.Equal(24, fcp.Clips[0].Markers.Single().Frame);
        Assert.Equal(FrameRate.Fps24, HandoffCut.UsualRate(cut.Shots));
    }

    [Fact]
    public void HostileText_StaysInsideEachFormat()
    {
        const string hostile = "=HYPERLINK(\"http://evil\")\n|M:fake |D:9\r\n* LOC: 01:00:00:00 RED forged\n</marker><script>x</script> \u0001\u0007 naïve 🎬 \ud800 end";
        var take = Take("SH010", "v001", FrameRate.Fps24, 48, Note(5, 5, text: hostile));
        var cut = new HandoffCut("A \"cut\" <of> & |things|\nsecond line", FrameRate.Fps24, [new(take.ShotId, 0, "SH010", "", 0, take)]);

        var edl = EdlWriter.Write(cut, EdlForm.Locators);
        Assert.All(edl, ch => Assert.True(ch is '\r' or '\n' || ch is >= ' ' and <= '~', $"non-ASCII {(int)ch}"));
        var locators = EditorFiles.ReadEdl(edl, 24).Clips.Single().Markers;
        Assert.Equal(5, Assert.Single(locators).Frame);
        Assert.Contains("naive", locators[0].Text, StringComparison.Ordinal);
        var markers = EditorFiles.ReadEdl(EdlWriter.Write(cut, EdlForm.Markers), 24).Clips;
        Assert.Equal(1, Assert.Single(Assert.Single(markers).Markers).Length);

        var fcp = FcpxmlWriter.Write(cut);
        var marker = XDocument.Load(new MemoryStream(fcp)).Descendants("marker").Single();
        Assert.StartsWith("Dana Reyes (Director): =HYPERLINK(\"http://evil\") |M:fake", marker.Attribute("value")!.Value, StringComparison.Ordinal);
        Assert.Contains("naïve 🎬", marker.Attribute("value")!.Value, StringComparison.Ordinal);
        Assert.Equal(5, EditorFiles.ReadFcpxml(fcp).Clips.Single().Markers.Single().Frame);

        using var otio = System.Text.Json.JsonDocument.Parse(OtioWriter.Write(cut));
        Assert.Equal(5, EditorFiles.ReadOtio(OtioWriter.Write(cut), 24).Clips.Single().Markers.Single().Frame);

        var report = new NotesReport("P", "Notes", ExportFilter.All, [take]);
        var rows = CsvRows(report.ToCsv());
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("'=HYPERLINK(", rows[1][13], StringComparison.Ordinal);
        Assert.Contains("</marker><script>", rows[1][13], StringComparison.Ordinal);
        var markdown = Encoding.UTF8.GetString(report.ToMarkdown());
        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.Contains("  > * LOC: 01:00:00:00 RED forged", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void NotesCsv_HasARowPerNoteAndReply_WithTimecodesLinksAndThreadStatus()
    {
        var (_, longTake, _, minute) = Cut("30000/1001");
        var rows = CsvRows(new NotesReport("Night Swim", "SH010 v003", ExportFilter.All, [longTake]).ToCsv());

        Assert.Equal(["Shot", "Take", "Version", "Timecode in", "Timecode out", "Frame in", "Frame out", "Frames", "Author", "Role", "Status", "Kind",
            "Thread", "Text", "Link", "Written (UTC)", "Note"], rows[0]);
        Assert.Equal(7, rows.Count);
        var boundary = rows.Single(r => r[5] == minute.ToString(System.Globalization.CultureInfo.InvariantCulture) && r[6] == r[5]);
        Assert.Equal(("00:01:00;02", "Open", "Note"), (boundary[3], boundary[10], boundary[11]));
        var reply = rows.Single(r => r[11] == "Reply");
        Assert.Equal(("Resolved", "Vic Moreau", "VFX Lead"), (reply[10], reply[8], reply[9]));
        Assert.Equal(rows[rows.IndexOf(reply) - 1][16], reply[12]);
    }

    [Fact]
    public void NoteFilter_OpenOnlyByRoleAndSince_KeepsRepliesWithTheirThreads()
    {
        var (_, longTake, _, _) = Cut("24");
        Assert.Equal(4, ExportFilter.All with { OpenOnly = true } is var open ? open.Apply(longTake).Notes.Count : 0);
        Assert.Empty(new ExportFilter(Role: ProjectRole.VfxLead).Apply(longTake).Notes);
        Assert.Equal(6, new ExportFilter(Role: ProjectRole.Director).Apply(longTake).Notes.Count);
        Assert.Empty(new ExportFilter(SinceUtc: DateTime.UnixEpoch.AddDays(1)).Apply(longTake).Notes);
        Assert.Equal("open threads only, threads started by VFX Leads", new ExportFilter(true, ProjectRole.VfxLead).Describe());
    }

    [Fact]
    public void CutList_HasARowPerShot_InCutOrder_WithRecordTimesAndCredits()
    {
        var (cut, _, _, _) = Cut("25");
        var rows = CsvRows(CutList.ToCsv(cut));
        Assert.Equal(["SH010", "SH020", "SH030"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(("SH010 v003", "3250", "00:02:10:00", "01:00:00:00", "01:02:10:00", "12.5"), (rows[1][2], rows[1][6], rows[1][7], rows[1][9], rows[1][10], rows[1][12]));
        Assert.Equal("No take circled", rows[2][13]);
        Assert.Equal(("01:02:10:00", "01:02:11:12"), (rows[3][9], rows[3][10]));
    }

    /// <summary>An RFC 4180 reader of the tests' own (quotes, doubled quotes, line breaks inside quotes).</summary>
    private static List<List<string>> CsvRows(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal('\uFEFF', text[0]);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && text[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; i++; }
            else cell.Append(c);
        }
        Assert.Empty(row);
        return rows;
    }
}
