using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.TestHost;
using ReviewRoom.TestHost.Handoff;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Playlists;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.IntegrationTests.Handoff;

/// <summary>
/// The hand-off files as an editor's tools would read them, fetched through the API from a real database: every marker
/// and clip read back by the tests' own readers lands on the frames the database holds, at every rate the issue lists.
/// </summary>
public sealed class HandoffExportTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private sealed record Room(Guid ProjectId, Scenario.Person Director, Guid LongTake, Guid ShortTake, Guid LongShot, string Token);

    /// <summary>
    /// A project whose first and third shots have circled takes at <paramref name="rateText"/> (the second has none): the
    /// first is over two minutes long, with notes on its first and last frames and either side of the first minute.
    /// </summary>
    private async Task<Room> RoomAsync(string rateText)
    {
        var services = fixture.App.Services;
        var scenario = new Scenario(services);
        var (projectId, longShot, director) = await scenario.ProjectAsync();
        var projects = services.GetRequiredService<ProjectCommands>();
        await projects.AddShotAsync(projectId, director.UserId, "SH020", "Pool", "");
        var shortShot = await projects.AddShotAsync(projectId, director.UserId, "SH030", "Pool", "");
        await using var db = await services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var demo = await db.Takes.AsNoTracking().FirstAsync();
        var rate = FrameRate.Parse(rateText);
        var minute = rate.TimecodeBase * 60L;
        var length = rate.TimecodeBase * 130L;
        async Task<Guid> TakeAsync(Guid shot, long frames) => (await projects.AddTakeAsync(projectId, shot, director.UserId,
            new TakeMedia(demo.MediaPath, demo.PosterPath, rate, frames, 1920, 1080, false),
            new GenerationInfo { Model = "veo-3", Prompt = "a swimmer at night", Seed = 7, ParametersJson = """{"steps":30}""", CreditsSpent = 2.5m }, DateTime.UtcNow)).Id;
        var longTake = await TakeAsync(longShot, length);
        var shortTake = await TakeAsync(shortShot, 37);

        var notes = services.GetRequiredService<NoteCommands>();
        var who = director.Principal;
        await notes.AddAsync(who, longTake, FrameRange.At(minute), "Just past the minute", null);
        await notes.AddAsync(who, longTake, FrameRange.At(0), "First frame", null);
        await notes.AddAsync(who, longTake, FrameRange.At(length - 1), "Last frame", null);
        await notes.AddAsync(who, longTake, FrameRange.At(minute - 1), "Just before the minute", null);
        var range = await notes.AddAsync(who, longTake, new FrameRange(minute - 5, minute + 5), "Across the **minute**", null);
        await notes.ReplyAsync(who, range.Id, "Agreed", null);
        await notes.ResolveAsync(who, range.Id);
        await notes.AddAsync(who, shortTake, new FrameRange(10, 36), "To the end", null);
        var decisions = services.GetRequiredService<DecisionCommands>();
        await decisions.CircleAsync(who, longShot, longTake, confirmedNotApproved: true, reason: null);
        await decisions.CircleAsync(who, shortShot, shortTake, confirmedNotApproved: true, reason: null);
        var (_, token) = await services.GetRequiredService<ApiTokenCommands>().CreateAsync(who, projectId, "editor", ApiTokenScope.Read);
        return new Room(projectId, director, longTake, shortTake, longShot, token);
    }

    private async Task<IReadOnlyList<(long In, long Length)>> ThreadsInDatabaseAsync(Guid takeId)
    {
        var notes = await fixture.App.Services.GetRequiredService<NoteQueries>().GetForTakeAsync(takeId, Guid.Empty, viewerIsAdmin: false);
        return notes.Where(n => n.ParentNoteId is null).OrderBy(n => n.FrameIn).Select(n => (n.FrameIn, n.FrameOut - n.FrameIn + 1)).ToList();
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Theory]
    [InlineData("24000/1001")]
    [InlineData("24")]
    [InlineData("25")]
    [InlineData("30000/1001")]
    [InlineData("60000/1001")]
    public async Task CutExports_ReadBack_EveryClipAndNote_AtTheFramesInTheDatabase(string rateText)
    {
        var room = await RoomAsync(rateText);
        var rate = FrameRate.Parse(rateText);
        using var api = fixture.TokenClient(room.Token);
        var longThreads = await ThreadsInDatabaseAsync(room.LongTake);
        var shortThreads = await ThreadsInDatabaseAsync(room.ShortTake);
        var length = rate.TimecodeBase * 130L;

        var fcpxml = EditorFiles.ReadFcpxml(await GetAsync(api, $"/api/v1/projects/{room.ProjectId}/cut.fcpxml"));
        var otio = EditorFiles.ReadOtio(await GetAsync(api, $"/api/v1/projects/{room.ProjectId}/cut.otio"), rate.FramesPerSecond);
        foreach (var read in new[] { fcpxml, otio })
        {
            Assert.Equal([(0L, length), (length, 37L)], read.Clips.Select(c => (c.RecordIn, c.RecordLength)));
            Assert.Equal(longThreads, read.Clips[0].Markers.Select(m => (m.Frame, m.Length)));
            Assert.Equal(shortThreads, read.Clips[1].Markers.Select(m => (m.Frame, m.Length)));
        }
        Assert.Equal(rate.SupportsDropFrame, fcpxml.DropFrame);

        var edl = Encoding.ASCII.GetString(await GetAsync(api, $"/api/v1/projects/{room.ProjectId}/cut.edl"));
        var locators = EditorFiles.ReadEdl(edl, rate.TimecodeBase);
        Assert.Equal(rate.SupportsDropFrame, locators.DropFrame);
        Assert.Equal(longThreads.Select(t => t.In), locators.Clips[0].Markers.Select(m => m.Frame));
        Assert.Equal(shortThreads.Select(t => t.In), locators.Clips[1].Markers.Select(m => m.Frame));
        var markers = EditorFiles.ReadEdl(Encoding.ASCII.GetString(await GetAsync(api, $"/api/v1/projects/{room.ProjectId}/cut.edl?form=markers")), rate.TimecodeBase);
        Assert.Equal(longThreads.Concat(shortThreads.Select(t => (t.In + length, t.Length))), markers.Clips.Select(c => (c.Markers[0].Frame, c.Markers[0].Length)));

        // One take's own EDL: its notes on a timeline of its own.
        var takeEdl = EditorFiles.ReadEdl(Encoding.ASCII.GetString(await GetAsync(api, $"/api/v1/takes/{room.ShortTake}/notes.edl?form=markers")), rate.TimecodeBase);
        Assert.Equal(shortThreads, takeEdl.Clips.Select(c => (c.Markers[0].Frame, c.Markers[0].Length)));
    }

    [Fact]
    public async Task EveryExport_GivesAMemberAndAToken_TheSameBytes_AndOutsidersNothing()
    {
        var room = await RoomAsync("24");
        using var api = fixture.TokenClient(room.Token);
        using var member = await fixture.App.CreateSignedInClientAsync(room.Director.Email, Scenario.Password);
        using var outsider = await fixture.CreateOutsiderClientAsync();
        using var otherProject = await fixture.ClientWithTokenAsync(ApiTokenScope.ReadIngest);
        var playlist = await fixture.App.Services.GetRequiredService<PlaylistCommands>().CreateAsync(room.Director.Principal, room.ProjectId, "Dailies", [room.ShortTake, room.LongTake]);
        string[] paths =
        [
            $"/api/v1/projects/{room.ProjectId}/cut.edl", $"/api/v1/projects/{room.ProjectId}/cut.edl?form=markers", $"/api/v1/projects/{room.ProjectId}/cut.fcpxml",
            $"/api/v1/projects/{room.ProjectId}/cut.otio", $"/api/v1/projects/{room.ProjectId}/cut.csv", $"/api/v1/projects/{room.ProjectId}/notes.csv",
            $"/api/v1/projects/{room.ProjectId}/notes.md?open=true", $"/api/v1/projects/{room.ProjectId}/shots/{room.LongShot}/notes.csv",
            $"/api/v1/projects/{room.ProjectId}/playlists/{playlist}/notes.md", $"/api/v1/takes/{room.LongTake}/notes.csv", $"/api/v1/takes/{room.LongTake}/notes.edl",
        ];
        foreach (var path in paths)
        {
            Assert.Equal(await GetAsync(api, path), await GetAsync(member, path));
            using var refused = await outsider.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            using var foreign = await otherProject.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        // The playlist's order is the report's order.
        var playlistReport = Encoding.UTF8.GetString(await GetAsync(api, $"/api/v1/projects/{room.ProjectId}/playlists/{playlist}/notes.md"));
        Assert.True(playlistReport.IndexOf("## SH030", StringComparison.Ordinal) < playlistReport.IndexOf("## SH010", StringComparison.Ordinal));
        using var download = await api.GetAsync($"/api/v1/projects/{room.ProjectId}/cut.fcpxml");
        Assert.Equal("application/xml", download.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("_cut.fcpxml", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotesCsv_FiltersByOpenRoleAndDate_AndRefusesValuesItCannotRead()
    {
        var room = await RoomAsync("25");
        using var api = fixture.TokenClient(room.Token);
        var writer = await new Scenario(fixture.App.Services).MemberAsync(room.ProjectId, room.Director, "Wes Writer", ProjectRole.Writer);
        await fixture.App.Services.GetRequiredService<NoteCommands>().AddAsync(writer.Principal, room.LongTake, FrameRange.At(3), "Line reading, =SUM(A1)", null);

        static int Rows(byte[] csv) => Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var all = await GetAsync(api, $"/api/v1/takes/{room.LongTake}/notes.csv");
        Assert.Equal(7, Rows(all));
        Assert.Contains("\"'=SUM(A1)", Encoding.UTF8.GetString(all).Replace("Line reading, ", "\"'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(5, Rows(await GetAsync(api, $"/api/v1/takes/{room.LongTake}/notes.csv?open=true")));
        Assert.Equal(1, Rows(await GetAsync(api, $"/api/v1/takes/{room.LongTake}/notes.csv?role=writer")));
        Assert.Equal(6, Rows(await GetAsync(api, $"/api/v1/takes/{room.LongTake}/notes.csv?role=Director")));
        Assert.Equal(0, Rows(await GetAsync(api, $"/api/v1/takes/{room.LongTake}/notes.csv?since=2999-01-01")));

        foreach (var (query, field) in new[] { ("open=maybe", "open"), ("role=guest", "role"), ("role=admin", "role"), ("since=yesterday", "since") })
        {
            using var refused = await api.GetAsync($"/api/v1/takes/{room.LongTake}/notes.csv?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), query);
        }
        foreach (var (path, status) in new[]
        {
            ($"/api/v1/projects/{room.ProjectId}/cut.pdfx", HttpStatusCode.NotFound),
            ($"/api/v1/projects/{room.ProjectId}/cut.fcpxml?rate=0", HttpStatusCode.BadRequest),
            ($"/api/v1/projects/{room.ProjectId}/cut.fcpxml?rate=banana", HttpStatusCode.BadRequest),
            ($"/api/v1/projects/{room.ProjectId}/cut.edl?form=<script>", HttpStatusCode.BadRequest),
            ($"/api/v1/projects/{room.ProjectId}/notes.edl", HttpStatusCode.NotFound),
            ($"/api/v1/projects/{room.ProjectId}/playlists/not-a-list/notes.csv", HttpStatusCode.NotFound),
            ($"/api/v1/projects/{room.ProjectId}/playlists/smart-needs-my-decision/notes.csv", HttpStatusCode.NotFound),
        })
        {
            using var refused = await api.GetAsync(path);
            Assert.Equal(status, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task CutAtAChosenRate_PlacesEachTakeByItsLengthInSeconds()
    {
        var room = await RoomAsync("25");
        using var api = fixture.TokenClient(room.Token);
        var fcpxml = EditorFiles.ReadFcpxml(await GetAsync(api, $"/api/v1/projects/{room.ProjectId}/cut.fcpxml?rate=50"));
        // 130 s at 25 fps is 6500 frames at 50; 37 frames (1.48 s) are 74.
        Assert.Equal([(0L, 6500L), (6500L, 74L)], fcpxml.Clips.Select(c => (c.RecordIn, c.RecordLength)));
        var list = Encoding.UTF8.GetString(await GetAsync(api, $"/api/v1/projects/{room.ProjectId}/cut.csv?rate=50"));
        Assert.Contains("SH020,Pool,,,,,,,,,,,0,No take circled,", list, StringComparison.Ordinal);
        Assert.Contains(",01:02:10:00,01:02:11:24,", list, StringComparison.Ordinal);
    }
}
