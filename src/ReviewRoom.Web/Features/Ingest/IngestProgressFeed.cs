using ReviewRoom.Core.Ingest;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Web.Features.Ingest;

/// <summary>A job's moment-to-moment state. Ephemeral: it skips the outbox, and a page that loads later reads the job row.</summary>
public sealed record IngestProgressMessage(Guid ProjectId, Guid ShotId, Guid JobId, string FileName, IngestJobState State, string Stage, double Progress, string? Error)
{
    public static IngestProgressMessage From(IngestJob job) =>
        new(job.ProjectId, job.ShotId, job.Id, job.OriginalFileName, job.State, job.Stage, job.Progress, job.Error);
}

/// <summary>Hands ingest progress to whoever in the process is watching (board pages, the hub relay).</summary>
public sealed class IngestProgressFeed(ILogger<IngestProgressFeed> logger)
{
    public Feed<IngestProgressMessage> Changed { get; } = new((ex, message) => logger.LogWarning(ex, "An ingest progress subscriber failed for job {Job}", message.JobId));

    public Task PublishAsync(IngestProgressMessage message) => Changed.PublishAsync(message);
}
