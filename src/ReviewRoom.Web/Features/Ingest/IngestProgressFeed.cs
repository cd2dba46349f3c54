using ReviewRoom.Core.Ingest;

namespace ReviewRoom.Web.Features.Ingest;

/// <summary>A job's moment-to-moment state. Ephemeral: it skips the outbox, and a page that loads later reads the job row.</summary>
public sealed record IngestProgressMessage(Guid ProjectId, Guid ShotId, Guid JobId, string FileName, IngestJobState State, string Stage, double Progress, string? Error)
{
    public static IngestProgressMessage From(IngestJob job) =>
        new(job.ProjectId, job.ShotId, job.Id, job.OriginalFileName, job.State, job.Stage, job.Progress, job.Error);
}

/// <summary>Hands ingest progress to whoever in the process is watching (board pages, the hub relay).</summary>
public sealed class IngestProgressFeed
{
    public event Func<IngestProgressMessage, Task>? Changed;

    public async Task PublishAsync(IngestProgressMessage message)
    {
        if (Changed is not { } handlers)
            return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<IngestProgressMessage, Task>>())
        {
            try
            {
                await handler(message);
            }
            catch (Exception)
            {
                // A watcher that has gone away must not stop the job or the other watchers.
            }
        }
    }
}
