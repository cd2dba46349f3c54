using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Projects;

public class BoardUpkeepTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DirectorRenamesMovesAndArchivesAShot_TheWritersBoardFollowsLive()
    {
        var writer = await fixture.SignInAsync("writer");
        await writer.GetByTestId("project-card").First.ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(writer);
        var director = await fixture.SignInAsync("director");
        await director.GetByTestId("project-card").First.ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(director);

        // Rename SH040 from its menu; Esc would cancel, Save keeps it.
        var shot = director.Locator("[data-shot-code=SH040]");
        await shot.GetByTestId("shot-menu").ClickAsync();
        await director.GetByTestId("shot-edit").ClickAsync();
        await director.Locator("input[data-testid=shot-edit-code], [data-testid=shot-edit-code] input").FillAsync("SH035");
        await director.GetByTestId("shot-edit-save").ClickAsync();
        await Expect(writer.Locator("[data-shot-code=SH035]")).ToBeVisibleAsync();

        // Move it earlier with Alt+Up on its menu button: it now comes before SH030 on both boards.
        await director.Locator("[data-shot-code=SH035] [data-testid=shot-menu] button").First.FocusAsync();
        await director.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(writer.GetByTestId("shot").Nth(2)).ToHaveAttributeAsync("data-shot-code", "SH035");

        // Archive it: off both boards, listed under archived shots, and back again.
        await Expect(director.GetByTestId("shot").Nth(2)).ToHaveAttributeAsync("data-shot-code", "SH035");
        await director.Locator("[data-shot-code=SH035]").GetByTestId("shot-menu").ClickAsync();
        await Expect(director.GetByTestId("shot-archive")).ToBeVisibleAsync();
        await director.GetByTestId("shot-archive").ClickAsync();
        await Expect(director.Locator("[data-testid=shot][data-shot-code=SH035]")).ToHaveCountAsync(0);
        await Expect(writer.Locator("[data-testid=shot][data-shot-code=SH035]")).ToHaveCountAsync(0);
        await writer.GetByTestId("archived-toggle").ClickAsync();
        await Expect(writer.GetByTestId("archived-shot")).ToContainTextAsync("SH035");
        await director.GetByTestId("archived-toggle").ClickAsync();
        await director.GetByTestId("shot-restore").ClickAsync();
        await Expect(writer.Locator("[data-testid=shot][data-shot-code=SH035]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DirectorDragsAShotByItsHandle_ItTakesThatPlaceInTheCut_OnEveryBoard()
    {
        var writer = await fixture.SignInAsync("writer");
        await writer.GetByTestId("project-card").First.ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(writer);
        await Expect(writer.Locator("[data-shot-drag]")).ToHaveCountAsync(0);
        var director = await fixture.SignInAsync("director");
        await director.GetByTestId("project-card").First.ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(director);
        await Expect(director.GetByTestId("shot").First).ToHaveAttributeAsync("data-shot-code", "SH010");

        // SH020 dragged onto SH010 takes the first place; SH010 moves down one.
        await director.Locator("[data-shot-code=SH020] [data-shot-drag]").DragToAsync(director.Locator("[data-testid=shot][data-shot-code=SH010]"));
        await Expect(writer.GetByTestId("shot").First).ToHaveAttributeAsync("data-shot-code", "SH020");
        await Expect(writer.GetByTestId("shot").Nth(1)).ToHaveAttributeAsync("data-shot-code", "SH010");
        await Expect(director.GetByTestId("shot").First).ToHaveAttributeAsync("data-shot-code", "SH020");

        // And back, so the cut is as it was.
        await director.Locator("[data-shot-code=SH010] [data-shot-drag]").DragToAsync(director.Locator("[data-testid=shot][data-shot-code=SH020]"));
        await Expect(writer.GetByTestId("shot").First).ToHaveAttributeAsync("data-shot-code", "SH010");
    }

    [Fact]
    public async Task DirectorRemovesATake_ItLeavesTheWritersBoardLive_AndComesBackFromTheRemovedList()
    {
        var writer = await fixture.SignInAsync("writer");
        await writer.GetByTestId("project-card").First.ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(writer);
        var writerCards = writer.Locator("[data-shot-code=SH020] [data-testid=take-card]");
        await Expect(writerCards.First).ToBeVisibleAsync();
        var before = await writerCards.CountAsync();

        var director = await fixture.OpenTakeAsync("director", "SH020", before - 1);
        await director.GetByTestId("take-remove").ClickAsync();
        await director.GetByTestId("take-remove-yes").ClickAsync();

        await Expect(director).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects/[0-9a-f-]{36}$"));
        await Expect(writerCards).ToHaveCountAsync(before - 1);
        var removed = director.GetByTestId("removed-take");
        await Expect(removed).ToContainTextAsync("SH020");
        await Expect(removed).ToContainTextAsync("removed by Dana Reyes");
        await removed.GetByTestId("take-restore").ClickAsync();
        await Expect(writerCards).ToHaveCountAsync(before);
        await Expect(director.GetByTestId("removed-takes")).ToHaveCountAsync(0);
    }
}
