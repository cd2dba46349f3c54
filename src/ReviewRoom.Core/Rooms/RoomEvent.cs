namespace ReviewRoom.Core.Rooms;

/// <summary>
/// One change in a project's room, written in the same transaction as the change itself (an outbox)
/// and numbered per project, so a client that missed some can ask for everything after the last
/// sequence it applied.
/// </summary>
public sealed class RoomEvent
{
    private RoomEvent()
    {
        Type = "";
        PayloadJson = "{}";
    }

    public RoomEvent(Guid projectId, long sequence, string type, string payloadJson, Guid? actorUserId, string? idempotencyKey, DateTime occurredAtUtc)
    {
        ProjectId = projectId;
        Sequence = sequence;
        Type = type;
        PayloadJson = payloadJson;
        ActorUserId = actorUserId;
        IdempotencyKey = idempotencyKey;
        OccurredAt = occurredAtUtc;
    }

    public long Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public long Sequence { get; private set; }
    public string Type { get; private set; }
    public string PayloadJson { get; private set; }
    public Guid? ActorUserId { get; private set; }

    /// <summary>Chosen by the client so a retried command is stored once.</summary>
    public string? IdempotencyKey { get; private set; }

    public DateTime OccurredAt { get; private set; }
}

/// <summary>The event type names clients can rely on; they are part of the public real-time API.</summary>
public static class RoomEventTypes
{
    public const string ProjectCreated = "project.created";
    public const string ShotAdded = "shot.added";
    public const string ShotChanged = "shot.changed";
    public const string ShotMoved = "shot.moved";
    public const string ShotArchived = "shot.archived";
    public const string ShotRestored = "shot.restored";
    public const string PlaylistSaved = "playlist.saved";
    public const string PlaylistDeleted = "playlist.deleted";
    public const string ProjectChanged = "project.changed";

    /// <summary>Published to open pages only: the project and its stored events are gone.</summary>
    public const string ProjectDeleted = "project.deleted";
    public const string TakeIngested = "take.ingested";
    public const string TakeRemoved = "take.removed";
    public const string TakeRestored = "take.restored";
    public const string IngestQueued = "ingest.queued";
    public const string IngestFailed = "ingest.failed";
    public const string IngestDismissed = "ingest.dismissed";
    public const string GenerationRequested = "generation.requested";
    public const string GenerationClaimed = "generation.claimed";
    public const string GenerationProgressed = "generation.progressed";
    public const string GenerationReleased = "generation.released";
    public const string GenerationFailed = "generation.failed";
    public const string GenerationCancelled = "generation.cancelled";
    public const string GenerationTimedOut = "generation.timed_out";
    public const string ApiTokenCreated = "token.created";
    public const string ApiTokenRevoked = "token.revoked";
    public const string WebhookAdded = "webhook.added";
    public const string WebhookChanged = "webhook.changed";
    public const string WebhookRemoved = "webhook.removed";
    public const string MemberAdded = "member.added";
    public const string MemberRoleChanged = "member.role_changed";
    public const string MemberRemoved = "member.removed";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationRevoked = "invitation.revoked";
    public const string ReviewLinkCreated = "review_link.created";
    public const string ReviewLinkRevoked = "review_link.revoked";
    public const string GuestJoined = "review_link.guest_joined";
    public const string NoteAdded = "note.added";
    public const string NoteEdited = "note.edited";
    public const string NoteDeleted = "note.deleted";
    public const string NoteRestored = "note.restored";
    public const string NoteResolved = "note.resolved";
    public const string NoteReopened = "note.reopened";
    public const string DecisionRecorded = "decision.recorded";
    public const string TakeCircled = "take.circled";
    public const string TakeVoted = "take.voted";
    public const string PolicyChanged = "policy.changed";
}
