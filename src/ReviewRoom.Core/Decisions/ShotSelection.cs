using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Decisions;

/// <summary>
/// One change of a shot's circled take. The newest row is the current selection; the rest are the
/// shot's selection history. A null take means the circle was removed.
/// </summary>
public sealed class ShotSelection
{
    public const int MaxReasonLength = 1_000;

    private ShotSelection()
    {
    }

    private ShotSelection(Guid projectId, Guid shotId, Guid? takeId, Guid userId, string? reason, bool takeWasApproved, DateTime selectedAtUtc)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        ShotId = shotId;
        TakeId = takeId;
        UserId = userId;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        TakeWasApproved = takeWasApproved;
        SelectedAt = selectedAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid ShotId { get; private set; }
    public Guid? TakeId { get; private set; }
    public Guid UserId { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>False when someone circled a take that was not approved at the time (they confirmed it).</summary>
    public bool TakeWasApproved { get; private set; }

    public DateTime SelectedAt { get; private set; }

    public static ShotSelection Circle(Guid projectId, Shot shot, Guid? takeId, Guid userId, ProjectRole role, ApprovalPolicy policy,
        TakeStatus? takeStatus, bool confirmedNotApproved, string? reason, DateTime nowUtc)
    {
        if (!policy.CanCircle(role))
            throw DomainException.Forbidden($"In this project, {string.Join(" and ", policy.CirclingRoles.Select(ProjectRolePolicy.DisplayName))} circle takes.");
        if (takeId is { } id && shot.Takes.All(t => t.Id != id))
            throw new DomainException("That take is not one of this shot's takes.");
        if (reason is { Length: > MaxReasonLength })
            throw new DomainException($"A reason can be at most {MaxReasonLength:N0} characters.");
        var approved = takeStatus == TakeStatus.Approved;
        if (takeId is not null && !approved && !confirmedNotApproved)
            throw new DomainException("This take is not approved. Confirm that it should go into the cut anyway.");
        return new ShotSelection(projectId, shot.Id, takeId, userId, reason, takeId is null || approved, nowUtc);
    }
}

/// <summary>A member's personal star on a take: a preference, not a decision.</summary>
public sealed class TakeVote
{
    private TakeVote()
    {
    }

    public TakeVote(Guid projectId, Guid takeId, Guid userId, DateTime votedAtUtc)
    {
        ProjectId = projectId;
        TakeId = takeId;
        UserId = userId;
        VotedAt = votedAtUtc;
    }

    public Guid ProjectId { get; private set; }
    public Guid TakeId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime VotedAt { get; private set; }
}
