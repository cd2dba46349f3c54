using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Generation;

public enum GenerationRequestState
{
    /// <summary>Waiting for a pipeline to pick it up; people may still cancel it.</summary>
    Open = 0,

    /// <summary>A pipeline holds it while its lease lasts; it reports progress and uploads the takes.</summary>
    Claimed = 1,

    /// <summary>Every requested take has arrived.</summary>
    Filled = 2,

    /// <summary>The pipeline gave up, with a reason.</summary>
    Failed = 3,

    Cancelled = 4,

    /// <summary>Nothing claimed it in time.</summary>
    TimedOut = 5,
}

/// <summary>How the requested takes' seeds are chosen.</summary>
public enum SeedChoice
{
    /// <summary>Each take uses the parent's seed (a variation of the prompt on the same noise).</summary>
    Keep = 0,

    /// <summary>ReviewRoom picks a fresh seed for each take, so the request says exactly what to render.</summary>
    New = 1,

    /// <summary>The person lists one seed per take.</summary>
    List = 2,
}

/// <summary>
/// A director's (or VFX lead's, or producer's) ask for new takes of a shot, made from a take and meant to answer some
/// of its notes. It has one slot per requested take; a take uploaded with the request's id fills the next empty one
/// and inherits the parent, relation and answered notes from here.
/// </summary>
public sealed class GenerationRequest
{
    public const int MaxTakes = 8;
    public const int MaxReasonLength = 1000;
    public const int MaxProgressMessageLength = 200;
    public const int MaxAnsweredNotes = 200;

    private readonly List<GenerationSlot> _slots = [];
    private readonly List<GenerationRequestNote> _answeredNotes = [];

    private GenerationRequest()
    {
        Generation = GenerationInfo.Unknown;
    }

    private GenerationRequest(Guid projectId, Guid shotId, GenerationInfo generation, Guid requestedByUserId, DateTime nowUtc, TimeSpan claimWithin)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        ShotId = shotId;
        Generation = generation;
        RequestedByUserId = requestedByUserId;
        CreatedAt = nowUtc;
        ClaimBy = nowUtc + claimWithin;
        State = GenerationRequestState.Open;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid ShotId { get; private set; }

    /// <summary>
    /// What to make: model, prompts, parameters, parent and relation. Seeds live on the slots; credits here are the
    /// estimate for the whole request when it was made.
    /// </summary>
    public GenerationInfo Generation { get; private set; }

    public Guid RequestedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public GenerationRequestState State { get; private set; }

    /// <summary>When an unclaimed request times out.</summary>
    public DateTime ClaimBy { get; private set; }

    /// <summary>The pipeline (its token's name) working on it.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTime? ClaimedAt { get; private set; }

    /// <summary>Until when the claim holds; each progress report renews it. A lapsed claim goes back to open.</summary>
    public DateTime? LeaseExpiresAt { get; private set; }

    public double Progress { get; private set; }
    public string? ProgressMessage { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public Guid? EndedByUserId { get; private set; }

    /// <summary>Bumped on every change: two nodes (or two pipelines) acting on it at once cannot both win.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<GenerationSlot> Slots => _slots;
    public IReadOnlyList<GenerationRequestNote> AnsweredNotes => _answeredNotes;

    public int Count => _slots.Count;
    public int FilledCount => _slots.Count(s => s.TakeId is not null);
    public bool IsActive => State is GenerationRequestState.Open or GenerationRequestState.Claimed;

    /// <summary>
    /// A new request. <paramref name="parent"/> is the take it starts from, which must be on <paramref name="shotId"/>;
    /// <paramref name="seeds"/> holds one seed per take (null lets the pipeline choose).
    /// </summary>
    public static GenerationRequest Create(Guid projectId, Guid shotId, GenerationInfo generation, IReadOnlyList<long?> seeds, IEnumerable<Guid> answeredNoteIds,
        Guid requestedByUserId, DateTime nowUtc, TimeSpan claimWithin)
    {
        if (seeds.Count is < 1 or > MaxTakes)
            throw new DomainException($"Ask for between 1 and {MaxTakes} takes.");
        if (generation.ParentTakeId is null || generation.Relation == TakeRelation.Original)
            throw new DomainException("A request starts from a take: name the parent and whether this is a re-roll, an extension or a variation.");
        if (string.IsNullOrWhiteSpace(generation.Model))
            throw new DomainException("Name the model that should make the takes.");
        if (claimWithin <= TimeSpan.Zero)
            throw new DomainException("A request must allow some time for a pipeline to pick it up.");
        var notes = answeredNoteIds.Distinct().ToList();
        if (notes.Count > MaxAnsweredNotes)
            throw new DomainException($"A request can answer at most {MaxAnsweredNotes} notes.");
        var request = new GenerationRequest(projectId, shotId, generation with { Seed = null }, requestedByUserId, nowUtc, claimWithin);
        for (var index = 0; index < seeds.Count; index++)
            request._slots.Add(new GenerationSlot(request.Id, index, seeds[index]));
        request._answeredNotes.AddRange(notes.Select(n => new GenerationRequestNote(request.Id, n)));
        return request;
    }

    /// <summary>A pipeline takes the request for <paramref name="lease"/>; the same pipeline claiming again renews it.</summary>
    public void Claim(string by, DateTime nowUtc, TimeSpan lease)
    {
        if (State == GenerationRequestState.Claimed && ClaimedBy != by && LeaseExpiresAt > nowUtc)
            throw new DomainException($"‘{ClaimedBy}’ is already working on this request.");
        EnsureActive("claimed");
        State = GenerationRequestState.Claimed;
        ClaimedBy = by;
        ClaimedAt ??= nowUtc;
        LeaseExpiresAt = nowUtc + lease;
        Revision++;
    }

    public void ReportProgress(string by, double progress, string? message, DateTime nowUtc, TimeSpan lease)
    {
        EnsureHeldBy(by, nowUtc);
        if (double.IsNaN(progress) || progress is < 0 or > 1)
            throw new DomainException("Progress is a fraction from 0 to 1.");
        Progress = progress;
        ProgressMessage = TextField.Clean(message, MaxProgressMessageLength, "The progress message") is { Length: > 0 } text ? text : null;
        LeaseExpiresAt = nowUtc + lease;
        Revision++;
    }

    public void Fail(string by, string reason, DateTime nowUtc)
    {
        EnsureHeldBy(by, nowUtc);
        var why = TextField.Clean(reason, MaxReasonLength, "The reason", multiline: true);
        FailureReason = why.Length > 0 ? why : throw new DomainException("Say why the takes could not be made.");
        End(GenerationRequestState.Failed, null, nowUtc);
    }

    /// <summary>People may take a request back until a pipeline has claimed it.</summary>
    public void Cancel(Guid byUserId, DateTime nowUtc)
    {
        if (State == GenerationRequestState.Claimed)
            throw new DomainException($"‘{ClaimedBy}’ is already making these takes, so the request can no longer be cancelled.");
        EnsureActive("cancelled");
        End(GenerationRequestState.Cancelled, byUserId, nowUtc);
    }

    /// <summary>What the sweep does when time runs out: an unclaimed request times out, a lapsed claim is opened again.</summary>
    public GenerationRequestExpiry Expire(DateTime nowUtc, TimeSpan claimWithin)
    {
        if (State == GenerationRequestState.Open && ClaimBy <= nowUtc)
        {
            End(GenerationRequestState.TimedOut, null, nowUtc);
            return GenerationRequestExpiry.TimedOut;
        }
        if (State == GenerationRequestState.Claimed && LeaseExpiresAt <= nowUtc)
        {
            State = GenerationRequestState.Open;
            ClaimedBy = null;
            LeaseExpiresAt = null;
            Progress = 0;
            ProgressMessage = null;
            ClaimBy = nowUtc + claimWithin;
            Revision++;
            return GenerationRequestExpiry.Released;
        }
        return GenerationRequestExpiry.None;
    }

    /// <summary>
    /// Puts a take that arrived with this request's id in the next empty slot (the one with its seed, when it has
    /// one). Null when every slot is already taken: the take still joins its shot, it just answers for no slot.
    /// </summary>
    public GenerationSlot? Fill(Guid takeId, long? seed, DateTime nowUtc)
    {
        if (_slots.Any(s => s.TakeId == takeId))
            return _slots.First(s => s.TakeId == takeId);
        var empty = _slots.Where(s => s.TakeId is null).ToList();
        var slot = empty.FirstOrDefault(s => seed is not null && s.Seed == seed) ?? empty.FirstOrDefault();
        if (slot is null)
            return null;
        slot.Fill(takeId, nowUtc);
        if (IsActive && _slots.All(s => s.TakeId is not null))
            End(GenerationRequestState.Filled, null, nowUtc);
        Revision++;
        return slot;
    }

    /// <summary>Whether an upload naming this request is still welcome.</summary>
    public void EnsureAcceptsTakes()
    {
        if (!IsActive)
            throw new DomainException($"That generation request is {StateName(State)}; upload the take without its requestId, or ask for new takes.");
    }

    public static string StateName(GenerationRequestState state) => state switch
    {
        GenerationRequestState.Open => "waiting for a pipeline",
        GenerationRequestState.Claimed => "being made",
        GenerationRequestState.Filled => "complete",
        GenerationRequestState.Failed => "failed",
        GenerationRequestState.Cancelled => "cancelled",
        GenerationRequestState.TimedOut => "timed out",
        _ => state.ToString(),
    };

    private void EnsureActive(string what)
    {
        if (!IsActive)
            throw new DomainException($"This request is {StateName(State)} and cannot be {what}.");
    }

    private void EnsureHeldBy(string by, DateTime nowUtc)
    {
        EnsureActive("changed");
        if (State != GenerationRequestState.Claimed || ClaimedBy != by || LeaseExpiresAt <= nowUtc)
            throw new DomainException("Claim the request first: only the pipeline holding it can report on it.");
    }

    private void End(GenerationRequestState state, Guid? byUserId, DateTime nowUtc)
    {
        State = state;
        EndedAt = nowUtc;
        EndedByUserId = byUserId;
        LeaseExpiresAt = null;
        Revision++;
    }
}

public enum GenerationRequestExpiry
{
    None,
    TimedOut,
    Released,
}

/// <summary>One requested take: its seed, and the take that came for it.</summary>
public sealed class GenerationSlot
{
    private GenerationSlot()
    {
    }

    internal GenerationSlot(Guid requestId, int index, long? seed)
    {
        RequestId = requestId;
        Index = index;
        Seed = seed;
    }

    public Guid RequestId { get; private set; }
    public int Index { get; private set; }
    public long? Seed { get; private set; }
    public Guid? TakeId { get; private set; }
    public DateTime? FilledAt { get; private set; }

    internal void Fill(Guid takeId, DateTime nowUtc)
    {
        TakeId = takeId;
        FilledAt = nowUtc;
    }
}

/// <summary>A note the requested takes are meant to answer.</summary>
public sealed class GenerationRequestNote
{
    private GenerationRequestNote()
    {
    }

    internal GenerationRequestNote(Guid requestId, Guid noteId)
    {
        RequestId = requestId;
        NoteId = noteId;
    }

    public Guid RequestId { get; private set; }
    public Guid NoteId { get; private set; }
}
