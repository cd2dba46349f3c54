using System.Text.Json.Serialization;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Rooms;

/// <summary>
/// What one change in a room says, as a record: writers build it, readers (activity, webhooks, notifications,
/// pages, the hub) get it back from <see cref="RoomEventCatalog.Read"/>. Its properties are its JSON on the
/// wire (camelCase), part of the public real-time API; its wire name is given once, in <see cref="RoomEventCatalog"/>.
/// To add an event: a record here, a line in the catalog, a sentence in the activity describer, a row in the README.
/// </summary>
public interface IRoomEvent;

// Project and board

public sealed record ProjectCreated(Guid ProjectId, string Name) : IRoomEvent;

public sealed record ProjectChanged(string Name, string? Description) : IRoomEvent;

/// <summary>Published to open pages only: the project and its stored events are gone.</summary>
public sealed record ProjectDeleted : IRoomEvent;

public sealed record ShotAdded(Guid ShotId, string Code, int Order) : IRoomEvent;

public sealed record ShotChanged(Guid ShotId, string Code, string? SceneLabel) : IRoomEvent;

public sealed record ShotMoved(Guid ShotId, string Code, int Order) : IRoomEvent;

public sealed record ShotArchived(Guid ShotId, string Code) : IRoomEvent;

public sealed record ShotRestored(Guid ShotId, string Code) : IRoomEvent;

/// <summary>A dailies playlist was made or changed (its name, or its takes and their order).</summary>
public sealed record PlaylistSaved(Guid PlaylistId, string Name, int Takes) : IRoomEvent;

public sealed record PlaylistDeleted(Guid PlaylistId, string Name) : IRoomEvent;

// Takes and ingest

/// <summary>A take joined its shot; the job, file and token are there when it came through an upload.</summary>
public sealed record TakeIngested(
    Guid TakeId,
    Guid ShotId,
    int Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? JobId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FileName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Proxy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? RequestId = null) : IRoomEvent;

public sealed record TakeRemoved(Guid TakeId, Guid ShotId, int Version) : IRoomEvent;

public sealed record TakeRestored(Guid TakeId, Guid ShotId, int Version) : IRoomEvent;

/// <summary>A file was uploaded for a shot (again, when <see cref="Retry"/>) and waits to become a take.</summary>
public sealed record IngestQueued(
    Guid JobId,
    Guid ShotId,
    string FileName,
    long SizeBytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Retry = null) : IRoomEvent;

public sealed record IngestFailed(Guid JobId, Guid ShotId, string FileName, string Reason) : IRoomEvent;

public sealed record IngestDismissed(Guid JobId, Guid ShotId) : IRoomEvent;

// Generation requests: each names its request and shot, so a board can redraw that shot's pending cards.

/// <summary>Someone asked for <see cref="Count"/> new takes made from <see cref="ParentTakeId"/>.</summary>
public sealed record GenerationRequested(
    Guid RequestId,
    Guid ShotId,
    Guid ParentTakeId,
    int Count,
    TakeRelation Relation,
    string Model,
    IReadOnlyList<Guid> AnsweredNoteIds,
    decimal? EstimatedCredits,
    DateTime ClaimBy) : IRoomEvent;

/// <summary>A pipeline took the request (or renewed its hold on it).</summary>
public sealed record GenerationClaimed(Guid RequestId, Guid ShotId, string By, DateTime LeaseExpiresAt) : IRoomEvent;

public sealed record GenerationProgressed(Guid RequestId, Guid ShotId, string By, double Progress, string? Message) : IRoomEvent;

/// <summary>The pipeline holding the request stopped reporting; it waits for a pipeline again.</summary>
public sealed record GenerationReleased(Guid RequestId, Guid ShotId, string By, DateTime ClaimBy) : IRoomEvent;

public sealed record GenerationFailed(Guid RequestId, Guid ShotId, string By, string Reason) : IRoomEvent;

public sealed record GenerationCancelled(Guid RequestId, Guid ShotId, int FilledCount) : IRoomEvent;

/// <summary>Nothing claimed the request before its time ran out.</summary>
public sealed record GenerationTimedOut(Guid RequestId, Guid ShotId, int FilledCount) : IRoomEvent;

// Integrations

public sealed record ApiTokenCreated(Guid TokenId, string Name, ApiTokenScope Scope) : IRoomEvent;

public sealed record ApiTokenRevoked(Guid TokenId, string Name) : IRoomEvent;

public sealed record WebhookAdded(Guid WebhookId, IReadOnlyList<string> Events) : IRoomEvent;

public sealed record WebhookChanged(Guid WebhookId, bool Active) : IRoomEvent;

public sealed record WebhookRemoved(Guid WebhookId) : IRoomEvent;

// People

/// <summary>
/// Whose membership changed and to what. Pages and hub connections read it to follow their own person's
/// role without a reload.
/// </summary>
public abstract record MembershipChanged(Guid UserId, ProjectRole Role, Guid? InvitationId) : IRoomEvent;

/// <summary>Someone joined (by an invitation when <see cref="MembershipChanged.InvitationId"/> is set) or was added.</summary>
public sealed record MemberAdded(Guid UserId, ProjectRole Role, Guid? InvitationId = null) : MembershipChanged(UserId, Role, InvitationId);

public sealed record MemberRoleChanged(Guid UserId, ProjectRole Role, Guid? InvitationId = null) : MembershipChanged(UserId, Role, InvitationId);

public sealed record MemberRemoved(Guid UserId, ProjectRole Role, Guid? InvitationId = null) : MembershipChanged(UserId, Role, InvitationId);

/// <summary>Never the link itself: only who holds the secret may use it.</summary>
public sealed record InvitationCreated(Guid InvitationId, ProjectRole Role, string? Note, bool SingleUse) : IRoomEvent;

public sealed record InvitationRevoked(Guid InvitationId, string? Note) : IRoomEvent;

public sealed record ReviewLinkCreated(Guid LinkId, string? Note, GuestAccess Access, int Items) : IRoomEvent;

public sealed record ReviewLinkRevoked(Guid LinkId, string? Note) : IRoomEvent;

/// <summary>The actor is the guest; <see cref="Name"/> ends in "(guest)".</summary>
public sealed record GuestJoined(Guid LinkId, Guid UserId, string Name) : IRoomEvent;

// Notes: each carries the note as it now is, and its JSON is the note itself.

public abstract record NoteChanged(NoteView Note) : IRoomEvent;

public sealed record NoteAdded(NoteView Note) : NoteChanged(Note);

public sealed record NoteEdited(NoteView Note) : NoteChanged(Note);

public sealed record NoteResolved(NoteView Note) : NoteChanged(Note);

public sealed record NoteReopened(NoteView Note) : NoteChanged(Note);

public sealed record NoteDeleted(NoteView Note) : NoteChanged(Note);

public sealed record NoteRestored(NoteView Note) : NoteChanged(Note);

// Decisions

public sealed record DecisionRecorded(
    Guid DecisionId,
    Guid TakeId,
    Guid UserId,
    ProjectRole Role,
    DecisionKind Kind,
    string? Comment,
    Guid? NoteId,
    Guid? ReplacedDecisionId,
    TakeStatus PreviousStatus,
    TakeStatus Status) : IRoomEvent;

/// <summary>A shot's circle moved to <see cref="TakeId"/>, or was removed when it is null.</summary>
public sealed record TakeCircled(Guid SelectionId, Guid ShotId, Guid? TakeId, Guid UserId, bool TakeWasApproved, string? Reason) : IRoomEvent;

public sealed record TakeVoted(Guid TakeId, Guid UserId, bool Starred) : IRoomEvent;

/// <summary>Its JSON is the project's new rules.</summary>
public sealed record PolicyChanged(ApprovalPolicy Policy) : IRoomEvent;
