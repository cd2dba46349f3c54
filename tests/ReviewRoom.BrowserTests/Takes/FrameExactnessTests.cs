using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Identity;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Media;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Projects;
using ReviewRoom.TestHost;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Takes;

/// <summary>
/// Takes made from clips whose pixels spell their frame index, one per frame rate ReviewRoom accepts,
/// each with notes at known frames for the jump test.
/// </summary>
/// <summary>The browser tests that use the frame-index takes share one app and one set of clips.</summary>
[CollectionDefinition(Name)]
public sealed class FrameIndexCollection : ICollectionFixture<FrameIndexTakesFixture>
{
    public const string Name = "Frame-index takes";
}

public sealed class FrameIndexTakesFixture : IAsyncLifetime
{
    public const int Frames = 150;
    public static readonly long[] NoteFrames = [7, 61, 100];
    public static readonly string[] Rates = FrameIndexTakes.Rates;

    public BrowserFixture Browser { get; } = new();
    public IReadOnlyDictionary<string, Guid> TakeByRate { get; private set; } = new Dictionary<string, Guid>();
    public Guid ProjectId { get; private set; }

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        var services = Browser.App.Services;
        var made = await FrameIndexTakes.CreateAsync(services, Browser.App.DataFolder, Frames);
        TakeByRate = made.TakeByRate;
        ProjectId = made.ProjectId;
        var notes = services.GetRequiredService<NoteCommands>();
        var director = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, made.DirectorId.ToString())], "test")).ToActor();
        foreach (var take in TakeByRate.Values)
        {
            foreach (var frame in NoteFrames)
                await notes.AddAsync(director, take, FrameRange.At(frame), $"frame {frame}", null);
        }
    }

    public Task DisposeAsync() => Browser.DisposeAsync();

    /// <summary>A person signed in, on the take at <paramref name="rate"/> (opened at a frame when given), its player ready and its page live.</summary>
    public async Task<IPage> OpenTakeAsync(string person, string rate, long? frame = null, ViewportSize? viewport = null)
    {
        var page = await Browser.SignInAsync(person, viewport);
        await page.GotoAsync($"/takes/{TakeByRate[rate]}{(frame is { } at ? $"?frame={at}" : "")}");
        await Expect(page.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        return page;
    }
}

[Collection(FrameIndexCollection.Name)]
public class FrameExactnessTests(FrameIndexTakesFixture fixture)
{
    private static async Task ExpectOnScreenAsync(IPage page, FrameRate rate, long frame)
    {
        await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync(frame.ToString());
        await Expect(page.GetByTestId("timecode")).ToHaveTextAsync(Timecode.FromFrame(frame, rate).ToString());
        // The picture itself, not only the readout: wait (bounded) until the canvas shows that index.
        await ExpectPixelsAsync(page, "[data-testid=video]", frame);
    }

    private static Task ExpectPixelsAsync(IPage page, string videoSelector, long frame) => PixelFrames.ExpectAsync(page, videoSelector, frame);

    [Fact]
    public async Task Compare_StepsBothSidesTogether_ByFrameAndByTimecode()
    {
        var page = await fixture.Browser.SignInAsync("director");
        var left = fixture.TakeByRate["24"];
        var right = fixture.TakeByRate["30000/1001"];
        await page.GotoAsync($"/compare/{left}/{right}");
        await Expect(page.Locator("[data-testid=compare-left] [data-testid=player]")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("[data-testid=compare-right] [data-testid=player]")).ToHaveAttributeAsync("data-ready", "true");

        // How B was generated differently: the prompt diff names both rates.
        await Expect(page.Locator("[data-testid=prompt-diff] .rr-diff-removed")).ToContainTextAsync("24");
        await Expect(page.Locator("[data-testid=prompt-diff] .rr-diff-added")).ToContainTextAsync("30000/1001");

        for (var i = 0; i < 5; i++)
            await page.Keyboard.PressAsync("ArrowRight");
        await ExpectPixelsAsync(page, "[data-testid=compare-left] video", 5);
        await ExpectPixelsAsync(page, "[data-testid=compare-right] video", 5);
        await Expect(page.GetByTestId("compare-readout-right").GetByTestId("timecode")).ToHaveTextAsync("00:00:00;05");

        // By timecode, the 29.97 side stands on the same moment as the 24 fps side.
        await page.GetByTestId("compare-lock").SelectOptionAsync("ByTimecode");
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        var expected = FrameLock.Follow(29, FrameRate.Fps24, FrameRate.Fps29_97, FrameIndexTakesFixture.Frames, FrameLockMode.ByTimecode);
        await ExpectPixelsAsync(page, "[data-testid=compare-left] video", 29);
        await ExpectPixelsAsync(page, "[data-testid=compare-right] video", expected);
        await Expect(page.GetByTestId("compare-readout-right").GetByTestId("frame-number")).ToHaveTextAsync(expected.ToString());

        // Seeking with the shared scrubber moves both (still locked by timecode).
        await page.GetByTestId("compare-scrubber").FillAsync("100");
        await ExpectPixelsAsync(page, "[data-testid=compare-left] video", 100);
        await ExpectPixelsAsync(page, "[data-testid=compare-right] video",
            FrameLock.Follow(100, FrameRate.Fps24, FrameRate.Fps29_97, FrameIndexTakesFixture.Frames, FrameLockMode.ByTimecode));

        // Swap sides with S: the 29.97 take now leads on the left.
        await page.Keyboard.PressAsync("s");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/compare/{right}/{left}$"));
        await Expect(page.Locator("[data-testid=compare-left] [data-testid=player]")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("[data-testid=compare-right] [data-testid=player]")).ToHaveAttributeAsync("data-ready", "true");
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        // Any take of the project can be put on the other side.
        var sixty = fixture.TakeByRate["60"];
        await page.GetByTestId("compare-with").SelectOptionAsync(sixty.ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/compare/{right}/{sixty}$"));
        await Expect(page.Locator("[data-testid=compare-right] [data-testid=player]")).ToHaveAttributeAsync("data-ready", "true");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Compare_ShowsEachSidesNotesAndMarkers_AndAWipeDividerToDragOrMoveByKey()
    {
        var page = await fixture.Browser.SignInAsync("director");
        // Takes no other test writes notes on: the counts below are exact.
        var left = fixture.TakeByRate["60000/1001"];
        var right = fixture.TakeByRate["50"];

        // "Compare with" from a take's page keeps that take as A.
        await page.GotoAsync($"/takes/{left}");
        await page.GetByTestId("compare-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/compare/{left}/[0-9a-f-]+$"));

        await page.GotoAsync($"/compare/{left}/{right}");
        await Expect(page.Locator("[data-testid=compare-left] [data-testid=player]")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("[data-testid=compare-right] [data-testid=player]")).ToHaveAttributeAsync("data-ready", "true");
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        // Each side has its take's notes, in the list and as markers on its own timeline.
        foreach (var side in new[] { "left", "right" })
            await Expect(page.Locator($"[data-testid=compare-timeline-{side}] [data-testid=note-marker]")).ToHaveCountAsync(FrameIndexTakesFixture.NoteFrames.Length);
        await Expect(page.Locator("[data-testid=compare-notes-a] [data-testid=thread]")).ToHaveCountAsync(FrameIndexTakesFixture.NoteFrames.Length);
        await Expect(page.Locator("[data-testid=compare-notes-b] [data-testid=thread]")).ToHaveCountAsync(FrameIndexTakesFixture.NoteFrames.Length);

        // A marker on B takes B to its note's frame, and A with it (locked by frame).
        await page.Locator("[data-testid=compare-timeline-right] [data-testid=note-marker][data-frame='61']").ClickAsync();
        await ExpectPixelsAsync(page, "[data-testid=compare-right] video", 61);
        await ExpectPixelsAsync(page, "[data-testid=compare-left] video", 61);
        // A note's timecode in A's list does the same for A.
        await page.Locator("[data-testid=compare-notes-a] [data-testid=note-timecode]").First.ClickAsync();
        await ExpectPixelsAsync(page, "[data-testid=compare-left] video", FrameIndexTakesFixture.NoteFrames[0]);

        // A note written on B appears in B's list and on its timeline for everyone, without a reload.
        await page.GetByTestId("compare-composer-b").FillAsync("B's horizon tilts here");
        await page.GetByTestId("compare-composer-b-send").ClickAsync();
        await Expect(page.Locator("[data-testid=compare-notes-b] [data-testid=thread]")).ToHaveCountAsync(FrameIndexTakesFixture.NoteFrames.Length + 1);
        await Expect(page.Locator("[data-testid=compare-notes-b]")).ToContainTextAsync("B's horizon tilts here");
        await Expect(page.Locator("[data-testid=compare-notes-a] [data-testid=thread]")).ToHaveCountAsync(FrameIndexTakesFixture.NoteFrames.Length);

        // W shows the wipe with a divider on the picture; dragging it moves where B begins.
        await page.Keyboard.PressAsync("w");
        await Expect(page.GetByTestId("compare-stage")).ToHaveAttributeAsync("data-mode", "wipe");
        var divider = page.GetByTestId("compare-wipe");
        await Expect(divider).ToHaveAttributeAsync("aria-valuenow", "50");
        var grip = divider.Locator(".rr-wipe-handle");
        await grip.ScrollIntoViewIfNeededAsync();
        var stage = (await page.GetByTestId("compare-stage").BoundingBoxAsync())!;
        var handle = (await grip.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(handle.X + handle.Width / 2, handle.Y + handle.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(stage.X + stage.Width * 0.25f, handle.Y + handle.Height / 2, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await Expect(divider).ToHaveAttributeAsync("aria-valuenow", "25");
        await Expect(page.GetByTestId("compare-right")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex(@"inset\(0(px)? 0(px)? 0(px)? 25%\)"));

        // By keyboard: the divider takes focus and moves with the arrows, without stepping the players.
        await divider.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(divider).ToHaveAttributeAsync("aria-valuenow", "35");
        await page.Keyboard.PressAsync("End");
        await Expect(divider).ToHaveAttributeAsync("aria-valuenow", "100");
        await ExpectPixelsAsync(page, "[data-testid=compare-left] video", FrameIndexTakesFixture.NoteFrames[0]);
        await page.Context.CloseAsync();
    }

    /// <summary>Whether the screen shows drawing red within a few pixels of a point of the page, read from a screenshot.</summary>
    private static async Task<bool> RedNearAsync(IPage page, float x, float y)
    {
        var png = await page.ScreenshotAsync(new() { Clip = new() { X = x - 2, Y = y - 2, Width = 5, Height = 5 } });
        var pixels = await page.EvaluateAsync<int[]>("""
            async (data) => {
              const image = new Image();
              image.src = 'data:image/png;base64,' + data;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.width; canvas.height = image.height;
              const context = canvas.getContext('2d');
              context.drawImage(image, 0, 0);
              return Array.from(context.getImageData(0, 0, image.width, image.height).data);
            }
            """, Convert.ToBase64String(png));
        return pixels.Chunk(4).Any(IsDrawingRed);
    }

    public static TheoryData<string> EveryRate => [.. FrameIndexTakesFixture.Rates];

    private static bool IsDrawingRed(int[] rgb) => rgb[0] > 190 && rgb[1] < 130 && rgb[2] < 130;

    /// <summary>Where a point of the picture (fractions of its width and height) is on the page.</summary>
    private static async Task<(float X, float Y)> OnPictureAsync(IPage page, double x, double y)
    {
        var box = (await page.GetByTestId("video").BoundingBoxAsync())!;
        return ((float)(box.X + x * box.Width), (float)(box.Y + y * box.Height));
    }

    [Fact]
    public async Task OnionSkin_ShowsTheNeighbouringFramesFaintly_WhilePaused()
    {
        var rate = FrameRate.Parse("25");
        var page = await fixture.OpenTakeAsync("director", "25", 37);
        await ExpectOnScreenAsync(page, rate, 37);

        await page.GetByTestId("onion-toggle").ClickAsync();
        var onion = page.GetByTestId("onion");
        await Expect(onion).ToHaveAttributeAsync("data-frames", "35 36 38 39");
        // Something is drawn: the neighbours, tinted and faint.
        Assert.True(await onion.EvaluateAsync<bool>("""
            (canvas) => {
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
              return false;
            }
            """));
        // The player itself stays on its frame.
        await ExpectOnScreenAsync(page, rate, 37);

        await page.GetByTestId("onion-frames").SelectOptionAsync("1");
        await Expect(onion).ToHaveAttributeAsync("data-frames", "36 38");
        await page.Keyboard.PressAsync("ArrowRight");
        await ExpectOnScreenAsync(page, rate, 38);
        await Expect(onion).ToHaveAttributeAsync("data-frames", "37 39");
        await page.Keyboard.PressAsync("Home");
        await Expect(onion).ToHaveAttributeAsync("data-frames", "1");

        // Playing clears it; pausing brings it back for the frame it stops on.
        await page.GetByTestId("play-pause").ClickAsync();
        await Expect(onion).ToHaveAttributeAsync("data-frames", "");
        await page.GetByTestId("play-pause").ClickAsync();
        await Expect(page.GetByTestId("play-pause")).ToHaveAttributeAsync("aria-label", "Play");
        await Expect(onion).Not.ToHaveAttributeAsync("data-frames", "");

        await Expect(page.GetByTestId("onion-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("onion-toggle").ClickAsync();
        await Expect(page.GetByTestId("onion-toggle")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(onion).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ADrawingTooDetailedForOneNote_SaysSo_AndKeepsWhatFits()
    {
        var page = await fixture.OpenTakeAsync("director", "30", 12);
        await page.Keyboard.PressAsync("d");
        await Expect(page.GetByTestId("drawing-canvas")).ToBeVisibleAsync();

        // Long scribbles until the drawing is as large as one message of the page's connection may be.
        var full = page.GetByTestId("draw-count").Filter(new() { HasText = "as detailed as one note can carry" });
        for (var stroke = 0; stroke < 6 && await full.CountAsync() == 0; stroke++)
        {
            var (x1, y1) = await OnPictureAsync(page, 0.02, 0.1 + stroke * 0.15);
            var (x2, y2) = await OnPictureAsync(page, 0.98, 0.15 + stroke * 0.15);
            await page.Mouse.MoveAsync(x1, y1);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(x2, y2, new() { Steps = 300 });
            await page.Mouse.UpAsync();
        }
        await Expect(full).ToBeVisibleAsync();

        // What fits is sent with the note, and the page stays connected.
        await page.GetByTestId("composer").FillAsync("Noise all over");
        await page.GetByTestId("composer-send").ClickAsync();
        await Expect(page.Locator("[data-testid=note-body]", new() { HasText = "Noise all over" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("drawing")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DrawingByKeyboardAlone_PlacesARectangleWhereTheCrossWent()
    {
        var page = await fixture.OpenTakeAsync("director", "60", 12);
        await page.GetByTestId("frame-number").ClickAsync();

        // D puts the keyboard on the picture; Tab reaches the tools, Shift+Tab comes back.
        await page.Keyboard.PressAsync("d");
        await Expect(page.GetByTestId("drawing-canvas")).ToBeFocusedAsync();
        for (var i = 0; i < 4; i++)
            await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("draw-rectangle")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("draw-rectangle")).ToHaveAttributeAsync("aria-pressed", "true");
        for (var i = 0; i < 4; i++)
            await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.GetByTestId("drawing-canvas")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("draw-cursor")).ToHaveCountAsync(1);

        // From the middle: 20% left and up, start; 40% right and down, end. The arrows do not step the player.
        await page.Keyboard.PressAsync("Shift+ArrowLeft");
        await page.Keyboard.PressAsync("Shift+ArrowLeft");
        await page.Keyboard.PressAsync("Shift+ArrowLeft");
        await page.Keyboard.PressAsync("Shift+ArrowLeft");
        await page.Keyboard.PressAsync("Shift+ArrowUp");
        await page.Keyboard.PressAsync("Shift+ArrowUp");
        await page.Keyboard.PressAsync("Enter");
        for (var i = 0; i < 8; i++)
            await page.Keyboard.PressAsync("Shift+ArrowRight");
        for (var i = 0; i < 4; i++)
            await page.Keyboard.PressAsync("Shift+ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("draw-count")).ToContainTextAsync("1 mark");
        await Expect(page.GetByTestId("frame-number")).ToHaveTextAsync("12");

        // N writes the note; Ctrl+Enter sends it with the drawing.
        await page.Keyboard.PressAsync("n");
        await Expect(page.GetByTestId("composer")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Boxed by keyboard");
        await page.Keyboard.PressAsync("Control+Enter");
        var rect = page.Locator("[data-testid=drawing] rect");
        await Expect(rect).ToHaveCountAsync(1);
        var (width, height) = (double.Parse(await rect.GetAttributeAsync("width") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(await rect.GetAttributeAsync("height") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        var x = double.Parse(await rect.GetAttributeAsync("x") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var y = double.Parse(await rect.GetAttributeAsync("y") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        // The picture is 256 x 64: the rectangle runs from (0.3, 0.4) to (0.7, 0.6) of it.
        Assert.Equal(0.3 * 256, x, 1);
        Assert.Equal(0.4 * 64, y, 1);
        Assert.Equal(0.4 * 256, width, 1);
        Assert.Equal(0.2 * 64, height, 1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ANoteWithADrawing_ShowsItOnItsFrameOnly_InThePlaceOnThePictureAtAnySize()
    {
        var rate = FrameRate.Parse("25");
        var takeId = fixture.TakeByRate["25"];
        var services = fixture.Browser.App.Services;
        var projectId = (await services.GetRequiredService<ReviewRoom.Data.Queries.ProjectQueries>().GetProjectIdOfTakeAsync(takeId))!.Value;
        using (var scope = services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewRoomUser>>();
            var director = (await users.FindByEmailAsync(DemoPeople.All[0].Email))!.Id;
            var producer = (await users.FindByEmailAsync(DemoPeople.All.Single(p => p.Role == ProjectRole.Producer).Email))!.Id;
            if (await services.GetRequiredService<ReviewRoom.Data.Queries.ProjectQueries>().GetRoleAsync(projectId, producer) is null)
                await services.GetRequiredService<ProjectCommands>().AddMemberAsync(projectId, director, producer, ProjectRole.Producer, DateTime.UtcNow);
        }

        var page = await fixture.Browser.SignInAsync("director");
        await page.GotoAsync($"/takes/{takeId}?frame=37");
        await Expect(page.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await ExpectOnScreenAsync(page, rate, 37);

        // D draws: an arrow and a rectangle on frame 37.
        await page.Keyboard.PressAsync("d");
        await Expect(page.GetByTestId("drawing-canvas")).ToBeVisibleAsync();
        async Task DragAsync(string tool, (double X, double Y) from, (double X, double Y) to)
        {
            await page.GetByTestId($"draw-{tool}").ClickAsync();
            var (x1, y1) = await OnPictureAsync(page, from.X, from.Y);
            var (x2, y2) = await OnPictureAsync(page, to.X, to.Y);
            await page.Mouse.MoveAsync(x1, y1);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(x2, y2, new() { Steps = 6 });
            await page.Mouse.UpAsync();
        }
        await DragAsync("arrow", (0.2, 0.3), (0.6, 0.7));
        await DragAsync("rectangle", (0.1, 0.1), (0.4, 0.5));
        await Expect(page.GetByTestId("draw-count")).ToContainTextAsync("2 marks");
        // Undo and redo give the rectangle back.
        await page.GetByTestId("draw-undo").ClickAsync();
        await Expect(page.GetByTestId("draw-count")).ToContainTextAsync("1 mark ");
        await page.GetByTestId("draw-redo").ClickAsync();
        await Expect(page.GetByTestId("draw-count")).ToContainTextAsync("2 marks");

        await page.GetByTestId("composer").FillAsync("The lantern flares here");
        await page.GetByTestId("composer-send").ClickAsync();
        await Expect(page.Locator("[data-testid=note-body]", new() { HasText = "The lantern flares here" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("drawing-canvas")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("drawing")).ToBeVisibleAsync();

        // The note shows the frame with its drawing, made by the server; the PNG export is that exact frame, drawn on.
        var drawnNote = page.Locator("[data-testid=note]", new() { HasText = "The lantern flares here" });
        var thumbnail = drawnNote.Locator("[data-testid=note-thumbnail] img");
        await Expect(thumbnail).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("(img) => img.complete && img.naturalWidth === 320", await thumbnail.ElementHandleAsync());
        var exportUrl = await drawnNote.GetByTestId("note-export").GetAttributeAsync("href");
        var exported = await page.EvaluateAsync<int[]>("""
            async (url) => {
              const response = await fetch(url);
              if (!response.ok || response.headers.get('content-type') !== 'image/png') return [response.status];
              const bitmap = await createImageBitmap(await response.blob());
              const canvas = document.createElement('canvas');
              canvas.width = bitmap.width; canvas.height = bitmap.height;
              const context = canvas.getContext('2d', { willReadFrequently: true });
              context.drawImage(bitmap, 0, 0);
              const at = (x, y) => Array.from(context.getImageData(Math.round(x * bitmap.width), Math.round(y * bitmap.height), 1, 1).data.slice(0, 3));
              // The frame index from its stripes, read below the marks.
              let index = 0;
              for (let bit = 0; bit < 8; bit++) if (at((bit * 32 + 16) / 256, 0.75)[1] > 128) index |= 1 << bit;
              return [bitmap.width, bitmap.height, index, ...at(0.4, 0.5), ...at(0.8, 0.2)];
            }
            """, exportUrl);
        Assert.Equal([256, 64, 37], exported[..3]);
        Assert.True(IsDrawingRed(exported[3..6]), $"the arrow is in the exported frame ({string.Join(",", exported)})");
        Assert.False(IsDrawingRed(exported[6..9]), "away from the marks the exported frame is the picture");

        // Someone else, on a narrower window, sees it on frame 37 in the same place on the picture.
        var producerPage = await fixture.Browser.SignInAsync("producer", new ViewportSize { Width = 820, Height = 900 });
        await producerPage.GotoAsync($"/takes/{takeId}?frame=37");
        await Expect(producerPage.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await ExpectOnScreenAsync(producerPage, rate, 37);
        await Expect(producerPage.GetByTestId("drawing")).ToBeVisibleAsync();
        foreach (var viewer in new[] { page, producerPage })
        {
            var (arrowX, arrowY) = await OnPictureAsync(viewer, 0.4, 0.5);
            Assert.True(await RedNearAsync(viewer, arrowX, arrowY), "the arrow's middle is drawn in red");
            var (edgeX, edgeY) = await OnPictureAsync(viewer, 0.1, 0.3);
            Assert.True(await RedNearAsync(viewer, edgeX, edgeY), "the rectangle's left edge is drawn in red");
            var (clearX, clearY) = await OnPictureAsync(viewer, 0.8, 0.2);
            Assert.False(await RedNearAsync(viewer, clearX, clearY), "away from the marks the picture shows");
        }

        // One frame on, the drawing is gone; back on 37 it returns.
        await producerPage.Keyboard.PressAsync("ArrowRight");
        await ExpectOnScreenAsync(producerPage, rate, 38);
        await Expect(producerPage.GetByTestId("drawing")).ToHaveCountAsync(0);
        var (midX, midY) = await OnPictureAsync(producerPage, 0.4, 0.5);
        Assert.False(await RedNearAsync(producerPage, midX, midY));
        await producerPage.Keyboard.PressAsync("ArrowLeft");
        await Expect(producerPage.GetByTestId("drawing")).ToBeVisibleAsync();
        await producerPage.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(EveryRate))]
    public async Task StepSeekAndNoteJump_ShowExactlyTheFrameAsked(string rateText)
    {
        var rate = FrameRate.Parse(rateText);
        var page = await fixture.OpenTakeAsync("director", rateText);
        await ExpectOnScreenAsync(page, rate, 0);

        for (var i = 0; i < 3; i++)
            await page.Keyboard.PressAsync("ArrowRight");
        await ExpectOnScreenAsync(page, rate, 3);

        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await ExpectOnScreenAsync(page, rate, 3 + rate.TimecodeBase);

        await page.Keyboard.PressAsync("End");
        await ExpectOnScreenAsync(page, rate, FrameIndexTakesFixture.Frames - 1);

        foreach (var frame in FrameIndexTakesFixture.NoteFrames)
        {
            await page.Locator($"[data-testid=note-marker][data-frame='{frame}']").ClickAsync();
            await ExpectOnScreenAsync(page, rate, frame);
        }

        await page.Keyboard.PressAsync("ArrowLeft");
        await ExpectOnScreenAsync(page, rate, FrameIndexTakesFixture.NoteFrames[^1] - 1);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(EveryRate))]
    public async Task PlayingToTheEnd_StopsOnTheLastFrame_EveryTime(string rateText)
    {
        var rate = FrameRate.Parse(rateText);
        var page = await fixture.OpenTakeAsync("director", rateText);
        var playPause = page.GetByTestId("play-pause");
        const long last = FrameIndexTakesFixture.Frames - 1;

        for (var run = 0; run < 3; run++)
        {
            // Two seconds from the end: long enough to see it playing, short enough to repeat.
            await page.Keyboard.PressAsync("End");
            await page.Keyboard.PressAsync("Shift+ArrowLeft");
            await page.Keyboard.PressAsync("Shift+ArrowLeft");
            await ExpectOnScreenAsync(page, rate, last - 2 * rate.TimecodeBase);
            await page.Keyboard.PressAsync(" ");
            await Expect(playPause).ToHaveAttributeAsync("aria-label", "Pause");
            await Expect(playPause).ToHaveAttributeAsync("aria-label", "Play", new() { Timeout = 15_000 });
            await ExpectOnScreenAsync(page, rate, last);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReversePlay_RunsBackToTheFirstFrame_AsPlaybackAndStopsThere()
    {
        var rate = FrameRate.Parse("25");
        var page = await fixture.OpenTakeAsync("director", "25");
        var playPause = page.GetByTestId("play-pause");
        await page.Locator("[data-testid=note-marker][data-frame='61']").ClickAsync();
        await ExpectOnScreenAsync(page, rate, 61);

        // J plays backwards: the player says it is playing, and the frame falls without more keys.
        await page.Keyboard.PressAsync("j");
        await Expect(playPause).ToHaveAttributeAsync("aria-label", "Pause");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=frame-number]').textContent) <= 40");
        // A second J goes faster, as L does forwards.
        await page.Keyboard.PressAsync("j");
        await Expect(page.GetByTestId("speed")).ToHaveValueAsync("1.5");

        // At the first frame it stops by itself, parked exactly there.
        await Expect(playPause).ToHaveAttributeAsync("aria-label", "Play", new() { Timeout = 15_000 });
        await ExpectOnScreenAsync(page, rate, 0);

        // K stops reverse play where it is, on a whole frame.
        await page.Locator("[data-testid=note-marker][data-frame='100']").ClickAsync();
        await ExpectOnScreenAsync(page, rate, 100);
        await page.GetByTestId("speed").SelectOptionAsync("1");
        await page.Keyboard.PressAsync("j");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=frame-number]').textContent) <= 90");
        await page.Keyboard.PressAsync("k");
        await Expect(playPause).ToHaveAttributeAsync("aria-label", "Play");
        var stopped = long.Parse(await page.GetByTestId("frame-number").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stopped, 1, 90);
        await ExpectPixelsAsync(page, "[data-testid=video]", stopped);
        await page.Context.CloseAsync();
    }
}
