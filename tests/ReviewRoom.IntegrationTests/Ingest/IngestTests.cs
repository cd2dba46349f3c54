using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Ingest;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.IntegrationTests.Rooms;
using ReviewRoom.TestHost;
using Microsoft.AspNetCore.SignalR.Client;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Ingest;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.IntegrationTests.Ingest;

/// <summary>Files reach the review room through the resumable upload endpoint, on a real port, and come out as takes.</summary>
public sealed class IngestTests(LiveAppFixture fixture) : IClassFixture<LiveAppFixture>
{
    private const int Director = 0, Viewer = 4;
    private static readonly TimeSpan JobPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Upload_DroppedConnectionThenResumed_BecomesATakeWithItsGenerationMetadata()
    {
        await using var director = await fixture.SignInAsync(Director);
        var tus = new TusClient(director.Http);
        var (shotId, parentId) = await ShotAndFirstTakeAsync("SH010");
        var bytes = await File.ReadAllBytesAsync(IngestSamples.PathOf("prores.mov"));
        var generation = JsonSerializer.Serialize(new
        {
            model = "veo-3",
            prompt = "Lantern glow, slow push in",
            negativePrompt = "flicker",
            seed = 77,
            parameters = new { steps = 40 },
            parentTakeId = parentId,
            relation = "variation",
            credits = 3.5m,
        });
        var upload = await tus.CreateOrThrowAsync(bytes.Length, Metadata("prores.mov", shotId, generation));

        // Send 40% and drop the connection mid-body, as a train going into a tunnel would.
        var kept = await SendAndDropAsync(upload, director.CookieHeader, bytes, bytes.Length * 2 / 5, tus);
        Assert.InRange(kept, 1, bytes.Length * 2 / 5);

        // Then go on as any tus client does: ask where the server is, send the rest from there.
        var jobId = await ResumeAsync(tus, upload, bytes);
        var job = await WaitForJobAsync(jobId);

        Assert.Equal(IngestJobState.Succeeded, job.State);
        await using var db = await NewContextAsync();
        var take = await db.Takes.SingleAsync(t => t.Id == job.TakeId);
        Assert.Equal(shotId, take.ShotId);
        Assert.Equal((48L, 24, 1), (take.DurationFrames, take.FrameRateNumerator, take.FrameRateDenominator));
        Assert.Equal("prores.mov", take.Original!.FileName);
        Assert.Equal(bytes.Length, take.Original.SizeBytes);
        Assert.Equal("prores", take.Original.VideoCodec);
        Assert.NotEqual(take.Original.Path, take.MediaPath); // ProRes gets a proxy
        Assert.NotNull(take.Filmstrip);
        Assert.NotNull(take.WaveformPath);
        Assert.Equal(("veo-3", 77L, TakeRelation.Variation, parentId, 3.5m),
            (take.Generation.Model, take.Generation.Seed!.Value, take.Generation.Relation, take.Generation.ParentTakeId!.Value, take.Generation.CreditsSpent));
        Assert.Contains(await db.RoomEvents.Where(e => e.ProjectId == DemoProject.Id).Select(e => e.Type).ToListAsync(), t => t == RoomEventTypes.TakeIngested);
        using var video = await director.Http.GetAsync($"/media/takes/{take.Id}/video");
        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Upload_TextFileNamedMp4_FailsWithTheReasonAndAnEvent()
    {
        await using var director = await fixture.SignInAsync(Director);
        var (shotId, _) = await ShotAndFirstTakeAsync("SH020");

        var jobId = await new TusClient(director.Http).UploadAsync(IngestSamples.PathOf("notes.mp4"), Metadata("notes.mp4", shotId));
        var job = await WaitForJobAsync(jobId);

        Assert.Equal(IngestJobState.Failed, job.State);
        Assert.Contains("text file", job.Error);
        Assert.Equal(1, job.Attempts); // refused at once, never retried
        await using var db = await NewContextAsync();
        var failed = await db.RoomEvents.Where(e => e.Type == RoomEventTypes.IngestFailed).Select(e => e.PayloadJson).ToListAsync();
        Assert.Contains(failed, payload => payload.Contains(jobId.ToString()) && payload.Contains("text file"));
    }

    [Fact]
    public async Task Processing_IsReportedLiveToEveryoneInTheRoom_ThenTheTakeArrivesAsARoomEvent()
    {
        await using var director = await fixture.SignInAsync(Director);
        await using var viewer = await fixture.SignInAsync(Viewer);
        await using var connection = viewer.CreateHubConnection();
        var progress = new System.Collections.Concurrent.ConcurrentQueue<IngestProgressMessage>();
        var events = new System.Collections.Concurrent.ConcurrentQueue<RoomEventMessage>();
        connection.On<IngestProgressMessage>(nameof(IReviewClient.IngestProgress), progress.Enqueue);
        connection.On<RoomEventMessage>(nameof(IReviewClient.RoomEvent), events.Enqueue);
        await connection.StartAsync();
        await connection.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, long.MaxValue);
        var (shotId, _) = await ShotAndFirstTakeAsync("SH040");

        var jobId = await new TusClient(director.Http).UploadAsync(IngestSamples.PathOf("prores.mov"), Metadata("prores.mov", shotId));

        await Eventually.UntilAsync(() => events.Any(e => e.Type == RoomEventTypes.TakeIngested && e.Payload.GetProperty("jobId").GetGuid() == jobId),
            "the take.ingested room event", JobPatience);
        // The last progress message is ephemeral and may arrive just after the room event (they travel apart).
        await Eventually.UntilAsync(() => progress.Any(p => p.JobId == jobId && p.State == IngestJobState.Succeeded), "the job's final progress", JobPatience);
        var mine = progress.Where(p => p.JobId == jobId).ToList();
        Assert.Contains(mine, p => p.State == IngestJobState.Running && p.Stage == "Making the web proxy" && p.Progress is > 0 and < 1);
        Assert.Equal(IngestJobState.Succeeded, mine[^1].State);
        Assert.Contains(events, e => e.Type == RoomEventTypes.IngestQueued);
    }

    [Fact]
    public async Task Create_ByAViewer_IsForbidden()
    {
        await using var viewer = await fixture.SignInAsync(Viewer);
        var (shotId, _) = await ShotAndFirstTakeAsync("SH010");

        using var response = await new TusClient(viewer.Http).CreateAsync(1000, Metadata("clip.mp4", shotId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_WithBadMetadata_ListsEachFieldToFix()
    {
        await using var director = await fixture.SignInAsync(Director);

        using var response = await new TusClient(director.Http).CreateAsync(1000, new Dictionary<string, string>
        {
            ["filename"] = "clip.mp4",
            ["projectId"] = DemoProject.Id.ToString(),
            ["generation"] = """{"model":"veo-3","relation":"sideways","credits":-2}""",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("shotId", out _));
        Assert.Contains("sideways", errors.GetProperty("generation.relation")[0].GetString());
        Assert.True(errors.TryGetProperty("generation.credits", out _));
    }

    [Fact]
    public async Task Create_LargerThanTheLimit_IsRefusedBeforeAnyByteIsSent()
    {
        await using var director = await fixture.SignInAsync(Director);
        var (shotId, _) = await ShotAndFirstTakeAsync("SH010");

        using var response = await new TusClient(director.Http).CreateAsync(64L << 30, Metadata("huge.mov", shotId));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("accepts files up to 20 GB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Patch_AtTheWrongOffset_IsRefusedWithTheRightOne()
    {
        await using var director = await fixture.SignInAsync(Director);
        var tus = new TusClient(director.Http);
        var (shotId, _) = await ShotAndFirstTakeAsync("SH030");
        var upload = await tus.CreateOrThrowAsync(100, Metadata("clip.mp4", shotId));

        using var response = await tus.PatchAsync(upload, 10, new byte[5]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("Upload-Offset").Single());
    }

    [Fact]
    public async Task Upload_StartedBySomeoneElse_IsInvisibleToOthers()
    {
        await using var director = await fixture.SignInAsync(Director);
        await using var producer = await fixture.SignInAsync(3);
        var (shotId, _) = await ShotAndFirstTakeAsync("SH030");
        var upload = await new TusClient(director.Http).CreateOrThrowAsync(100, Metadata("clip.mp4", shotId));

        Assert.Null(await new TusClient(producer.Http).OffsetAsync(upload));
    }

    [Fact]
    public async Task FourConcurrentFullPatches_MakeOneJobAndOneTake()
    {
        await using var director = await fixture.SignInAsync(Director);
        var tus = new TusClient(director.Http);
        var (shotId, _) = await ShotAndFirstTakeAsync("SH020");
        var bytes = await File.ReadAllBytesAsync(IngestSamples.PathOf("h264.mp4"));
        var upload = await tus.CreateOrThrowAsync(bytes.Length, Metadata("race.mp4", shotId));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tus.PatchAsync(upload, 0, bytes)));

        var jobIds = responses.Where(r => r.Headers.Contains(TusEndpoints.JobHeader)).Select(TusClient.JobOf).Distinct().ToList();
        Assert.Single(jobIds);
        Assert.All(responses.Where(r => !r.Headers.Contains(TusEndpoints.JobHeader)), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await WaitForJobAsync(jobIds[0]);
        await using var db = await NewContextAsync();
        Assert.Equal(1, await db.IngestJobs.CountAsync(j => j.OriginalFileName == "race.mp4"));
        Assert.Equal(1, await db.Takes.CountAsync(t => t.Original!.FileName == "race.mp4"));
    }

    [Fact]
    public async Task PatchPastTheAnnouncedLength_IsRefusedAndTheUploadGoesOnFromWhereItWas()
    {
        await using var director = await fixture.SignInAsync(Director);
        var tus = new TusClient(director.Http);
        var (shotId, _) = await ShotAndFirstTakeAsync("SH020");
        var bytes = await File.ReadAllBytesAsync(IngestSamples.PathOf("h264.mp4"));
        var upload = await tus.CreateOrThrowAsync(bytes.Length, Metadata("too-long.mp4", shotId));
        using (var first = await tus.PatchAsync(upload, 0, bytes.AsMemory(0, 1000)))
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);

        using var tooLong = await tus.PatchAsync(upload, 1000, bytes.Concat(new byte[5000]).ToArray().AsMemory(1000));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(1000, await tus.OffsetAsync(upload));

        using var rest = await tus.PatchAsync(upload, 1000, bytes.AsMemory(1000));
        var job = await WaitForJobAsync(TusClient.JobOf(rest));
        Assert.Equal(IngestJobState.Succeeded, job.State);
    }

    [Fact]
    public async Task HandOverCutShortByACrash_IsFinishedOnce_NotRepeated()
    {
        await using var director = await fixture.SignInAsync(Director);
        var tus = new TusClient(director.Http);
        var (shotId, _) = await ShotAndFirstTakeAsync("SH020");
        var bytes = await File.ReadAllBytesAsync(IngestSamples.PathOf("h264.mp4"));
        var upload = await tus.CreateOrThrowAsync(bytes.Length, Metadata("crash.mp4", shotId));
        var id = upload.OriginalString.Split('/')[^1];
        var store = fixture.App.Services.GetRequiredService<UploadStore>();
        // The state a crash leaves between moving the file to ingest and writing the job: bytes gone from uploads, no job.
        await File.WriteAllBytesAsync(store.DataPath(id), bytes);
        var original = Path.Combine(fixture.App.MediaFolder, IngestCommands.OriginalPathFor(Guid.ParseExact(id, "N")));
        Directory.CreateDirectory(Path.GetDirectoryName(original)!);
        File.Move(store.DataPath(id), original);

        var offset = await tus.OffsetAsync(upload);
        using var again = await tus.PatchAsync(upload, 0, bytes);

        Assert.Equal(bytes.Length, offset);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var job = await WaitForJobAsync(Guid.ParseExact(id, "N"));
        Assert.Equal(IngestJobState.Succeeded, job.State);
        await using var db = await NewContextAsync();
        Assert.Equal(1, await db.IngestJobs.CountAsync(j => j.OriginalFileName == "crash.mp4"));
    }

    private static Dictionary<string, string> Metadata(string fileName, Guid shotId, string? generation = null)
    {
        var metadata = new Dictionary<string, string> { ["filename"] = fileName, ["projectId"] = DemoProject.Id.ToString(), ["shotId"] = shotId.ToString() };
        if (generation is not null)
            metadata["generation"] = generation;
        return metadata;
    }

    /// <summary>
    /// Starts a PATCH for the whole file, sends <paramref name="count"/> bytes, waits until the server has
    /// stored some of them, then cuts the connection. Returns the offset the server reports afterwards.
    /// </summary>
    private async Task<long> SendAndDropAsync(Uri upload, string cookieHeader, byte[] bytes, int count, TusClient tus)
    {
        var address = new Uri(fixture.BaseAddress, upload);
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(address.Host, address.Port);
            var stream = socket.GetStream();
            var head = $"PATCH {address.PathAndQuery} HTTP/1.1\r\nHost: {address.Authority}\r\nCookie: {cookieHeader}\r\nTus-Resumable: 1.0.0\r\n"
                + $"Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: {bytes.Length}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(bytes.AsMemory(0, count));
            await stream.FlushAsync();
            await Eventually.UntilAsync(async () => await tus.OffsetAsync(upload) > 0, "the first bytes to reach the server's disk");
            socket.Client.LingerState = new LingerOption(true, 0); // close with a reset, as a lost network does
        }
        return (await tus.OffsetAsync(upload))!.Value;
    }

    /// <summary>HEAD for the offset, PATCH the rest from there; a 409 means the server moved on meanwhile, so ask again.</summary>
    private static async Task<Guid> ResumeAsync(TusClient tus, Uri upload, byte[] bytes)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var offset = (int)(await tus.OffsetAsync(upload))!.Value;
            using var response = await tus.PatchAsync(upload, offset, bytes.AsMemory(offset));
            if (response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.Locked))
                return TusClient.JobOf(response);
        }
        throw new InvalidOperationException("The upload never resumed.");
    }

    private async Task<(Guid ShotId, Guid FirstTakeId)> ShotAndFirstTakeAsync(string code)
    {
        await using var db = await NewContextAsync();
        var shot = await db.Shots.Include(s => s.Takes).SingleAsync(s => s.ProjectId == DemoProject.Id && s.Code == code);
        return (shot.Id, shot.Takes.OrderBy(t => t.Version).First().Id);
    }

    private async Task<IngestJob> WaitForJobAsync(Guid jobId)
    {
        IngestJob? job = null;
        await Eventually.UntilAsync(async () =>
        {
            await using var db = await NewContextAsync();
            job = await db.IngestJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            return job.IsFinished;
        }, $"ingest job {jobId} to finish", JobPatience);
        return job!;
    }

    private Task<ReviewRoomDbContext> NewContextAsync() =>
        fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
}
