namespace ReviewRoom.Core.Projects;

public sealed class Shot
{
    private readonly List<Take> _takes = [];

    private Shot()
    {
        Code = "";
        SceneLabel = "";
        Description = "";
    }

    internal Shot(Guid projectId, int order, string code, string sceneLabel, string description)
    {
        var trimmedCode = TextField.Clean(code, MaxCodeLength, "A shot code");
        if (trimmedCode.Length == 0)
            throw new DomainException("A shot needs a code, such as SH010.");
        Id = Guid.NewGuid();
        ProjectId = projectId;
        Order = order;
        Code = trimmedCode;
        SceneLabel = TextField.Clean(sceneLabel, MaxSceneLabelLength, "A scene label");
        Description = TextField.Clean(description, MaxDescriptionLength, "A shot description", multiline: true);
    }

    public const int MaxCodeLength = 64;
    public const int MaxSceneLabelLength = 200;
    public const int MaxDescriptionLength = 4000;

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }

    /// <summary>Position in the cut, starting at 1.</summary>
    public int Order { get; private set; }

    public string Code { get; private set; }

    /// <summary>Scene or sequence the shot belongs to, e.g. "SC 03 · Rooftop".</summary>
    public string SceneLabel { get; private set; }

    public string Description { get; private set; }

    public IReadOnlyList<Take> Takes => _takes;

    /// <summary>When the shot was put away: off the board and out of the cut, kept with its takes and notes.</summary>
    public DateTime? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    internal void Describe(string code, string sceneLabel, string description)
    {
        var trimmedCode = TextField.Clean(code, MaxCodeLength, "A shot code");
        if (trimmedCode.Length == 0)
            throw new DomainException("A shot needs a code, such as SH010.");
        Code = trimmedCode;
        SceneLabel = TextField.Clean(sceneLabel, MaxSceneLabelLength, "A scene label");
        Description = TextField.Clean(description, MaxDescriptionLength, "A shot description", multiline: true);
    }

    internal void PlaceAt(int order) => Order = order;

    public void Archive(DateTime nowUtc) => ArchivedAt ??= nowUtc;

    /// <summary>Takes a take off the shot (restorable for <see cref="Take.RestoreWindow"/>); its version number stays used.</summary>
    public Take RemoveTake(Guid takeId, Guid? byUserId, DateTime nowUtc)
    {
        var take = FindTake(takeId);
        take.Remove(byUserId, nowUtc);
        return take;
    }

    public Take RestoreTake(Guid takeId, DateTime nowUtc)
    {
        var take = FindTake(takeId);
        take.Restore(nowUtc);
        return take;
    }

    private Take FindTake(Guid takeId) =>
        _takes.FirstOrDefault(t => t.Id == takeId) ?? throw DomainException.NotFound("That take does not exist in this shot.");

    public void Restore() => ArchivedAt = null;

    /// <summary>Adds the next version of this shot. Versions count up from 1 and are never reused.</summary>
    public Take AddTake(TakeMedia media, GenerationInfo generation, Guid? createdByUserId, DateTime createdAtUtc)
    {
        media.Validate();
        ValidateGeneration(generation);
        var version = _takes.Count == 0 ? 1 : _takes.Max(t => t.Version) + 1;
        var take = new Take(Id, version, media, generation, createdByUserId, createdAtUtc);
        _takes.Add(take);
        return take;
    }

    /// <summary>
    /// Checks generation metadata against this shot before any work is done for it (an upload is
    /// refused before its bytes are sent, not after its proxy is made).
    /// </summary>
    public void ValidateGeneration(GenerationInfo generation)
    {
        if (generation.ParentTakeId is { } parentId && _takes.All(t => t.Id != parentId))
            throw new DomainException("A take's parent must be another take of the same shot.");
        if ((generation.ParentTakeId is null) != (generation.Relation == TakeRelation.Original))
            throw new DomainException("A re-roll, extension or variation names its parent take; an original take has none.");
        if (generation.CreditsSpent < 0)
            throw new DomainException("Credits spent cannot be negative.");
        if (string.IsNullOrWhiteSpace(generation.Model))
            throw new DomainException("Name the model that made the take, or leave it as \"unknown\".");
    }
}
