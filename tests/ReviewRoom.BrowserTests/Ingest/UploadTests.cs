using Microsoft.Playwright;
using ReviewRoom.TestHost;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Ingest;

public class UploadTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> OpenBoardAsync(string person)
    {
        var page = await fixture.SignInAsync(person);
        await page.GetByTestId("project-card").First.ClickAsync();
        await Expect(page.GetByTestId("progress")).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        // Files and the pickers' keys are handled by the board's upload script once it is attached.
        await Expect(page.Locator(".rr-upload-root[data-ready=true]")).ToBeAttachedAsync();
        return page;
    }

    [Fact]
    public async Task DirectorDropsAFileOnAShot_SeesItsProgress_WriterSeesTheNewTakeLiveAndPlaysIt()
    {
        var writer = await OpenBoardAsync("writer");
        var director = await OpenBoardAsync("director");
        var writerShot = writer.Locator("[data-shot-code=SH040]");
        var takesBefore = await writerShot.GetByTestId("take-card").CountAsync();

        // A slow uplink, so the progress bar has something to show.
        await SlowUplinkAsync(director, bytesPerSecond: 200 * 1024);
        await DropFileAsync(director, "[data-shot-code=SH040]", IngestSamples.PathOf("prores.mov"));

        await Expect(director.GetByTestId("upload-panel")).ToBeVisibleAsync();
        await director.GetByTestId("upload-json-mode").ClickAsync();
        await director.GetByTestId("upload-json").FillAsync("""{"model": "veo-3", "prompt": "Lantern handover, close", "seed": 9, "credits": 4}""");
        await director.GetByTestId("upload-start").ClickAsync();

        var item = director.GetByTestId("upload-item");
        await Expect(item).ToHaveAttributeAsync("data-state", "Sending");
        await Expect(item.GetByTestId("upload-status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"[1-9]\d?%"));
        // The tray follows the file to its end: added as the shot's next take, with a way to open it.
        await Expect(item).ToHaveAttributeAsync("data-state", "Added", new() { Timeout = 60_000 });
        await Expect(item.GetByTestId("upload-status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Added as v\d{3}"));
        await Expect(item.GetByTestId("upload-open-take")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/takes/"));

        // The writer never reloads: the new take arrives through the room.
        await Expect(writerShot.GetByTestId("take-card")).ToHaveCountAsync(takesBefore + 1, new() { Timeout = 60_000 });
        var newCard = writerShot.GetByTestId("take-card").Last;
        await Expect(newCard.GetByTestId("take-model")).ToHaveTextAsync("veo-3");
        await newCard.ClickAsync();
        var player = writer.GetByTestId("player");
        await Expect(player).ToHaveAttributeAsync("data-ready", "true");
        await writer.Keyboard.PressAsync("Space");
        await Expect(writer.GetByTestId("frame-number")).Not.ToHaveTextAsync("0");
    }

    [Fact]
    public async Task DroppingATextFile_ShowsTheReasonOnTheBoardWithRetryAndDismiss()
    {
        var director = await OpenBoardAsync("director");

        await DropFileAsync(director, "[data-shot-code=SH020]", IngestSamples.PathOf("notes.mp4"));
        await director.GetByTestId("upload-start").ClickAsync();

        var job = director.Locator("[data-shot-code=SH020] [data-testid=ingest-job][data-state=Failed]");
        await Expect(job.GetByTestId("ingest-job-error")).ToContainTextAsync("text file", new() { Timeout = 30_000 });
        var item = director.GetByTestId("upload-item");
        await Expect(item).ToHaveAttributeAsync("data-state", "Refused");
        await Expect(item.GetByTestId("upload-error-reason")).ToContainTextAsync("text file");
        await job.GetByTestId("ingest-job-dismiss").ClickAsync();
        await Expect(director.Locator("[data-shot-code=SH020] [data-testid=ingest-job]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DroppingFilesOnTheNewShotZone_MakesTheNextShotWithThoseTakes()
    {
        var writer = await OpenBoardAsync("writer");
        var producer = await OpenBoardAsync("producer");
        var shotsBefore = await writer.GetByTestId("shot").CountAsync();

        await DropFileAsync(producer, "[data-testid=new-shot-zone]", IngestSamples.PathOf("h264.mp4"));
        await Expect(producer.GetByTestId("upload-shot-code")).ToHaveValueAsync("SH050");
        await producer.GetByTestId("upload-start").ClickAsync();

        await Expect(writer.GetByTestId("shot")).ToHaveCountAsync(shotsBefore + 1);
        await Expect(writer.Locator("[data-shot-code=SH050] [data-testid=take-card]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task AddTakes_IsReachableByKeyboard_AndOpensTheFilePicker()
    {
        var director = await OpenBoardAsync("director");
        var picker = director.Locator("[data-shot-code=SH010] [data-file-picker]");
        // Arriving on a page moves focus to its heading, which can happen after the picker was focused on a
        // busy machine: focus it and press Enter again until the file chooser opens (a few tries at most).
        IFileChooser? chooser = null;
        for (var attempt = 0; attempt < 5 && chooser is null; attempt++)
        {
            await picker.FocusAsync();
            await Expect(picker).ToBeFocusedAsync();
            try
            {
                chooser = await director.RunAndWaitForFileChooserAsync(() => director.Keyboard.PressAsync("Enter"), new() { Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
            }
        }
        Assert.NotNull(chooser);
        await chooser.SetFilesAsync(IngestSamples.PathOf("h264.mp4"));

        await Expect(director.GetByTestId("upload-panel")).ToContainTextAsync("Add takes to SH010");
        await Expect(director.GetByTestId("upload-panel")).ToContainTextAsync("h264.mp4");
        await director.Keyboard.PressAsync("Escape");
        await Expect(director.GetByTestId("upload-panel")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CancellingAnUpload_StopsItAndTheServerForgetsTheBytes()
    {
        var director = await OpenBoardAsync("director");
        await SlowUplinkAsync(director, bytesPerSecond: 32 * 1024);
        var uploads = Path.Combine(fixture.App.MediaFolder, "uploads");
        var before = Directory.Exists(uploads) ? Directory.GetFiles(uploads, "*.json").Length : 0;

        await DropFileAsync(director, "[data-shot-code=SH030]", IngestSamples.PathOf("prores.mov"));
        await director.GetByTestId("upload-start").ClickAsync();
        var item = director.GetByTestId("upload-item");
        await Expect(item.GetByTestId("upload-status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"[1-9]\d?%"));
        await item.GetByTestId("upload-cancel").ClickAsync();

        await Expect(item).ToHaveAttributeAsync("data-state", "Cancelled");
        await Expect(item.GetByTestId("upload-progress")).ToHaveCountAsync(0);
        // tus termination: the half-sent upload is gone from the server, and no job was made from it.
        await ReviewRoom.TestHost.Eventually.UntilAsync(() => Directory.GetFiles(uploads, "*.json").Length == before, "the server to drop the cancelled upload");
        await Expect(director.Locator("[data-shot-code=SH030] [data-testid=ingest-job]")).ToHaveCountAsync(0);
    }

    /// <summary>Drags a real file from "the desktop" onto an element: the same dragenter/dragover/drop a person makes.</summary>
    private static async Task DropFileAsync(IPage page, string selector, string file)
    {
        var bytes = Convert.ToBase64String(await File.ReadAllBytesAsync(file));
        var transfer = await page.EvaluateHandleAsync("""
            ([name, base64]) => {
                const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], name, { type: 'video/quicktime' }));
                return transfer;
            }
            """, new object[] { Path.GetFileName(file), bytes });
        var target = page.Locator(selector);
        foreach (var type in new[] { "dragenter", "dragover", "drop" })
            await target.DispatchEventAsync(type, new Dictionary<string, object> { ["dataTransfer"] = transfer });
    }

    /// <summary>Chromium's network emulation: uploads crawl, so progress and cancelling have time to be seen.</summary>
    private static async Task SlowUplinkAsync(IPage page, int bytesPerSecond)
    {
        var network = await page.Context.NewCDPSessionAsync(page);
        await network.SendAsync("Network.enable");
        await network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 20,
            ["downloadThroughput"] = -1,
            ["uploadThroughput"] = bytesPerSecond,
        });
    }
}
