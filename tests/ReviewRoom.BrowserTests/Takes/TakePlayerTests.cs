using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReviewRoom.Core.Time;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Takes;

public class TakePlayerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Director_PlaysThenStepsWithArrowKeys_FrameAndTimecodeMoveOneFramePerPress()
    {
        var page = await fixture.NewPageAsync();

        // Sign in as the demo director from the sign-in page, as a newcomer would.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
        await page.GetByTestId("demo-signin-director").ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Dana Reyes");
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        // Board, then the first take of the first shot (SH010 v001, 23.976 fps).
        await page.GetByTestId("project-card").First.ClickAsync();
        await Expect(page.GetByTestId("shot")).ToHaveCountAsync(4);
        await page.GetByTestId("take-card").First.ClickAsync();
        await Expect(page.GetByTestId("take-title")).ToContainTextAsync("SH010");
        var player = page.GetByTestId("player");
        await Expect(player).ToHaveAttributeAsync("data-ready", "true");

        var frame = page.GetByTestId("frame-number");
        var timecode = page.GetByTestId("timecode");
        await Expect(frame).ToHaveTextAsync("0");
        await Expect(timecode).ToHaveTextAsync("00:00:00:00");

        // Play until the picture has clearly moved on, then pause.
        var playPause = page.GetByTestId("play-pause");
        await playPause.ClickAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=frame-number]').textContent) >= 10");
        await playPause.ClickAsync();
        await Expect(playPause).ToHaveAttributeAsync("aria-label", "Play");
        var paused = long.Parse(await frame.TextContentAsync() ?? "");
        Assert.InRange(paused, 10, 118);

        var rate = FrameRate.Fps23_976;
        for (var press = 1; press <= 5; press++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
            await Expect(frame).ToHaveTextAsync((paused + press).ToString());
            await Expect(timecode).ToHaveTextAsync(Timecode.FromFrame(paused + press, rate).ToString());
        }

        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(frame).ToHaveTextAsync((paused + 4).ToString());
        await Expect(timecode).ToHaveTextAsync(Timecode.FromFrame(paused + 4, rate).ToString());

        // Shift+arrow jumps one second of timecode (24 frames at 23.976).
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await Expect(frame).ToHaveTextAsync((paused + 4 + 24 > 119 ? 119 : paused + 4 + 24).ToString());
    }

    [Fact]
    public async Task Viewer_OnA2997Take_SeesDropFrameTimecodeWhileStepping()
    {
        var page = await fixture.SignInAsync("viewer");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Vic Moreau");

        await page.GetByTestId("project-card").First.ClickAsync();
        await page.Locator("[data-shot-code=SH020] [data-testid=take-card]").First.ClickAsync();
        await Expect(page.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");

        // End jumps to the last frame: 120 frames at 29.97 end on frame 119 = 00:00:03;29.
        await page.Keyboard.PressAsync("End");
        await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync("119");
        await Expect(page.GetByTestId("timecode")).ToHaveTextAsync("00:00:03;29");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync("119");
        await page.Keyboard.PressAsync("Home");
        await Expect(page.GetByTestId("timecode")).ToHaveTextAsync("00:00:00;00");

        // A held arrow key: presses arrive faster than seeks finish, and none may be lost.
        for (var press = 0; press < 47; press++)
            await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync("47");
        await Expect(page.GetByTestId("timecode")).ToHaveTextAsync("00:00:01;17");
    }

    [Fact]
    public async Task Writer_MarksARangeWithIAndO_NotesIt_AndShortcutsStayQuietWhileTyping()
    {
        var page = await fixture.SignInAsync("writer");
        await page.GetByTestId("project-card").First.ClickAsync();
        await page.Locator("[data-shot-code=SH040] [data-testid=take-card]").First.ClickAsync();
        await Expect(page.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");

        // 24 fps: frames 12 to 36 are 00:00:00:12 to 00:00:01:12.
        for (var i = 0; i < 12; i++)
            await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync("12");
        await page.Keyboard.PressAsync("i");
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync("36");
        await page.Keyboard.PressAsync("o");
        await Expect(page.GetByTestId("composer-position")).ToHaveTextAsync("00:00:00:12 – 00:00:01:12 · frames 12–36");

        // Typing letters that are shortcuts elsewhere only types them.
        await page.Keyboard.PressAsync("n");
        await page.Keyboard.TypeAsync("keep j k l i o f m and space ");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.GetByTestId("composer")).ToHaveValueAsync("keep j k l i o f m and space ");
        await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync("36");
        await Expect(page.GetByTestId("shortcut-help")).ToHaveCountAsync(0);
        await page.GetByTestId("composer-send").ClickAsync();

        var marker = page.GetByTestId("note-marker");
        await Expect(marker).ToHaveAttributeAsync("data-frame", "12");
        await Expect(page.GetByTestId("note-timecode")).ToHaveTextAsync("00:00:00:12 – 00:00:01:12");

        // Editing keeps the earlier version, one click away.
        await page.GetByTestId("note-edit").ClickAsync();
        await page.GetByTestId("edit-composer").FillAsync("Flame loops visibly here.");
        await page.GetByTestId("edit-composer-send").ClickAsync();
        await Expect(page.GetByTestId("note-body")).ToHaveTextAsync("Flame loops visibly here.");
        await page.GetByTestId("note-history").ClickAsync();
        await Expect(page.GetByTestId("note-history-list")).ToContainTextAsync("keep j k l i o f m and space");

        // Escape clears the range; ? shows the shortcut list.
        await page.Locator("body").ClickAsync(new LocatorClickOptions { Position = new Position { X = 5, Y = 300 } });
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("composer-position")).ToHaveTextAsync("00:00:01:12 · frame 36");
        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByTestId("shortcut-help")).ToContainTextAsync("Mark in / out");
    }

    [Fact]
    public async Task Producer_ShuttlesWithJKL_AndChangesSpeedAndMute()
    {
        var page = await fixture.SignInAsync("producer");
        await page.GetByTestId("project-card").First.ClickAsync();
        await page.Locator("[data-shot-code=SH030] [data-testid=take-card]").Nth(1).ClickAsync();
        await Expect(page.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        var playPause = page.GetByTestId("play-pause");
        var frame = page.GetByTestId("frame-number");
        // A take opens at normal speed, and the menu says so from the start.
        await Expect(page.GetByTestId("speed")).ToHaveValueAsync("1");

        // L plays forward; K stops.
        await page.Keyboard.PressAsync("l");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=frame-number]').textContent) >= 40");
        await page.Keyboard.PressAsync("k");
        await Expect(playPause).ToHaveAttributeAsync("aria-label", "Play");
        var stopped = long.Parse(await frame.TextContentAsync() ?? "");

        // J runs backwards until K.
        await page.Keyboard.PressAsync("j");
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=frame-number]').textContent) <= {stopped - 5}");
        await page.Keyboard.PressAsync("k");

        // L twice goes faster than normal speed; the speed menu shows it. M mutes.
        await page.Keyboard.PressAsync("l");
        await page.Keyboard.PressAsync("l");
        await Expect(page.GetByTestId("speed")).ToHaveValueAsync("1.5");
        await page.Keyboard.PressAsync("k");
        await page.GetByTestId("speed").SelectOptionAsync("0.25");
        await Expect(page.GetByTestId("speed")).ToHaveValueAsync("0.25");
        await page.Keyboard.PressAsync("m");
        await Expect(page.GetByTestId("mute")).ToHaveAttributeAsync("aria-label", "Unmute");
    }

    [Fact]
    public async Task HoveringTheFilmstrip_ShowsThatMomentsTile_AndClickingJumpsThere()
    {
        var page = await fixture.SignInAsync("director");
        await page.GetByTestId("project-card").First.ClickAsync();
        await Expect(page.GetByTestId("progress")).ToBeVisibleAsync();
        await page.GetByTestId("take-card").First.ClickAsync(); // SH010 v001: 120 frames, two per tile
        await Expect(page.GetByTestId("take-title")).ToContainTextAsync("SH010");
        await Expect(page.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("waveform")).ToBeVisibleAsync();
        var bar = page.GetByTestId("filmstrip");
        await Expect(bar).ToHaveAttributeAsync("data-ready", "true");
        var box = (await bar.BoundingBoxAsync())!;
        // Placed against the bar when the pointer moves, not where it stood a moment ago: the page may still be settling.
        var middle = new Position { X = box.Width * 0.5f, Y = box.Height / 2 };

        await bar.HoverAsync(new() { Position = middle });

        var preview = page.GetByTestId("filmstrip-preview");
        await Expect(preview).ToBeVisibleAsync();
        await Expect(preview).ToHaveAttributeAsync("data-tile", new Regex("^(29|30)$"));
        await Expect(preview).ToContainTextAsync("00:00:02:");
        await bar.ClickAsync(new() { Position = middle });
        await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync(new Regex("^(59|60)$"));
    }
}
