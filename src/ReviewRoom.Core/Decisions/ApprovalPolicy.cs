using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Decisions;

/// <summary>
/// A project's rules for deciding: which roles must approve for a take to count as approved, whether a
/// single Reject blocks, and who may circle the take that goes into the cut.
/// </summary>
public sealed record ApprovalPolicy
{
    public static ApprovalPolicy Default { get; } = new()
    {
        RequiredRoles = [ProjectRole.Director, ProjectRole.VfxLead],
        RejectBlocks = true,
        CirclingRoles = [ProjectRole.Director, ProjectRole.Producer],
    };

    public required IReadOnlyList<ProjectRole> RequiredRoles { get; init; }
    public bool RejectBlocks { get; init; } = true;
    public required IReadOnlyList<ProjectRole> CirclingRoles { get; init; }

    /// <summary>
    /// Whether decisions by guests on review links move a take's status. Off by default: a link can be
    /// forwarded, so the team chooses to let a client's Reject block or their approval be required.
    /// </summary>
    public bool GuestDecisionsCount { get; init; }

    public ApprovalPolicy Validated()
    {
        if (RequiredRoles.Count == 0)
            throw new DomainException("At least one role must approve a take.");
        if (RequiredRoles.Contains(ProjectRole.Viewer) || CirclingRoles.Contains(ProjectRole.Viewer))
            throw new DomainException("Viewers watch; they cannot be required to approve or allowed to circle.");
        if (CirclingRoles.Contains(ProjectRole.Guest))
            throw new DomainException("Guests review; choosing the take for the cut stays with the team.");
        if (RequiredRoles.Contains(ProjectRole.Guest) && !GuestDecisionsCount)
            throw new DomainException("A guest's approval can only be required when guests' decisions count.");
        if (CirclingRoles.Count == 0)
            throw new DomainException("At least one role must be able to circle takes.");
        return this with { RequiredRoles = RequiredRoles.Distinct().Order().ToList(), CirclingRoles = CirclingRoles.Distinct().Order().ToList() };
    }

    public bool CanCircle(ProjectRole role) => CirclingRoles.Contains(role);
}

/// <summary>Who may decide, and how a take's status follows from its current decisions and the policy.</summary>
public static class DecisionPolicy
{
    public static bool CanDecide(ProjectRole role) => role != ProjectRole.Viewer;

    public static bool CanEditPolicy(ProjectRole role, bool isAdmin) => isAdmin || role is ProjectRole.Director or ProjectRole.Producer;

    /// <summary>
    /// The status of a take from each member's current decision (role, kind); guests' decisions only when
    /// the policy counts them. In order: a Reject
    /// blocks when the policy says so (otherwise only when every required role rejected); any Needs
    /// changes requests changes; every required role having an approval approves; anything else is in review.
    /// </summary>
    public static TakeStatus StatusOf(IEnumerable<(ProjectRole Role, DecisionKind Kind)> currentDecisions, ApprovalPolicy policy)
    {
        var decisions = currentDecisions.Where(d => d.Role != ProjectRole.Guest || policy.GuestDecisionsCount).ToList();
        if (decisions.Count == 0)
            return TakeStatus.NotReviewed;
        var rejected = decisions.Any(d => d.Kind == DecisionKind.Reject);
        if (policy.RejectBlocks && rejected)
            return TakeStatus.Rejected;
        if (!policy.RejectBlocks && policy.RequiredRoles.All(role => decisions.Any(d => d.Role == role) && decisions.Where(d => d.Role == role).All(d => d.Kind == DecisionKind.Reject)))
            return TakeStatus.Rejected;
        if (decisions.Any(d => d.Kind == DecisionKind.NeedsChanges))
            return TakeStatus.ChangesRequested;
        if (policy.RequiredRoles.All(role => decisions.Any(d => d.Role == role && d.Kind is DecisionKind.Approve or DecisionKind.ApproveWithChanges)))
            return TakeStatus.Approved;
        return TakeStatus.InReview;
    }

    /// <summary>A shot stands where its circled take stands; without one it is in review once any take has a decision.</summary>
    public static TakeStatus ShotStatusOf(TakeStatus? circledTakeStatus, IEnumerable<TakeStatus> takeStatuses) =>
        circledTakeStatus ?? (takeStatuses.Any(s => s != TakeStatus.NotReviewed) ? TakeStatus.InReview : TakeStatus.NotReviewed);
}
