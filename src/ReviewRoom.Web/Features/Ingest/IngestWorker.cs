using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewRoom.Core;
using ReviewRoom.Core.Ingest;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Media;
using ReviewRoom.Web.Hosting;

namespace ReviewRoom.Web.Features.Ingest;

/// <summary>
/// Runs queued ingest jobs in the background, a few at a time. The queue is the database: a job that
/// was running when the process stopped is queued again at the next start, and a failed attempt waits
/// longer before each retry.
/// </summary>
internal sealed class IngestWorker(
    IDbContextFactory<ReviewRoomDbContext> contextFactory,
    RoomWriter writer,
    MediaPipeline pipeline,
    IngestSignal signal,
    IngestProgressFeed feed,
    IOptions<IngestOptions> options,
    TimeProvider clock,
    ILogger<IngestWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(options.Value.Concurrency);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RequeueAbandonedAsync(stoppingToken);
                while (slots.CurrentCount > 0 && await ClaimNextAsync(stoppingToken) is { } job)
                {
                    await slots.WaitAsync(stoppingToken);
                    running.Add(Task.Run(async () =>
                    {
                        try { await RunAsync(job, stoppingToken); }
                        finally
                        {
                            slots.Release();
                            signal.Wake();
                        }
                    }, CancellationToken.None));
                }
                running.RemoveAll(t => t.IsCompleted);
                await signal.WaitAsync(await DelayUntilNextDueAsync(stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The ingest queue could not be read; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        await Task.WhenAll(running);
    }

    /// <summary>
    /// Jobs whose node stopped renewing their lease (it crashed or restarted, this node included) go back in the queue;
    /// any node sharing the database may find them.
    /// </summary>
    private async Task RequeueAbandonedAsync(CancellationToken cancellationToken)
    {
        List<IngestJob> interrupted = [];
        try
        {
            await writer.WriteQuietlyAsync(async (db, ct) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                interrupted = await db.IngestJobs.Where(j => j.State == IngestJobState.Running && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now)).ToListAsync(ct);
                foreach (var job in interrupted)
                    job.Requeue(now);
                if (interrupted.Count > 0)
                    logger.LogInformation("Resuming {Count} ingest job(s) whose node stopped working on them", interrupted.Count);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node requeued them first.
            return;
        }
        foreach (var given in interrupted.Where(j => j.State == IngestJobState.Failed))
        {
            logger.LogWarning("Ingest of {File} (job {JobId}) was set aside after {Attempts} interrupted attempts", given.OriginalFileName, given.Id, given.Attempts);
            await AnnounceFailureAsync(given, given.Error!);
        }
    }

    /// <summary>The next due job, taken for this node; a job another node takes at the same moment is left to it.</summary>
    private async Task<IngestJob?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        IngestJob? claimed = null;
        for (var tries = 0; tries < 3 && claimed is null; tries++)
        {
            var lost = false;
            try
            {
                await writer.WriteQuietlyAsync(async (db, ct) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    claimed = await db.IngestJobs
                        .Where(j => j.State == IngestJobState.Queued && j.NextAttemptAt <= now)
                        .OrderBy(j => j.NextAttemptAt).ThenBy(j => j.CreatedAt)
                        .FirstOrDefaultAsync(ct);
                    claimed?.Start(now, options.Value.JobLease);
                }, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                (claimed, lost) = (null, true);
            }
            if (!lost)
                break;
        }
        if (claimed is not null)
            await feed.PublishAsync(IngestProgressMessage.From(claimed));
        return claimed;
    }

    private async Task<TimeSpan> DelayUntilNextDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var next = await db.IngestJobs.Where(j => j.State == IngestJobState.Queued)
            .OrderBy(j => j.NextAttemptAt).Select(j => (DateTime?)j.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
            return IdlePoll;
        var wait = next.Value - clock.GetUtcNow().UtcDateTime;
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : wait < IdlePoll ? wait : IdlePoll;
    }

    private async Task RunAsync(IngestJob job, CancellationToken stoppingToken)
    {
        var lastStage = job.Stage;
        await using var heartbeat = LeaseHeartbeat.Start(options.Value.JobLease, until => writer.WriteQuietlyAsync(async (db, ct) =>
        {
            if (await db.IngestJobs.FindAsync([job.Id], ct) is { } stored && stored.Attempts == job.Attempts)
                stored.RenewLease(until);
        }), clock, logger);
        try
        {
            var prepared = await pipeline.PrepareAsync(job.OriginalPath, progress =>
            {
                job.ReportProgress(progress.Stage, progress.Fraction);
                _ = feed.PublishAsync(IngestProgressMessage.From(job));
                if (progress.Stage != lastStage)
                {
                    lastStage = progress.Stage;
                    _ = SaveStageAsync(job.Id, progress);
                }
            }, stoppingToken);
            await FinishAsync(job, prepared, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: once the lease runs out, this node after its restart or another node queues it again.
        }
        catch (LeaseLostException ex)
        {
            logger.LogWarning("{Reason} This node's work on it is dropped.", ex.Message);
        }
        catch (Exception ex) when (ex is MediaRefusedException or DomainException)
        {
            logger.LogInformation("Ingest of {File} (job {JobId}) refused: {Reason}", job.OriginalFileName, job.Id, ex.Message);
            await FailAsync(job, ex.Message, permanent: true);
        }
        catch (MediaToolException ex)
        {
            logger.LogWarning(ex, "Ingest of {File} (job {JobId}) failed on attempt {Attempt}: {ToolOutput}", job.OriginalFileName, job.Id, job.Attempts, ex.Detail);
            await FailAsync(job, $"Processing failed: {ex.Message}", permanent: false);
        }
        catch (Exception ex)
        {
            // Server-side failures (disk, database) carry paths and internals: people get the fact, the log gets the rest.
            logger.LogWarning(ex, "Ingest of {File} (job {JobId}) failed on attempt {Attempt}", job.OriginalFileName, job.Id, job.Attempts);
            await FailAsync(job, "Processing failed on the server; its log has the details.", permanent: false);
        }
    }

    /// <summary>Keeps the stage in the row for pages opened mid-job; a lost update here only costs a stale label.</summary>
    private async Task SaveStageAsync(Guid jobId, PipelineProgress progress)
    {
        try
        {
            await writer.WriteQuietlyAsync(async (db, ct) =>
            {
                if (await db.IngestJobs.FindAsync([jobId], ct) is { State: IngestJobState.Running } stored)
                    stored.ReportProgress(progress.Stage, progress.Fraction);
            });
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Could not record the stage of ingest job {JobId}", jobId);
        }
    }

    private async Task FinishAsync(IngestJob job, PreparedMedia prepared, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(job.ProjectId, job.CreatedByUserId, $"ingest:{job.Id}", async (db, _, ct) =>
        {
            var stored = await db.IngestJobs.SingleAsync(j => j.Id == job.Id, ct);
            // This node's lease ran out and another node took the job over: its take is the one that counts.
            if (stored.State != IngestJobState.Running || stored.Attempts != job.Attempts)
                throw new LeaseLostException($"Ingest job {job.Id} was taken over by another node after this one stopped renewing it.");
            var shot = await db.Shots.IgnoreQueryFilters().Include(s => s.Takes).SingleOrDefaultAsync(s => s.Id == job.ShotId, ct)
                ?? throw new DomainException("The shot this file was meant for has been removed.");
            var now = clock.GetUtcNow().UtcDateTime;
            var take = shot.AddTake(prepared.ToTakeMedia(job.OriginalFileName, job.SizeBytes), job.Generation, job.CreatedByUserId, now);
            stored.Succeed(take.Id, now);
            job.Succeed(take.Id, now);
            // A take made for a request fills one of its slots; past the last slot it still joins the shot, answering for none.
            var request = job.Generation.RequestId is { } requestId
                ? await db.GenerationRequests.Include(r => r.Slots).SingleOrDefaultAsync(r => r.Id == requestId, ct)
                : null;
            request?.Fill(take.Id, job.Generation.Seed, now);
            return new RoomEventDraft(new TakeIngested(take.Id, shot.Id, take.Version, job.Id, job.OriginalFileName, prepared.MadeProxy, job.CreatedByTokenName,
                request?.Id));
        }, cancellationToken);
        await feed.PublishAsync(IngestProgressMessage.From(job));
    }

    private async Task FailAsync(IngestJob job, string reason, bool permanent)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        job.Fail(reason, permanent, now);
        if (job.State == IngestJobState.Failed)
        {
            await AnnounceFailureAsync(job, reason);
            return;
        }
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            var stored = await db.IngestJobs.SingleAsync(j => j.Id == job.Id, ct);
            stored.Fail(reason, permanent, now);
        });
        await feed.PublishAsync(IngestProgressMessage.From(job));
    }

    private async Task AnnounceFailureAsync(IngestJob job, string reason)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await writer.WriteAsync(job.ProjectId, job.CreatedByUserId, null, async (db, _, ct) =>
        {
            var stored = await db.IngestJobs.SingleAsync(j => j.Id == job.Id, ct);
            if (stored.State != IngestJobState.Failed)
                stored.Fail(reason, permanent: true, now);
            return new RoomEventDraft(new IngestFailed(job.Id, job.ShotId, job.OriginalFileName, reason));
        });
        await feed.PublishAsync(IngestProgressMessage.From(job));
    }
}
