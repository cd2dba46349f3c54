using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Rooms;

public class LiveReviewTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private Task<IPage> OpenTakeAsync(string person, string shotCode, int index) => fixture.OpenTakeAsync(person, shotCode, index);

    [Fact]
    public async Task DirectorNotesAFrame_WriterSeesItLiveAndJumpsThere_ReplyAndResolveFlowBack()
    {
        var director = await OpenTakeAsync("director", "SH030", 0);
        var writer = await OpenTakeAsync("writer", "SH030", 0);

        // Both people are listed in the room on both screens.
        foreach (var page in new[] { director, writer })
        {
            await Expect(page.GetByTestId("presence")).ToContainTextAsync("Dana Reyes");
            await Expect(page.GetByTestId("presence")).ToContainTextAsync("Wes Okafor");
        }

        // The director steps to frame 37 (25 fps: 00:00:01:12) and writes a note there, mentioning the writer.
        for (var i = 0; i < 37; i++)
            await director.Keyboard.PressAsync("ArrowRight");
        await Expect(director.GetByTestId("frame-number")).ToHaveTextAsync("37");
        await director.Keyboard.PressAsync("n");
        await Expect(director.GetByTestId("composer")).ToBeFocusedAsync();
        await director.Keyboard.TypeAsync("Door opens a beat late, @Wes");
        await director.GetByTestId("mention-option").First.ClickAsync();
        await director.Keyboard.TypeAsync("does the line still fit?");
        await Expect(writer.GetByTestId("presence-typing")).ToBeVisibleAsync();
        await director.GetByTestId("composer-send").ClickAsync();
        await Expect(director.GetByTestId("composer")).ToHaveValueAsync("");

        // The writer sees it without reloading: the note, its timecode, and its marker.
        var note = writer.GetByTestId("note").First;
        await Expect(note.GetByTestId("note-body")).ToContainTextAsync("Door opens a beat late, @Wes Okafor does the line still fit?");
        await Expect(note.GetByTestId("note-timecode")).ToHaveTextAsync("00:00:01:12");
        await Expect(note.GetByTestId("note-author")).ToHaveTextAsync("Dana Reyes");
        var marker = writer.GetByTestId("note-marker");
        await Expect(marker).ToHaveAttributeAsync("data-frame", "37");

        // Clicking the marker puts the writer's player on exactly that frame.
        await marker.ClickAsync();
        await Expect(writer.GetByTestId("frame-number")).ToHaveTextAsync("37");
        await Expect(writer.GetByTestId("timecode")).ToHaveTextAsync("00:00:01:12");
        // ...and the director sees where the writer's playhead now is.
        await Expect(director.GetByTestId("presence-person").Filter(new() { HasText = "Wes Okafor" })).ToContainTextAsync("00:00:01:12");

        // The writer replies and resolves; the director sees both.
        await note.GetByTestId("note-reply").ClickAsync();
        await writer.GetByTestId("reply-composer").FillAsync("Trimmed two words, it fits now.");
        await writer.GetByTestId("reply-composer-send").ClickAsync();
        await Expect(director.Locator(".rr-note-reply [data-testid=note-body]")).ToHaveTextAsync("Trimmed two words, it fits now.");
        await writer.GetByTestId("note").First.GetByTestId("note-resolve").ClickAsync();
        await Expect(director.GetByTestId("note-resolved")).ToBeVisibleAsync();

        // When the writer closes the tab, the director's room list lets them go.
        await writer.Context.CloseAsync();
        await Expect(director.GetByTestId("presence")).Not.ToContainTextAsync("Wes Okafor");
    }

    [Fact]
    public async Task Viewer_ReadsNotesButHasNoNoteBox()
    {
        var viewer = await OpenTakeAsync("viewer", "SH040", 1);

        await Expect(viewer.GetByTestId("notes-panel")).ToContainTextAsync("Viewers read notes");
        await Expect(viewer.GetByTestId("composer")).ToHaveCountAsync(0);
    }
}
