using Bunit;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Notes.Components;

namespace ReviewRoom.UnitTests.Web.Notes;

/// <summary>A marker's text follows its note: an edit, a moved note and a renamed mention show at once, though the text is kept between draws.</summary>
public class NoteTimelineTests : MudComponentTest
{
    private static readonly DateTime Start = new(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Take = Guid.NewGuid();
    private static readonly Guid Dana = Guid.NewGuid();
    private static readonly Guid Sam = Guid.NewGuid();

    private static NoteView Note(Guid id, long frame, string body) =>
        new(id, Take, null, Dana, "Dana Reyes", ProjectRole.Director, frame, frame, body, [], Start, null, 0, null, null, false, 1);

    private static IReadOnlyList<MemberView> People(string samName) =>
        [new(Dana, "Dana Reyes", ProjectRole.Director), new(Sam, samName, ProjectRole.Writer)];

    private IRenderedComponent<NoteTimeline> RenderTimeline(IReadOnlyList<NoteView> notes, IReadOnlyList<MemberView> members) =>
        Render<NoteTimeline>(p => p
            .Add(c => c.Notes, notes)
            .Add(c => c.DurationFrames, 240)
            .Add(c => c.Rate, FrameRate.Fps24)
            .Add(c => c.Members, members));

    private static List<string> Titles(IRenderedComponent<NoteTimeline> timeline) =>
        timeline.FindAll("[data-testid=note-marker]").Select(m => m.GetAttribute("title") ?? "").ToList();

    [Fact]
    public void AMarker_ReadsItsNoteAsPlainText_WithAuthorRoleAndTimecode()
    {
        var timeline = RenderTimeline([Note(Guid.NewGuid(), 48, "The **smear** on frame 48")], People("Sam Okafor"));

        Assert.Equal(["Dana Reyes (Director) at 00:00:02:00: The smear on frame 48"], Titles(timeline));
        Assert.Equal(Titles(timeline), timeline.FindAll("[data-testid=note-marker]").Select(m => m.GetAttribute("aria-label") ?? ""));
    }

    [Fact]
    public void AnEditedOrMovedNote_ChangesItsMarkerText_AndTheOthersKeepTheirs()
    {
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();
        var members = People("Sam Okafor");
        var timeline = RenderTimeline([Note(first, 24, "Too *dark*"), Note(second, 72, "Lovely")], members);

        timeline.Render(p => p.Add(c => c.Notes, [Note(first, 24, "Too *bright* now"), Note(second, 96, "Lovely")]));

        Assert.Equal(["Dana Reyes (Director) at 00:00:01:00: Too bright now", "Dana Reyes (Director) at 00:00:04:00: Lovely"], Titles(timeline));
    }

    [Fact]
    public void ARenamedPerson_ShowsUnderTheirNewNameInMentions()
    {
        var (body, _) = Mentions.Encode("@Sam Okafor look here", [new Mentionable(Sam, "Sam Okafor")]);
        var notes = new List<NoteView> { Note(Guid.NewGuid(), 0, body) };
        var timeline = RenderTimeline(notes, People("Sam Okafor"));
        Assert.EndsWith(": @Sam Okafor look here", Titles(timeline)[0]);

        timeline.Render(p => p.Add(c => c.Members, People("Samira Okafor")));

        Assert.EndsWith(": @Samira Okafor look here", Titles(timeline)[0]);
    }

    [Fact]
    public void ANoteArrivingMidTake_AddsOneMarker_AndTheOthersKeepTheirElementsAndHandlers()
    {
        var members = People("Sam Okafor");
        IReadOnlyList<NoteView> notes = Enumerable.Range(0, 50).Select(i => Note(Guid.NewGuid(), i * 4, $"Note {i}")).ToList();
        var timeline = RenderTimeline(notes, members);
        var before = timeline.FindAll("[data-testid=note-marker]").ToDictionary(m => m.GetAttribute("data-frame")!, m => m.GetAttribute("blazor:onclick"));

        timeline.Render(p => p.Add(c => c.Notes, NoteList.WithChange(notes, Note(Guid.NewGuid(), 1, "Arrives near the start"))));

        var after = timeline.FindAll("[data-testid=note-marker]").ToDictionary(m => m.GetAttribute("data-frame")!, m => m.GetAttribute("blazor:onclick"));
        Assert.Equal(51, after.Count);
        // An unchanged handler is not renumbered (and so not sent to the browser again) when the notes change.
        foreach (var (frame, handler) in before)
            Assert.Equal(handler, after[frame]);
    }

    [Fact]
    public void ThePlayheadMoving_DoesNotDrawTheMarkersAgain()
    {
        var timeline = RenderTimeline([.. Enumerable.Range(0, 20).Select(i => Note(Guid.NewGuid(), i * 4, $"Note {i}"))], People("Sam Okafor"));
        var markers = timeline.FindComponent<NoteMarkers>();
        var drawn = markers.RenderCount;

        timeline.Render(p => p.Add(c => c.CurrentFrame, 100));

        Assert.Equal(drawn, markers.RenderCount);
        Assert.Contains("left: 41.875%", timeline.Find(".rr-timeline-playhead").GetAttribute("style"));
    }

    [Fact]
    public void NotesOnTheSameFrame_ShareOneMarker_ThatSaysHowManyAreThere()
    {
        var members = People("Sam Okafor");
        var timeline = RenderTimeline([Note(Guid.NewGuid(), 24, "First"), Note(Guid.NewGuid(), 24, "Second"), Note(Guid.NewGuid(), 48, "Alone")], members);

        var markers = timeline.FindAll("[data-testid=note-marker]");
        Assert.Equal(["24", "48"], markers.Select(m => m.GetAttribute("data-frame")));
        Assert.Equal("2", markers[0].GetAttribute("data-count"));
        Assert.StartsWith("2 notes here. Dana Reyes (Director) at 00:00:01:00: First", markers[0].GetAttribute("title"));
        Assert.Equal("Dana Reyes (Director) at 00:00:02:00: Alone", markers[1].GetAttribute("title"));
    }

    [Fact]
    public void MarkersKeptAFewChangesAtATime_AreTheMarkersDrawnAfresh()
    {
        var random = new Random(1128);
        var members = People("Sam Okafor");
        var notes = NoteList.Keep([]);
        var kept = RenderTimeline(notes, members);
        for (var step = 0; step < 300; step++)
        {
            // Sometimes several notes arrive before the timeline is drawn again.
            for (var arriving = random.Next(1, 4); arriving > 0; arriving--)
                notes = NoteList.WithChange(notes, NoteThreadsTests.RandomChange(random, notes, step));
            kept.Render(p => p.Add(c => c.Notes, notes));
            if (step % 10 != 9)
                continue;
            var fresh = RenderTimeline(notes, members);
            Assert.Equal(Markers(fresh), Markers(kept));
        }
        Assert.NotEmpty(Markers(kept));
    }

    private static List<string> Markers(IRenderedComponent<NoteTimeline> timeline) =>
        [.. timeline.FindAll("[data-testid=note-marker]").Select(m => $"{m.GetAttribute("data-frame")}×{m.GetAttribute("data-count")} {m.ClassName} {m.GetAttribute("style")} {m.GetAttribute("title")}")];
}
