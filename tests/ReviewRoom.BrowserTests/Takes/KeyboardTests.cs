using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Takes;

/// <summary>Keys go where the person is looking: open boxes take them, buttons keep them, decisions have shortcuts.</summary>
public class KeyboardTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private Task<IPage> OpenTakeAsync(string person, string shotCode, int index) => fixture.OpenTakeAsync(person, shotCode, index);

    [Fact]
    public async Task ReplyAndEditBoxes_TakeTheKeyboard_EscClosesThem_MentionPickedWithEnter()
    {
        var director = await OpenTakeAsync("director", "SH020", 0);
        await director.Keyboard.PressAsync("n");
        await director.Keyboard.TypeAsync("Lantern glow pops here, ask @Pri");
        await Expect(director.GetByTestId("mention-option").First).ToContainTextAsync("Priya Nair");
        await Expect(director.GetByText("Enter or Tab picks")).ToBeVisibleAsync();
        await director.Keyboard.PressAsync("Enter");
        await Expect(director.GetByTestId("composer")).ToHaveValueAsync("Lantern glow pops here, ask @Priya Nair ");
        await director.Keyboard.PressAsync("Control+Enter");
        var note = director.GetByTestId("note").Filter(new() { HasText = "Lantern glow pops here" });
        await Expect(note.GetByTestId("note-body")).ToContainTextAsync("@Priya Nair");

        // Reply: the box takes the keys; Space types a space instead of playing, and nothing lands in the main box.
        await note.GetByTestId("note-reply").ClickAsync();
        await Expect(director.GetByTestId("reply-composer")).ToBeFocusedAsync();
        await director.Keyboard.TypeAsync("On it now");
        await Expect(director.GetByTestId("reply-composer")).ToHaveValueAsync("On it now");
        await Expect(director.GetByTestId("composer")).ToHaveValueAsync("");
        await Expect(director.GetByTestId("play-pause")).ToHaveAttributeAsync("aria-label", "Play");
        await director.Keyboard.PressAsync("Escape");
        await Expect(director.GetByTestId("reply-composer")).ToHaveCountAsync(0);

        // Edit: the same.
        await note.GetByTestId("note-edit").ClickAsync();
        await Expect(director.GetByTestId("edit-composer")).ToBeFocusedAsync();
        await director.Keyboard.PressAsync("Escape");
        await Expect(director.GetByTestId("edit-composer")).ToHaveCountAsync(0);
        await Expect(note.GetByTestId("note-body")).ToContainTextAsync("Lantern glow pops here");
    }

    [Fact]
    public async Task DecisionShortcuts_ListedInHelp_SpaceOnAFocusedButtonPressesIt_RejectingTheCircledTakeAsksAboutTheCircle()
    {
        var director = await OpenTakeAsync("director", "SH030", 0);

        await director.Keyboard.PressAsync("?");
        await Expect(director.GetByTestId("shortcut-help")).ToContainTextAsync("Shift A");
        await Expect(director.GetByTestId("shortcut-help")).ToContainTextAsync("Reject the take");
        await director.Keyboard.PressAsync("?");

        await director.Keyboard.PressAsync("Shift+A");
        await Expect(director.GetByTestId("decide-approve")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rr-decision-mine"));
        await director.Keyboard.PressAsync("Shift+C");
        await Expect(director.GetByTestId("decide-needschanges")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rr-decision-mine"));

        // Space on the focused star button stars the take and does not start playback.
        await director.GetByTestId("vote").FocusAsync();
        await director.Keyboard.PressAsync(" ");
        await Expect(director.GetByTestId("vote")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(director.GetByTestId("play-pause")).ToHaveAttributeAsync("aria-label", "Play");

        // Circle it (confirming it is not approved), then reject it: asked whether the circle goes too.
        await director.GetByTestId("circle").ClickAsync();
        await director.GetByTestId("circle-anyway").ClickAsync();
        await Expect(director.GetByTestId("circled")).ToBeVisibleAsync();
        await director.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await director.Keyboard.PressAsync("Shift+R");
        await Expect(director.GetByTestId("reject-confirm")).ToBeVisibleAsync();
        await director.GetByTestId("reject-uncircle").ClickAsync();
        await Expect(director.GetByTestId("decide-reject")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rr-decision-mine"));
        await Expect(director.GetByTestId("circled")).ToHaveCountAsync(0);
    }
}
