using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Handoff;

public class ExportTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static async Task<byte[]> DownloadAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-download").ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    /// <summary>What the pipeline API gives the same signed-in person for the address the panel shows.</summary>
    private static async Task<byte[]> FromApiAsync(IPage page)
    {
        var address = (await page.GetByTestId("export-url").TextContentAsync())!.Replace("GET ", "", StringComparison.Ordinal);
        var response = await page.Context.APIRequest.GetAsync(address);
        Assert.Equal(200, response.Status);
        return await response.BodyAsync();
    }

    [Fact]
    public async Task Writer_DownloadsATakesNotesAndTheCut_AndGetsTheApisBytes()
    {
        var page = await fixture.OpenTakeAsync("writer", "SH010", 0);

        // Write a note, so the report has something in it.
        await page.Keyboard.PressAsync("n");
        await page.Keyboard.TypeAsync("Export me, with a comma, and \"quotes\"");
        await page.GetByTestId("composer-send").ClickAsync();
        await Expect(page.GetByTestId("note-body").Last).ToContainTextAsync("Export me");

        await page.GetByTestId("export-open").ClickAsync();
        await Expect(page.GetByTestId("export-panel")).ToBeVisibleAsync();
        await page.GetByTestId("export-open-only").CheckAsync();
        await Expect(page.GetByTestId("export-url")).ToContainTextAsync("notes.csv?open=true");
        var csv = await DownloadAsync(page);
        Assert.Equal(await FromApiAsync(page), csv);
        Assert.Contains("\"Export me, with a comma, and \"\"quotes\"\"\"", System.Text.Encoding.UTF8.GetString(csv), StringComparison.Ordinal);

        await page.GetByTestId("export-what").SelectOptionAsync("take-edl-markers");
        await Expect(page.GetByTestId("export-url")).ToContainTextAsync("notes.edl?form=markers");
        Assert.Equal(await FromApiAsync(page), await DownloadAsync(page));

        // Escape closes the panel; the board's panel takes the cut.
        await page.GetByTestId("export-what").PressAsync("Escape");
        await Expect(page.GetByTestId("export-panel")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Night Market" }).ClickAsync();
        await Expect(page.GetByTestId("progress")).ToBeVisibleAsync();
        await page.GetByTestId("export-open").ClickAsync();
        await page.GetByTestId("export-what").SelectOptionAsync("cut-otio");
        await page.GetByTestId("export-rate").SelectOptionAsync("25");
        await Expect(page.GetByTestId("export-url")).ToContainTextAsync("cut.otio?rate=25");
        var otio = await DownloadAsync(page);
        Assert.Equal(await FromApiAsync(page), otio);
        using var timeline = System.Text.Json.JsonDocument.Parse(otio);
        Assert.Equal(25, timeline.RootElement.GetProperty("global_start_time").GetProperty("rate").GetDouble());
        await page.Context.CloseAsync();
    }
}
