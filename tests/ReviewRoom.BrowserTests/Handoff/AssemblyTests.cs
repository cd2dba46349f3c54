using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.BrowserTests.Takes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Projects;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Handoff;

/// <summary>The circled takes of four shots at four rates, played as one cut and read back from their pixels at every cut.</summary>
[Collection(FrameIndexCollection.Name)]
public class AssemblyTests(FrameIndexTakesFixture fixture)
{
    private static readonly string[] ShotRates = ["24", "25", "30000/1001", "24000/1001"];

    private async Task<Guid> CutOfFourShotsAsync()
    {
        var services = fixture.Browser.App.Services;
        var director = await FrameIndexTakes.UserIdAsync(services, DemoPeople.All[0].Email);
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, director.ToString())], "test")).ToActor();
        var commands = services.GetRequiredService<ProjectCommands>();
        var project = new Project($"Assembly {Guid.NewGuid():N}", "", DateTime.UtcNow);
        await services.GetRequiredService<RoomWriter>().CreateProjectAsync(project, director);
        foreach (var person in DemoPeople.All)
            await commands.AddMemberAsync(project.Id, director, await FrameIndexTakes.UserIdAsync(services, person.Email), person.Role, DateTime.UtcNow);
        await using var db = await services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < ShotRates.Length; i++)
        {
            var source = await db.Takes.AsNoTracking().SingleAsync(t => t.Id == fixture.TakeByRate[ShotRates[i]]);
            var shot = await commands.AddShotAsync(project.Id, director, $"SH{(i + 1) * 10:000}", "", "");
            var take = await commands.AddTakeAsync(project.Id, shot, director,
                new TakeMedia(source.MediaPath, null, source.FrameRate, source.DurationFrames, source.Width, source.Height, false), source.Generation, DateTime.UtcNow);
            await services.GetRequiredService<DecisionCommands>().CircleAsync(actor, shot, take.Id, confirmedNotApproved: true, reason: null);
        }
        return project.Id;
    }

    [Fact]
    public async Task TheCut_ShowsTheLastFrameOfEachShotThenTheFirstOfTheNext_SteppingAndPlaying()
    {
        var projectId = await CutOfFourShotsAsync();
        var page = await fixture.Browser.SignInAsync("director");
        await page.GotoAsync($"/projects/{projectId}/assembly");
        const string showing = "[data-testid=assembly-stage] video.showing";
        await Expect(page.Locator(showing)).ToBeAttachedAsync();
        await PixelFrames.ExpectAsync(page, showing, 0);
        await Expect(page.GetByTestId("assembly-cut-timecode")).ToHaveTextAsync("01:00:00:00");
        const long last = FrameIndexTakesFixture.Frames - 1;

        // The cut runs at 24 fps (a tie between four rates goes to the first shot's); each shot keeps its length in seconds.
        var elapsed = 0.0;
        for (var shot = 0; shot < ShotRates.Length - 1; shot++)
        {
            elapsed += FrameIndexTakesFixture.Frames / FrameRate.Parse(ShotRates[shot]).FramesPerSecond;
            await page.GetByTestId("assembly-piece").Nth(shot + 1).ClickAsync();
            await Expect(page.GetByTestId("assembly-shot")).ToHaveTextAsync($"SH{(shot + 2) * 10:000} v001");
            await page.Keyboard.PressAsync("ArrowLeft");
            await Expect(page.GetByTestId("assembly-shot")).ToHaveTextAsync($"SH{(shot + 1) * 10:000} v001");
            await Expect(page.GetByTestId("assembly-frame")).ToHaveTextAsync(last.ToString());
            await PixelFrames.ExpectAsync(page, showing, last);
            await page.Keyboard.PressAsync("ArrowRight");
            await Expect(page.GetByTestId("assembly-shot")).ToHaveTextAsync($"SH{(shot + 2) * 10:000} v001");
            await PixelFrames.ExpectAsync(page, showing, 0);
            await Expect(page.GetByTestId("assembly-cut-timecode")).ToHaveTextAsync(Timecode.FromFrame(86400 + (long)Math.Round(elapsed * 24), FrameRate.Fps24).ToString());
        }

        // Playing through the first cut: what went up on screen ends shot one on its last frame and starts shot two on its first.
        await page.GetByTestId("assembly-piece").Nth(1).ClickAsync();
        await Expect(page.GetByTestId("assembly-shot")).ToHaveTextAsync("SH020 v001");
        for (var i = 0; i < 8; i++)
            await page.Keyboard.PressAsync("ArrowLeft");
        await PixelFrames.ExpectAsync(page, showing, last - 7);
        await page.EvaluateAsync("() => { document.querySelector('[data-testid=assembly-stage]').presented.length = 0; }");
        // K plays (space would press the focused shot button, as on every page).
        await page.Keyboard.PressAsync("k");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=assembly-stage]').presented.some(([shot, frame]) => shot === 1 && frame >= 10)",
            null, new() { Timeout = 20_000 });
        await page.Keyboard.PressAsync("k");
        var presented = JsonSerializer.Deserialize<long[][]>(await page.EvaluateAsync<string>("() => JSON.stringify(document.querySelector('[data-testid=assembly-stage]').presented)"))!;
        var firstOfNext = Array.FindIndex(presented, p => p[0] == 1);
        Assert.True(firstOfNext > 0, string.Join(" ", presented.Select(p => $"{p[0]}:{p[1]}")));
        Assert.Equal([0L, last], presented[firstOfNext - 1]);
        Assert.Equal([1L, 0L], presented[firstOfNext]);
        var ofNext = presented.Skip(firstOfNext).Where(p => p[0] == 1).Select(p => p[1]).ToList();
        Assert.Equal(ofNext.Order(), ofNext);
        Assert.All(presented.Take(firstOfNext), p => Assert.Equal(0, p[0]));

        // Someone uncircles the last shot's take: the open assembly plays the new cut, from its first frame.
        var services = fixture.Browser.App.Services;
        var director = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier,
            (await FrameIndexTakes.UserIdAsync(services, DemoPeople.All[0].Email)).ToString())], "test")).ToActor();
        var lastShot = await services.GetRequiredService<ReviewRoom.Data.Queries.ProjectQueries>().GetBoardAsync(projectId);
        await services.GetRequiredService<DecisionCommands>().CircleAsync(director, lastShot!.Shots[^1].Id, null, confirmedNotApproved: true, reason: null);
        await Expect(page.GetByTestId("assembly-piece")).ToHaveCountAsync(ShotRates.Length - 1);
        await PixelFrames.ExpectAsync(page, showing, 0);
        await page.Keyboard.PressAsync("ArrowRight");
        await PixelFrames.ExpectAsync(page, showing, 1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheMovie_AskedForByOne_AppearsForAnotherAsItIsMade_AndDownloadsWithEveryFrameOfTheCut()
    {
        var projectId = await CutOfFourShotsAsync();
        var director = await fixture.Browser.SignInAsync("director");
        var producer = await fixture.Browser.SignInAsync("producer", new() { Width = 390, Height = 844 });
        foreach (var page in new[] { director, producer })
        {
            await page.GotoAsync($"/projects/{projectId}/assembly");
            await Expect(page.Locator("[data-testid=assembly-stage] video.showing")).ToBeAttachedAsync();
            await Expect(page.GetByTestId("assembly-movie")).ToContainTextAsync("4 shots");
        }

        // By keyboard: the button is reached and pressed like any other.
        await director.GetByTestId("assembly-movie-make").FocusAsync();
        await director.Keyboard.PressAsync("Enter");
        await Expect(director.GetByTestId("assembly-movie-progress").Or(director.GetByTestId("assembly-movie-download"))).ToBeVisibleAsync();

        // The producer's page was open before: the finished movie arrives there without a reload.
        await Expect(producer.GetByTestId("assembly-movie-download")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(producer.GetByTestId("assembly-movie-ready")).ToContainTextAsync("Dana Reyes");
        var download = await producer.RunAndWaitForDownloadAsync(() => producer.GetByTestId("assembly-movie-download").ClickAsync());
        Assert.EndsWith("_assembly_24.mp4", download.SuggestedFilename, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"reviewroom-assembly-{Guid.NewGuid():N}.mp4");
        await download.SaveAsAsync(file);
        try
        {
            var seconds = ShotRates.Sum(rate => FrameIndexTakesFixture.Frames / FrameRate.Parse(rate).FramesPerSecond);
            Assert.Equal(((long)Math.Round(seconds * 24)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Tools.Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "default=nw=1:nk=1", file).Trim());
        }
        finally
        {
            File.Delete(file);
        }
        await director.Context.CloseAsync();
        await producer.Context.CloseAsync();
    }
}
