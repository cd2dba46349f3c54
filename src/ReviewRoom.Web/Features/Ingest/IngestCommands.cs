using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Ingest;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Media;

namespace ReviewRoom.Web.Features.Ingest;

/// <summary>Starting, retrying and dismissing ingest jobs, each written through the room-event pipeline.</summary>
public sealed class IngestCommands(RoomWriter writer, IMediaStore store, IngestSignal signal, Projects.ProjectAccess access, TimeProvider clock)
{
    /// <summary>Checks that <paramref name="generation"/> fits the shot before an upload starts.</summary>
    public async Task ValidateTargetAsync(Guid projectId, Guid shotId, GenerationInfo generation, CancellationToken cancellationToken)
    {
        await using var db = await writer.CreateReadContextAsync(cancellationToken);
        var shot = await db.Shots.Include(s => s.Takes).AsNoTracking().SingleOrDefaultAsync(s => s.Id == shotId && s.ProjectId == projectId, cancellationToken)
            ?? throw DomainException.NotFound("That shot does not exist in this project.");
        shot.ValidateGeneration(await Generation.RequestedTake.ApplyAsync(db, projectId, shotId, generation, cancellationToken));
    }

    /// <summary>
    /// Who may bring takes into a project: a member whose role uploads, or a pipeline token with the 'read + ingest'
    /// scope. Asked before the bytes arrive (so a refused upload costs nothing) and again by <see cref="QueueAsync"/>.
    /// </summary>
    public Task RequireUploaderAsync(Actor actor, Guid projectId, CancellationToken cancellationToken) =>
        access.RequireChangeAsync(actor, projectId, ProjectRolePolicy.CanUploadTakes, "upload takes", cancellationToken: cancellationToken);

    /// <summary>
    /// Takes ownership of a finished upload at <paramref name="uploadedFile"/> (an absolute path), moves
    /// it beside where its take's media will be made and queues the job. With a <paramref name="jobId"/>
    /// chosen by the caller the hand-over can be finished after a crash: a file already moved is not
    /// looked for again, and a job already written is returned as it is.
    /// </summary>
    public async Task<IngestJob> QueueAsync(Actor actor, Guid projectId, Guid shotId, string uploadedFile, string originalFileName,
        GenerationInfo generation, Guid? jobId = null, CancellationToken cancellationToken = default)
    {
        await RequireUploaderAsync(actor, projectId, cancellationToken);
        var id = jobId ?? Guid.NewGuid();
        if (await FindJobAsync(id, cancellationToken) is { } existing)
            return existing;
        // The server names stored files: the uploader's name is kept only as a label (and a download name).
        var originalPath = OriginalPathFor(id);
        var target = store.Resolve(originalPath)!;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(uploadedFile) || !File.Exists(target))
            File.Move(uploadedFile, target, overwrite: true);
        var size = new FileInfo(target).Length;

        IngestJob? job = null;
        try
        {
            await writer.WriteAsync(projectId, actor.UserId, null, async (db, _, ct) =>
            {
                var shot = await db.Shots.Include(s => s.Takes).SingleOrDefaultAsync(s => s.Id == shotId && s.ProjectId == projectId, ct)
                    ?? throw DomainException.NotFound("That shot does not exist in this project.");
                var requested = await Generation.RequestedTake.ApplyAsync(db, projectId, shotId, generation, ct);
                shot.ValidateGeneration(requested);
                job = new IngestJob(projectId, shotId, originalPath, CleanFileName(originalFileName), size, requested, actor.UserId, (actor as Actor.Pipeline)?.TokenName,
                    clock.GetUtcNow().UtcDateTime, id);
                db.IngestJobs.Add(job);
                return new RoomEventDraft(new IngestQueued(job.Id, shotId, job.OriginalFileName, size));
            }, cancellationToken);
        }
        catch
        {
            Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
            throw;
        }
        signal.Wake();
        return job!;
    }

    public static string OriginalPathFor(Guid jobId) => $"ingest/{jobId:N}/original";

    /// <summary>Whether the original for <paramref name="jobId"/> already sits where ingest keeps it (moved before a crash).</summary>
    public bool HasOriginal(Guid jobId) => store.Resolve(OriginalPathFor(jobId)) is { } path && File.Exists(path);

    public async Task<IngestJob?> FindJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.CreateReadContextAsync(cancellationToken);
        return await db.IngestJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
    }

    public async Task RetryAsync(Actor actor, Guid projectId, Guid jobId, CancellationToken cancellationToken = default)
    {
        var actorUserId = await RequireUploadingMemberAsync(actor, projectId);
        await writer.WriteAsync(projectId, actorUserId, null, async (db, _, ct) =>
        {
            var job = await FindAsync(db, projectId, jobId, ct);
            job.Retry(clock.GetUtcNow().UtcDateTime);
            return new RoomEventDraft(new IngestQueued(jobId, job.ShotId, job.OriginalFileName, job.SizeBytes, Retry: true));
        }, cancellationToken);
        signal.Wake();
    }

    /// <summary>Removes a failed job and the file it kept; a finished take is never touched.</summary>
    public async Task DismissAsync(Actor actor, Guid projectId, Guid jobId, CancellationToken cancellationToken = default)
    {
        var actorUserId = await RequireUploadingMemberAsync(actor, projectId);
        string? folder = null;
        await writer.WriteAsync(projectId, actorUserId, null, async (db, _, ct) =>
        {
            var job = await FindAsync(db, projectId, jobId, ct);
            if (job.State != IngestJobState.Failed)
                throw new DomainException("Only a failed upload can be dismissed.");
            folder = Path.GetDirectoryName(job.OriginalPath);
            db.IngestJobs.Remove(job);
            return new RoomEventDraft(new IngestDismissed(jobId, job.ShotId));
        }, cancellationToken);
        if (folder is not null && store.Resolve(folder) is { } full && Directory.Exists(full))
            Directory.Delete(full, recursive: true);
    }

    /// <summary>The people who may bring takes in are the ones who may try a failed upload again or put it away.</summary>
    private Task<Guid> RequireUploadingMemberAsync(Actor actor, Guid projectId) =>
        access.RequireRoleAsync(actor, projectId, ReviewRoom.Core.Projects.ProjectRolePolicy.CanUploadTakes, "Only people who may add takes can retry or dismiss an upload.");

    private static async Task<IngestJob> FindAsync(Data.ReviewRoomDbContext db, Guid projectId, Guid jobId, CancellationToken ct) =>
        await db.IngestJobs.SingleOrDefaultAsync(j => j.Id == jobId && j.ProjectId == projectId, ct)
            ?? throw DomainException.NotFound("That upload no longer exists.");

    public static string CleanFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        if (name.Length == 0)
            name = "upload";
        return name.Length > 255 ? name[..255] : name;
    }
}

/// <summary>Wakes the ingest worker when a file is queued.</summary>
public sealed class IngestSignal : Hosting.WakeSignal;
