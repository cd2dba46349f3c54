using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.TestHost.Handoff;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.IntegrationTests.Handoff;

/// <summary>
/// The assembly as one movie, asked for through the API as a pipeline would and checked as an editor would: ffprobe counts
/// its frames against the cut's EDL, and the frame-index clips' pixels show that no frame is lost or doubled at a cut.
/// </summary>
public sealed class AssemblyMovieTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reviewroom-assembly-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed record Room(Guid ProjectId, Actor Director, string Token);

    /// <summary>
    /// Four shots circled in order: 48 frames at 24, the same frames made at 29.97 and at 25 (so the movie changes their
    /// rate), and a demo take at 23.976 with sound. The index clips have no sound, so the movie must fill it with silence.
    /// </summary>
    private async Task<Room> RoomAsync()
    {
        var services = fixture.App.Services;
        var index = await FrameIndexTakes.CreateAsync(services, _folder, 48);
        var director = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, index.DirectorId.ToString())], "test")).ToActor();
        var projects = services.GetRequiredService<ProjectCommands>();
        var decisions = services.GetRequiredService<DecisionCommands>();
        await using var db = await services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var indexShot = await db.Takes.Where(t => t.Id == index.TakeByRate["24"]).Select(t => t.ShotId).SingleAsync();
        await decisions.CircleAsync(director, indexShot, index.TakeByRate["24"], confirmedNotApproved: true, reason: null);

        async Task ShotOfAsync(string code, Take source)
        {
            var shot = await projects.AddShotAsync(index.ProjectId, index.DirectorId, code, "", "");
            var take = await projects.AddTakeAsync(index.ProjectId, shot, index.DirectorId,
                new TakeMedia(source.MediaPath, source.PosterPath, source.FrameRate, source.DurationFrames, source.Width, source.Height, source.HasAudio),
                new GenerationInfo { Model = "test", Prompt = "a cut" }, DateTime.UtcNow);
            await decisions.CircleAsync(director, shot, take.Id, confirmedNotApproved: true, reason: null);
        }
        await ShotOfAsync("SH2", await db.Takes.AsNoTracking().SingleAsync(t => t.Id == index.TakeByRate["30000/1001"]));
        await ShotOfAsync("SH3", await db.Takes.AsNoTracking().SingleAsync(t => t.Id == index.TakeByRate["25"]));
        var demo = await db.Takes.AsNoTracking().Where(t => t.MediaPath == DemoProject.MediaPathOf("sh010_v001")).OrderBy(t => t.CreatedAt).FirstAsync();
        Assert.True(demo.HasAudio, "the demo take brings sound");
        await ShotOfAsync("SH4", demo);

        var (_, token) = await services.GetRequiredService<ApiTokenCommands>().CreateAsync(director, index.ProjectId, "editor", ApiTokenScope.Read);
        return new Room(index.ProjectId, director, token);
    }

    /// <summary>Asks for the movie until it is ready, as a pipeline would: 202s with progress, then the file.</summary>
    private static async Task<(byte[] Movie, string? FileName, List<JsonElement> Progress)> DownloadAsync(HttpClient api, string path)
    {
        var progress = new List<JsonElement>();
        byte[]? movie = null;
        string? name = null;
        await Eventually.UntilAsync(async () =>
        {
            using var response = await api.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
                progress.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
                return false;
            }
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
            name = response.Content.Headers.ContentDisposition?.FileName;
            movie = await response.Content.ReadAsByteArrayAsync();
            return true;
        }, "the assembly movie", TimeSpan.FromMinutes(3));
        return (movie!, name, progress);
    }

    private string Save(byte[] movie, string name)
    {
        var file = Path.Combine(_folder, name);
        File.WriteAllBytes(file, movie);
        return file;
    }

    private static string Probe(string file, string entries, string stream) =>
        Tools.Run("ffprobe", "-v", "error", "-select_streams", stream, "-count_frames", "-show_entries", entries, "-of", "default=nw=1:nk=1", file).Trim();

    [Fact]
    public async Task TheMovie_HoldsEveryFrameOfTheCut_InShotOrder_WithSoundThroughout_AndIsMadeOnce()
    {
        var room = await RoomAsync();
        using var api = fixture.TokenClient(room.Token);
        var path = $"/api/v1/projects/{room.ProjectId}/assembly.mp4?rate=24";

        var (movie, fileName, progress) = await DownloadAsync(api, path);
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.True(p.GetProperty("state").GetString() is "Queued" or "Running", p.ToString()));
        Assert.Equal("24", progress[0].GetProperty("rate").GetString());
        Assert.Equal(4, progress[0].GetProperty("shotCount").GetInt32());
        Assert.StartsWith("Frame_index_assembly_24", fileName?.Trim('"'), StringComparison.Ordinal);
        var file = Save(movie, "assembly-24.mp4");

        // The cut's EDL at the same rate says where each shot sits; the movie holds exactly those frames.
        var edl = EditorFiles.ReadEdl(Encoding.ASCII.GetString(await api.GetByteArrayAsync($"/api/v1/projects/{room.ProjectId}/cut.edl?rate=24")), 24);
        var lengths = edl.Clips.Select(c => c.RecordLength).ToList();
        Assert.Equal([48L, 38L, 47L, 120L], lengths); // places 0, 48, 86.44 and 132.52 rounded
        Assert.Equal(lengths.Sum().ToString(CultureInfo.InvariantCulture), Probe(file, "stream=nb_read_frames", "v:0"));
        Assert.Equal("24/1", Probe(file, "stream=r_frame_rate", "v:0"));
        Assert.Equal("256\n64", Probe(file, "stream=width,height", "v:0"));
        Assert.Equal("01:00:00:00", Tools.Run("ffprobe", "-v", "error", "-show_entries", "stream_tags=timecode", "-of", "default=nw=1:nk=1", file).Trim().Split('\n')[0]);
        // Sound runs the whole movie (silence under the index clips, the demo's own sound under its shot), to within one AAC packet.
        var pictureSeconds = lengths.Sum() / 24.0;
        var soundSeconds = double.Parse(Probe(file, "stream=duration", "a:0"), CultureInfo.InvariantCulture);
        Assert.InRange(soundSeconds, pictureSeconds - 0.025, pictureSeconds + 0.025);
        Assert.Equal("48000", Probe(file, "stream=sample_rate", "a:0"));

        // Each frame's stripes spell the source frame shown: the 24 fps shot frame for frame, the others stepped evenly.
        var shown = FramesShown(file);
        Assert.Equal(Enumerable.Range(0, 48).Select(i => (long)i), shown[..48]);
        foreach (var (start, length) in new[] { (48, 38), (86, 47) })
        {
            var shot = shown.Skip(start).Take(length).ToList();
            Assert.Equal(0, shot[0]);
            Assert.True(shot[^1] >= 45, $"the shot at {start} ends on source frame {shot[^1]}");
            // Forward one or two source frames each time; only the source's last frame may be held, where rounding gives its shot a frame more.
            Assert.All(shot.Zip(shot.Skip(1)), pair => Assert.True(pair.Second - pair.First is 1 or 2 || pair is (47, 47), $"{pair} at shot {start}"));
        }

        // Asking again gives the same movie, not another render.
        var (again, _, againProgress) = await DownloadAsync(api, path);
        Assert.Empty(againProgress);
        Assert.Equal(movie, again);
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{room.ProjectId}/assembly-renders");
        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal("Ready", only.GetProperty("state").GetString());
        Assert.Equal("editor (API token)", only.GetProperty("requestedBy").GetString());
        Assert.Equal(movie.LongLength, only.GetProperty("sizeBytes").GetInt64());
        var download = only.GetProperty("downloadUrl").GetString();
        Assert.Equal($"/api/v1/projects/{room.ProjectId}/assembly-renders/{only.GetProperty("id").GetGuid()}/assembly.mp4", download);
        Assert.Equal(movie, await api.GetByteArrayAsync(download));

        // Once another take is circled the rate's address makes a new movie; the first stays downloadable as it was.
        var decisions = fixture.App.Services.GetRequiredService<DecisionCommands>();
        await using (var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync())
        {
            var lastShot = await db.Shots.Where(s => s.ProjectId == room.ProjectId && s.Code == "SH4").Select(s => s.Id).SingleAsync();
            await decisions.CircleAsync(room.Director, lastShot, null, confirmedNotApproved: true, reason: null);
        }
        using (var changed = await api.GetAsync(path))
            Assert.Equal(HttpStatusCode.Accepted, changed.StatusCode);
        Assert.Equal(movie, await api.GetByteArrayAsync(download));
        var (shorter, _, _) = await DownloadAsync(api, path);
        Assert.Equal("133", Probe(Save(shorter, "assembly-24-shorter.mp4"), "stream=nb_read_frames", "v:0"));
    }

    [Fact]
    public async Task AtDropFrame_TheMovieStartsAt01_00_00_00_WithASemicolon_AndMatchesTheCutAtThatRate()
    {
        var room = await RoomAsync();
        using var api = fixture.TokenClient(room.Token);
        var (movie, _, _) = await DownloadAsync(api, $"/api/v1/projects/{room.ProjectId}/assembly.mp4?rate=29.97");
        var file = Save(movie, "assembly-2997.mp4");
        var cut = EditorFiles.ReadFcpxml(await api.GetByteArrayAsync($"/api/v1/projects/{room.ProjectId}/cut.fcpxml?rate=29.97"));
        Assert.True(cut.DropFrame);
        Assert.Equal(cut.Clips.Sum(c => c.RecordLength).ToString(CultureInfo.InvariantCulture), Probe(file, "stream=nb_read_frames", "v:0"));
        Assert.Equal("30000/1001", Probe(file, "stream=r_frame_rate", "v:0"));
        Assert.Equal("01:00:00;00", Tools.Run("ffprobe", "-v", "error", "-show_entries", "stream_tags=timecode", "-of", "default=nw=1:nk=1", file).Trim().Split('\n')[0]);
        // At 29.97 the 29.97 shot is frame for frame too.
        var shown = FramesShown(file);
        var second = (int)cut.Clips[0].RecordLength;
        Assert.Equal(Enumerable.Range(0, 48).Select(i => (long)i), shown.Skip(second).Take(48));
    }

    [Fact]
    public async Task BadRates_EmptyCuts_Outsiders_AndFailures_GetClearAnswers()
    {
        var room = await RoomAsync();
        using var api = fixture.TokenClient(room.Token);
        using (var bad = await api.GetAsync($"/api/v1/projects/{room.ProjectId}/assembly.mp4?rate=abc"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("rate", await bad.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        using (var tooFast = await api.GetAsync($"/api/v1/projects/{room.ProjectId}/assembly.mp4?rate=1000"))
            Assert.Equal(HttpStatusCode.BadRequest, tooFast.StatusCode);

        // A token of another project, and a person outside it, learn nothing.
        using var outsider = await fixture.CreateOutsiderClientAsync();
        using (var hidden = await outsider.GetAsync($"/api/v1/projects/{room.ProjectId}/assembly.mp4"))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using var demoToken = await fixture.ClientWithTokenAsync(ApiTokenScope.ReadIngest);
        using (var other = await demoToken.GetAsync($"/api/v1/projects/{room.ProjectId}/assembly-renders"))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        // A project with nothing circled has no movie to make, and says how to get one.
        var scenario = new Scenario(fixture.App.Services);
        var (emptyProject, shotId, director) = await scenario.ProjectAsync();
        var tokens = fixture.App.Services.GetRequiredService<ApiTokenCommands>();
        using var emptyApi = fixture.TokenClient((await tokens.CreateAsync(director.Principal, emptyProject, "editor", ApiTokenScope.Read)).Secret);
        using (var nothing = await emptyApi.GetAsync($"/api/v1/projects/{emptyProject}/assembly.mp4"))
        {
            Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
            Assert.Contains("Nothing is circled yet", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A movie whose take's file has gone fails with the reason, is not started again by the next poll, and starts
        // afresh only when asked to.
        var lost = await fixture.App.Services.GetRequiredService<ProjectCommands>().AddTakeAsync(emptyProject, shotId, director.UserId,
            new TakeMedia("gone/missing.mp4", null, FrameRate.Fps24, 48, 256, 64, false), new GenerationInfo { Model = "test", Prompt = "a cut" }, DateTime.UtcNow);
        await fixture.App.Services.GetRequiredService<DecisionCommands>().CircleAsync(director.Principal, shotId, lost.Id, confirmedNotApproved: true, reason: null);
        var moviePath = $"/api/v1/projects/{emptyProject}/assembly.mp4";
        string failure = "";
        await Eventually.UntilAsync(async () =>
        {
            using var response = await emptyApi.GetAsync(moviePath);
            failure = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.InternalServerError;
        }, "the failed movie", TimeSpan.FromMinutes(1));
        Assert.Contains("SH010 v001 is no longer in the media store", failure, StringComparison.Ordinal);
        Assert.Contains("retry=true", failure, StringComparison.Ordinal);
        using (var stillFailed = await emptyApi.GetAsync(moviePath))
            Assert.Equal(HttpStatusCode.InternalServerError, stillFailed.StatusCode);
        Assert.Single((await emptyApi.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{emptyProject}/assembly-renders")).EnumerateArray());
        using (var retried = await emptyApi.GetAsync(moviePath + "?retry=true"))
            Assert.True(retried.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.InternalServerError, $"{(int)retried.StatusCode}");
        var renders = (await emptyApi.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{emptyProject}/assembly-renders")).EnumerateArray().ToList();
        Assert.Equal(2, renders.Count);
    }

    /// <summary>The source frame each frame of the movie shows, read from the eight stripes of the frame-index clips.</summary>
    private static List<long> FramesShown(string file)
    {
        var stripes = Tools.RunForBytes("ffmpeg", "-v", "error", "-i", file, "-vf", "scale=8:1:flags=area,format=gray", "-f", "rawvideo", "-");
        var frames = new List<long>();
        for (var offset = 0; offset + 8 <= stripes.Length; offset += 8)
        {
            long frame = 0;
            for (var bit = 0; bit < 8; bit++)
                if (stripes[offset + bit] > 128)
                    frame |= 1L << bit;
            frames.Add(frame);
        }
        return frames;
    }
}
