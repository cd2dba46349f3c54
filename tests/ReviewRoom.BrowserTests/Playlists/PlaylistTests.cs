using Microsoft.Playwright;
using ReviewRoom.BrowserTests.Takes;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Playlists;

[Collection(FrameIndexCollection.Name)]
public class PlaylistTests(FrameIndexTakesFixture fixture)
{
    [Fact]
    public async Task APlaylistMadeByOne_AppearsForAnother_PlaysThroughWithAutoAdvance_AndFollowsAReorderLive()
    {
        var director = await fixture.Browser.SignInAsync("director");
        var writer = await fixture.Browser.SignInAsync("writer", new ViewportSize { Width = 390, Height = 844 });
        foreach (var page in new[] { director, writer })
        {
            await page.GotoAsync($"/projects/{fixture.ProjectId}/playlists");
            await BrowserFixture.WaitUntilInteractiveAsync(page);
        }
        await Expect(writer.GetByTestId("playlists-empty")).ToBeVisibleAsync();

        // The director names a playlist and fills it: IDX v002, v001, v005 (24, 23.976 and 30 fps).
        await director.GetByTestId("playlist-new-name").FillAsync("Dailies Friday");
        await director.GetByTestId("playlist-create").ClickAsync();
        await Expect(director.GetByTestId("playlist-editor")).ToBeVisibleAsync();
        foreach (var (label, count) in new[] { ("IDX v002", 1), ("IDX v001", 2), ("IDX v005", 3) })
        {
            await director.GetByTestId("playlist-add").SelectOptionAsync(new SelectOptionValue { Label = label });
            await Expect(director.GetByTestId("playlist-edit-item")).ToHaveCountAsync(count);
        }

        // The writer's page has it at once, without a reload.
        var card = writer.Locator("[data-testid=playlist-card]", new() { HasText = "Dailies Friday" });
        await Expect(card.GetByTestId("playlist-count")).ToHaveTextAsync("3 takes");

        // Playing it: the first take, with the strip; at its end the next one starts by itself.
        await director.Locator("[data-testid=playlist-card]", new() { HasText = "Dailies Friday" }).GetByTestId("playlist-play").ClickAsync();
        await Expect(director).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/takes/{fixture.TakeByRate["24"]}\\?playlist="));
        await Expect(director.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await BrowserFixture.WaitUntilInteractiveAsync(director);
        await Expect(director.GetByTestId("playlist-place")).ToHaveTextAsync("1 of 3");
        await director.Keyboard.PressAsync("End");
        for (var i = 0; i < 5; i++)
            await director.Keyboard.PressAsync("ArrowLeft");
        await Expect(director.GetByTestId("frame-number")).ToHaveTextAsync((FrameIndexTakesFixture.Frames - 6).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await director.GetByTestId("play-pause").ClickAsync();
        await Expect(director.GetByTestId("playlist-place")).ToHaveTextAsync("2 of 3");
        await Expect(director).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/takes/{fixture.TakeByRate["24000/1001"]}\\?"));
        // It plays: the picture moves on from the first frame.
        await director.WaitForFunctionAsync($"() => ({PixelFrames.ReadFrameIndex})('[data-testid=video]') > 3");
        await director.GetByTestId("play-pause").ClickAsync();

        // ] goes to the next; the last has no next.
        await director.Keyboard.PressAsync("]");
        await Expect(director.GetByTestId("playlist-place")).ToHaveTextAsync("3 of 3");
        await Expect(director.GetByTestId("playlist-next")).ToBeDisabledAsync();

        // The writer moves v005 to the top: the director's strip shows the new order at once.
        await card.GetByTestId("playlist-edit").ClickAsync();
        await writer.GetByTestId("playlist-up").Nth(2).ClickAsync();
        await Expect(writer.GetByTestId("playlist-edit-item").Nth(1)).ToContainTextAsync("IDX v005");
        await writer.GetByTestId("playlist-up").Nth(1).ClickAsync();
        await Expect(writer.GetByTestId("playlist-edit-item").Nth(0)).ToContainTextAsync("IDX v005");
        await Expect(director.GetByTestId("playlist-place")).ToHaveTextAsync("1 of 3");
        await Expect(director.GetByTestId("playlist-item").First).ToHaveTextAsync("IDX v005");

        // From the board, a take card dragged onto the playlist joins it at the end.
        await director.GotoAsync($"/projects/{fixture.ProjectId}");
        await BrowserFixture.WaitUntilInteractiveAsync(director);
        var drop = director.Locator("[data-testid=playlist-drop]", new() { HasText = "Dailies Friday" });
        await director.Locator("[data-testid=take-card][data-version='3']").DragToAsync(drop);
        await Expect(director.GetByTestId("playlist-drop-result")).ToHaveTextAsync("Added to \"Dailies Friday\".");
        await Expect(card.GetByTestId("playlist-count")).ToHaveTextAsync("4 takes");
        await Expect(writer.GetByTestId("playlist-edit-item").Nth(3)).ToContainTextAsync("IDX v003");

        await director.Context.CloseAsync();
        await writer.Context.CloseAsync();
    }

    [Fact]
    public async Task OnATakePage_APlaylistMadeMeanwhileIsOfferedLive_AndTheTakeGoesIntoIt()
    {
        var writer = await fixture.OpenTakeAsync("writer", "25");
        var director = await fixture.Browser.SignInAsync("director");
        await director.GotoAsync($"/projects/{fixture.ProjectId}/playlists");
        await BrowserFixture.WaitUntilInteractiveAsync(director);

        var name = $"Pick-ups {Guid.NewGuid().ToString("n")[..6]}";
        await director.GetByTestId("playlist-new-name").FillAsync(name);
        await director.GetByTestId("playlist-create").ClickAsync();
        await Expect(director.GetByTestId("playlist-editor")).ToBeVisibleAsync();

        // The take page offers the new playlist without a reload, and stepping through frames does not lose it.
        var choice = writer.GetByTestId("add-to-playlist").Locator("option", new() { HasText = name });
        await Expect(choice).ToHaveCountAsync(1);
        await writer.Keyboard.PressAsync("ArrowRight");
        await Expect(writer.GetByTestId("frame-number")).ToHaveTextAsync("1");
        await writer.GetByTestId("add-to-playlist").SelectOptionAsync(new SelectOptionValue { Label = name });
        await Expect(writer.GetByTestId("add-to-playlist-result")).ToHaveTextAsync($"Added to \"{name}\".");
        await Expect(choice).ToHaveTextAsync($"{name} (in it)");
        await Expect(choice).ToBeDisabledAsync();
        var card = director.Locator("[data-testid=playlist-card]", new() { HasText = name });
        await Expect(card.GetByTestId("playlist-count")).ToHaveTextAsync("1 take");

        await director.Context.CloseAsync();
        await writer.Context.CloseAsync();
    }
}
