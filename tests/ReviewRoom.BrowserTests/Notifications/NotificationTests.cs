using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Notifications;

public class NotificationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task MentionedWriter_SeesTheBellCountLive_AndTheEntryOpensTheTakeAtTheNotesFrame()
    {
        var writer = await fixture.SignInAsync("writer");
        await Expect(writer.GetByTestId("bell")).ToBeVisibleAsync();
        var before = int.Parse(await writer.GetByTestId("bell-count").TextContentAsync() ?? "0");

        var director = await fixture.SignInAsync("director");
        await director.GetByTestId("project-card").First.ClickAsync();
        await director.Locator("[data-shot-code=SH030] [data-testid=take-card]").First.ClickAsync();
        await Expect(director.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        for (var i = 0; i < 12; i++)
            await director.Keyboard.PressAsync("ArrowRight");
        await Expect(director.GetByTestId("frame-number")).ToHaveTextAsync("12");
        await director.Keyboard.PressAsync("n");
        await director.Keyboard.TypeAsync("Lantern flare too hot, @Wes");
        await Expect(director.GetByTestId("mention-option").First).ToContainTextAsync("Wes Okafor");
        await director.Keyboard.PressAsync("Enter");
        await director.Keyboard.TypeAsync("can we trim the line?");
        await director.Keyboard.PressAsync("Control+Enter");

        await Expect(writer.GetByTestId("bell-count")).ToHaveTextAsync((before + 1).ToString());
        await Expect(writer.GetByTestId("bell-badge")).ToHaveTextAsync((before + 1).ToString());
        await writer.GetByTestId("bell").ClickAsync();
        var entry = writer.GetByTestId("notification").First;
        await Expect(entry).ToContainTextAsync("Dana Reyes mentioned you on SH030 v001");
        await Expect(entry).ToHaveAttributeAsync("data-read", "false");
        await entry.Locator("a").ClickAsync();

        await Expect(writer).ToHaveURLAsync(new Regex(@"/takes/[0-9a-f-]{36}\?frame=12$"));
        await Expect(writer.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(writer.GetByTestId("frame-number")).ToHaveTextAsync("12");
        await Expect(writer.GetByTestId("bell-count")).ToHaveTextAsync(before.ToString());
        if (before == 0)
            await Expect(writer.GetByTestId("bell-badge")).ToHaveCountAsync(0);
    }
}
