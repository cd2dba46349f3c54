using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Ingest;

public enum IngestJobState
{
    /// <summary>Waiting for a worker (new, retrying after a failure, or interrupted by a restart).</summary>
    Queued = 0,
    Running = 1,
    Succeeded = 2,

    /// <summary>Given up: the file was refused, or every attempt failed. A person can retry it.</summary>
    Failed = 3,
}

/// <summary>
/// The work of turning one uploaded file into a take, kept in the database so it outlives a restart.
/// The job holds what the take will carry (shot, generation metadata) until the media is ready.
/// </summary>
public sealed class IngestJob
{
    public const int DefaultMaxAttempts = 4;

    private IngestJob()
    {
        OriginalPath = "";
        OriginalFileName = "";
        Generation = GenerationInfo.Unknown;
        Stage = "";
    }

    public IngestJob(Guid projectId, Guid shotId, string originalPath, string originalFileName, long sizeBytes,
        GenerationInfo generation, Guid? createdByUserId, string? createdByTokenName, DateTime createdAtUtc, Guid? id = null)
    {
        Id = id ?? Guid.NewGuid();
        ProjectId = projectId;
        ShotId = shotId;
        OriginalPath = originalPath;
        OriginalFileName = originalFileName;
        SizeBytes = sizeBytes;
        Generation = generation;
        CreatedByUserId = createdByUserId;
        CreatedByTokenName = createdByTokenName;
        CreatedAt = createdAtUtc;
        State = IngestJobState.Queued;
        NextAttemptAt = createdAtUtc;
        MaxAttempts = DefaultMaxAttempts;
        Stage = "Waiting";
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid ShotId { get; private set; }

    /// <summary>Where the uploaded file waits, relative to the media store.</summary>
    public string OriginalPath { get; private set; }

    public string OriginalFileName { get; private set; }
    public long SizeBytes { get; private set; }
    public GenerationInfo Generation { get; private set; }
    public Guid? CreatedByUserId { get; private set; }

    /// <summary>The API token that uploaded it, when a pipeline did.</summary>
    public string? CreatedByTokenName { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public IngestJobState State { get; private set; }
    public int Attempts { get; private set; }
    public int MaxAttempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public string Stage { get; private set; }
    public double Progress { get; private set; }
    public string? Error { get; private set; }
    public Guid? TakeId { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    public bool IsFinished => State is IngestJobState.Succeeded or IngestJobState.Failed;

    /// <summary>
    /// Until when the node running it holds it. The node renews it while it works; once it has passed, the node is taken
    /// for dead and any node may queue the job again.
    /// </summary>
    public DateTime? LeaseExpiresAt { get; private set; }

    /// <summary>A node takes the job for <paramref name="lease"/>, renewing it while it works.</summary>
    public void Start(DateTime nowUtc, TimeSpan lease)
    {
        if (State != IngestJobState.Queued)
            throw new DomainException("Only a queued job can start.");
        State = IngestJobState.Running;
        Attempts++;
        Stage = "Starting";
        Progress = 0;
        Error = null;
        NextAttemptAt = nowUtc;
        LeaseExpiresAt = nowUtc + lease;
    }

    public void RenewLease(DateTime untilUtc)
    {
        if (State == IngestJobState.Running)
            LeaseExpiresAt = untilUtc;
    }

    /// <summary>Running on a node that stopped renewing its lease (it crashed, or lost the database).</summary>
    public bool IsAbandoned(DateTime nowUtc) => State == IngestJobState.Running && (LeaseExpiresAt is null || LeaseExpiresAt < nowUtc);

    public void ReportProgress(string stage, double progress)
    {
        Stage = stage;
        Progress = Math.Clamp(progress, 0, 1);
    }

    public void Succeed(Guid takeId, DateTime nowUtc)
    {
        State = IngestJobState.Succeeded;
        LeaseExpiresAt = null;
        TakeId = takeId;
        Stage = "Ready";
        Progress = 1;
        Error = null;
        FinishedAt = nowUtc;
    }

    /// <summary>
    /// Records a failed attempt. A passing problem is tried again after a growing wait, until the attempts
    /// run out; a refused file fails at once, since the same bytes will be refused again.
    /// </summary>
    public void Fail(string reason, bool permanent, DateTime nowUtc)
    {
        LeaseExpiresAt = null;
        Error = reason;
        Stage = "Failed";
        if (!permanent && Attempts < MaxAttempts)
        {
            State = IngestJobState.Queued;
            NextAttemptAt = nowUtc + BackoffAfter(Attempts);
            Stage = $"Retrying (attempt {Attempts + 1} of {MaxAttempts})";
            return;
        }
        State = IngestJobState.Failed;
        FinishedAt = nowUtc;
    }

    /// <summary>A person asks for another go: the attempts start over.</summary>
    public void Retry(DateTime nowUtc)
    {
        if (State != IngestJobState.Failed)
            throw new DomainException("Only a failed job can be retried.");
        State = IngestJobState.Queued;
        Attempts = 0;
        NextAttemptAt = nowUtc;
        Stage = "Waiting";
        Progress = 0;
        FinishedAt = null;
    }

    /// <summary>
    /// The node stopped mid-job (crash, restart) and its lease ran out: the attempt counts, so a file that brings the
    /// server down every time is set aside after its attempts instead of crashing it forever.
    /// </summary>
    public void Requeue(DateTime nowUtc)
    {
        if (State != IngestJobState.Running)
            return;
        if (Attempts >= MaxAttempts)
        {
            Fail($"The server stopped while processing this file {Attempts} times in a row, so it was set aside. Retry it if the server was only restarted.",
                permanent: true, nowUtc);
            return;
        }
        State = IngestJobState.Queued;
        LeaseExpiresAt = null;
        NextAttemptAt = nowUtc;
        Stage = "Resuming after a restart";
    }

    /// <summary>2 s, 8 s, 32 s, ... capped at ten minutes.</summary>
    public static TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(600, 2 * Math.Pow(4, Math.Max(0, attempts - 1))));
}
