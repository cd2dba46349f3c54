using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Time;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Notes.Services;

namespace ReviewRoom.IntegrationTests.Handoff;

/// <summary>The PDF review report read as its reader would: its text by poppler's pdftotext, its pictures by pdfimages.</summary>
public sealed class ReviewReportTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Report_HoldsEveryNoteAndReply_AndEachPictureShowsItsNotesFrame()
    {
        var services = fixture.App.Services;
        var made = await FrameIndexTakes.CreateAsync(services, Path.Combine(fixture.App.DataFolder, "report"), 60);
        var director = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, made.DirectorId.ToString())], "test")).ToActor();
        var take = made.TakeByRate["24"];
        var notes = services.GetRequiredService<NoteCommands>();
        await notes.AddAsync(director, take, FrameRange.At(42), "Ça flotte: the lantern (фонарь) flickers", null);
        var corner = new Drawing([new DrawingShape(DrawingTool.Rectangle, [new(0.01, 0.02), new(0.1, 0.3)], "#ff3b30", 3)]);
        var dark = await notes.AddAsync(director, take, FrameRange.At(5), "Too **dark** here", null, corner);
        await notes.ReplyAsync(director, dark.Id, "Agreed, lift the shadows", null);
        var hold = await notes.AddAsync(director, take, new FrameRange(17, 20), "Hold this longer", null);
        await notes.ResolveAsync(director, hold.Id);
        await services.GetRequiredService<DecisionCommands>().CircleAsync(director, await ShotOfAsync(take), take, confirmedNotApproved: true, reason: null);

        using var client = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[0].Email, DemoPeople.Password);
        using var response = await client.GetAsync($"/api/v1/projects/{made.ProjectId}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var folder = Path.Combine(fixture.App.DataFolder, "report-out");
        Directory.CreateDirectory(folder);
        var pdf = Path.Combine(folder, "report.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());

        var text = Tools.Run("pdftotext", "-raw", pdf, "-");
        foreach (var expected in new[] { "Frame index", "Ça flotte: the lantern (фонарь) flickers", "Too dark here", "Agreed, lift the shadows", "Hold this longer",
                     "00:00:00:17 – 00:00:00:20 (frames 17–20)", "Resolved", "Circled: v002", "3 note threads (2 open, 1 resolved)" })
            Assert.Contains(expected, text, StringComparison.Ordinal);

        Tools.Run("pdfimages", "-all", pdf, Path.Combine(folder, "picture"));
        var pictures = Directory.GetFiles(folder, "picture-*").Order(StringComparer.Ordinal).ToList();
        Assert.Equal([5L, 17L, 42L], pictures.Select(p => FrameShownIn(p, 0, 0, null)));

        // The contact sheet: a tile per shot, the circled take's at its middle frame (60 frames: frame 30), then an empty
        // one for a shot whose code is written to break ffmpeg's filter graph and drawtext's expansions.
        await services.GetRequiredService<ReviewRoom.Web.Features.Projects.ProjectCommands>().AddShotAsync(made.ProjectId, made.DirectorId,
            "X'%{eif:1/0:d}:;[t0]\\,drawtext=text=pwned", "", "");
        using var sheet = await client.GetAsync($"/api/v1/projects/{made.ProjectId}/contact-sheet.jpg");
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal("image/jpeg", sheet.Content.Headers.ContentType!.MediaType);
        var sheetFile = Path.Combine(folder, "sheet.jpg");
        await File.WriteAllBytesAsync(sheetFile, await sheet.Content.ReadAsByteArrayAsync());
        Assert.Equal("664,228", Tools.Run("ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", sheetFile).Trim());
        // The clip is 256x64: fitted into the 320x180 tile it stands 320x80 at the tile's top, 8 pixels in from the sheet's edges.
        Assert.Equal(30, FrameShownIn(sheetFile, 8, 8, (320, 80)));
    }

    private async Task<Guid> ShotOfAsync(Guid takeId) =>
        (await fixture.App.Services.GetRequiredService<ReviewRoom.Data.Queries.ProjectQueries>().GetTakeAsync(takeId))!.Shot.Id;

    /// <summary>The frame a picture of a frame-index clip shows in an area of it (all of it when null): eight stripes across, white for a set bit, lowest first.</summary>
    private static long FrameShownIn(string picture, int left, int top, (int Width, int Height)? area)
    {
        var size = Tools.Run("ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", picture).Trim().Split(',');
        var (width, height) = (int.Parse(size[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(size[1], System.Globalization.CultureInfo.InvariantCulture));
        var (areaWidth, areaHeight) = area ?? (width, height);
        var gray = Tools.RunForBytes("ffmpeg", "-v", "error", "-i", picture, "-f", "rawvideo", "-pix_fmt", "gray", "-");
        var frame = 0L;
        for (var bit = 0; bit < 8; bit++)
            if (gray[(top + areaHeight / 2) * width + left + (2 * bit + 1) * areaWidth / 16] > 128)
                frame |= 1L << bit;
        return frame;
    }
}
