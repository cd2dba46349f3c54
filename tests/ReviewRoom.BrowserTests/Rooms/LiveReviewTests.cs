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
    public async Task EditsDeletesAndRestores_ReachTheOtherPageAsTheyHappen_AndNotesOnAnotherTakeStayOffIt()
    {
        var director = await OpenTakeAsync("director", "SH020", 1);
        var writer = await OpenTakeAsync("writer", "SH020", 1);
        var count = int.Parse(await writer.GetByTestId("notes-count").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);

        async Task<ILocator> WriteAsync(IPage page, string text)
        {
            await page.Keyboard.PressAsync("n");
            await Expect(page.GetByTestId("composer")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(text);
            await page.GetByTestId("composer-send").ClickAsync();
            await Expect(page.GetByTestId("composer")).ToHaveValueAsync("");
            return page.GetByTestId("note").Filter(new() { HasText = text });
        }

        var id = await (await WriteAsync(director, "Lantern too red")).GetAttributeAsync("data-note-id");
        var mine = director.Locator($"[data-testid=note][data-note-id='{id}']");
        var theirs = writer.Locator($"[data-testid=note][data-note-id='{id}']");
        await Expect(theirs.GetByTestId("note-body")).ToHaveTextAsync("Lantern too red");

        await mine.GetByTestId("note-edit").ClickAsync();
        await director.GetByTestId("edit-composer").FillAsync("Lantern too **orange**");
        await director.GetByTestId("edit-composer-send").ClickAsync();
        await Expect(theirs.GetByTestId("note-body")).ToHaveTextAsync("Lantern too orange");
        await Expect(theirs.GetByTestId("note-body").Locator("strong")).ToHaveTextAsync("orange");
        await Expect(theirs.GetByTestId("note-history")).ToHaveTextAsync("1 earlier version");

        // A note on the shot's other take belongs to that take's page alone.
        var otherTake = await director.GetByRole(AriaRole.Link, new() { Name = "v001", Exact = true }).GetAttributeAsync("href");
        var otherTab = await director.Context.NewPageAsync();
        await otherTab.GotoAsync(otherTake!);
        await Expect(otherTab.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await BrowserFixture.WaitUntilInteractiveAsync(otherTab);
        await WriteAsync(otherTab, "Only on the first take");
        await otherTab.CloseAsync();
        await WriteAsync(director, "Second note on this take");
        await Expect(writer.GetByTestId("note-body").Filter(new() { HasText = "Second note on this take" })).ToBeVisibleAsync();
        await Expect(writer.GetByTestId("notes-panel")).Not.ToContainTextAsync("Only on the first take");
        await Expect(writer.GetByTestId("notes-count")).ToHaveTextAsync((count + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Deleted and brought back: the writer sees both, in place.
        await mine.GetByTestId("note-delete").ClickAsync();
        await Expect(theirs.GetByTestId("note-body")).ToHaveTextAsync("Note deleted.");
        await Expect(writer.GetByTestId("notes-count")).ToHaveTextAsync((count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await mine.GetByTestId("note-restore").ClickAsync();
        await Expect(theirs.GetByTestId("note-body")).ToHaveTextAsync("Lantern too orange");
        await Expect(writer.GetByTestId("notes-count")).ToHaveTextAsync((count + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Viewer_ReadsNotesButHasNoNoteBox()
    {
        var viewer = await OpenTakeAsync("viewer", "SH040", 1);

        await Expect(viewer.GetByTestId("notes-panel")).ToContainTextAsync("Viewers read notes");
        await Expect(viewer.GetByTestId("composer")).ToHaveCountAsync(0);
    }
}
