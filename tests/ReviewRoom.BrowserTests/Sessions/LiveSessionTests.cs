using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.BrowserTests.Takes;
using ReviewRoom.Web.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Sessions;

/// <summary>
/// A presenter and two followers, each in their own browser context, over the clips whose pixels spell their frame
/// number: after every pause and seek, the followers' pictures show the presenter's exact frame.
/// </summary>
[Collection(FrameIndexCollection.Name)]
public class LiveSessionTests(FrameIndexTakesFixture fixture)
{
    private const string Video = "[data-testid=player] video";

    /// <summary>
    /// The tests share the frame-index project, which holds one session at a time: one left running by a test that
    /// failed half-way must not fail the next.
    /// </summary>
    private async Task NoSessionRunningAsync()
    {
        var sessions = fixture.Browser.App.Services.GetRequiredService<SessionCommands>();
        foreach (var seat in sessions.Current(fixture.ProjectId)?.Seats ?? [])
            await sessions.DropSeatAsync(seat.Key);
    }

    /// <summary>The frame the presenter's picture shows once it has settled on the frame its readout names.</summary>
    private static async Task<long> SettledFrameAsync(IPage page)
    {
        var frame = long.Parse(await page.GetByTestId("frame-number").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await PixelFrames.ExpectAsync(page, Video, frame);
        return frame;
    }

    private static async Task ExpectEveryoneOnAsync(IEnumerable<IPage> pages, long frame, string video = Video)
    {
        foreach (var page in pages)
        {
            try
            {
                await PixelFrames.ExpectAsync(page, video, frame);
            }
            catch (TimeoutException)
            {
                var shown = await PixelFrames.ReadAsync(page, video);
                var mode = await page.GetByTestId("session").GetAttributeAsync("data-mode");
                throw new Xunit.Sdk.XunitException($"{page.Url} ({mode}) shows frame {shown}, not {frame}.");
            }
        }
    }

    [Fact]
    public async Task FollowersShowThePresentersExactFrame_AfterPlayPauseSeekTakeSwitchAndGrid_AndOneBreaksAwayAndRejoins()
    {
        await NoSessionRunningAsync();
        var presenter = await fixture.OpenTakeAsync("director", "24000/1001");
        var writer = await fixture.OpenTakeAsync("writer", "25");
        var vfx = await fixture.OpenTakeAsync("vfxlead", "50");
        IPage[] followers = [writer, vfx];

        // The director starts a session; the others see it and join, which takes them to the presenter's take.
        await presenter.GetByTestId("session-start").ClickAsync();
        await Expect(presenter.GetByTestId("session")).ToHaveAttributeAsync("data-mode", "present");
        foreach (var page in followers)
        {
            await Expect(page.GetByTestId("session-status")).ToContainTextAsync("Dana Reyes is presenting");
            await page.GetByTestId("session-join").ClickAsync();
            await Expect(page).ToHaveURLAsync(presenter.Url);
            await Expect(page.GetByTestId("session")).ToHaveAttributeAsync("data-mode", "follow");
        }
        await Expect(presenter.GetByTestId("session-seat")).ToHaveCountAsync(3);
        await Expect(presenter.GetByTestId("session-status")).ToHaveTextAsync("You are presenting to 2");

        // Play, then pause somewhere in the middle: everyone stands on the frame the presenter stopped on.
        await presenter.GetByTestId("play-pause").ClickAsync();
        await presenter.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=frame-number]').textContent) >= 30");
        await presenter.GetByTestId("play-pause").ClickAsync();
        await Expect(presenter.GetByTestId("play-pause")).ToHaveAttributeAsync("aria-label", "Play");
        var paused = await SettledFrameAsync(presenter);
        await ExpectEveryoneOnAsync(followers, paused);
        foreach (var page in followers)
            await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync(paused.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Seek with the scrubber, and step by frames.
        await presenter.GetByTestId("scrubber").FillAsync("100");
        await ExpectEveryoneOnAsync([presenter, .. followers], 100);
        for (var i = 0; i < 3; i++)
            await presenter.Keyboard.PressAsync("ArrowLeft");
        await ExpectEveryoneOnAsync([presenter, .. followers], 97);

        // Another take (29.97): the followers go with the presenter and stand on its frames.
        await presenter.Locator(".rr-version-link", new() { HasText = "v004" }).ClickAsync();
        await Expect(presenter).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/takes/{fixture.TakeByRate["30000/1001"]}$"));
        await Expect(presenter.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        foreach (var page in followers)
            await Expect(page).ToHaveURLAsync(presenter.Url);
        for (var i = 0; i < 7; i++)
            await presenter.Keyboard.PressAsync("ArrowRight");
        await ExpectEveryoneOnAsync([presenter, .. followers], 7);

        // The writer takes the controls: they break away and keep their own playhead while the presenter moves on.
        await writer.Keyboard.PressAsync("ArrowRight");
        await Expect(writer.GetByTestId("session")).ToHaveAttributeAsync("data-mode", "away");
        await Expect(presenter.Locator("[data-testid=session-seat][data-mode=BrokeAway]")).ToContainTextAsync("Wes Okafor");
        await PixelFrames.ExpectAsync(writer, Video, 8);
        await presenter.GetByTestId("scrubber").FillAsync("50");
        await ExpectEveryoneOnAsync([presenter, vfx], 50);
        await Expect(writer.GetByTestId("frame-number")).ToHaveTextAsync("8");

        // R brings the writer back to where the presenter is.
        await writer.Keyboard.PressAsync("r");
        await Expect(writer.GetByTestId("session")).ToHaveAttributeAsync("data-mode", "follow");
        await PixelFrames.ExpectAsync(writer, Video, 50);

        // The grid of the shot's takes: the followers get the same grid and every cell shows the presenter's frame.
        await presenter.GetByTestId("grid-link").ClickAsync();
        await Expect(presenter.Locator("[data-testid=grid-cell] [data-testid=player][data-ready=true]")).ToHaveCountAsync(FrameIndexTakesFixture.Rates.Length);
        foreach (var page in followers)
            await Expect(page).ToHaveURLAsync(presenter.Url);
        for (var i = 0; i < 12; i++)
            await presenter.Keyboard.PressAsync("ArrowRight");
        await Expect(presenter.Locator("[data-testid=grid-cell][data-index='0'] [data-testid=grid-frame]")).ToHaveTextAsync("12");
        for (var cell = 0; cell < FrameIndexTakesFixture.Rates.Length; cell++)
        {
            var video = $"[data-testid=grid-cell][data-index='{cell}'] video";
            var frame = long.Parse(await presenter.Locator($"[data-testid=grid-cell][data-index='{cell}'] [data-testid=grid-frame]").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
            await ExpectEveryoneOnAsync([presenter, .. followers], frame, video);
        }

        // The presenter hands over to the writer, who now drives; the director follows.
        await presenter.GetByTestId("session-handover").SelectOptionAsync(new SelectOptionValue { Label = "Wes Okafor" });
        await Expect(writer.GetByTestId("session")).ToHaveAttributeAsync("data-mode", "present");
        await Expect(presenter.GetByTestId("session")).ToHaveAttributeAsync("data-mode", "follow");
        await writer.GetByTestId("grid-scrubber").FillAsync("30");
        await ExpectEveryoneOnAsync([presenter, vfx], 30, "[data-testid=grid-cell][data-index='0'] video");

        // Ending it leaves everyone where they are, on their own.
        await writer.GetByTestId("session-end").ClickAsync();
        foreach (var page in new[] { presenter, writer, vfx })
            await Expect(page.GetByTestId("session-start")).ToBeVisibleAsync();
        foreach (var page in new[] { presenter, writer, vfx })
            await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ThePresentersLaserAndAFollowersDrawing_AppearOnTheOthersScreensAsTheyAreMade()
    {
        await NoSessionRunningAsync();
        var presenter = await fixture.OpenTakeAsync("director", "24");
        var writer = await fixture.OpenTakeAsync("writer", "24", viewport: new ViewportSize { Width = 390, Height = 844 });

        await presenter.GetByTestId("session-start").ClickAsync();
        await writer.GetByTestId("session-join").ClickAsync();
        await Expect(writer.GetByTestId("session")).ToHaveAttributeAsync("data-mode", "follow");

        // The laser follows the presenter's pointer, in fractions of the picture, on a phone-sized screen too.
        await presenter.GetByTestId("session-laser").ClickAsync();
        var box = (await presenter.GetByTestId("video").BoundingBoxAsync())!;
        await presenter.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.5f);
        await presenter.Mouse.MoveAsync(box.X + box.Width * 0.25f, box.Y + box.Height * 0.75f, new MouseMoveOptions { Steps = 6 });
        var laser = writer.Locator("[data-testid=laser]");
        await Expect(laser).ToHaveAttributeAsync("data-x", "0.25");
        await Expect(laser).ToHaveAttributeAsync("data-y", "0.75");
        var dot = (await laser.Locator("circle").BoundingBoxAsync())!;
        var picture = (await writer.GetByTestId("video").BoundingBoxAsync())!;
        Assert.InRange(dot.X + dot.Width / 2 - picture.X, picture.Width * 0.23, picture.Width * 0.27);
        Assert.InRange(dot.Y + dot.Height / 2 - picture.Y, picture.Height * 0.73, picture.Height * 0.77);

        // The writer draws on the paused frame: they stay with the presenter, who sees the rectangle as it is drawn.
        await writer.GetByTestId("draw-toggle").ClickAsync();
        await writer.GetByTestId("draw-rectangle").ClickAsync();
        var canvas = (await writer.GetByTestId("video").BoundingBoxAsync())!;
        await writer.Mouse.MoveAsync(canvas.X + canvas.Width * 0.2f, canvas.Y + canvas.Height * 0.2f);
        await writer.Mouse.DownAsync();
        await writer.Mouse.MoveAsync(canvas.X + canvas.Width * 0.6f, canvas.Y + canvas.Height * 0.7f, new MouseMoveOptions { Steps = 5 });
        await writer.Mouse.UpAsync();
        await Expect(writer.GetByTestId("session")).ToHaveAttributeAsync("data-mode", "follow");
        await Expect(presenter.Locator("[data-testid=live-marks] rect")).ToHaveCountAsync(1);

        // Sent with a note, the live marks go and the stored drawing stays on that frame.
        await writer.GetByTestId("composer").FillAsync("Frame this tighter");
        await writer.GetByTestId("composer-send").ClickAsync();
        await Expect(presenter.Locator("[data-testid=live-marks] rect")).ToHaveCountAsync(0);
        await Expect(presenter.Locator("[data-testid=drawing] rect")).ToHaveCountAsync(1);

        await presenter.GetByTestId("session-end").ClickAsync();
        await presenter.Context.CloseAsync();
        await writer.Context.CloseAsync();
    }

    [Fact]
    public async Task AComparisonsViewAndFrames_ReachTheFollower()
    {
        await NoSessionRunningAsync();
        var left = fixture.TakeByRate["24"];
        var right = fixture.TakeByRate["30000/1001"];
        var presenter = await fixture.Browser.SignInAsync("director");
        await presenter.GotoAsync($"/compare/{left}/{right}");
        await Expect(presenter.Locator("[data-testid=compare-right] [data-testid=player]")).ToHaveAttributeAsync("data-ready", "true");
        await BrowserFixture.WaitUntilInteractiveAsync(presenter);
        var follower = await fixture.OpenTakeAsync("producer", "60");

        await presenter.GetByTestId("session-start").ClickAsync();
        await follower.GetByTestId("session-join").ClickAsync();
        await Expect(follower).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/compare/{left}/{right}$"));

        // Wipe at 30 % and lock by timecode: the follower's comparison is laid out the same.
        await presenter.Keyboard.PressAsync("w");
        await Expect(follower.GetByTestId("compare-stage")).ToHaveAttributeAsync("data-mode", "wipe");
        await presenter.GetByTestId("compare-wipe").FocusAsync();
        for (var i = 0; i < 4; i++)
            await presenter.Keyboard.PressAsync("ArrowLeft");
        await Expect(follower.GetByTestId("compare-wipe")).ToHaveAttributeAsync("aria-valuenow", "30");
        await presenter.GetByTestId("compare-lock").SelectOptionAsync("ByTimecode");
        await Expect(follower.GetByTestId("compare-lock")).ToHaveValueAsync("ByTimecode");

        // Stepping A: both sides of the follower's comparison stand where the presenter's do.
        await presenter.GetByTestId("compare-scrubber").FillAsync("40");
        await PixelFrames.ExpectAsync(presenter, "[data-testid=compare-left] video", 40);
        var expectedRight = ReviewRoom.Core.Time.FrameLock.Follow(40, ReviewRoom.Core.Time.FrameRate.Fps24, ReviewRoom.Core.Time.FrameRate.Fps29_97,
            FrameIndexTakesFixture.Frames, ReviewRoom.Core.Time.FrameLockMode.ByTimecode);
        await PixelFrames.ExpectAsync(follower, "[data-testid=compare-left] video", 40);
        await PixelFrames.ExpectAsync(follower, "[data-testid=compare-right] video", expectedRight);

        await presenter.GetByTestId("session-end").ClickAsync();
        await presenter.Context.CloseAsync();
        await follower.Context.CloseAsync();
    }
}
