using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Decisions;

public enum DecisionKind
{
    Approve = 0,
    ApproveWithChanges = 1,
    NeedsChanges = 2,
    Reject = 3,
}

public enum TakeStatus
{
    NotReviewed = 0,
    InReview = 1,
    ChangesRequested = 2,
    Approved = 3,
    Rejected = 4,
}

/// <summary>
/// One member's decision on a take. A changed mind is a new decision; the old one is kept and marked
/// superseded, so the take's history shows every change.
/// </summary>
public sealed class TakeDecision
{
    public const int MaxCommentLength = 2_000;

    private TakeDecision()
    {
    }

    private TakeDecision(Guid projectId, Guid takeId, Guid userId, ProjectRole role, DecisionKind kind, string? comment, Guid? noteId, DateTime decidedAtUtc)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        TakeId = takeId;
        UserId = userId;
        Role = role;
        Kind = kind;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        NoteId = noteId;
        DecidedAt = decidedAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid TakeId { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The role the member decided in: a policy counts roles, and roles can change later.</summary>
    public ProjectRole Role { get; private set; }

    public DecisionKind Kind { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>The timecoded note made from the comment, when the decision was given at a frame.</summary>
    public Guid? NoteId { get; private set; }

    public DateTime DecidedAt { get; private set; }
    public DateTime? SupersededAt { get; private set; }

    public bool IsCurrent => SupersededAt is null;

    /// <summary>Records a decision; the member's previous current decision on the take, if any, is superseded.</summary>
    public static TakeDecision Record(Guid projectId, Guid takeId, Guid userId, ProjectRole role, DecisionKind kind, string? comment, Guid? noteId,
        TakeDecision? previous, DateTime nowUtc)
    {
        if (!DecisionPolicy.CanDecide(role))
            throw DomainException.Forbidden($"{ProjectRolePolicy.DisplayName(role)}s can watch but not decide on takes.");
        if (comment is { Length: > MaxCommentLength })
            throw new DomainException($"A decision's comment can be at most {MaxCommentLength:N0} characters.");
        if (previous is not null && (previous.UserId != userId || previous.TakeId != takeId))
            throw new ArgumentException("The previous decision must be this member's, on this take.", nameof(previous));
        previous?.Supersede(nowUtc);
        return new TakeDecision(projectId, takeId, userId, role, kind, comment, noteId, nowUtc);
    }

    private void Supersede(DateTime nowUtc) => SupersededAt ??= nowUtc;

    public static string DisplayName(DecisionKind kind) => kind switch
    {
        DecisionKind.ApproveWithChanges => "Approve with changes",
        DecisionKind.NeedsChanges => "Needs changes",
        _ => kind.ToString(),
    };

    public static string DisplayName(TakeStatus status) => status switch
    {
        TakeStatus.NotReviewed => "Not reviewed",
        TakeStatus.InReview => "In review",
        TakeStatus.ChangesRequested => "Changes requested",
        _ => status.ToString(),
    };
}
