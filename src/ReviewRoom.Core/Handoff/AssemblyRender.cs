namespace ReviewRoom.Core.Handoff;

public enum AssemblyRenderState
{
    Queued = 0,
    Running = 1,
    Ready = 2,

    /// <summary>ffmpeg could not make it; the error says why and asking again starts afresh.</summary>
    Failed = 3,
}

/// <summary>
/// The work of making one assembly movie, kept in the database so it outlives a restart and every page and API caller
/// sees the same progress. The plan is fixed when asked for: circling another take later makes a new movie, not this one.
/// </summary>
public sealed class AssemblyRender
{
    /// <summary>A render interrupted by this many restarts is set aside rather than started again.</summary>
    public const int MaxAttempts = 3;

    private AssemblyRender()
    {
        PlanJson = "";
        ProjectName = "";
        Fingerprint = "";
        Rate = "";
        Stage = "";
    }

    public AssemblyRender(Guid projectId, string projectName, AssemblyPlan plan, Guid? requestedByUserId, string? requestedByTokenName, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        ProjectName = projectName;
        PlanJson = plan.ToJson();
        Fingerprint = plan.Fingerprint;
        Rate = plan.Rate;
        Width = plan.Width;
        Height = plan.Height;
        DurationFrames = plan.TotalFrames;
        ShotCount = plan.Segments.Count;
        RequestedByUserId = requestedByUserId;
        RequestedByTokenName = requestedByTokenName;
        CreatedAt = createdAtUtc;
        State = AssemblyRenderState.Queued;
        Stage = "Waiting to start";
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }

    /// <summary>The project's name when the movie was asked for: the movie's title and file name.</summary>
    public string ProjectName { get; private set; }

    public string PlanJson { get; private set; }
    public string Fingerprint { get; private set; }

    /// <summary>The movie's rate as "24000/1001".</summary>
    public string Rate { get; private set; }

    public int Width { get; private set; }
    public int Height { get; private set; }
    public long DurationFrames { get; private set; }
    public int ShotCount { get; private set; }
    public Guid? RequestedByUserId { get; private set; }
    public string? RequestedByTokenName { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public AssemblyRenderState State { get; private set; }
    public string Stage { get; private set; }
    public double Progress { get; private set; }
    public string? Error { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>The movie, relative to the media store, once ready.</summary>
    public string? FilePath { get; private set; }

    public long? SizeBytes { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    public AssemblyPlan Plan => AssemblyPlan.FromJson(PlanJson);

    public bool IsFinished => State is AssemblyRenderState.Ready or AssemblyRenderState.Failed;

    /// <summary>Until when the node making it holds it; renewed while it works, then free for any node to start again.</summary>
    public DateTime? LeaseExpiresAt { get; private set; }

    public void Start(DateTime nowUtc, TimeSpan lease)
    {
        if (State != AssemblyRenderState.Queued)
            throw new DomainException("Only a waiting render can start.");
        State = AssemblyRenderState.Running;
        Attempts++;
        Stage = "Starting";
        Progress = 0;
        LeaseExpiresAt = nowUtc + lease;
    }

    public void RenewLease(DateTime untilUtc)
    {
        if (State == AssemblyRenderState.Running)
            LeaseExpiresAt = untilUtc;
    }

    public bool IsAbandoned(DateTime nowUtc) => State == AssemblyRenderState.Running && (LeaseExpiresAt is null || LeaseExpiresAt < nowUtc);

    public void ReportProgress(string stage, double progress)
    {
        Stage = stage;
        Progress = Math.Clamp(progress, 0, 1);
    }

    public void Succeed(string filePath, long sizeBytes, DateTime nowUtc)
    {
        State = AssemblyRenderState.Ready;
        LeaseExpiresAt = null;
        FilePath = filePath;
        SizeBytes = sizeBytes;
        Stage = "Ready";
        Progress = 1;
        Error = null;
        FinishedAt = nowUtc;
    }

    public void Fail(string reason, DateTime nowUtc)
    {
        State = AssemblyRenderState.Failed;
        LeaseExpiresAt = null;
        Stage = "Failed";
        Error = reason;
        FinishedAt = nowUtc;
    }

    /// <summary>The node making it stopped (its lease ran out): wait again, unless restarts keep stopping it.</summary>
    public void Requeue(DateTime nowUtc)
    {
        if (State != AssemblyRenderState.Running)
            return;
        if (Attempts >= MaxAttempts)
        {
            Fail($"The server restarted during each of {Attempts} attempts; ask for the movie again.", nowUtc);
            return;
        }
        State = AssemblyRenderState.Queued;
        LeaseExpiresAt = null;
        Stage = "Waiting to start again";
        Progress = 0;
    }
}
