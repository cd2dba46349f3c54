using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Ingest;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Media;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Ingest;

namespace ReviewRoom.IntegrationTests.Ingest;

/// <summary>The job queue lives in the database: it outlives the process and retries what failed for passing reasons.</summary>
public sealed class IngestQueueTests
{
    private static readonly TimeSpan JobPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Job_RunningWhenTheProcessStopped_RunsAgainAfterRestart()
    {
        var folder = ReviewRoomAppFactory.NewDataFolder();
        try
        {
            IngestJob planted;
            using (var first = new ReviewRoomAppFactory(folder))
            {
                first.CreateClient().Dispose();
                planted = await NewJobAsync(first, "vp9.webm");
            }
            // A job a node had started when the power went: Running in the database, its lease run out, its file in place.
            // Planted once no node runs, as a running one would rightly take it straight away.
            planted.Start(DateTime.UtcNow.AddMinutes(-1), TimeSpan.FromSeconds(30));
            await using (var offline = TestDatabase.OpenOffline(folder))
            {
                offline.IngestJobs.Add(planted);
                await offline.SaveChangesAsync();
            }
            var jobId = planted.Id;

            using var second = new ReviewRoomAppFactory(folder);
            second.CreateClient().Dispose();
            var job = await WaitForJobAsync(second, jobId);

            Assert.Equal(IngestJobState.Succeeded, job.State);
            Assert.Equal(2, job.Attempts); // the interrupted run counts, so a file that crashes the server cannot loop forever
            await using var db = await NewContextAsync(second);
            var take = await db.Takes.SingleAsync(t => t.Id == job.TakeId);
            Assert.Equal((50L, 25), (take.DurationFrames, take.FrameRateNumerator));
        }
        finally
        {
            ReviewRoomAppFactory.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task Job_WhenTheEncoderFails_IsRetriedWithGrowingWaitsThenCanBeRetriedByHand()
    {
        var folder = ReviewRoomAppFactory.NewDataFolder();
        // An ffmpeg whose H.264 encoder crashes; everything else (the demo's posters and filmstrips) still works.
        var broken = Path.Combine(folder, "ffmpeg-broken");
        await File.WriteAllTextAsync(broken, "#!/bin/sh\ncase \"$*\" in *libx264*) echo 'simulated encoder crash' >&2; exit 1;; esac\nexec ffmpeg \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(broken, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var app = new ReviewRoomAppFactory(folder, demo: true, settings: new() { ["Media:FfmpegPath"] = broken });
        app.CreateClient().Dispose();

        var jobId = await PlantJobAsync(app, "prores.mov");
        IngestJob? job = null;
        await Eventually.UntilAsync(async () => (job = await FindJobAsync(app, jobId)).Attempts >= 2 && job.State == IngestJobState.Queued,
            "a second attempt to fail", JobPatience);

        // People see what happened; the tool's own words (and the server's paths) stay in the log.
        Assert.Contains("ffmpeg-broken stopped with an error", job!.Error);
        Assert.DoesNotContain("simulated encoder crash", job.Error);
        Assert.DoesNotContain(folder, job.Error);
        Assert.StartsWith("Retrying (attempt 3 of 4)", job.Stage);
        var wait = job.NextAttemptAt - DateTime.UtcNow;
        Assert.InRange(wait, TimeSpan.FromSeconds(2), IngestJob.BackoffAfter(2)); // 8 s after the second failure, not 2 s

        // Skip the long waits: spend the remaining attempts, as the last one would.
        await app.Services.GetRequiredService<RoomWriter>().WriteQuietlyAsync(async (context, ct) =>
        {
            var stored = await context.IngestJobs.SingleAsync(j => j.Id == jobId, ct);
            while (stored.State != IngestJobState.Failed)
            {
                if (stored.State == IngestJobState.Queued)
                    stored.Start(DateTime.UtcNow, TimeSpan.FromMinutes(1));
                stored.Fail("simulated encoder crash", permanent: false, DateTime.UtcNow);
            }
        });
        await app.Services.GetRequiredService<IngestCommands>().RetryAsync(await DirectorAsync(app), DemoProject.Id, jobId);
        job = await FindJobAsync(app, jobId);
        Assert.True(job.State is IngestJobState.Queued or IngestJobState.Running, $"a retried job is back in the queue, not {job.State}");
        Assert.True(job.Attempts <= 1);
    }

    /// <summary>A job for <paramref name="sample"/>, its file in the app's media store, not yet in the queue.</summary>
    private static async Task<IngestJob> NewJobAsync(ReviewRoomAppFactory app, string sample)
    {
        var store = app.Services.GetRequiredService<IMediaStore>();
        var relative = $"ingest/{Guid.NewGuid():N}/original{Path.GetExtension(sample)}";
        await store.ImportAsync(IngestSamples.PathOf(sample), relative, CancellationToken.None);
        await using var read = await NewContextAsync(app);
        var shot = await read.Shots.FirstAsync(s => s.ProjectId == DemoProject.Id);
        return new IngestJob(DemoProject.Id, shot.Id, relative, sample, new FileInfo(store.Resolve(relative)!).Length, GenerationInfo.Unknown, null, "test", DateTime.UtcNow);
    }

    /// <summary>Queues a job for <paramref name="sample"/> and wakes the app's worker.</summary>
    internal static async Task<Guid> PlantJobAsync(ReviewRoomAppFactory app, string sample)
    {
        var job = await NewJobAsync(app, sample);
        await app.Services.GetRequiredService<RoomWriter>().WriteQuietlyAsync((db, _) =>
        {
            db.IngestJobs.Add(job);
            return Task.CompletedTask;
        });
        app.Services.GetRequiredService<IngestSignal>().Wake();
        return job.Id;
    }

    /// <summary>The demo director, as commands see a signed-in caller.</summary>
    private static async Task<Actor> DirectorAsync(ReviewRoomAppFactory app)
    {
        await using var db = await NewContextAsync(app);
        var id = await db.ProjectMembers.Where(m => m.ProjectId == DemoProject.Id && m.Role == ProjectRole.Director).Select(m => m.UserId).FirstAsync();
        return new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, id.ToString())], "test")).ToActor();
    }

    private static async Task<IngestJob> WaitForJobAsync(ReviewRoomAppFactory app, Guid jobId)
    {
        IngestJob? job = null;
        await Eventually.UntilAsync(async () => (job = await FindJobAsync(app, jobId)).IsFinished, $"job {jobId} to finish", JobPatience);
        return job!;
    }

    private static async Task<IngestJob> FindJobAsync(ReviewRoomAppFactory app, Guid jobId)
    {
        await using var db = await NewContextAsync(app);
        return await db.IngestJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
    }

    private static Task<ReviewRoomDbContext> NewContextAsync(ReviewRoomAppFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
}
