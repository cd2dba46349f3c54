using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Media;
using ReviewRoom.Web.Hosting;

namespace ReviewRoom.Web.Features.Handoff;

/// <summary>
/// Makes the assembly movies people ask for, one at a time (each keeps ffmpeg busy on every core). The queue is the database:
/// a movie being made when the process stopped is started again at the next start.
/// </summary>
internal sealed class AssemblyRenderWorker(
    IDbContextFactory<ReviewRoomDbContext> contextFactory,
    RoomWriter writer,
    AssemblyEncoder encoder,
    IMediaStore store,
    AssemblyRenderSignal signal,
    AssemblyRenderFeed feed,
    AssemblyRenderCommands renders,
    Microsoft.Extensions.Options.IOptions<Ingest.IngestOptions> jobs,
    TimeProvider clock,
    ILogger<AssemblyRenderWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RequeueAbandonedAsync(stoppingToken);
                    while (await ClaimNextAsync(stoppingToken) is { } render)
                        await RunAsync(render, stoppingToken);
                    await signal.WaitAsync(IdlePoll, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "The assembly render queue could not be read; trying again shortly");
                    await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: once its lease runs out, this node after a restart or another node starts the render again.
        }
    }

    /// <summary>Renders whose node stopped renewing their lease (it crashed or restarted) wait again for any node.</summary>
    private async Task RequeueAbandonedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteQuietlyAsync(async (db, ct) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var render in await db.AssemblyRenders.Where(r => r.State == AssemblyRenderState.Running && (r.LeaseExpiresAt == null || r.LeaseExpiresAt < now)).ToListAsync(ct))
                    render.Requeue(now);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node requeued them first.
        }
    }

    /// <summary>The oldest waiting render, taken for this node; one another node takes at the same moment is left to it.</summary>
    private async Task<AssemblyRender?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        AssemblyRender? claimed = null;
        try
        {
            await writer.WriteQuietlyAsync(async (db, ct) =>
            {
                claimed = await db.AssemblyRenders.Where(r => r.State == AssemblyRenderState.Queued).OrderBy(r => r.CreatedAt).FirstOrDefaultAsync(ct);
                claimed?.Start(clock.GetUtcNow().UtcDateTime, jobs.Value.JobLease);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Taken by another node: this node looks again at its next wake.
            signal.Wake();
            return null;
        }
        return claimed;
    }

    private async Task RunAsync(AssemblyRender render, CancellationToken stoppingToken)
    {
        var work = store.Resolve($"{MediaPaths.RenderFolder(render.ProjectId, render.Id)}/work")!;
        var output = MediaPaths.RenderMovie(render.ProjectId, render.Id);
        var requester = (await renders.ViewAsync(render, stoppingToken)).RequestedBy;
        // Progress goes out in the order it was made, each a snapshot, so a late one never overwrites "ready".
        var publishing = Task.CompletedTask;
        void Publish()
        {
            var view = AssemblyRenderView.From(render, requester);
            publishing = publishing.ContinueWith(_ => feed.Changed.PublishAsync(view), TaskScheduler.Default).Unwrap();
        }
        await using var heartbeat = LeaseHeartbeat.Start(jobs.Value.JobLease, until => writer.WriteQuietlyAsync(async (db, ct) =>
        {
            if (await db.AssemblyRenders.FindAsync([render.Id], ct) is { } stored && stored.Attempts == render.Attempts)
                stored.RenewLease(until);
        }), clock, logger);
        try
        {
            Publish();
            var plan = render.Plan;
            var files = await TakeFilesAsync(plan, stoppingToken);
            var lastStage = render.Stage;
            var lastPercent = -1;
            await encoder.EncodeAsync(plan, files, work, store.Resolve(output)!, progress =>
            {
                render.ReportProgress(progress.Stage, progress.Fraction);
                var percent = (int)(progress.Fraction * 100);
                if (percent == lastPercent && progress.Stage == lastStage)
                    return;
                lastPercent = percent;
                Publish();
                if (progress.Stage != lastStage)
                {
                    lastStage = progress.Stage;
                    _ = SaveProgressAsync(render.Id, progress);
                }
            }, stoppingToken);
            var size = new FileInfo(store.Resolve(output)!).Length;
            await SaveAsync(render, r => r.Succeed(output, size, clock.GetUtcNow().UtcDateTime));
            logger.LogInformation("Assembly {Render} of project {Project} made: {Frames} frames at {Rate}, {Bytes} bytes",
                render.Id, render.ProjectId, render.DurationFrames, render.Rate, size);
            await RemoveOldAsync(render.ProjectId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is DomainException or MediaRefusedException)
        {
            await SaveAsync(render, r => r.Fail(ex.Message, clock.GetUtcNow().UtcDateTime));
        }
        catch (MediaToolException ex)
        {
            logger.LogWarning(ex, "Assembly {Render} failed: {ToolOutput}", render.Id, ex.Detail);
            await SaveAsync(render, r => r.Fail($"ffmpeg could not make the movie: {ex.Message}", clock.GetUtcNow().UtcDateTime));
        }
        catch (Exception ex)
        {
            // Disk and database failures carry paths and internals: people get the fact, the log the rest.
            logger.LogWarning(ex, "Assembly {Render} failed", render.Id);
            await SaveAsync(render, r => r.Fail("Making the movie failed on the server; its log has the details.", clock.GetUtcNow().UtcDateTime));
        }
        finally
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
        Publish();
        await publishing;
    }

    /// <summary>The playable file of each take, as the room plays it. A take removed since keeps its file for 30 days.</summary>
    private async Task<IReadOnlyList<string>> TakeFilesAsync(AssemblyPlan plan, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var ids = plan.Segments.Select(s => s.TakeId).ToList();
        var paths = await db.Takes.IgnoreQueryFilters().AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.MediaPath, ct);
        return plan.Segments.Select(segment =>
            paths.TryGetValue(segment.TakeId, out var path) && store.Resolve(path) is { } file && File.Exists(file)
                ? file
                : throw new DomainException($"The file of {segment.Name} is no longer in the media store; circle another take or ask again.")).ToList();
    }

    private async Task SaveAsync(AssemblyRender render, Action<AssemblyRender> change)
    {
        change(render);
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            if (await db.AssemblyRenders.FindAsync([render.Id], ct) is { } stored)
                change(stored);
        });
    }

    /// <summary>Keeps the stage in the row for pages opened mid-render; a lost update here only costs a stale label.</summary>
    private async Task SaveProgressAsync(Guid renderId, PipelineProgress progress)
    {
        try
        {
            await writer.WriteQuietlyAsync(async (db, ct) =>
            {
                if (await db.AssemblyRenders.FindAsync([renderId], ct) is { State: AssemblyRenderState.Running } stored)
                    stored.ReportProgress(progress.Stage, progress.Fraction);
            });
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Could not record the stage of assembly {Render}", renderId);
        }
    }

    /// <summary>A project keeps its newest finished movies; older ones go, files and all.</summary>
    private async Task RemoveOldAsync(Guid projectId)
    {
        List<AssemblyRender> old = [];
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            old = await db.AssemblyRenders.Where(r => r.ProjectId == projectId && (r.State == AssemblyRenderState.Ready || r.State == AssemblyRenderState.Failed))
                .OrderByDescending(r => r.CreatedAt).Skip(AssemblyRenderCommands.KeptPerProject).ToListAsync(ct);
            db.AssemblyRenders.RemoveRange(old);
        });
        foreach (var render in old)
            if (store.Resolve(MediaPaths.RenderFolder(render.ProjectId, render.Id)) is { } folder && Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
    }
}
