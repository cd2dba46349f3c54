using Bunit;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.UnitTests.Web.Notes;
using ReviewRoom.Web.Features.Takes.Components;

namespace ReviewRoom.UnitTests.Web.Takes;

/// <summary>The player keeps the notes that carry drawings between draws; what it shows must be what it would find afresh.</summary>
public class TakePlayerDrawingsTests : MudComponentTest
{
    private static readonly DateTime Start = new(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Drawing Arrow = new([new DrawingShape(DrawingTool.Arrow, [new DrawingPoint(0.1, 0.1), new DrawingPoint(0.5, 0.5)], "#ff3b30", 6)]);

    private IRenderedComponent<TakePlayer> RenderPlayer(IReadOnlyList<NoteView> notes) =>
        Render<TakePlayer>(p => p
            .Add(c => c.VideoUrl, "/media/take.mp4")
            .Add(c => c.Rate, FrameRate.Fps24)
            .Add(c => c.DurationFrames, 48)
            .Add(c => c.Annotations, notes));

    private static string Shown(IRenderedComponent<TakePlayer> player) =>
        player.FindAll("[data-testid=drawing]").SingleOrDefault()?.GetAttribute("data-notes") ?? "";

    [Fact]
    public void DrawingsKeptAFewChangesAtATime_AreTheDrawingsFoundAfresh_InWrittenOrder()
    {
        var random = new Random(2811);
        var notes = NoteList.Keep([]);
        var kept = RenderPlayer(notes);
        var shownAtSomePoint = 0;
        for (var step = 0; step < 120; step++)
        {
            // Sometimes several notes arrive before the player is drawn again.
            for (var arriving = random.Next(1, 4); arriving > 0; arriving--)
            {
                var change = NoteThreadsTests.RandomChange(random, notes, step);
                // Every other new note carries a drawing, on frame 0 where the player stands, and an edit may add or drop one.
                if (random.Next(2) == 0)
                    change = change with { Drawing = Arrow, FrameIn = 0, FrameOut = change.FrameOut - change.FrameIn };
                else if (random.Next(4) == 0)
                    change = change with { Drawing = null };
                notes = NoteList.WithChange(notes, change);
            }
            kept.Render(p => p.Add(c => c.Annotations, notes));
            Assert.Equal(Shown(RenderPlayer(notes)), Shown(kept));
            shownAtSomePoint += Shown(kept).Length > 0 ? 1 : 0;
        }
        Assert.True(shownAtSomePoint > 10);
    }
}
